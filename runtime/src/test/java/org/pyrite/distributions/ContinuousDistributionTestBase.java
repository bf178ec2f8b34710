package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The checks every univariate continuous distribution with a reparameterized sampler passes
 * (DESIGN §7); one subclass per distribution supplies the distribution, its Commons Statistics
 * reference ({@link #reference}, or the four {@code reference*} methods where the reference has
 * another parametrization or conventions) and its closed forms.
 *
 * <p>Tolerances, derived once here:
 * <ul>
 *   <li>{@link #LOG_DENSITY_TOLERANCE}: Pyrite and Commons Statistics evaluate the same closed form
 *       with at most about ten double operations, each rounded to within u = 2^-53 ~ 1.1e-16 of
 *       the magnitude of its operands. The parameter and value ranges keep every term below
 *       ~1e9 and any cancellation between terms below ~1e2 in magnitude, so the two results differ
 *       by at most ~10 u max(1e2, |log p|) ~ 1e-13 max(1, |log p|). We allow 1e-12 max(1, |log p|):
 *       ten times that bound, and still a thousand times below the error of any wrong constant
 *       (log 2, log pi, 1/2 log 2 pi) or wrong term.</li>
 *   <li>{@link #MOMENT_TOLERANCE}: closed-form means and variances take at most five operations,
 *       one of them an exp whose argument (|arg| &lt; 15 here) turns an absolute rounding error into
 *       a relative one up to fifteen times larger: at most ~20 u ~ 2e-15 relative; we allow 1e-13.</li>
 *   <li>{@link #PATHWISE_TOLERANCE}: a pathwise derivative from autodiff and the same derivative
 *       from its formula each take at most four roundings; every rounding error is at most u
 *       times a magnitude that each subclass states in {@link #pathwiseMagnitude} (e.g.
 *       (|x| + |loc|) / scale when the formula recovers eps = (x - loc) / scale). Eight roundings
 *       give 8 u ~ 9e-16 times that magnitude; we allow 1e-14 times it.</li>
 *   <li>Sampling checks use {@link SampleChecks}: 5 standard errors for moments, KS at alpha 1e-4.
 *       Averaged-gradient checks use the same 5 standard errors of the mean of the per-draw
 *       gradients; their variance is estimated from the same 20,000 draws, whose own relative
 *       error (about 1/sqrt(2n) = 0.5% for the standard error) is negligible next to the
 *       5-standard-error margin.</li>
 * </ul>
 * Seeds are fixed, so every run draws the same numbers.
 */
@SuppressWarnings("try") // Validation.disabled() scopes are used for their effect, not referenced
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContinuousDistributionTestBase {
    /** Relative tolerance (floor 1 in magnitude) of log-densities against Commons Statistics; see the class comment. */
    static final double LOG_DENSITY_TOLERANCE = 1e-12;
    /** Relative tolerance of mean() and variance() against the closed forms; see the class comment. */
    static final double MOMENT_TOLERANCE = 1e-13;
    /** Tolerance of pathwise derivatives per unit of {@link #pathwiseMagnitude}; see the class comment. */
    static final double PATHWISE_TOLERANCE = 1e-14;
    /** Draws per batch element in the moment and KS checks. */
    static final int DRAWS = 20_000;

    // ------------------------------------------------------------------ what a subclass supplies

    /** The distribution's name as it appears in messages. */
    abstract String name();

    /** Parameter names in factory order. */
    abstract String[] paramNames();

    /** The distribution from tensor parameters, in factory order. */
    abstract Distribution create(Tensor... params);

    /** The distribution made by every {@code of(...)} overload, from the same double parameters. */
    abstract List<Distribution> viaEveryFactory(double... params);

    /** The parameters through the accessors, in factory order. */
    abstract Tensor[] parameters(Distribution d);

    /**
     * A random valid value of parameter {@code index}; each parameter is drawn independently, so
     * every combination must be valid.
     */
    abstract double randomParam(int index, SplittableRandom rnd);

    /** A random point at which to compare log-densities (in or outside the support). */
    abstract double randomValue(SplittableRandom rnd);

    /**
     * The Commons Statistics distribution with parameters {@code p}, which the four methods below
     * consult unless a subclass overrides them; a subclass that overrides all four need not supply it.
     */
    ContinuousDistribution reference(double[] p) {
        throw new UnsupportedOperationException(name() + ": supply reference(p) or override every reference method");
    }

    /** The reference log-density (Commons Statistics), {@code -Infinity} outside the support. */
    double referenceLogDensity(double[] p, double x) {
        return reference(p).logDensity(x);
    }

    /** The reference CDF (Commons Statistics). */
    double referenceCdf(double[] p, double x) {
        return reference(p).cumulativeProbability(x);
    }

    /** The closed-form mean (NaN where undefined, as torch); by default the reference's. */
    double referenceMean(double[] p) {
        return reference(p).getMean();
    }

    /** The closed-form variance (+Infinity where infinite, as torch); by default the reference's. */
    double referenceVariance(double[] p) {
        return reference(p).getVariance();
    }

    /** Two parameter tuples for the sampling checks. */
    abstract double[][] samplingParams();

    /** A value outside the support of the distribution with parameters {@code p}. */
    abstract double outsideSupport(double[] p);

    /** Arguments (double[] params, String parameterName, String shownValue) of invalid parameters. */
    abstract Stream<Arguments> invalidParameters();

    /** d x / d param_i of a reparameterized draw {@code x}, for each parameter, from the formula. */
    abstract double[] pathwiseDerivatives(double[] p, double x);

    /** The magnitude bounding each rounding error in {@link #pathwiseDerivatives}; see the class comment. */
    abstract double pathwiseMagnitude(double[] p, double x);

    /**
     * Arguments (String label, double[] params, UnaryOperator&lt;Tensor&gt; f, int paramIndex,
     * double expected): d E[f(x)] / d param in closed form.
     */
    abstract Stream<Arguments> expectedGradients();

    // ------------------------------------------------------------------ helpers

    private static final double LOG_TWO = Math.log(2);

    /**
     * The log-density at {@code x} of {@code |Y|} for {@code Y} with the distribution
     * {@code symmetric}, symmetric about 0: {@code log 2} plus its log-density for {@code x >= 0},
     * {@code -Infinity} below 0 (the half distributions' reference).
     */
    static double foldedLogDensity(ContinuousDistribution symmetric, double x) {
        return x < 0 ? Double.NEGATIVE_INFINITY : LOG_TWO + symmetric.logDensity(x);
    }

    /**
     * {@link #pathwiseDerivatives} of a location-scale draw {@code x = loc + scale eps}, parameters
     * (loc, scale): dx/dloc = 1, dx/dscale = eps = (x - loc) / scale.
     */
    static double[] locScaleDerivatives(double[] p, double x) {
        return new double[] {1.0, (x - p[0]) / p[1]};
    }

    /** {@link #pathwiseMagnitude} for {@link #locScaleDerivatives}: recovering eps works at (|x| + |loc|) / scale. */
    static double locScaleMagnitude(double[] p, double x) {
        return 1 + (Math.abs(x) + Math.abs(p[0])) / p[1];
    }

    /** {@link #pathwiseDerivatives} of a scale draw {@code x = scale eps}, parameter (scale): dx/dscale = eps = x / scale. */
    static double[] scaleDerivatives(double[] p, double x) {
        return new double[] {x / p[0]};
    }

    /** {@link #pathwiseMagnitude} for {@link #scaleDerivatives} (and for x = E / rate): x / scale or x / rate. */
    static double scaleMagnitude(double[] p, double x) {
        return 1 + x / p[0];
    }

    static Arguments gradientCase(String label, double[] params, UnaryOperator<Tensor> f, int index, double expected) {
        return Arguments.of(label, params, f, index, expected);
    }

    static Arguments invalid(double[] params, String parameter, String shown) {
        return Arguments.of(params, parameter, shown);
    }

    static double[] p(double... values) {
        return values;
    }

    Tensor[] scalars(double[] p) {
        Tensor[] t = new Tensor[p.length];
        for (int i = 0; i < p.length; i++) {
            t[i] = Tensor.scalar(p[i]);
        }
        return t;
    }

    /** Parameter tensors of shape [2] holding the two sampling tuples. */
    Tensor[] pairOfSamplingParams() {
        double[][] ps = samplingParams();
        Tensor[] t = new Tensor[paramNames().length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Tensor.of(ps[0][i], ps[1][i]);
        }
        return t;
    }

    static double[] column(double[] flat, int columns, int c) {
        double[] out = new double[flat.length / columns];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat[i * columns + c];
        }
        return out;
    }

    static void assertCloseRelative(double actual, double expected, double relative, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        assertThat(actual).as(what).isCloseTo(expected, offset(relative * Math.max(1.0, Math.abs(expected))));
    }

    static double sampleVariance(double[] xs) {
        double m = Arrays.stream(xs).average().orElseThrow();
        double s = 0;
        for (double x : xs) {
            s += (x - m) * (x - m);
        }
        return s / (xs.length - 1);
    }

    private long seed(String label) {
        return (name() + "/" + label).hashCode();
    }

    // ------------------------------------------------------------------ log-density

    /** (label, parameter shapes in factory order, value shape); one-parameter distributions use the first. */
    static Stream<Arguments> shapeCases() {
        return Stream.of(
                Arguments.of("scalar parameters, scalar value", new int[][] {{}, {}}, new int[] {}),
                Arguments.of("batch of 40, value per element", new int[][] {{40}, {40}}, new int[] {40}),
                Arguments.of("scalar parameters, 50 values", new int[][] {{}, {}}, new int[] {50}),
                Arguments.of("batch of 30, one value", new int[][] {{30}, {30}}, new int[] {}),
                Arguments.of("parameters [3,1] and [1,4], values [5,3,4]", new int[][] {{3, 1}, {1, 4}}, new int[] {5, 3, 4}),
                Arguments.of("batch [6] and scalar, values [7,1,6]", new int[][] {{6}, {}}, new int[] {7, 1, 6}),
                Arguments.of("scalar and batch [2,5], values [5]", new int[][] {{}, {2, 5}}, new int[] {5}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeCases")
    void logProbMatchesCommonsStatistics(String label, int[][] paramShapes, int[] valueShape) {
        SplittableRandom rnd = new SplittableRandom(seed(label));
        int k = paramNames().length;
        Tensor[] params = new Tensor[k];
        for (int i = 0; i < k; i++) {
            double[] v = new double[Shape.numel(paramShapes[i])];
            for (int j = 0; j < v.length; j++) {
                v[j] = randomParam(i, rnd);
            }
            params[i] = Tensor.fromArray(v, paramShapes[i]);
        }
        double[] xs = new double[Shape.numel(valueShape)];
        for (int j = 0; j < xs.length; j++) {
            xs[j] = randomValue(rnd);
        }
        Tensor value = Tensor.fromArray(xs, valueShape);
        Distribution d = create(params);
        int[] outShape = Shape.broadcast(valueShape, d.batchShape());

        double[][] pFlat = new double[k][];
        for (int i = 0; i < k; i++) {
            pFlat[i] = params[i].expand(outShape).toArray();
        }
        double[] xFlat = value.expand(outShape).toArray();
        double[] expected = new double[xFlat.length];
        boolean allInSupport = true;
        for (int j = 0; j < xFlat.length; j++) {
            double[] pj = new double[k];
            for (int i = 0; i < k; i++) {
                pj[i] = pFlat[i][j];
            }
            expected[j] = referenceLogDensity(pj, xFlat[j]);
            allInSupport &= Double.isFinite(expected[j]);
        }

        Tensor lp;
        if (allInSupport) {
            lp = d.logProb(value);
        } else {
            // Some points lie outside the support: compare -Infinity there, as logProb gives without validation.
            try (Validation.Scope off = Validation.disabled()) {
                lp = d.logProb(value);
            }
        }
        assertThat(lp.shape()).as("logProb shape").containsExactly(outShape);
        double[] actual = lp.toArray();
        for (int j = 0; j < actual.length; j++) {
            assertCloseRelative(actual[j], expected[j], LOG_DENSITY_TOLERANCE,
                    name() + " logProb at flat index " + j + ", x = " + xFlat[j]);
        }
    }

    @Test
    void everyFactoryAndAccessorAgree() {
        double[] p = samplingParams()[0];
        Tensor x = Tensor.of(randomValue(new SplittableRandom(1)), randomValue(new SplittableRandom(2)));
        Tensor expected;
        try (Validation.Scope off = Validation.disabled()) {
            expected = create(scalars(p)).logProb(x);
        }
        for (Distribution d : viaEveryFactory(p)) {
            assertThat(d.batchShape()).isEmpty();
            assertThat(d.hasRsample()).isTrue();
            Tensor[] ps = parameters(d);
            for (int i = 0; i < p.length; i++) {
                assertThat(ps[i].item()).as(paramNames()[i]).isEqualTo(p[i]);
            }
            try (Validation.Scope off = Validation.disabled()) {
                assertThat(d.logProb(x).toArray()).isEqualTo(expected.toArray());
            }
        }
        Tensor[] given = pairOfSamplingParams();
        Tensor[] back = parameters(create(given));
        for (int i = 0; i < given.length; i++) {
            assertThat(back[i]).as("accessor " + paramNames()[i]).isSameAs(given[i]);
        }
    }

    // ------------------------------------------------------------------ mean and variance

    @Test
    void meanAndVarianceMatchClosedForm() {
        SplittableRandom rnd = new SplittableRandom(seed("moments"));
        int k = paramNames().length;
        int[][] shapes = k == 1 ? new int[][] {{3, 4}} : new int[][] {{3, 1}, {1, 4}};
        Tensor[] params = new Tensor[k];
        for (int i = 0; i < k; i++) {
            double[] v = new double[Shape.numel(shapes[i])];
            for (int j = 0; j < v.length; j++) {
                v[j] = randomParam(i, rnd);
            }
            params[i] = Tensor.fromArray(v, shapes[i]);
        }
        Distribution d = create(params);
        assertThat(d.batchShape()).containsExactly(3, 4);
        Tensor mean = d.mean();
        Tensor variance = d.variance();
        assertThat(mean.shape()).containsExactly(3, 4);
        assertThat(variance.shape()).containsExactly(3, 4);
        double[][] pFlat = new double[k][];
        for (int i = 0; i < k; i++) {
            pFlat[i] = params[i].expand(3, 4).toArray();
        }
        double[] m = mean.toArray();
        double[] v = variance.toArray();
        for (int j = 0; j < 12; j++) {
            double[] pj = new double[k];
            for (int i = 0; i < k; i++) {
                pj[i] = pFlat[i][j];
            }
            assertCloseRelative(m[j], referenceMean(pj), MOMENT_TOLERANCE, name() + " mean at " + Arrays.toString(pj));
            assertCloseRelative(v[j], referenceVariance(pj), MOMENT_TOLERANCE, name() + " variance at " + Arrays.toString(pj));
        }
        assertThat(d.stddev().shape()).containsExactly(3, 4);
    }

    // ------------------------------------------------------------------ sampling

    @Test
    void sampleMomentsMatchClosedForm() {
        Rng.setSeed(seed("sample moments"));
        double[] flat = create(pairOfSamplingParams()).sample(DRAWS).toArray();
        double[][] ps = samplingParams();
        for (int c = 0; c < 2; c++) {
            double[] xs = column(flat, 2, c);
            double mean = referenceMean(ps[c]);
            double variance = referenceVariance(ps[c]);
            String what = name() + Arrays.toString(ps[c]);
            // Means and variances that are undefined or infinite (Cauchy, HalfCauchy) have nothing to compare.
            if (Double.isFinite(mean) && Double.isFinite(variance)) {
                SampleChecks.assertMean(xs, mean, variance, what);
            }
            if (Double.isFinite(variance)) {
                SampleChecks.assertVariance(xs, variance, what);
            }
        }
    }

    @Test
    void batchedDrawsFitCommonsCdf() {
        Rng.setSeed(seed("batched KS"));
        double[] flat = create(pairOfSamplingParams()).sample(DRAWS).toArray();
        double[][] ps = samplingParams();
        for (int c = 0; c < 2; c++) {
            double[] pc = ps[c];
            SampleChecks.assertKolmogorovSmirnov(column(flat, 2, c), x -> referenceCdf(pc, x),
                    name() + Arrays.toString(pc) + " batched sample()");
        }
    }

    @Test
    void scalarDrawsFitCommonsCdf() {
        // 0-d draws take the no-array path of rsample; check that path's distribution on its own.
        Rng.setSeed(seed("scalar KS"));
        double[] pc = samplingParams()[1];
        Distribution d = create(scalars(pc));
        double[] xs = new double[5_000];
        for (int i = 0; i < xs.length; i++) {
            Tensor x = i % 2 == 0 ? d.sample() : d.rsample();
            assertThat(x.isScalar()).isTrue();
            xs[i] = x.item();
        }
        SampleChecks.assertKolmogorovSmirnov(xs, x -> referenceCdf(pc, x), name() + Arrays.toString(pc) + " 0-d draws");
    }

    @Test
    void seededDrawsAreBitForBitReproducible() {
        Distribution batch = create(pairOfSamplingParams());
        Distribution scalar = create(scalars(samplingParams()[0]));
        Rng.setSeed(20240607L);
        double[] a = batch.sample(300).toArray();
        double[] aScalar = {scalar.sample().item(), scalar.rsample().item()};
        double[] aRsample = batch.rsample(3).toArray();
        Rng.setSeed(20240607L);
        double[] b = batch.sample(300).toArray();
        double[] bScalar = {scalar.sample().item(), scalar.rsample().item()};
        double[] bRsample = batch.rsample(3).toArray();
        assertThat(b).isEqualTo(a);
        assertThat(bScalar).isEqualTo(aScalar);
        assertThat(bRsample).isEqualTo(aRsample);
        // sample() is rsample() without the gradient: the same seed gives the same numbers.
        Rng.setSeed(99L);
        double[] viaSample = batch.sample(50).toArray();
        Rng.setSeed(99L);
        double[] viaRsample = batch.rsample(50).toArray();
        assertThat(viaRsample).isEqualTo(viaSample);
        Rng.setSeed(100L);
        assertThat(batch.sample(50).toArray()).isNotEqualTo(viaSample);
    }

    // ------------------------------------------------------------------ shapes

    @Test
    void drawsHaveSampleShapePlusBatchShape() {
        Rng.setSeed(seed("shapes"));
        Tensor[] params = new Tensor[paramNames().length];
        double[] p = samplingParams()[0];
        params[0] = Tensor.full(p[0], 2, 3);
        for (int i = 1; i < params.length; i++) {
            params[i] = Tensor.full(p[i], 3);
        }
        Distribution d = create(params);
        assertThat(d.batchShape()).containsExactly(2, 3);
        assertThat(d.eventShape()).isEmpty();
        assertThat(d.sample().shape()).containsExactly(2, 3);
        assertThat(d.sample(4, 5).shape()).containsExactly(4, 5, 2, 3);
        assertThat(d.rsample(7).shape()).containsExactly(7, 2, 3);
        assertThat(d.shape(4, 5)).containsExactly(4, 5, 2, 3);
        assertThat(d.logProb(d.sample(4, 5)).shape()).containsExactly(4, 5, 2, 3);

        Distribution s = create(scalars(p));
        assertThat(s.batchShape()).isEmpty();
        assertThat(s.sample().shape()).isEmpty();
        assertThat(s.rsample().shape()).isEmpty();
        assertThat(s.sample(3).shape()).containsExactly(3);
        assertThat(s.rsample(2, 3).shape()).containsExactly(2, 3);
    }

    @Test
    void expandBroadcastsTheParameters() {
        Rng.setSeed(seed("expand"));
        Tensor[] params = pairOfSamplingParams();
        Distribution d = create(params);
        Distribution e = d.expand(4, 2);
        assertThat(e.getClass()).isEqualTo(d.getClass());
        assertThat(e.batchShape()).containsExactly(4, 2);
        Tensor[] expanded = parameters(e);
        for (int i = 0; i < params.length; i++) {
            assertThat(expanded[i].shape()).containsExactly(4, 2);
            assertThat(expanded[i].toArray()).isEqualTo(params[i].expand(4, 2).toArray());
        }
        assertThat(e.mean().shape()).containsExactly(4, 2);
        assertThat(e.variance().shape()).containsExactly(4, 2);
        assertThat(e.sample(3).shape()).containsExactly(3, 4, 2);
        Tensor x = d.sample(4);
        // Same parameter values and the same operations: equal to the last bit.
        assertThat(e.logProb(x).toArray()).isEqualTo(d.logProb(x).toArray());
        assertThatThrownBy(() -> d.expand(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toEventSumsLogProbOverTheLastDimension() {
        Rng.setSeed(seed("toEvent"));
        Distribution d = create(pairOfSamplingParams());
        Distribution joint = d.toEvent(1);
        assertThat(joint.batchShape()).isEmpty();
        assertThat(joint.eventShape()).containsExactly(2);
        assertThat(joint.hasRsample()).isTrue();
        Tensor x = joint.sample(6);
        assertThat(x.shape()).containsExactly(6, 2);
        double[] lp = joint.logProb(x).toArray();
        double[] parts = d.logProb(x).toArray();
        assertThat(lp).hasSize(6);
        for (int i = 0; i < 6; i++) {
            // A two-term sum: one rounding, at most u |sum|; 1e-15 relative is ten times that.
            assertCloseRelative(lp[i], parts[2 * i] + parts[2 * i + 1], 1e-15, "toEvent(1) logProb row " + i);
        }
    }

    // ------------------------------------------------------------------ validation

    @ParameterizedTest
    @MethodSource("invalidParameters")
    void invalidParameterIsRejectedWithItsNameAndValue(double[] params, String parameter, String shown) {
        assertThatThrownBy(() -> create(scalars(params)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name())
                .hasMessageContaining("'" + parameter + "'")
                .hasMessageContaining("got " + shown);
    }

    @Test
    void invalidTensorParameterIsReportedWithItsIndex() {
        Arguments first = invalidParameters().findFirst().orElseThrow();
        double[] bad = (double[]) first.get()[0];
        String parameter = (String) first.get()[1];
        String shown = (String) first.get()[2];
        double[] good = samplingParams()[0];
        Tensor[] params = new Tensor[good.length];
        for (int i = 0; i < good.length; i++) {
            params[i] = Tensor.of(good[i], good[i], bad[i]);
        }
        assertThatThrownBy(() -> create(params))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name())
                .hasMessageContaining("'" + parameter + "'")
                .hasMessageContaining("got " + shown + " at flat index 2");
    }

    @Test
    void invalidParametersAreNotCheckedWhenValidationIsDisabled() {
        double[] bad = (double[]) invalidParameters().findFirst().orElseThrow().get()[0];
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(create(scalars(bad)).batchShape()).isEmpty();
        }
        assertThat(Validation.isEnabled()).isTrue();
    }

    @Test
    void logProbOutsideTheSupportThrows() {
        double[] p = samplingParams()[0];
        double outside = outsideSupport(p);
        Distribution d = create(scalars(p));
        assertThatThrownBy(() -> d.logProb(outside))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name())
                .hasMessageContaining("outside the support")
                .hasMessageContaining(String.valueOf(outside));
        Distribution batch = create(pairOfSamplingParams());
        Tensor inside = batch.sample();
        Tensor mixed = Tensor.of(inside.toArray()[0], outsideSupport(samplingParams()[1]));
        assertThatThrownBy(() -> batch.logProb(mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at flat index 1");
    }

    @Test
    void logProbOutsideTheSupportIsMinusInfinityWithoutValidation() {
        Rng.setSeed(seed("outside"));
        double[] p = samplingParams()[0];
        Distribution batch = create(pairOfSamplingParams());
        Tensor draw = batch.sample();
        double inside = draw.toArray()[0];
        double expectedInside = batch.logProb(draw).toArray()[0];
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(create(scalars(p)).logProb(outsideSupport(p)).item()).isEqualTo(Double.NEGATIVE_INFINITY);
            double[] lp = batch.logProb(Tensor.of(inside, outsideSupport(samplingParams()[1]))).toArray();
            assertThat(lp[0]).isEqualTo(expectedInside);
            assertThat(lp[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    // ------------------------------------------------------------------ reparameterized gradients

    @Test
    void sampleCarriesNoGradientAndRsampleDoes() {
        Tensor[] params = pairOfSamplingParams();
        for (int i = 0; i < params.length; i++) {
            params[i] = params[i].requiringGrad();
        }
        Distribution d = create(params);
        assertThat(d.hasRsample()).isTrue();
        assertThat(d.sample(3).requiresGrad()).isFalse();
        assertThat(d.rsample(3).requiresGrad()).isTrue();
        Tensor[] s = scalars(samplingParams()[0]);
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i].requiringGrad();
        }
        assertThat(create(s).rsample().requiresGrad()).isTrue();
        assertThat(create(s).sample().requiresGrad()).isFalse();
    }

    @Test
    void rsamplePathwiseDerivativesMatchTheirFormulas() {
        Rng.setSeed(seed("pathwise"));
        double[] p = samplingParams()[0];
        int k = p.length;
        int n = 2_000;
        // One parameter copy per draw, so the gradient of the sum is each draw's own derivative.
        Tensor[] params = new Tensor[k];
        for (int i = 0; i < k; i++) {
            params[i] = Tensor.full(p[i], n).requiringGrad();
        }
        Tensor draw = create(params).rsample();
        double[] x = draw.toArray();
        Tensor[] grads = Autograd.grad(draw.sum(), params);
        for (int i = 0; i < k; i++) {
            double[] g = grads[i].toArray();
            for (int j = 0; j < n; j++) {
                double expected = pathwiseDerivatives(p, x[j])[i];
                double tol = PATHWISE_TOLERANCE * pathwiseMagnitude(p, x[j]);
                assertThat(g[j]).as("%s d x / d %s at x = %s", name(), paramNames()[i], x[j])
                        .isCloseTo(expected, offset(tol));
            }
        }
        // The 0-d path.
        Tensor[] s = scalars(p);
        for (int i = 0; i < k; i++) {
            s[i] = s[i].requiringGrad();
        }
        for (int r = 0; r < 20; r++) {
            Tensor xs = create(s).rsample();
            assertThat(xs.isScalar()).isTrue();
            Tensor[] gs = Autograd.grad(xs, s);
            for (int i = 0; i < k; i++) {
                assertThat(gs[i].item()).as("%s 0-d d x / d %s at x = %s", name(), paramNames()[i], xs.item())
                        .isCloseTo(pathwiseDerivatives(p, xs.item())[i],
                                offset(PATHWISE_TOLERANCE * pathwiseMagnitude(p, xs.item())));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedGradients")
    void averagedRsampleGradientMatchesClosedForm(String label, double[] p, UnaryOperator<Tensor> f, int index,
                                                  double expected) {
        Rng.setSeed(seed(label));
        int n = DRAWS;
        Tensor[] params = new Tensor[p.length];
        for (int i = 0; i < p.length; i++) {
            params[i] = Tensor.full(p[i], n).requiringGrad();
        }
        Tensor x = create(params).rsample();
        double[] perDraw = Autograd.grad(f.apply(x).sum(), params[index])[0].toArray();
        SampleChecks.assertMean(perDraw, expected, sampleVariance(perDraw), name() + " " + label);
    }
}
