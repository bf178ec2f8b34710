package org.pyrite.infer.mcmc;

import java.util.Map;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.tensor.Tensor;

/**
 * Gives each latent sample site of a run the value the sampler's current point holds for it (the
 * {@code substitute} of Pyro's potential function). Sites it does not know pass through: handlers
 * outside it (a {@code condition} the caller entered around the MCMC run) see them after it.
 */
final class LatentValuesMessenger extends Messenger {
    private final Map<String, Integer> index;
    private Tensor[] values;

    LatentValuesMessenger(Map<String, Integer> index) {
        this.index = index;
    }

    /** Whether {@code name} is one of the sampler's latent sites. */
    boolean knows(String name) {
        return index.containsKey(name);
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
            // Not one of the sampler's sites: an outer handler (a condition the caller entered) may
            // still observe it; a latent site the sampler does not know is found in the trace after the run.
            return;
        }
        msg.setValue(values[at]);
        msg.setDone(true);
    }
}
