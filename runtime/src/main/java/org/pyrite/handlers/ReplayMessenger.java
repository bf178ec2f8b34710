package org.pyrite.handlers;

/**
 * Makes latent sample sites take the values a recorded trace (usually a guide's) gave them
 * (Pyro's {@code replay}). Observed sites keep their data; sites the trace lacks are drawn as usual.
 *
 * <pre>{@code
 * Trace guideTrace = Poutine.trace(guide).getTrace(args);
 * Trace modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
 * }</pre>
 */
public final class ReplayMessenger extends Messenger {
    private final Trace source;

    /** Replays the sample values of {@code source}. */
    public ReplayMessenger(Trace source) {
        this.source = source;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SUBSAMPLE) {
            Site drawn = source.siteOrNull(msg.name());
            if (drawn != null && drawn.type() == Message.Type.SUBSAMPLE) {
                // Model and guide must see the same mini-batch.
                msg.setValue(drawn.value());
                msg.setDone(true);
            }
            return;
        }
        if (msg.type() != Message.Type.SAMPLE || msg.isObserved()) {
            return;
        }
        Site site = source.siteOrNull(msg.name());
        if (site == null) {
            return;
        }
        if (!site.isSample() || site.isObserved()) {
            throw new IllegalStateException("site '" + msg.name() + "' must be a latent sample site in the replayed trace, but there it is "
                    + (site.isSample() ? "observed" : "a param site") + "; rename one of them");
        }
        msg.setValue(site.value());
        msg.setDone(true);
    }
}
