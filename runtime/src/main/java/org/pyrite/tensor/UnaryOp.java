package org.pyrite.tensor;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * Element-wise functions of one argument, as the backend SPI names them. Each constant carries
 * its scalar definition, which the CPU backend uses in its scalar fast path and in the loops of the
 * functions that have no kernel; exp, log and log1p come from the {@link Kernels} in use, so a 0-d
 * tensor gets the same bits as an element of an array.
 */
public enum UnaryOp {
    NEG { @Override public double apply(double x) { return -x; } },
    RECIPROCAL { @Override public double apply(double x) { return 1.0 / x; } },
    EXP { @Override public double apply(double x) { return ActiveKernels.KERNELS.exp(x); } },
    LOG { @Override public double apply(double x) { return ActiveKernels.KERNELS.log(x); } },
    LOG1P { @Override public double apply(double x) { return ActiveKernels.KERNELS.log1p(x); } },
    EXPM1 { @Override public double apply(double x) { return Math.expm1(x); } },
    SQRT { @Override public double apply(double x) { return Math.sqrt(x); } },
    SQUARE { @Override public double apply(double x) { return x * x; } },
    ABS { @Override public double apply(double x) { return Math.abs(x); } },
    SIGN { @Override public double apply(double x) { return Math.signum(x); } },
    FLOOR { @Override public double apply(double x) { return Math.floor(x); } },
    SIGMOID { @Override public double apply(double x) { return sigmoid(x); } },
    SOFTPLUS { @Override public double apply(double x) { return softplus(x); } },
    LOG_SIGMOID { @Override public double apply(double x) { return -softplus(-x); } },
    TANH { @Override public double apply(double x) { return Math.tanh(x); } },
    LGAMMA { @Override public double apply(double x) { return LogGamma.value(x); } },
    DIGAMMA { @Override public double apply(double x) { return Digamma.value(x); } },
    TRIGAMMA { @Override public double apply(double x) { return Trigamma.value(x); } };

    /** The function at one point. */
    public abstract double apply(double x);

    /** The logistic function, accurate in relative terms for large negative x too. */
    static double sigmoid(double x) {
        return ScalarMath.sigmoidGivenExp(x, ActiveKernels.KERNELS.exp(-Math.abs(x)));
    }

    /** {@code log(1 + e^x) = max(x, 0) + log1p(e^-|x|)}: exact for large |x| too. */
    static double softplus(double x) {
        return Math.max(x, 0.0) + ActiveKernels.KERNELS.log1p(ActiveKernels.KERNELS.exp(-Math.abs(x)));
    }
}
