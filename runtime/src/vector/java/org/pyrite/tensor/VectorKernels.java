package org.pyrite.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the incubating Vector API: one lane per double of the processor's widest vector
 * (eight on AVX-512, four on AVX2). Loaded only by {@link ActiveKernels}, by reflection, when the
 * JVM has the module {@code jdk.incubator.vector}; only it and {@link VectorProducts} (its sums and
 * products, loaded through it) name this API.
 *
 * <p>The transcendentals here need no table (a table lookup per lane is a gather, slow on these
 * processors): {@code exp} reduces by whole multiples of ln 2 and evaluates e^r to degree 13;
 * {@code log} and {@code log1p} reduce to [sqrt(1/2), sqrt(2)] and evaluate log(1 + f) through
 * s = f / (2 + f), keeping the exact f and the exact high part of the result apart until one final
 * addition. Both stay within one ulp of the correctly rounded result ({@code VectorMathTest}).
 * A lane outside the fast range (huge, subnormal, NaN, infinite) goes to {@link ScalarMath}.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final double EXP_LIMIT = 700.0;
    private static final double INV_LN2 = 1.4426950408889634;
    /** 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer kept in the low mantissa bits. */
    private static final double SHIFTER = 0x1.8p52;
    /** ln 2 split so that {@code k * LN2_HI} is exact for {@code |k| < 2^21}. */
    private static final double LN2_HI = Double.longBitsToDouble(Double.doubleToRawLongBits(0.6931471805599453) & 0xFFFFFFFF00000000L);
    private static final double LN2_LO = 0.6931471805599453 - LN2_HI + 2.3190468138462996e-17;
    private static final double SQRT2 = 1.4142135623730951;
    private static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    // 1/n!, the Taylor coefficients of e^r - 1 - r (n = 2..13).
    private static final double E2 = 1.0 / 2;
    private static final double E3 = E2 / 3;
    private static final double E4 = E3 / 4;
    private static final double E5 = E4 / 5;
    private static final double E6 = E5 / 6;
    private static final double E7 = E6 / 7;
    private static final double E8 = E7 / 8;
    private static final double E9 = E8 / 9;
    private static final double E10 = E9 / 10;
    private static final double E11 = E10 / 11;
    private static final double E12 = E11 / 12;
    private static final double E13 = E12 / 13;
    // 2 / (2j + 1): log(1 + f) = 2s + s R, s = f / (2 + f), R = sum over j >= 1 of 2 s^(2j) / (2j + 1).
    private static final double G1 = 2.0 / 3;
    private static final double G2 = 2.0 / 5;
    private static final double G3 = 2.0 / 7;
    private static final double G4 = 2.0 / 9;
    private static final double G5 = 2.0 / 11;
    private static final double G6 = 2.0 / 13;
    private static final double G7 = 2.0 / 15;
    private static final double G8 = 2.0 / 17;
    private static final double G9 = 2.0 / 19;
    private static final double G10 = 2.0 / 21;
    private static final double G11 = 2.0 / 23;

    private VectorKernels() {}

    /** The kernels, or null when this processor's vectors hold fewer than four doubles. */
    static Kernels createIfUseful() {
        return L >= 4 ? new VectorKernels() : null;
    }

    @Override
    public String name() {
        return "vector";
    }

    // The functions at one point: the very operations of the lanes of the loops below, in the same order,
    // so a scalar gets the bits its lane would (a 0-d tensor agrees with an array's element).

    /** e^x at one point, as a lane of {@link #expLoop} computes it; outside its range, {@link ScalarMath}. */
    private static double exp1(double x) {
        if (!(Math.abs(x) < EXP_LIMIT)) {
            return ScalarMath.exp(x);
        }
        double t = Math.fma(x, INV_LN2, SHIFTER);
        double kd = t - SHIFTER;
        double r = Math.fma(kd, -LN2_HI, x);
        r = Math.fma(kd, -LN2_LO, r);
        double q = E13;
        q = Math.fma(q, r, E12);
        q = Math.fma(q, r, E11);
        q = Math.fma(q, r, E10);
        q = Math.fma(q, r, E9);
        q = Math.fma(q, r, E8);
        q = Math.fma(q, r, E7);
        q = Math.fma(q, r, E6);
        q = Math.fma(q, r, E5);
        q = Math.fma(q, r, E4);
        q = Math.fma(q, r, E3);
        q = Math.fma(q, r, E2);
        double y = Math.fma(q, r * r, r) + 1.0;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(y) + (Double.doubleToRawLongBits(t) << 52));
    }

    /** The small part of the logarithm, as the lanes of {@link #log1pAnyLoop} compute it. */
    private static double logCorrection1(double f, double m, double extra) {
        double s = f / (f + 2.0);
        double z = s * s;
        double q = G11;
        q = Math.fma(q, z, G10);
        q = Math.fma(q, z, G9);
        q = Math.fma(q, z, G8);
        q = Math.fma(q, z, G7);
        q = Math.fma(q, z, G6);
        q = Math.fma(q, z, G5);
        q = Math.fma(q, z, G4);
        q = Math.fma(q, z, G3);
        q = Math.fma(q, z, G2);
        q = Math.fma(q, z, G1);
        double rr = q * z;
        double hfsq = f * f * 0.5;
        return hfsq - Math.fma(s, hfsq + rr, Math.fma(m, LN2_LO, extra));
    }

    /**
     * log(1 + x) at one point, as a lane of {@link #log1pAnyLoop} and {@link #log1pUnitLoop}; at -1 and below, and for NaN and
     * infinities, {@link ScalarMath}.
     */
    private static double log1p1(double x) {
        if (!(x > -1.0 && x <= Double.MAX_VALUE)) {
            return ScalarMath.log1p(x);
        }
        // u = 1 + x rounded and c its rounding error, exactly (two-sum): log1p(x) = log(u) + c / u.
        double u = 1.0 + x;
        double b = u - 1.0;
        double c = (1.0 - (u - b)) + (x - b);
        long bits = Double.doubleToRawLongBits(u);
        double e = Double.longBitsToDouble((bits >>> 52) | Double.doubleToRawLongBits(0x1p52)) - (0x1p52 + 1023);
        double w = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        boolean big = w > SQRT2;
        double m = e + (big ? 1.0 : 0.0);
        double f = w * (big ? 0.5 : 1.0) - 1.0;
        return Math.fma(m, LN2_HI, f) - logCorrection1(f, m, c / u);
    }

    /** log(x) at one point, as a lane of {@link #log(double[], double[], int, int)}; outside the positive normal range, {@link Math#log}. */
    private static double log1(double x) {
        if (!(x >= Double.MIN_NORMAL && x <= Double.MAX_VALUE)) {
            return Math.log(x);
        }
        long bits = Double.doubleToRawLongBits(x);
        double e = Double.longBitsToDouble((bits >>> 52) | Double.doubleToRawLongBits(0x1p52)) - (0x1p52 + 1023);
        double u = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        boolean big = u > SQRT2;
        double m = e + (big ? 1.0 : 0.0);
        double f = u * (big ? 0.5 : 1.0) - 1.0;
        return m * LN2_HI - (logCorrection1(f, m, 0.0) - f);
    }

    @Override
    public double exp(double x) {
        return exp1(x);
    }

    @Override
    public double log(double x) {
        return log1(x);
    }

    @Override
    public double log1p(double x) {
        return log1p1(x);
    }

    // ------------------------------------------------------------------ transcendentals

    // Each loop below keeps its vectors inside its own body, with no helper that takes or returns
    // a vector: C2 keeps a vector in registers only while every operation on it is inlined into
    // one compiled method, and it stops inlining a helper once that helper was compiled on its own
    // into more than a few kilobytes of code; a vector then lives in a heap object, ten times
    // slower. Composite functions (sigmoid, softplus, the Bernoulli likelihood) run one loop per
    // function, over a chunk that stays in the L1 cache.
    //
    // Every element is computed alike wherever it sits: the last, partial block runs through the
    // one-point functions below, which perform the lanes' very operations in the same order, and
    // a lane outside the fast range is replaced by a harmless value for the vector code and then
    // recomputed alone. So an element's result does not depend on its neighbours or on how the
    // array was split into chunks, and a 0-d tensor gets the bits an array's element would.

    /** {@code out[i] = e^x[i]}, or {@code e^-|x[i]|} when {@code negAbs}, for i in [from, to). */
    private static void expLoop(double[] x, double[] out, int from, int to, boolean negAbs) {
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector in = DoubleVector.fromArray(S, x, i);
            DoubleVector v = negAbs ? in.abs().neg() : in;
            VectorMask<Double> odd = v.abs().compare(VectorOperators.LT, EXP_LIMIT).not();
            DoubleVector w = v.blend(0.0, odd);
            // w = k ln 2 + r, |r| <= ln2 / 2: k by the shifter's rounding, r in two exact steps.
            DoubleVector t = w.fma(INV_LN2, SHIFTER);
            DoubleVector kd = t.sub(SHIFTER);
            DoubleVector r = kd.fma(DoubleVector.broadcast(S, -LN2_HI), w);
            r = kd.fma(DoubleVector.broadcast(S, -LN2_LO), r);
            // e^r - 1 - r = r^2 q(r), q to degree 11 (Taylor, 1/13! last).
            DoubleVector q = DoubleVector.broadcast(S, E13);
            q = q.fma(r, DoubleVector.broadcast(S, E12));
            q = q.fma(r, DoubleVector.broadcast(S, E11));
            q = q.fma(r, DoubleVector.broadcast(S, E10));
            q = q.fma(r, DoubleVector.broadcast(S, E9));
            q = q.fma(r, DoubleVector.broadcast(S, E8));
            q = q.fma(r, DoubleVector.broadcast(S, E7));
            q = q.fma(r, DoubleVector.broadcast(S, E6));
            q = q.fma(r, DoubleVector.broadcast(S, E5));
            q = q.fma(r, DoubleVector.broadcast(S, E4));
            q = q.fma(r, DoubleVector.broadcast(S, E3));
            q = q.fma(r, DoubleVector.broadcast(S, E2));
            // e^r = 1 + (r + r^2 q): the small part first, then one rounding into [0.7, 1.42].
            DoubleVector y = q.fma(r.mul(r), r).add(1.0);
            // 2^k: k sits in t's low mantissa bits; shifted into the exponent field it scales y exactly.
            LongVector k = t.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52);
            y.reinterpretAsLongs().add(k).reinterpretAsDoubles().intoArray(out, i);
            if (odd.anyTrue()) {
                for (int j = 0; j < L; j++) {
                    if (odd.laneIsSet(j)) {
                        // From the input, as the tail below: the vector negation of a NaN keeps its sign.
                        double xj = in.lane(j);
                        out[i + j] = exp1(negAbs ? -Math.abs(xj) : xj);
                    }
                }
            }
        }
        for (; i < to; i++) {
            out[i] = exp1(negAbs ? -Math.abs(x[i]) : x[i]);
        }
    }

    /**
     * {@code out[i] = log(1 + x[i])} for i in [from, to), for x in [0, 1] (as the softplus and the
     * Bernoulli likelihood have it), where m is 0 or 1. Gives the same bits as {@link #log1pAnyLoop}
     * for these x: both compute the same exact f and rounding error c and combine them alike.
     */
    private static void log1pUnitLoop(double[] x, double[] out, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            VectorMask<Double> odd = v.compare(VectorOperators.GE, 0.0).and(v.compare(VectorOperators.LE, 1.0)).not();
            DoubleVector w = v.blend(0.0, odd);
            // u = 1 + w rounded, c its rounding error exactly: log1p(w) = log(u) + c / u.
            DoubleVector u = w.add(1.0);
            DoubleVector c = w.sub(u.sub(1.0));
            // u = 2^m (1 + f) with m = 1 above sqrt 2: f exact (Sterbenz).
            VectorMask<Double> big = u.compare(VectorOperators.GT, SQRT2);
            DoubleVector m = DoubleVector.zero(S).blend(1.0, big);
            DoubleVector f = u.mul(DoubleVector.broadcast(S, 1.0).blend(0.5, big)).sub(1.0);
            DoubleVector extra = c.div(u);
            // log(1 + f) = f - (f^2/2 - s (f^2/2 + R)), s = f / (2 + f), R = s^2 g(s^2).
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector g = DoubleVector.broadcast(S, G11);
            g = g.fma(z, DoubleVector.broadcast(S, G10));
            g = g.fma(z, DoubleVector.broadcast(S, G9));
            g = g.fma(z, DoubleVector.broadcast(S, G8));
            g = g.fma(z, DoubleVector.broadcast(S, G7));
            g = g.fma(z, DoubleVector.broadcast(S, G6));
            g = g.fma(z, DoubleVector.broadcast(S, G5));
            g = g.fma(z, DoubleVector.broadcast(S, G4));
            g = g.fma(z, DoubleVector.broadcast(S, G3));
            g = g.fma(z, DoubleVector.broadcast(S, G2));
            g = g.fma(z, DoubleVector.broadcast(S, G1));
            DoubleVector rr = g.mul(z);
            DoubleVector hfsq = f.mul(f).mul(0.5);
            DoubleVector corr = hfsq.sub(s.fma(hfsq.add(rr), m.fma(DoubleVector.broadcast(S, LN2_LO), extra)));
            // m ln2_hi + f is exact: m is 0 or 1, and the sum a multiple of 2^-53 below 1.
            m.fma(DoubleVector.broadcast(S, LN2_HI), f).sub(corr).intoArray(out, i);
            if (odd.anyTrue()) {
                for (int j = 0; j < L; j++) {
                    if (odd.laneIsSet(j)) {
                        out[i + j] = log1p1(v.lane(j));
                    }
                }
            }
        }
        for (; i < to; i++) {
            out[i] = log1p1(x[i]);
        }
    }

    /**
     * {@code out[i] = log(1 + x[i])} for i in [from, to), any x: m from u's exponent. A loop of its
     * own rather than the only one: the softplus and the Bernoulli likelihood, whose x are in [0, 1],
     * kept their speed only with {@link #log1pUnitLoop} (JMH, one thread: with this loop alone the
     * softplus over 10,000 took 66 us for its first seconds, then 33, against 30 from the start).
     * The series for log(1 + f) is written out in each loop, as in {@code log}: moved into a shared
     * method taking and returning vectors, it cost the Bernoulli likelihood with its gradient 80 us
     * instead of 50, and the softplus 35 instead of 30 (JMH, one thread, 2026-12-04).
     */
    private static void log1pAnyLoop(double[] x, double[] out, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            VectorMask<Double> odd = v.compare(VectorOperators.GT, -1.0).and(v.compare(VectorOperators.LE, Double.MAX_VALUE)).not();
            DoubleVector w0 = v.blend(0.0, odd);
            // u = 1 + x rounded and c its rounding error, exactly (two-sum): log1p(x) = log(u) + c / u.
            DoubleVector u = w0.add(1.0);
            DoubleVector b = u.sub(1.0);
            DoubleVector c = DoubleVector.broadcast(S, 1.0).sub(u.sub(b)).add(w0.sub(b));
            // u = 2^e w with w in [1, 2) (u is a normal number: above -1 the smallest 1 + x is 2^-53).
            LongVector bits = u.reinterpretAsLongs();
            DoubleVector e = bits.lanewise(VectorOperators.LSHR, 52).or(Double.doubleToRawLongBits(0x1p52)).reinterpretAsDoubles()
                    .sub(0x1p52 + 1023);
            DoubleVector w = bits.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
            VectorMask<Double> big = w.compare(VectorOperators.GT, SQRT2);
            DoubleVector m = e.add(DoubleVector.zero(S).blend(1.0, big));
            DoubleVector f = w.mul(DoubleVector.broadcast(S, 1.0).blend(0.5, big)).sub(1.0);
            DoubleVector extra = c.div(u);
            // log(1 + f) = f - (f^2/2 - s (f^2/2 + R)), s = f / (2 + f), R = s^2 g(s^2).
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector g = DoubleVector.broadcast(S, G11);
            g = g.fma(z, DoubleVector.broadcast(S, G10));
            g = g.fma(z, DoubleVector.broadcast(S, G9));
            g = g.fma(z, DoubleVector.broadcast(S, G8));
            g = g.fma(z, DoubleVector.broadcast(S, G7));
            g = g.fma(z, DoubleVector.broadcast(S, G6));
            g = g.fma(z, DoubleVector.broadcast(S, G5));
            g = g.fma(z, DoubleVector.broadcast(S, G4));
            g = g.fma(z, DoubleVector.broadcast(S, G3));
            g = g.fma(z, DoubleVector.broadcast(S, G2));
            g = g.fma(z, DoubleVector.broadcast(S, G1));
            DoubleVector rr = g.mul(z);
            DoubleVector hfsq = f.mul(f).mul(0.5);
            DoubleVector corr = hfsq.sub(s.fma(hfsq.add(rr), m.fma(DoubleVector.broadcast(S, LN2_LO), extra)));
            // m ln2_hi is exact (m has at most 11 bits, ln2_hi 21), and so is m ln2_hi + f when m is 0 or 1 (x in [0, 1]).
            m.fma(DoubleVector.broadcast(S, LN2_HI), f).sub(corr).intoArray(out, i);
            if (odd.anyTrue()) {
                for (int j = 0; j < L; j++) {
                    if (odd.laneIsSet(j)) {
                        out[i + j] = log1p1(v.lane(j));
                    }
                }
            }
        }
        for (; i < to; i++) {
            out[i] = log1p1(x[i]);
        }
    }

    @Override
    public void exp(double[] x, double[] out, int from, int to) {
        expLoop(x, out, from, to, false);
    }

    @Override
    public void log1p(double[] x, double[] out, int from, int to) {
        if (allInUnitInterval(x, from, to)) {
            log1pUnitLoop(x, out, from, to);
        } else {
            log1pAnyLoop(x, out, from, to);
        }
    }

    /** Whether every x[i], i in [from, to), is in [0, 1] (false for NaN). */
    private static boolean allInUnitInterval(double[] x, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            if (!v.compare(VectorOperators.GE, 0.0).and(v.compare(VectorOperators.LE, 1.0)).allTrue()) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (!(x[i] >= 0.0 && x[i] <= 1.0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void log(double[] x, double[] out, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            VectorMask<Double> odd = v.compare(VectorOperators.GE, Double.MIN_NORMAL).and(v.compare(VectorOperators.LE, Double.MAX_VALUE))
                    .not();
            LongVector bits = v.blend(1.0, odd).reinterpretAsLongs();
            // x = 2^e u with u in [1, 2): e from the exponent field, exactly, as a double.
            DoubleVector e = bits.lanewise(VectorOperators.LSHR, 52).or(Double.doubleToRawLongBits(0x1p52)).reinterpretAsDoubles()
                    .sub(0x1p52 + 1023);
            DoubleVector u = bits.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
            VectorMask<Double> big = u.compare(VectorOperators.GT, SQRT2);
            DoubleVector m = e.add(DoubleVector.zero(S).blend(1.0, big));
            DoubleVector f = u.mul(DoubleVector.broadcast(S, 1.0).blend(0.5, big)).sub(1.0);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector g = DoubleVector.broadcast(S, G11);
            g = g.fma(z, DoubleVector.broadcast(S, G10));
            g = g.fma(z, DoubleVector.broadcast(S, G9));
            g = g.fma(z, DoubleVector.broadcast(S, G8));
            g = g.fma(z, DoubleVector.broadcast(S, G7));
            g = g.fma(z, DoubleVector.broadcast(S, G6));
            g = g.fma(z, DoubleVector.broadcast(S, G5));
            g = g.fma(z, DoubleVector.broadcast(S, G4));
            g = g.fma(z, DoubleVector.broadcast(S, G3));
            g = g.fma(z, DoubleVector.broadcast(S, G2));
            g = g.fma(z, DoubleVector.broadcast(S, G1));
            DoubleVector rr = g.mul(z);
            DoubleVector hfsq = f.mul(f).mul(0.5);
            DoubleVector corr = hfsq.sub(s.fma(hfsq.add(rr), m.mul(LN2_LO)));
            // m ln2_hi is exact (m has 11 bits, ln2_hi 21); f joins the small part first, as in fdlibm.
            m.mul(LN2_HI).sub(corr.sub(f)).intoArray(out, i);
            if (odd.anyTrue()) {
                for (int j = 0; j < L; j++) {
                    if (odd.laneIsSet(j)) {
                        out[i + j] = log1(v.lane(j));
                    }
                }
            }
        }
        for (; i < to; i++) {
            out[i] = log1(x[i]);
        }
    }

    @Override
    public void sigmoid(double[] x, double[] out, int from, int to) {
        expLoop(x, out, from, to, true);
        sigmoidGivenExpLoop(x, out, out, from, to);
    }

    /** {@code out[i] = sigmoid(x[i])} given {@code e[i] = e^-|x[i]|}: 1 / (1 + e) for x >= 0, e / (1 + e) below. */
    private static void sigmoidGivenExpLoop(double[] x, double[] e, double[] out, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector xv = DoubleVector.fromArray(S, x, i);
            DoubleVector ev = DoubleVector.fromArray(S, e, i);
            numeratorBySign(xv, ev).div(ev.add(1.0)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = ScalarMath.sigmoidGivenExp(x[i], e[i]);
        }
    }

    /**
     * 1 where x's sign bit is clear, e where it is set: by the same bit operations as
     * {@link ScalarMath#sigmoidGivenExp}, so NaN and -0.0 come out as they do there. Small enough
     * (a handful of bytecodes) for C2 to inline it always.
     */
    private static DoubleVector numeratorBySign(DoubleVector x, DoubleVector e) {
        LongVector negative = x.reinterpretAsLongs().lanewise(VectorOperators.ASHR, 63);
        return e.reinterpretAsLongs().and(negative).or(negative.not().and(ONE_BITS)).reinterpretAsDoubles();
    }

    @Override
    public void softplus(double[] x, double sign, double[] out, int from, int to) {
        expLoop(x, out, from, to, true);
        log1pUnitLoop(out, out, from, to);
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            v.mul(sign).max(0.0).add(DoubleVector.fromArray(S, out, i)).mul(sign).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = sign * (Math.max(sign * x[i], 0.0) + out[i]);
        }
    }

    @Override
    public void bernoulliLogits(double[] z, double[] y, double[] e, double[] logProb, boolean withScore, int from, int to) {
        expLoop(z, e, from, to, true);
        log1pUnitLoop(e, logProb, from, to);
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector zv = DoubleVector.fromArray(S, z, i);
            DoubleVector yv = DoubleVector.fromArray(S, y, i);
            yv.mul(zv).sub(zv.max(0.0)).sub(DoubleVector.fromArray(S, logProb, i)).intoArray(logProb, i);
        }
        for (; i < to; i++) {
            logProb[i] = y[i] * z[i] - Math.max(z[i], 0.0) - logProb[i];
        }
        if (withScore) {
            // y - sigmoid(z), sigmoid as in sigmoidGivenExpLoop.
            i = from;
            for (; i + L <= to; i += L) {
                DoubleVector zv = DoubleVector.fromArray(S, z, i);
                DoubleVector ev = DoubleVector.fromArray(S, e, i);
                DoubleVector.fromArray(S, y, i).sub(numeratorBySign(zv, ev).div(ev.add(1.0))).intoArray(e, i);
            }
            for (; i < to; i++) {
                e[i] = y[i] - ScalarMath.sigmoidGivenExp(z[i], e[i]);
            }
        }
    }

    // ------------------------------------------------------------------ sums and products

    @Override
    public double sum(double[] a, int from, int len) {
        return VectorProducts.sum(a, from, len);
    }

    @Override
    public double dot(double[] x, int xo, double[] y, int yo, int k) {
        return VectorProducts.dot(x, xo, y, yo, k);
    }

    @Override
    public void matvecRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int k, int from, int to) {
        VectorProducts.matvecRows(x, xa, rows, y, yb, out, oc, k, from, to);
    }

    @Override
    public void axpyRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int from, int to) {
        VectorProducts.axpyRows(x, xa, rows, y, yb, out, oc, n, from, to);
    }

    @Override
    public void gemmRows(double[] x, int xa, int ai, int ap, double[] y, int yb, double[] out, int oc, int k, int m, int from, int to) {
        VectorProducts.gemmRows(x, xa, ai, ap, y, yb, out, oc, k, m, from, to);
    }
}
