package org.pyrite.handlers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.tensor.Tensor;

/**
 * Fixes sample sites to observed values (Pyro's {@code condition}): the site keeps its
 * distribution and contributes its log-density as data.
 *
 * <pre>{@code
 * try (ConditionMessenger c = new ConditionMessenger(Map.of("measurement", 9.5)).enter()) {
 *     scale(8.5);
 * }
 * }</pre>
 *
 * <p>When the scope closes after a run that finished normally, a name that matched no site is an
 * error naming it (with the closest site name). A site that is already observed (inline
 * {@code obs}, or an inner {@code condition}) may not be conditioned again.
 */
public final class ConditionMessenger extends DataMessenger {
    /** Conditions on a map from site names to {@code Double}s or {@code Tensor}s. */
    public ConditionMessenger(Map<String, ?> data) {
        super(toTensors("condition", data));
    }

    private ConditionMessenger(ConditionMessenger template) {
        super(template);
    }

    /** A fresh messenger with the same data (a messenger serves one scope; a model wrapper makes one per call). */
    public ConditionMessenger copy() {
        return new ConditionMessenger(this);
    }

    /**
     * Conditions on the values of a trace's latent sample sites. Its observed sites are left out:
     * the model observes them itself, and conditioning them again would be an error.
     */
    public static ConditionMessenger of(Trace trace) {
        Map<String, Tensor> data = new LinkedHashMap<>();
        for (Site s : trace.sites()) {
            if (s.isSample() && !s.isObserved()) {
                data.put(s.name(), s.value());
            }
        }
        return new ConditionMessenger(data);
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE) {
            return;
        }
        Tensor v = lookup(msg);
        if (v == null) {
            return;
        }
        if (msg.isObserved()) {
            if (msg.conditioner() == this) {
                // intervene's counterfactual copy of a site this handler already conditioned, sent
                // through the stack again (Pyro's do around condition): it keeps this value.
                return;
            }
            throw new IllegalArgumentException("site '" + msg.name() + "' is conditioned twice: it is already observed (value "
                    + msg.value() + "); a site may be constrained once, so drop one of the conditions");
        }
        msg.setValue(v);
        msg.setObserved(true);
        msg.setConditioner(this);
    }

    @Override
    String handlerName() {
        return "condition";
    }
}
