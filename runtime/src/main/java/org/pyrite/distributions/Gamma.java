package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The Gamma distribution with shape {@code concentration} and {@code rate} (inverse scale), density
 * {@code rate^c x^(c-1) e^(-rate x) / Gamma(c)} on {@code x > 0}; parameters broadcast to the batch
 * shape.
 *
 * <pre>{@code
 * Gamma prior = Gamma.of(2.0, 0.5);            // mean 4, variance 8
 * Tensor lambda = prior.sample(100);           // shape [100]
 * Tensor lp = prior.logProb(lambda);           // shape [100]
 * }</pre>
 *
 * <p>Reparameterized: a draw is {@code X / rate} with {@code X ~ Gamma(concentration, 1)} from
 * Commons RNG (Marsaglia–Tsang), and gradients reach {@code concentration} by implicit
 * reparameterization (Figurnov et al. 2018: {@code dX/dc = -(dF/dc) / f(X)} for the CDF
 * {@code F} and density {@code f} of {@code X}, accurate to about 1e-11 relative) and {@code rate}
 * through the division. Draws of {@code X} are clamped below at {@link Double#MIN_NORMAL} (as
 * torch does), so a very small concentration still gives positive values.
 *
 * <p>{@code logProb} is {@code log(c / x)} plus the Poisson log-mass of {@code c} at
 * {@code rate * x} ({@link Tensor#poissonLogProb}, Loader's saddle-point form, as R's
 * {@code dgamma}), which keeps full precision for large concentrations, where the terms of the
 * textbook formula cancel. A value whose product with the rate underflows to 0 (below 4.9e-324,
 * which draws never reach) has log-density {@code -Infinity}.
 */
public final class Gamma extends Distribution {
    private final Tensor concentration;
    private final Tensor rate;
    private final int[] batchShape;
    private static final String[] PARAMETERS = {"concentration", "rate"};

    private Gamma(Tensor concentration, Tensor rate) {
        checkParam("Gamma", "concentration", concentration, Constraints.positive());
        checkParam("Gamma", "rate", rate, Constraints.positive());
        this.concentration = concentration;
        this.rate = rate;
        this.batchShape = broadcastParameters("Gamma", PARAMETERS, concentration, rate);
    }

    /** Gamma with the given shape (concentration &gt; 0) and rate (&gt; 0). */
    public static Gamma of(Tensor concentration, Tensor rate) {
        return new Gamma(concentration, rate);
    }

    /** Gamma with the given shape (concentration &gt; 0) and rate (&gt; 0). */
    public static Gamma of(Tensor concentration, double rate) {
        return new Gamma(concentration, Tensor.scalar(rate));
    }

    /** Gamma with the given shape (concentration &gt; 0) and rate (&gt; 0). */
    public static Gamma of(double concentration, Tensor rate) {
        return new Gamma(Tensor.scalar(concentration), rate);
    }

    /** Gamma with the given shape (concentration &gt; 0) and rate (&gt; 0). */
    public static Gamma of(double concentration, double rate) {
        return new Gamma(Tensor.scalar(concentration), Tensor.scalar(rate));
    }

    /** The shape parameter. */
    public Tensor concentration() {
        return concentration;
    }

    /** The rate (inverse scale). */
    public Tensor rate() {
        return rate;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.positive();
    }

    /** {@code concentration / rate}. */
    @Override
    public Tensor mean() {
        return concentration.div(rate).expand(batchShape);
    }

    /** {@code concentration / rate^2}. */
    @Override
    public Tensor variance() {
        return concentration.div(rate.square()).expand(batchShape);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        return ImplicitGamma.rsample(concentration, batchShape, extendShape(sampleShape, batchShape)).div(rate);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        // c log(rate) + (c - 1) log x - rate x - lgamma(c), written as log(c / x) plus the Poisson
        // log-mass of c at rate x, whose saddle-point form does not lose the digits that the terms
        // above cancel for a large c (at c = rate = 1e5 and x = 1 they are 1e6 and the sum 4.8).
        return concentration.poissonLogProb(rate.mul(value)).add(concentration.log()).sub(value.log());
    }

    @Override
    public Gamma expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Gamma(concentration.expand(newBatchShape), rate.expand(newBatchShape));
    }
}
