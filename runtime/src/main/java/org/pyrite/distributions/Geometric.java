package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The geometric distribution with torch/Pyro semantics: the number of failures before the first
 * success in independent trials that each succeed with probability {@code probs} in (0, 1] (or
 * {@code sigmoid(logits)}). The support is {@code 0, 1, 2, ...}, with mass
 * {@code (1 - p)^k p}.
 *
 * <pre>{@code
 * Geometric g = Geometric.probs(0.25);
 * Tensor k = g.sample();            // failures before the first success
 * Tensor lp = g.logProb(2.0);       // 2 log 0.75 + log 0.25
 * double mean = g.mean().item();    // (1 - p) / p = 3
 * }</pre>
 *
 * <p>{@code logProb} is {@code k log1p(-p) + log p}, with {@code k log1p(-p)} taken as 0 for
 * {@code k = 0} (so {@code probs(1).logProb(0) = 0}); from logits it is
 * {@code -k softplus(logits) - softplus(-logits)}. Draws invert the CDF:
 * {@code floor(log(u) / log1p(-p))} with {@code u} uniform on (0, 1].
 */
public final class Geometric extends Distribution {
    private static final Constraint PROBS_DOMAIN = new Constraint() {
        @Override
        public Tensor check(Tensor v) {
            return v.gt(0.0).mul(v.le(1.0));
        }

        @Override
        public String describe() {
            return "interval (0.0, 1.0]";
        }

        @Override
        public String toString() {
            return describe();
        }
    };

    private final Tensor probs;   // null when parametrized by logits
    private final Tensor logits;  // null when parametrized by probs

    private Geometric(Tensor probs, Tensor logits) {
        ProbsOrLogits.check("Geometric", probs, logits, PROBS_DOMAIN);
        this.probs = probs;
        this.logits = logits;
    }

    /** Geometric with success probability {@code probs} in (0, 1]. */
    public static Geometric probs(Tensor probs) {
        return new Geometric(probs, null);
    }

    /** Geometric with success probability {@code probs} in (0, 1]. */
    public static Geometric probs(double probs) {
        return new Geometric(Tensor.scalar(probs), null);
    }

    /** Geometric with success log-odds {@code logits}. */
    public static Geometric logits(Tensor logits) {
        return new Geometric(null, logits);
    }

    /** Geometric with success log-odds {@code logits}. */
    public static Geometric logits(double logits) {
        return new Geometric(null, Tensor.scalar(logits));
    }

    /** The success probability (computed as {@code sigmoid(logits)} when built from logits). */
    public Tensor probs() {
        return ProbsOrLogits.probs(probs, logits);
    }

    /** The log-odds (computed as {@code log p - log1p(-p)} when built from probs). */
    public Tensor logits() {
        return ProbsOrLogits.logits(probs, logits);
    }

    @Override
    public int[] batchShape() {
        return (probs != null ? probs : logits).shape();
    }

    @Override
    public Constraint support() {
        return Constraints.nonnegativeInteger();
    }

    /** {@code (1 - p) / p}. */
    @Override
    public Tensor mean() {
        Tensor p = probs();
        return p.rsub(1.0).div(p);
    }

    /** {@code (1 - p) / p^2}. */
    @Override
    public Tensor variance() {
        Tensor p = probs();
        return p.rsub(1.0).div(p.square());
    }

    @Override
    public Tensor sample(int... sampleShape) {
        int[] batchShape = batchShape();
        int[] shape = extendShape(sampleShape, batchShape);
        double[] p = probs().detach().toArray();
        // log(1 - p); from logits as -softplus(logits), which keeps its accuracy when p is near 1.
        double[] logQ = logits != null ? logits.detach().softplus().neg().toArray() : new double[p.length];
        if (logits == null) {
            for (int b = 0; b < p.length; b++) {
                logQ[b] = Math.log1p(-p[b]);
            }
        }
        Rng rng = Rng.current();
        double[] out = new double[Shape.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int b = i % p.length;
            double u = 1.0 - rng.uniform(); // in (0, 1]
            // p = 1: log(1 - p) = -inf and the quotient would be -0.0; every draw is 0 then.
            // "+ 0.0" turns the -0.0 of u = 1 into 0.0.
            out[i] = logQ[b] == Double.NEGATIVE_INFINITY ? 0.0 : Math.floor(Math.log(u) / logQ[b]) + 0.0;
        }
        return shape.length == 0 ? Tensor.scalar(out[0]) : Tensor.fromArray(out, shape);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        if (logits != null) {
            return value.mul(logits.softplus()).neg().sub(logits.neg().softplus());
        }
        // k log1p(-p) with a neutral argument where k = 0: no 0 * (-inf) at p = 1, no NaN gradient.
        Tensor logQ = Tensor.where(value.eq(0.0), Tensor.scalar(0.0), probs).neg().log1p();
        return value.mul(logQ).add(probs.log());
    }

    @Override
    public Geometric expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return probs != null ? new Geometric(probs.expand(newBatchShape), null)
                : new Geometric(null, logits.expand(newBatchShape));
    }
}
