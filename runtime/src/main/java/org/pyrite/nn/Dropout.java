package org.pyrite.nn;

import org.pyrite.distributions.Rng;
import org.pyrite.tensor.Tensor;

/**
 * Dropout (torch's {@code nn.Dropout}): in training mode each entry is zeroed with probability
 * {@code p} and the others scaled by {@code 1 / (1 - p)}, so the expected output is the input;
 * in {@linkplain Module#eval() evaluation mode} the input passes unchanged. The mask is drawn from
 * the current thread's generator, so a seeded run drops the same entries.
 */
public final class Dropout extends Module {
    private final double p;

    /** Dropout with drop probability {@code p} in {@code [0, 1)}. */
    public Dropout(double p) {
        if (!(p >= 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0.0) {
            return x;
        }
        Rng rng = Rng.current();
        double keep = 1.0 / (1.0 - p);
        double[] mask = new double[x.numel()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.uniform() < p ? 0.0 : keep;
        }
        return x.mul(Tensor.fromArray(mask, x.shape()));
    }

    @Override
    public String toString() {
        return "Dropout(" + p + ", " + path() + ")";
    }
}
