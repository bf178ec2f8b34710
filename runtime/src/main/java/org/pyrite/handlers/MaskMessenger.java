package org.pyrite.handlers;

import org.pyrite.tensor.Tensor;

/**
 * Masks the log-density of sample sites inside it (Pyro's {@code mask}): where the mask is 0 a
 * site contributes nothing, where it is 1 it contributes as usual. The mask broadcasts against
 * each site's batch shape; nested masks combine by logical and.
 *
 * <pre>{@code
 * try (MaskMessenger m = new MaskMessenger(Tensor.of(1, 0, 1)).enter()) {
 *     sample("y", Normal.of(mu, 1.0).expand(3), y);   // the second y is ignored
 * }
 * }</pre>
 */
public final class MaskMessenger extends Messenger {
    private final Tensor mask;

    /** Masks with a 0/1 tensor. */
    public MaskMessenger(Tensor mask) {
        double[] v = mask.toArray();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0.0 && v[i] != 1.0) {
                throw new IllegalArgumentException("mask: entries must be 0 or 1, got " + v[i] + " at flat index " + i);
            }
        }
        this.mask = mask.detach();
    }

    private MaskMessenger(MaskMessenger template) {
        this.mask = template.mask;
    }

    /** A fresh messenger with the same, already checked mask (a model wrapper makes one per call). */
    public MaskMessenger copy() {
        return new MaskMessenger(this);
    }

    /** Masks everything ({@code false}) or nothing ({@code true}). */
    public MaskMessenger(boolean keep) {
        this(Tensor.scalar(keep ? 1.0 : 0.0));
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SAMPLE) {
            msg.setMask(msg.mask() == null ? mask : msg.mask().mul(mask));
        }
    }
}
