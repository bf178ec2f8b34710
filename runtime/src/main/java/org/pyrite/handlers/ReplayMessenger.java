package org.pyrite.handlers;

import org.pyrite.distributions.Distribution;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

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
        Tensor value = site.value();
        // An enumerated guide value holds its support along a dimension left of the plates.
        if (value.rank() > 0 && !site.infer().containsKey(EnumMessenger.VAR_KEY)) {
            checkFits(msg, value);
        }
        msg.setValue(value);
        msg.setDone(true);
    }

    /** A replayed value may not be larger than the site's distribution: it would silently widen the site. */
    private static void checkFits(Message msg, Tensor value) {
        Distribution d = msg.distribution();
        int[] siteShape = Shape.concat(d.batchShape(), d.eventShape());
        int[] valueShape = value.shape();
        boolean fits;
        try {
            fits = java.util.Arrays.equals(Shape.broadcast(valueShape, siteShape), siteShape);
        } catch (IllegalArgumentException e) {
            fits = false;
        }
        if (!fits) {
            throw new IllegalArgumentException("site '" + msg.name() + "': the replayed value has shape " + Shape.toString(valueShape)
                    + " but the model's distribution there has shape " + Shape.toString(siteShape) + " (batch "
                    + Shape.toString(d.batchShape()) + ", event " + Shape.toString(d.eventShape())
                    + "); make the guide's site the model's shape");
        }
    }
}
