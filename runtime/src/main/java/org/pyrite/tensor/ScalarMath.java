package org.pyrite.tensor;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code exp} and {@code log1p} written in Java so the JIT can inline them into the element loops
 * of the likelihoods of logistic models, where they dominate the time of a step.
 *
 * <p>Why not {@link Math}: on JDK 17 {@code Math.exp} is a call into a stub and {@code Math.log1p}
 * is not an intrinsic at all; both stop the processor from overlapping neighbouring elements (the
 * per-element costs are in benchmarks/RESULTS.md, "Why the kernels are written as they are"). These versions are table-driven, like the
 * libm algorithms behind those stubs: a 32-entry table of {@code 2^(j/32)} for {@code exp} and a
 * 64-entry table of logarithms for {@code log1p}, each reduced argument then needing a short
 * Taylor polynomial only. Table entries are computed at class load to 50 significant digits with
 * {@link BigDecimal} and rounded once, so the results stay within one ulp of the correctly rounded
 * value ({@code ScalarMathTest} checks thousands of points of each against 60-digit references).
 * Arguments outside the fast range (huge, subnormal results, NaN, infinities) go to {@link Math}.
 */
final class ScalarMath {
    private ScalarMath() {
    }

    private static final MathContext MC = new MathContext(50);
    private static final BigDecimal LN2 = new BigDecimal("0.69314718055994530941723212145817656807550013436025525412068");

    /** {@code 2^(j/32)}, correctly rounded. */
    private static final double[] EXP_TABLE = new double[32];
    private static final double INV_LN2_32 = 32 / 0.6931471805599453;
    /** {@code ln2/32} split so that {@code k * LN2_32_HI} is exact for every {@code |k| < 2^24}. */
    private static final double LN2_32_HI;
    private static final double LN2_32_LO;

    /**
     * {@code 1 / (1 + j/64)} rounded to a double, and {@code -log} of that double, correctly rounded;
     * entry 64 serves {@code u = 2} exactly.
     */
    private static final double[] LOG_INV = new double[65];
    private static final double[] LOG_TABLE = new double[65];
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    /** Below this magnitude {@code e^x} is a normal double and {@link #expFast} applies. */
    private static final double EXP_FAST_LIMIT = 700.0;

    static {
        for (int j = 0; j < 32; j++) {
            EXP_TABLE[j] = expSeries(LN2.multiply(BigDecimal.valueOf(j)).divide(BigDecimal.valueOf(32), MC)).doubleValue();
        }
        BigDecimal ln2Over32 = LN2.divide(BigDecimal.valueOf(32), MC);
        LN2_32_HI = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2Over32.doubleValue()) & 0xFFFFFFFFFF000000L);
        LN2_32_LO = ln2Over32.subtract(new BigDecimal(LN2_32_HI), MC).doubleValue();
        for (int j = 0; j <= 64; j++) {
            double inv = 1.0 / (1.0 + j / 64.0);
            LOG_INV[j] = inv;
            // -log(inv) for the double actually stored, so u * inv = 1 + r holds exactly in reals.
            LOG_TABLE[j] = logSeries(new BigDecimal(inv)).negate().doubleValue();
        }
    }

    /** e^x by its Taylor series, for |x| < 1. */
    private static BigDecimal expSeries(BigDecimal x) {
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        return sum;
    }

    /** log(x) for x in [0.5, 1] by 2 atanh((x - 1) / (x + 1)). */
    private static BigDecimal logSeries(BigDecimal x) {
        BigDecimal s = x.subtract(BigDecimal.ONE).divide(x.add(BigDecimal.ONE), MC);
        BigDecimal s2 = s.multiply(s, MC);
        BigDecimal power = s;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 1; n < 120; n += 2) {
            sum = sum.add(power.divide(BigDecimal.valueOf(n), MC), MC);
            power = power.multiply(s2, MC);
        }
        return sum.multiply(BigDecimal.valueOf(2), MC);
    }

    // Array forms. Each first scans its input for values outside the fast range (a pass that costs
    // a fraction of a nanosecond per element) and, when there are none, runs a loop whose body has no
    // branch at all. With the fallback branch inside the loop, C2 compiled the loop 1.5 to 2.5 times
    // slower whenever it was inlined into a larger caller (unrolled with the rare path split into
    // every copy) than when compiled on its own, and which of the two happened varied from one JVM
    // to the next (the effect on the logistic-regression step is in benchmarks/RESULTS.md).
    // Each loop sits in a method of its own so the element function is inlined into it.

    /** {@code out[i] = e^x[i]} for {@code i} in [from, to); {@code out} may be {@code x}. */
    static void exp(double[] x, double[] out, int from, int to) {
        if (allBelow(x, from, to, EXP_FAST_LIMIT)) {
            for (int i = from; i < to; i++) {
                out[i] = expFast(x[i]);
            }
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = exp(x[i]);
        }
    }

    /** {@code out[i] = e^-|x[i]|} for {@code i} in [from, to); {@code out} may be {@code x}. */
    static void expMinusAbs(double[] x, double[] out, int from, int to) {
        if (allBelow(x, from, to, EXP_FAST_LIMIT)) {
            for (int i = from; i < to; i++) {
                out[i] = expFast(-Math.abs(x[i]));
            }
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = exp(-Math.abs(x[i]));
        }
    }

    /** {@code out[i] = log(1 + x[i])} for {@code i} in [from, to); {@code out} may be {@code x}. */
    static void log1p(double[] x, double[] out, int from, int to) {
        if (allInUnitInterval(x, from, to)) {
            for (int i = from; i < to; i++) {
                out[i] = log1pFast(x[i]);
            }
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = log1p(x[i]);
        }
    }

    /** Whether every {@code |x[i]| < limit} in [from, to) (false on NaN). */
    private static boolean allBelow(double[] x, int from, int to, double limit) {
        boolean out = false;
        for (int i = from; i < to; i++) {
            out |= !(Math.abs(x[i]) < limit);
        }
        return !out;
    }

    /** Whether every {@code x[i]} in [from, to) is in [0, 1] (false on NaN). */
    private static boolean allInUnitInterval(double[] x, int from, int to) {
        boolean out = false;
        for (int i = from; i < to; i++) {
            double v = x[i];
            out |= !(v >= 0.0 & v <= 1.0);
        }
        return !out;
    }

    /**
     * {@code sigmoid(x)} given {@code e = e^-|x|}: {@code 1 / (1 + e)} for {@code x >= 0} and
     * {@code e / (1 + e)} below, each accurate in relative terms. The numerator is chosen by the
     * sign bit rather than a branch: the signs of logits are a coin toss, and a mispredicted
     * branch per element was a third of the fused Bernoulli kernel with its gradient
     * (benchmarks/RESULTS.md).
     */
    static double sigmoidGivenExp(double x, double e) {
        long negative = Double.doubleToRawLongBits(x) >> 63;
        double numerator = Double.longBitsToDouble((ONE_BITS & ~negative) | (Double.doubleToRawLongBits(e) & negative));
        return numerator / (1.0 + e);
    }

    /** {@code out[i] = sigmoid(x[i])} for {@code i} in [from, to); {@code out} may be {@code x}. */
    static void sigmoid(double[] x, double[] out, int from, int to) {
        if (allBelow(x, from, to, EXP_FAST_LIMIT)) {
            for (int i = from; i < to; i++) {
                double xi = x[i];
                out[i] = sigmoidGivenExp(xi, expFast(-Math.abs(xi)));
            }
            return;
        }
        for (int i = from; i < to; i++) {
            double xi = x[i];
            out[i] = sigmoidGivenExp(xi, exp(-Math.abs(xi)));
        }
    }

    /** {@code e^x} within one ulp. */
    static double exp(double x) {
        // Beyond +-700 the result overflows or is subnormal; NaN fails the test too.
        if (!(Math.abs(x) < EXP_FAST_LIMIT)) {
            return Math.exp(x);
        }
        return expFast(x);
    }

    /** {@code e^x} for {@code |x| < EXP_FAST_LIMIT}, without a branch. */
    private static double expFast(double x) {
        // x = (32m + j) ln2/32 + r with |r| <= ln2/64, so e^x = 2^m 2^(j/32) e^r.
        double kd = Math.rint(x * INV_LN2_32);
        long k = (long) kd;
        double r = Math.fma(kd, -LN2_32_LO, Math.fma(kd, -LN2_32_HI, x));
        double r2 = r * r;
        // e^r - 1 to degree 6: the first omitted term is below 4e-18.
        double p = r + r2 * ((0.5 + r * (1.0 / 6)) + r2 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720)));
        double t = EXP_TABLE[(int) (k & 31)];
        double y = Math.fma(t, p, t);
        // y is in [0.98, 2.03] and |m| <= 1010, so adding m to the exponent field stays normal.
        return Double.longBitsToDouble(Double.doubleToRawLongBits(y) + ((k >> 5) << 52));
    }

    /**
     * {@code log(1 + x)} within one ulp; fast for x in [0, 1], the range softplus needs. Elsewhere
     * {@link Math#log1p}, not Goldberg's cheaper {@code log(u) * x / (u - 1)} with {@code u = 1 + x}:
     * its three roundings come to 2 ulps (at x = 1.4357764214760718, say).
     */
    static double log1p(double x) {
        if (!(x >= 0.0 && x <= 1.0)) {
            return Math.log1p(x);
        }
        return log1pFast(x);
    }

    /** {@code log(1 + x)} for x in [0, 1], without a branch. */
    private static double log1pFast(double x) {
        double u = 1.0 + x;
        // The rounding of 1 + x, exactly (u - 1 is exact for u in [1, 2]).
        double c = x - (u - 1.0);
        // u in [1, 2]: j from the top six mantissa bits, so u = (1 + j/64)(1 + r) with 0 <= r < 1/64
        // (u = 2 carries into the exponent and gives j = 64, r = 0).
        int j = (int) ((Double.doubleToRawLongBits(u) - ONE_BITS) >>> 46);
        double inv = LOG_INV[j];
        double r = Math.fma(u, inv, -1.0);
        double r2 = r * r;
        double r4 = r2 * r2;
        // log1p(r) to degree 9: the first omitted term is below r * 6e-18. Estrin's scheme keeps the
        // chain of dependent operations short.
        double p = r + r2 * ((-0.5 + r * (1.0 / 3)) + r2 * (-0.25 + r * 0.2)
                + r4 * ((-1.0 / 6 + r * (1.0 / 7)) + r2 * (-0.125 + r * (1.0 / 9))));
        // log(u + c) = log(u) + c/u to far below an ulp, with 1/u = inv / (1 + r) ~ inv (1 - r).
        return LOG_TABLE[j] + (p + c * inv * (1.0 - r));
    }
}
