package org.pyrite.tensor;

/**
 * Element-wise functions of two broadcast arguments, as the backend SPI names them. Comparisons
 * yield 1.0 for true and 0.0 for false.
 */
public enum BinaryOp {
    ADD { @Override public double apply(double a, double b) { return a + b; } },
    SUB { @Override public double apply(double a, double b) { return a - b; } },
    MUL { @Override public double apply(double a, double b) { return a * b; } },
    DIV { @Override public double apply(double a, double b) { return a / b; } },
    POW { @Override public double apply(double a, double b) { return Math.pow(a, b); } },
    MAXIMUM { @Override public double apply(double a, double b) { return Math.max(a, b); } },
    MINIMUM { @Override public double apply(double a, double b) { return Math.min(a, b); } },
    LT { @Override public double apply(double a, double b) { return a < b ? 1.0 : 0.0; } },
    LE { @Override public double apply(double a, double b) { return a <= b ? 1.0 : 0.0; } },
    GT { @Override public double apply(double a, double b) { return a > b ? 1.0 : 0.0; } },
    GE { @Override public double apply(double a, double b) { return a >= b ? 1.0 : 0.0; } },
    EQ { @Override public double apply(double a, double b) { return a == b ? 1.0 : 0.0; } },
    NE { @Override public double apply(double a, double b) { return a != b ? 1.0 : 0.0; } },
    /** The Poisson log-mass of the count {@code a} (real, &ge; 0) at the rate {@code b}; see {@link Tensor#poissonLogProb}. */
    POISSON_LOG_PROB { @Override public double apply(double a, double b) { return LogPoisson.value(a, b); } };

    /** The function at one point. */
    public abstract double apply(double a, double b);
}
