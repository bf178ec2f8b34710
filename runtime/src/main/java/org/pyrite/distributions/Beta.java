package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The Beta distribution on {@code [0, 1]} with {@code concentration1} (often called alpha, the
 * exponent of {@code x}) and {@code concentration0} (beta, the exponent of {@code 1 - x}), density
 * {@code x^(a-1) (1-x)^(b-1) / B(a, b)}; parameters broadcast to the batch shape. The names are
 * Pyro's.
 *
 * <pre>{@code
 * Beta fairness = Beta.of(10.0, 10.0);
 * Tensor p = fairness.sample();                // in [0, 1]
 * Tensor lp = fairness.logProb(p);
 * }</pre>
 *
 * <p>Reparameterized: a draw is {@code X / (X + Y)} with {@code X ~ Gamma(concentration1, 1)} and
 * {@code Y ~ Gamma(concentration0, 1)}; gradients reach both concentrations by implicit
 * reparameterization of the two Gamma draws (as in {@link Gamma}) and the normalization.
 * At the ends of the support the density follows torch's {@code xlogy} convention:
 * {@code Beta(1, b)} at {@code x = 0} has log-density {@code log b}, not NaN.
 */
public final class Beta extends Distribution {
    private final Tensor concentration1;
    private final Tensor concentration0;
    private final int[] batchShape;
    private static final String[] PARAMETERS = {"concentration1", "concentration0"};

    private Beta(Tensor concentration1, Tensor concentration0) {
        checkParam("Beta", "concentration1", concentration1, Constraints.positive());
        checkParam("Beta", "concentration0", concentration0, Constraints.positive());
        this.concentration1 = concentration1;
        this.concentration0 = concentration0;
        this.batchShape = broadcastParameters("Beta", PARAMETERS, concentration1, concentration0);
    }

    /** Beta with exponents {@code concentration1} (of x) and {@code concentration0} (of 1 - x), both &gt; 0. */
    public static Beta of(Tensor concentration1, Tensor concentration0) {
        return new Beta(concentration1, concentration0);
    }

    /** Beta with exponents {@code concentration1} (of x) and {@code concentration0} (of 1 - x), both &gt; 0. */
    public static Beta of(Tensor concentration1, double concentration0) {
        return new Beta(concentration1, Tensor.scalar(concentration0));
    }

    /** Beta with exponents {@code concentration1} (of x) and {@code concentration0} (of 1 - x), both &gt; 0. */
    public static Beta of(double concentration1, Tensor concentration0) {
        return new Beta(Tensor.scalar(concentration1), concentration0);
    }

    /** Beta with exponents {@code concentration1} (of x) and {@code concentration0} (of 1 - x), both &gt; 0. */
    public static Beta of(double concentration1, double concentration0) {
        return new Beta(Tensor.scalar(concentration1), Tensor.scalar(concentration0));
    }

    /** The exponent of {@code x} (alpha). */
    public Tensor concentration1() {
        return concentration1;
    }

    /** The exponent of {@code 1 - x} (beta). */
    public Tensor concentration0() {
        return concentration0;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.unitInterval();
    }

    /** {@code a / (a + b)}. */
    @Override
    public Tensor mean() {
        return concentration1.div(concentration1.add(concentration0)).expand(batchShape);
    }

    /** {@code a b / ((a + b)^2 (a + b + 1))}. */
    @Override
    public Tensor variance() {
        Tensor total = concentration1.add(concentration0);
        return concentration1.mul(concentration0).div(total.square().mul(total.add(1.0))).expand(batchShape);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        int[] shape = extendShape(sampleShape, batchShape);
        Tensor x = ImplicitGamma.rsample(concentration1, batchShape, shape);
        Tensor y = ImplicitGamma.rsample(concentration0, batchShape, shape);
        return x.div(x.add(y));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor a = concentration1;
        Tensor b = concentration0;
        Tensor logBeta = a.lgamma().add(b.lgamma()).sub(a.add(b).lgamma());
        return xlogy(a.sub(1.0), value).add(xlog1py(b.sub(1.0), value.neg())).sub(logBeta);
    }

    /** {@code c log v}, taken as 0 where both are 0 (torch {@code xlogy}); no NaN in value or gradient there. */
    private static Tensor xlogy(Tensor c, Tensor v) {
        Tensor bothZero = c.eq(0.0).mul(v.eq(0.0));
        return c.mul(Tensor.where(bothZero, Tensor.scalar(1.0), v).log());
    }

    /** {@code c log(1 + v)}, taken as 0 where {@code c == 0} and {@code v == -1}. */
    private static Tensor xlog1py(Tensor c, Tensor v) {
        Tensor bothZero = c.eq(0.0).mul(v.eq(-1.0));
        return c.mul(Tensor.where(bothZero, Tensor.scalar(0.0), v).log1p());
    }

    @Override
    public Beta expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Beta(concentration1.expand(newBatchShape), concentration0.expand(newBatchShape));
    }
}
