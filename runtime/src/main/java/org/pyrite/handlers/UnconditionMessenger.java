package org.pyrite.handlers;

/**
 * Turns observed sample sites back into latent ones (Pyro's {@code uncondition}): they are drawn
 * from their distributions; the data they had is kept in the site's infer options under
 * {@code "obs"}, with {@code "was_observed"} set.
 *
 * <pre>{@code
 * try (UnconditionMessenger u = new UnconditionMessenger().enter()) {
 *     conditioned.call(8.5);   // "measurement" is sampled, not observed
 * }
 * }</pre>
 */
public final class UnconditionMessenger extends Messenger {
    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SAMPLE && msg.isObserved()) {
            msg.infer().put("was_observed", Boolean.TRUE);
            msg.infer().put("obs", msg.value());
            msg.setObserved(false);
            msg.setValue(null);
            msg.setDone(false);
        }
    }
}
