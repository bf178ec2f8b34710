package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The Bernoulli distribution over {0, 1}, parametrized by the probability {@code probs} of a 1 or
 * by its log-odds {@code logits}; parameters broadcast to the batch shape.
 *
 * <pre>{@code
 * Bernoulli coin = Bernoulli.probs(0.3);
 * Tensor flip = coin.sample();                       // 0.0 or 1.0
 * Tensor lp = Bernoulli.logits(-0.85).logProb(1.0);  // log sigmoid(-0.85)
 * }</pre>
 *
 * <p>{@code logProb} is computed without forming {@code 0 * log 0}: from logits as
 * {@code value * logits - softplus(logits)} (stable for any finite logit); from probs as
 * {@code log p} for a 1 and {@code log1p(-p)} for a 0, which is accurate for the given {@code p}
 * (no round trip through logits) and finite wherever the mass is not zero (so
 * {@code probs(1.0).logProb(1.0)} is 0, not NaN).
 * There is no reparameterized sampler.
 */
public final class Bernoulli extends Distribution implements Enumerable {
    private final Tensor probs;   // null when parametrized by logits
    private final Tensor logits;  // null when parametrized by probs
    private final int[] batchShape;

    private Bernoulli(Tensor probs, Tensor logits) {
        ProbsOrLogits.check("Bernoulli", probs, logits, Constraints.unitInterval());
        this.probs = probs;
        this.logits = logits;
        this.batchShape = (probs != null ? probs : logits).shape();
    }

    /** Bernoulli with success probability {@code probs} in [0, 1]. */
    public static Bernoulli probs(Tensor probs) {
        return new Bernoulli(probs, null);
    }

    /** Bernoulli with success probability {@code probs} in [0, 1]. */
    public static Bernoulli probs(double probs) {
        return new Bernoulli(Tensor.scalar(probs), null);
    }

    /** Bernoulli with log-odds {@code logits} (success probability {@code sigmoid(logits)}). */
    public static Bernoulli logits(Tensor logits) {
        return new Bernoulli(null, logits);
    }

    /** Bernoulli with log-odds {@code logits} (success probability {@code sigmoid(logits)}). */
    public static Bernoulli logits(double logits) {
        return new Bernoulli(null, Tensor.scalar(logits));
    }

    /** The success probability (computed as {@code sigmoid(logits)} when built from logits). */
    public Tensor probs() {
        return ProbsOrLogits.probs(probs, logits);
    }

    /** The log-odds (computed as {@code log p - log1p(-p)} when built from probs; infinite at 0 and 1). */
    public Tensor logits() {
        return ProbsOrLogits.logits(probs, logits);
    }

    /** Whether this was built from logits. */
    public boolean isLogitParametrized() {
        return logits != null;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.booleanConstraint();
    }

    @Override
    public Tensor mean() {
        return probs();
    }

    @Override
    public Tensor variance() {
        Tensor p = probs();
        return p.mul(p.rsub(1.0));
    }

    @Override
    public Tensor sample(int... sampleShape) {
        int[] shape = extendShape(sampleShape, batchShape);
        Rng rng = Rng.current();
        double[] p = probs().detach().expand(batchShape).toArray();
        if (shape.length == 0) {
            return Tensor.scalar(rng.uniform() < p[0] ? 1.0 : 0.0);
        }
        double[] out = new double[Shape.numel(shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.uniform() < p[i % p.length] ? 1.0 : 0.0;
        }
        return Tensor.fromArray(out, shape);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        if (logits != null) {
            return logits.bernoulliLogProb(value);
        }
        // log p where value is 1, log1p(-p) where it is 0. Each log sees p only where its branch is
        // taken (a neutral argument elsewhere), so there is no 0 * log(0) at p in {0, 1} and no
        // NaN gradient through the branch not taken; log1p keeps log(1 - p) accurate for small p.
        Tensor one = value.eq(1.0);
        Tensor logP = Tensor.where(one, probs, Tensor.scalar(1.0)).log();
        Tensor logQ = Tensor.where(one, Tensor.scalar(0.0), probs).neg().log1p();
        return logP.add(logQ);
    }

    @Override
    public Bernoulli expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return probs != null ? new Bernoulli(probs.expand(newBatchShape), null)
                : new Bernoulli(null, logits.expand(newBatchShape));
    }

    /** The support {@code [0, 1]}. */
    @Override
    public Tensor enumerateSupport() {
        return Tensor.of(0.0, 1.0);
    }
}
