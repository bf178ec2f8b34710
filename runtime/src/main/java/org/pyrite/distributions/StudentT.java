package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * Student's t distribution with {@code df} degrees of freedom, location {@code loc} and scale
 * {@code scale}: {@code loc + scale * T} with {@code T} a standard t variable; parameters
 * broadcast to the batch shape. {@code df = 1} is the Cauchy distribution.
 *
 * <pre>{@code
 * StudentT robust = StudentT.of(4.0, 0.0, 2.0);
 * Tensor x = robust.sample(1000);               // heavy tails
 * Tensor lp = robust.logProb(x);
 * }</pre>
 *
 * <p>Moments, as in torch: the mean is {@code loc} for {@code df > 1} and NaN for {@code df <= 1};
 * the variance is {@code scale^2 df / (df - 2)} for {@code df > 2}, {@code +Infinity} for
 * {@code 1 < df <= 2} and NaN for {@code df <= 1}. Unlike torch, the log-density stays finite
 * far in the tails (|x - loc| / scale above 1e154, where the square overflows).
 *
 * <p>Reparameterized: a draw is {@code loc + scale * z * sqrt(df / (2 G))} with
 * {@code z ~ N(0, 1)} and {@code G ~ Gamma(df / 2, 1)} (so {@code 2 G} is chi-square with
 * {@code df} degrees of freedom); gradients reach {@code df} by implicit reparameterization of
 * {@code G} (as in {@link Gamma}) and {@code loc}, {@code scale} directly. The normals of a call
 * are drawn before its Gamma variables.
 */
public final class StudentT extends Distribution {
    private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);

    private final Tensor df;
    private final Tensor loc;
    private final Tensor scale;
    private final int[] batchShape;
    private static final String[] PARAMETERS = {"df", "loc", "scale"};

    private StudentT(Tensor df, Tensor loc, Tensor scale) {
        checkParam("StudentT", "df", df, Constraints.positive());
        checkParam("StudentT", "loc", loc, Constraints.real());
        checkParam("StudentT", "scale", scale, Constraints.positive());
        this.df = df;
        this.loc = loc;
        this.scale = scale;
        this.batchShape = broadcastParameters("StudentT", PARAMETERS, df, loc, scale);
    }

    /** Student's t with {@code df > 0} degrees of freedom, location {@code loc} and scale {@code scale > 0}. */
    public static StudentT of(Tensor df, Tensor loc, Tensor scale) {
        return new StudentT(df, loc, scale);
    }

    /** Student's t with {@code df > 0} degrees of freedom, location {@code loc} and scale {@code scale > 0}. */
    public static StudentT of(Tensor df, Tensor loc, double scale) {
        return new StudentT(df, loc, Tensor.scalar(scale));
    }

    /** Student's t with {@code df > 0} degrees of freedom, location {@code loc} and scale {@code scale > 0}. */
    public static StudentT of(Tensor df, double loc, Tensor scale) {
        return new StudentT(df, Tensor.scalar(loc), scale);
    }

    /** Student's t with {@code df > 0} degrees of freedom, location {@code loc} and scale {@code scale > 0}. */
    public static StudentT of(Tensor df, double loc, double scale) {
        return new StudentT(df, Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** Student's t with {@code df > 0} degrees of freedom, location {@code loc} and scale {@code scale > 0}. */
    public static StudentT of(double df, Tensor loc, Tensor scale) {
        return new StudentT(Tensor.scalar(df), loc, scale);
    }

    /** Student's t with {@code df > 0} degrees of freedom, location {@code loc} and scale {@code scale > 0}. */
    public static StudentT of(double df, Tensor loc, double scale) {
        return new StudentT(Tensor.scalar(df), loc, Tensor.scalar(scale));
    }

    /** Student's t with {@code df > 0} degrees of freedom, location {@code loc} and scale {@code scale > 0}. */
    public static StudentT of(double df, double loc, Tensor scale) {
        return new StudentT(Tensor.scalar(df), Tensor.scalar(loc), scale);
    }

    /** Student's t with {@code df > 0} degrees of freedom, location {@code loc} and scale {@code scale > 0}. */
    public static StudentT of(double df, double loc, double scale) {
        return new StudentT(Tensor.scalar(df), Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The degrees of freedom. */
    public Tensor df() {
        return df;
    }

    /** The location (the median; the mean when {@code df > 1}). */
    public Tensor loc() {
        return loc;
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.real();
    }

    /** {@code loc} where {@code df > 1}, NaN elsewhere (the mean does not exist). */
    @Override
    public Tensor mean() {
        return Tensor.where(df.gt(1.0), loc, Tensor.scalar(Double.NaN)).expand(batchShape);
    }

    /**
     * {@code scale^2 df / (df - 2)} where {@code df > 2}, {@code +Infinity} where {@code 1 < df <= 2},
     * NaN where {@code df <= 1}.
     */
    @Override
    public Tensor variance() {
        Tensor hasVariance = df.gt(2.0);
        // df replaced by 3 where the formula does not apply, so no branch of where() holds inf or NaN.
        Tensor safeDf = Tensor.where(hasVariance, df, Tensor.scalar(3.0));
        Tensor finite = scale.square().mul(safeDf).div(safeDf.sub(2.0));
        Tensor undefined = Tensor.where(df.gt(1.0), Tensor.scalar(Double.POSITIVE_INFINITY), Tensor.scalar(Double.NaN));
        return Tensor.where(hasVariance, finite, undefined).expand(batchShape);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        int[] shape = extendShape(sampleShape, batchShape);
        Rng rng = Rng.current();
        double[] z = new double[Shape.numel(shape)];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.gaussian();
        }
        Tensor g = ImplicitGamma.rsample(df.mul(0.5), batchShape, shape);
        Tensor t = Tensor.fromArray(z, shape).mul(df.div(g.mul(2.0)).sqrt());
        return loc.add(scale.mul(t));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor y = value.sub(loc).div(scale);
        Tensor halfDf = df.mul(0.5);
        Tensor logNormalizer = scale.log().add(df.log().mul(0.5)).add(HALF_LOG_PI)
                .add(halfDf.lgamma()).sub(halfDf.add(0.5).lgamma());
        // log(1 + y^2 / df) without overflow far in the tails (see LogOnePlusSquare).
        return df.add(1.0).mul(-0.5).mul(LogOnePlusSquare.of(y.div(df.sqrt()))).sub(logNormalizer);
    }

    @Override
    public StudentT expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new StudentT(df.expand(newBatchShape), loc.expand(newBatchShape), scale.expand(newBatchShape));
    }
}
