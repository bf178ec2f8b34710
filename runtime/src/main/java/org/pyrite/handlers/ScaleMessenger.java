package org.pyrite.handlers;

/**
 * Multiplies the log-density of every sample site inside it by a positive factor (Pyro's
 * {@code scale}), e.g. to weight a mini-batch up to the full data set.
 *
 * <pre>{@code
 * try (ScaleMessenger s = new ScaleMessenger(100.0).enter()) {
 *     sample("y", Normal.of(mu, 1.0), y);
 * }
 * }</pre>
 */
public final class ScaleMessenger extends Messenger {
    private final double factor;

    /** Scales by {@code factor} (finite, &gt; 0). */
    public ScaleMessenger(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale: factor must be finite and > 0, got " + factor);
        }
        this.factor = factor;
    }

    @Override
    protected void process(Message msg) {
        msg.setScale(msg.scale() * factor);
    }
}
