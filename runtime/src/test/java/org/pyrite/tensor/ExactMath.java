package org.pyrite.tensor;

import java.math.BigDecimal;
import java.math.MathContext;

/** References to 60 significant digits, rounded once to a double, for the kernels' accuracy tests. */
final class ExactMath {
    private ExactMath() {}

    private static final MathContext MC = new MathContext(60);
    static final BigDecimal LN2 = new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680009493");

    /** e^x: the Taylor series of e^(x / 1024), squared ten times. */
    static double exp(double x) {
        BigDecimal y = new BigDecimal(x).divide(BigDecimal.valueOf(1024), MC);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 45; n++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < 10; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum.doubleValue();
    }

    /** log(1 + t) for t in [0, 1], unrounded: 2 atanh(t / (2 + t)). */
    private static BigDecimal log1pExact(BigDecimal bt) {
        BigDecimal s = bt.divide(bt.add(BigDecimal.valueOf(2)), MC);
        BigDecimal s2 = s.multiply(s, MC);
        BigDecimal power = s;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 1; n < 130; n += 2) {
            sum = sum.add(power.divide(BigDecimal.valueOf(n), MC), MC);
            power = power.multiply(s2, MC);
        }
        return sum.multiply(BigDecimal.valueOf(2), MC);
    }

    static double log1p(double t) {
        return log1pExact(new BigDecimal(t)).doubleValue();
    }

    /** log(1 + x) for any x above -1: 1 + x, exactly, as 2^e (1 + t) with t in [0, 1). */
    static double log1pAnywhere(double x) {
        BigDecimal y = BigDecimal.ONE.add(new BigDecimal(x));
        int e = Math.getExponent(y.doubleValue());
        BigDecimal t = y.divide(new BigDecimal(Math.scalb(1.0, e)), MC).subtract(BigDecimal.ONE);
        // y rounded to a double can cross a power of two that y itself is below.
        if (t.signum() < 0) {
            e--;
            t = y.divide(new BigDecimal(Math.scalb(1.0, e)), MC).subtract(BigDecimal.ONE);
        }
        return LN2.multiply(BigDecimal.valueOf(e), MC).add(log1pExact(t), MC).doubleValue();
    }

    /** log(x) for a positive normal x = 2^e (1 + t), t in [0, 1). */
    static double log(double x) {
        int e = Math.getExponent(x);
        double t = Math.scalb(x, -e) - 1.0;
        return LN2.multiply(BigDecimal.valueOf(e), MC).add(log1pExact(new BigDecimal(t)), MC).doubleValue();
    }

    static double ulpsApart(double got, double exact) {
        return Math.abs(got - exact) / Math.ulp(exact);
    }
}
