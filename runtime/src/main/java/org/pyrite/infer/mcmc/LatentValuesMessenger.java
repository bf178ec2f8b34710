package org.pyrite.infer.mcmc;

import java.util.Map;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.tensor.Tensor;

/**
 * Gives each latent sample site of a run the value the sampler's current point holds for it (the
 * {@code substitute} of Pyro's potential function). A latent site the sampler does not know means
 * the model's structure changed since its sites were found: an error, as a potential over a
 * different set of variables would be silently wrong.
 */
final class LatentValuesMessenger extends Messenger {
    private final Map<String, Integer> index;
    private Tensor[] values;

    LatentValuesMessenger(Map<String, Integer> index) {
        this.index = index;
    }

    /** The values for the next run, in the order of {@code index}. */
    void setValues(Tensor[] values) {
        this.values = values;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE || msg.isObserved() || msg.isDone() || msg.value() != null) {
            return;
        }
        Integer at = index.get(msg.name());
        if (at == null) {
            throw new IllegalStateException("MCMC: the latent site '" + msg.name() + "' (" + msg.distribution().name()
                    + ") was not in the model's first run, whose latent sites are " + index.keySet()
                    + "; HMC and NUTS need a model whose latent sites are the same on every run (no site that depends on"
                    + " a sampled value)");
        }
        msg.setValue(values[at]);
        msg.setDone(true);
    }
}
