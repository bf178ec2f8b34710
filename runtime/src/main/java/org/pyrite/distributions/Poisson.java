package org.pyrite.distributions;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The Poisson distribution over the counts {@code 0, 1, 2, ...} with mean {@code rate}
 * (&ge; 0; a rate of 0 puts all mass on 0, as in torch).
 *
 * <pre>{@code
 * Poisson arrivals = Poisson.of(3.5);
 * Tensor k = arrivals.sample();              // a non-negative integer
 * Tensor lp = arrivals.logProb(2.0);         // 2 log 3.5 - 3.5 - log 2!
 * }</pre>
 *
 * <p>{@code logProb} is {@code k log(rate) - rate - lgamma(k + 1)}, with {@code k log(rate)} taken
 * as 0 for {@code k = 0} (so {@code logProb(0) = 0} at rate 0), evaluated by
 * {@link Tensor#poissonLogProb} in Loader's saddle-point form (as R's {@code dpois}), which keeps
 * full precision at large rates where the three terms above cancel. Draws come from Commons RNG's
 * {@link PoissonSampler} (exact; rates up to {@code Integer.MAX_VALUE}).
 */
public final class Poisson extends Distribution {
    private final Tensor rate;

    private Poisson(Tensor rate) {
        checkParam("Poisson", "rate", rate, Constraints.nonnegative());
        this.rate = rate;
    }

    /** Poisson with mean {@code rate} &ge; 0. */
    public static Poisson of(Tensor rate) {
        return new Poisson(rate);
    }

    /** Poisson with mean {@code rate} &ge; 0. */
    public static Poisson of(double rate) {
        return new Poisson(Tensor.scalar(rate));
    }

    /** The rate (mean). */
    public Tensor rate() {
        return rate;
    }

    @Override
    public int[] batchShape() {
        return rate.shape();
    }

    @Override
    public Constraint support() {
        return Constraints.nonnegativeInteger();
    }

    @Override
    public Tensor mean() {
        return rate;
    }

    @Override
    public Tensor variance() {
        return rate;
    }

    /**
     * Draws of shape {@code sampleShape + batchShape}.
     *
     * @throws IllegalArgumentException for a rate above {@code Integer.MAX_VALUE}, which the sampler does not cover
     */
    @Override
    public Tensor sample(int... sampleShape) {
        int[] batchShape = rate.shape();
        int[] shape = extendShape(sampleShape, batchShape);
        int draws = Shape.numel(sampleShape);
        double[] r = rate.detach().toArray();
        UniformRandomProvider rng = Rng.current().provider();
        double[] out = new double[Shape.numel(shape)];
        for (int b = 0; b < r.length; b++) {
            if (r[b] == 0.0) {
                continue; // all mass on 0; the sampler needs a positive mean
            }
            if (!(r[b] <= Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("Poisson.sample: rate " + r[b] + " at flat index " + b
                        + " is above " + Integer.MAX_VALUE + ", the largest the sampler supports");
            }
            DiscreteSampler sampler = PoissonSampler.of(rng, r[b]);
            for (int s = 0; s < draws; s++) {
                out[s * r.length + b] = sampler.sample();
            }
        }
        return shape.length == 0 ? Tensor.scalar(out[0]) : Tensor.fromArray(out, shape);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        return value.poissonLogProb(rate);
    }

    @Override
    public Poisson expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Poisson(rate.expand(newBatchShape));
    }
}
