package org.pyrite.handlers;

import java.util.Map;
import org.pyrite.tensor.Tensor;

/**
 * Pearl's do-operator (Pyro's {@code do}; {@code do} is a Java keyword): the rest of the model
 * sees the intervened value, as if the site's mechanism had been replaced.
 *
 * <pre>{@code
 * Model<Double, Tensor> m = Pyrite.intervene(Tutorial::scale2, Map.of("weight", 9.2));
 * }</pre>
 *
 * <p>As in Pyro, the site is split in two: the original sample statement still runs through the
 * outer handlers under its own name and draws its value from its distribution (the counterfactual
 * sample, which a trace records as a latent site), while the model itself receives the
 * intervened value, which outer handlers do not see. So {@code trace(intervene(m, {w: 9.2}))}
 * records a freshly drawn {@code w}, and every site downstream of {@code w} depends on 9.2.
 * An intervened value is not an observation: it contributes no log-density.
 */
public final class InterveneMessenger extends DataMessenger {
    /** Intervenes with a map from site names to {@code Double}s or {@code Tensor}s. */
    public InterveneMessenger(Map<String, ?> data) {
        super(toTensors("intervene", data));
    }

    private InterveneMessenger(InterveneMessenger template) {
        super(template);
    }

    /** A fresh messenger with the same data (a messenger serves one scope; a model wrapper makes one per call). */
    public InterveneMessenger copy() {
        return new InterveneMessenger(this);
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE || msg.intervener() == this) {
            return;
        }
        Tensor v = lookup(msg);
        if (v == null) {
            return;
        }
        if (msg.intervener() != null) {
            throw new IllegalArgumentException("site '" + msg.name() + "' is intervened on twice; intervene on each site once");
        }
        msg.setIntervener(this);
        // The counterfactual copy goes through the whole stack under the original name; this
        // handler skips it because it carries this handler as its intervener.
        Message counterfactual = msg.copy();
        HandlerStack.apply(counterfactual);
        msg.setName(msg.name() + "__CF");
        msg.setValue(v);
        msg.setObserved(false);
        msg.setDone(true);
        msg.stop();
    }

    @Override
    String handlerName() {
        return "intervene";
    }
}
