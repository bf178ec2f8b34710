package org.pyrite.handlers;

import org.pyrite.distributions.Enumerable;

/**
 * Marks every latent sample site whose distribution can be enumerated for parallel enumeration,
 * unless the site already says how to enumerate (Pyro's {@code config_enumerate}).
 *
 * <pre>{@code
 * Model<Tensor, Void> enumerated = Poutine.configEnumerate(model);
 * }</pre>
 */
public final class ConfigEnumerateMessenger extends Messenger {
    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE || msg.isObserved() || !(msg.distribution() instanceof Enumerable)
                || msg.distribution().eventShape().length != 0) {
            return;
        }
        if (msg.inferOrNull() == null || !msg.inferOrNull().containsKey("enumerate")) {
            msg.infer().put("enumerate", "parallel");
        }
    }
}
