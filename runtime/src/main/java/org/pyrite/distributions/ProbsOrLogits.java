package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The probs-or-logits parametrization that {@link Bernoulli}, {@link Binomial} and
 * {@link Geometric} share: each holds both fields, exactly one of them non-null, and derives the
 * other on demand with these helpers.
 */
final class ProbsOrLogits {
    private ProbsOrLogits() {}

    /** Checks the one given: {@code probs} against {@code probsDomain}, or {@code logits} as real. */
    static void check(String distribution, Tensor probs, Tensor logits, Constraint probsDomain) {
        if (probs != null) {
            Distribution.checkParam(distribution, "probs", probs, probsDomain);
        } else {
            Distribution.checkParam(distribution, "logits", logits, Constraints.real());
        }
    }

    /** {@code probs}, or {@code sigmoid(logits)} when built from logits. */
    static Tensor probs(Tensor probs, Tensor logits) {
        return probs != null ? probs : logits.sigmoid();
    }

    /** {@code logits}, or the log-odds {@code log p - log1p(-p)} when built from probs. */
    static Tensor logits(Tensor probs, Tensor logits) {
        return logits != null ? logits : probs.log().sub(probs.neg().log1p());
    }
}
