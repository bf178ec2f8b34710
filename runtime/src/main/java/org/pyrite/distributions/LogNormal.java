package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The log-normal distribution: {@code exp(Y)} for {@code Y ~ Normal(loc, scale)}, on
 * {@code x > 0}; parameters broadcast to the batch shape.
 *
 * <pre>{@code
 * LogNormal income = LogNormal.of(10.0, 0.5);
 * Tensor x = income.sample();             // > 0
 * Tensor lp = income.logProb(x);          // Normal(10, 0.5) log-density of log x, minus log x
 * }</pre>
 *
 * <p>Mean {@code exp(loc + scale^2 / 2)}, variance {@code (exp(scale^2) - 1) exp(2 loc + scale^2)}.
 * Reparameterized: {@code exp(loc + scale * eps)} with {@code eps ~ N(0, 1)}.
 */
public final class LogNormal extends LocationScaleDistribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private LogNormal(Tensor loc, Tensor scale) {
        super("LogNormal", loc, scale);
    }

    /** LogNormal whose logarithm has the given mean {@code loc} and standard deviation {@code scale} (&gt; 0). */
    public static LogNormal of(Tensor loc, Tensor scale) {
        return new LogNormal(loc, scale);
    }

    /** LogNormal whose logarithm has the given mean {@code loc} and standard deviation {@code scale} (&gt; 0). */
    public static LogNormal of(Tensor loc, double scale) {
        return new LogNormal(loc, Tensor.scalar(scale));
    }

    /** LogNormal whose logarithm has the given mean {@code loc} and standard deviation {@code scale} (&gt; 0). */
    public static LogNormal of(double loc, Tensor scale) {
        return new LogNormal(Tensor.scalar(loc), scale);
    }

    /** LogNormal whose logarithm has the given mean {@code loc} and standard deviation {@code scale} (&gt; 0). */
    public static LogNormal of(double loc, double scale) {
        return new LogNormal(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The mean of the logarithm. */
    public Tensor loc() {
        return loc;
    }

    /** The standard deviation of the logarithm. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Constraint support() {
        return Constraints.positive();
    }

    @Override
    public Tensor mean() {
        return loc.add(scale.square().mul(0.5)).exp().expand(batchShape);
    }

    @Override
    public Tensor variance() {
        Tensor s2 = scale.square();
        return s2.expm1().mul(loc.mul(2.0).add(s2).exp()).expand(batchShape);
    }

    /** A standard normal draw: the logarithm of a LogNormal(0, 1) draw. */
    @Override
    double standard(Rng rng) {
        return rng.gaussian();
    }

    @Override
    void fillStandard(Rng rng, double[] eps) {
        for (int i = 0; i < eps.length; i++) {
            eps[i] = standard(rng);
        }
    }

    // exp(loc + scale * eps) with eps ~ N(0, 1).
    @Override
    public Tensor rsample(int... sampleShape) {
        return super.rsample(sampleShape).exp();
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor logX = value.log();
        Tensor z = standardize(logX);
        return z.square().mul(-0.5).sub(scale.log()).sub(logX).sub(HALF_LOG_TWO_PI);
    }

    @Override
    public LogNormal expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new LogNormal(loc.expand(newBatchShape), scale.expand(newBatchShape));
    }
}
