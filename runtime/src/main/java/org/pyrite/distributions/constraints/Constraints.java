package org.pyrite.distributions.constraints;

import org.pyrite.tensor.Tensor;

/**
 * The catalogue of constraints, named as in Pyro's {@code constraints} module.
 *
 * <pre>{@code
 * Constraint c = Constraints.interval(0.0, 1.0);
 * Transform t = Transforms.bijectTo(c);   // real line -> (0, 1)
 * }</pre>
 */
public final class Constraints {
    private static final double SIMPLEX_TOLERANCE = 1e-6;

    private static final Constraint REAL = new Elementwise("real (finite)") {
        @Override
        public Tensor check(Tensor v) {
            // x == x rules out NaN; |x| < inf rules out the infinities.
            return v.eq(v).mul(v.abs().lt(Double.POSITIVE_INFINITY));
        }

        @Override
        public boolean hasScalarTest() {
            return true;
        }

        @Override
        public boolean test(double v) {
            return Math.abs(v) < Double.POSITIVE_INFINITY;
        }

        @Override
        public int firstViolation(double[] values) {
            for (int i = 0; i < values.length; i++) {
                if (!(Math.abs(values[i]) < Double.POSITIVE_INFINITY)) {
                    return i;
                }
            }
            return -1;
        }
    };
    private static final Constraint REAL_VECTOR = new Independent(REAL, 1);
    private static final Constraint BOOLEAN = new Discrete("boolean (0 or 1)") {
        @Override
        public Tensor check(Tensor v) {
            return v.eq(0.0).add(v.eq(1.0));
        }

        @Override
        public boolean hasScalarTest() {
            return true;
        }

        @Override
        public boolean test(double v) {
            return v == 0.0 || v == 1.0;
        }

        @Override
        public int firstViolation(double[] values) {
            // v (1 - v) is zero exactly at 0 and 1 (1 - v is exact near 1, and the product cannot
            // underflow to zero), and NaN otherwise propagates: one branch-free pass with four
            // partial sums decides, because labels are a coin toss and a per-value branch on them
            // mispredicts half the time. Only a failing array is scanned again for the index.
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            int n = values.length;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                double v0 = values[i];
                double v1 = values[i + 1];
                double v2 = values[i + 2];
                double v3 = values[i + 3];
                a0 += Math.abs(v0 * (1.0 - v0));
                a1 += Math.abs(v1 * (1.0 - v1));
                a2 += Math.abs(v2 * (1.0 - v2));
                a3 += Math.abs(v3 * (1.0 - v3));
            }
            for (; i < n; i++) {
                a0 += Math.abs(values[i] * (1.0 - values[i]));
            }
            if ((a0 + a1) + (a2 + a3) == 0.0) {
                return -1;
            }
            for (i = 0; i < n; i++) {
                if (!test(values[i])) {
                    return i;
                }
            }
            throw new AssertionError("a nonzero check sum with every value 0 or 1");
        }
    };
    private static final Constraint NONNEGATIVE_INTEGER = integerGreaterThanEq(0);
    private static final Constraint POSITIVE_INTEGER = integerGreaterThanEq(1);
    private static final Constraint POSITIVE = greaterThan(0.0);
    private static final Constraint NONNEGATIVE = greaterThanEq(0.0);
    private static final Constraint UNIT_INTERVAL = interval(0.0, 1.0);
    private static final Constraint SIMPLEX = new Simplex();
    private static final Constraint LOWER_CHOLESKY = new LowerCholesky();
    private static final Constraint POSITIVE_DEFINITE = new PositiveDefinite();

    private Constraints() {}

    /** Any finite real number. */
    public static Constraint real() {
        return REAL;
    }

    /** Vectors of finite reals (event dimension 1). */
    public static Constraint realVector() {
        return REAL_VECTOR;
    }

    /** {@code x > 0}. */
    public static Constraint positive() {
        return POSITIVE;
    }

    /** {@code x >= 0}. */
    public static Constraint nonnegative() {
        return NONNEGATIVE;
    }

    /** {@code x > lower}. */
    public static Constraint greaterThan(double lower) {
        return new GreaterThan(lower, false);
    }

    /** {@code x >= lower}. */
    public static Constraint greaterThanEq(double lower) {
        return new GreaterThan(lower, true);
    }

    /** {@code x < upper}. */
    public static Constraint lessThan(double upper) {
        return new LessThan(upper);
    }

    /**
     * {@code lower <= x <= upper} as a check (like Pyro's {@code interval}); its bijection
     * ({@code Transforms.bijectTo}) maps onto the open interval {@code lower < x < upper}.
     */
    public static Constraint interval(double lower, double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("interval: lower " + lower + " must be below upper " + upper);
        }
        return new Interval(lower, upper, false);
    }

    /**
     * {@code lower <= x <= upper} element-wise, with tensor bounds that broadcast against the value
     * (Pyro's {@code interval} with tensor bounds, e.g. the support of a batched {@code Uniform}).
     * Two 0-d bounds with {@code lower < upper} give {@link #interval(double, double)}; otherwise a
     * {@link TensorInterval}, which does not itself require {@code lower < upper} (the distribution
     * holding it validates its parameters).
     */
    public static Constraint interval(Tensor lower, Tensor upper) {
        if (lower.isScalar() && upper.isScalar() && lower.item() < upper.item()) {
            return interval(lower.item(), upper.item());
        }
        return new TensorInterval(lower.detach(), upper.detach());
    }

    /** {@code lower <= x < upper}. */
    public static Constraint halfOpenInterval(double lower, double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("halfOpenInterval: lower " + lower + " must be below upper " + upper);
        }
        return new Interval(lower, upper, true);
    }

    /** {@code [0, 1]} as a support; the bijection maps onto the open interval (0, 1). */
    public static Constraint unitInterval() {
        return UNIT_INTERVAL;
    }

    /** Vectors of non-negative entries summing to 1 (event dimension 1). */
    public static Constraint simplex() {
        return SIMPLEX;
    }

    /** Lower-triangular matrices with a positive diagonal (event dimension 2). */
    public static Constraint lowerCholesky() {
        return LOWER_CHOLESKY;
    }

    /** Symmetric positive-definite matrices (event dimension 2). */
    public static Constraint positiveDefinite() {
        return POSITIVE_DEFINITE;
    }

    /** 0 or 1. */
    public static Constraint booleanConstraint() {
        return BOOLEAN;
    }

    /** 0, 1, 2, ... */
    public static Constraint nonnegativeInteger() {
        return NONNEGATIVE_INTEGER;
    }

    /** 1, 2, 3, ... */
    public static Constraint positiveInteger() {
        return POSITIVE_INTEGER;
    }

    /** Integers in {@code [lower, upper]}. */
    public static Constraint integerInterval(int lower, int upper) {
        return integerInterval((long) lower, (long) upper);
    }

    /**
     * Integers in {@code [lower, upper]}, for bounds past {@code int} (a Binomial's count); values
     * are doubles, so bounds beyond 2^53 are compared after rounding to a double.
     */
    public static Constraint integerInterval(long lower, long upper) {
        return new Discrete("integer in [" + lower + ", " + upper + "]") {
            @Override
            public Tensor check(Tensor v) {
                return isInteger(v).mul(v.ge(lower)).mul(v.le(upper));
            }

            @Override
            public boolean hasScalarTest() {
                return true;
            }

            @Override
            public boolean test(double v) {
                return isInteger(v) && v >= lower && v <= upper;
            }
        };
    }

    /** {@code base} applied element-wise and reduced over {@code n} more rightmost dimensions. */
    public static Constraint independent(Constraint base, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("independent: the number of reinterpreted dimensions must be >= 0, got " + n);
        }
        if (n == 0) {
            return base;
        }
        return new Independent(base, n);
    }

    private static Constraint integerGreaterThanEq(int lower) {
        return new Discrete("integer >= " + lower) {
            @Override
            public Tensor check(Tensor v) {
                return isInteger(v).mul(v.ge(lower));
            }

            @Override
            public boolean hasScalarTest() {
                return true;
            }

            @Override
            public boolean test(double v) {
                return isInteger(v) && v >= lower;
            }
        };
    }

    private static boolean isInteger(double v) {
        return Math.floor(v) == v && Math.abs(v) < Double.POSITIVE_INFINITY;
    }

    private static Tensor isInteger(Tensor v) {
        // floor(inf) == inf: the finiteness check keeps the infinities out of the integers.
        return v.floor().eq(v).mul(v.abs().lt(Double.POSITIVE_INFINITY));
    }

    /** 1.0 where every entry along the last {@code n} dimensions is 1.0. */
    static Tensor allOver(Tensor ok, int n) {
        Tensor t = ok;
        for (int i = 0; i < n; i++) {
            t = t.min(new int[] {-1}, false);
        }
        return t;
    }

    private abstract static class Elementwise implements Constraint {
        private final String description;

        Elementwise(String description) {
            this.description = description;
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private abstract static class Discrete extends Elementwise {
        Discrete(String description) {
            super(description);
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }
    }

    /** {@code x > lower} or {@code x >= lower}. */
    public static final class GreaterThan extends Elementwise {
        private final double lower;
        private final boolean inclusive;

        GreaterThan(double lower, boolean inclusive) {
            super((lower == 0.0 ? (inclusive ? "nonnegative" : "positive") : "greater than " + lower)
                    + " (x " + (inclusive ? ">=" : ">") + " " + lower + ")");
            this.lower = lower;
            this.inclusive = inclusive;
        }

        /** The bound. */
        public double lower() {
            return lower;
        }

        @Override
        public Tensor check(Tensor v) {
            return (inclusive ? v.ge(lower) : v.gt(lower)).mul(v.lt(Double.POSITIVE_INFINITY));
        }

        @Override
        public boolean hasScalarTest() {
            return true;
        }

        @Override
        public boolean test(double v) {
            return (inclusive ? v >= lower : v > lower) && v < Double.POSITIVE_INFINITY;
        }

        @Override
        public int firstViolation(double[] values) {
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!((inclusive ? v >= lower : v > lower) && v < Double.POSITIVE_INFINITY)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** {@code x < upper}. */
    public static final class LessThan extends Elementwise {
        private final double upper;

        LessThan(double upper) {
            super("less than " + upper + " (x < " + upper + ")");
            this.upper = upper;
        }

        /** The bound. */
        public double upper() {
            return upper;
        }

        @Override
        public Tensor check(Tensor v) {
            return v.lt(upper).mul(v.gt(Double.NEGATIVE_INFINITY));
        }

        @Override
        public boolean hasScalarTest() {
            return true;
        }

        @Override
        public boolean test(double v) {
            return v < upper && v > Double.NEGATIVE_INFINITY;
        }
    }

    /** {@code lower <= x <= upper} as a support check; bijections map onto the open interval. */
    public static final class Interval extends Elementwise {
        private final double lower;
        private final double upper;
        private final boolean halfOpen;

        Interval(double lower, double upper, boolean halfOpen) {
            super("interval [" + lower + ", " + upper + (halfOpen ? ")" : "]"));
            this.lower = lower;
            this.upper = upper;
            this.halfOpen = halfOpen;
        }

        /** Lower end. */
        public double lower() {
            return lower;
        }

        /** Upper end. */
        public double upper() {
            return upper;
        }

        @Override
        public Tensor check(Tensor v) {
            return v.ge(lower).mul(halfOpen ? v.lt(upper) : v.le(upper));
        }

        @Override
        public boolean hasScalarTest() {
            return true;
        }

        @Override
        public boolean test(double v) {
            return v >= lower && (halfOpen ? v < upper : v <= upper);
        }
    }

    /**
     * {@code lower <= x <= upper} with per-element tensor bounds, broadcast against the value: a
     * support check, closed at both ends like {@link Interval}.
     */
    public static final class TensorInterval implements Constraint {
        private final Tensor lower;
        private final Tensor upper;

        TensorInterval(Tensor lower, Tensor upper) {
            this.lower = lower;
            this.upper = upper;
        }

        /** Lower ends (no gradient). */
        public Tensor lower() {
            return lower;
        }

        /** Upper ends (no gradient). */
        public Tensor upper() {
            return upper;
        }

        @Override
        public Tensor check(Tensor v) {
            return v.ge(lower).mul(v.le(upper));
        }

        @Override
        public String describe() {
            return "interval [lower, upper] element-wise with lower = " + lower + ", upper = " + upper;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private static final class Simplex implements Constraint {
        @Override
        public Tensor check(Tensor v) {
            Tensor nonneg = allOver(v.ge(0.0), 1);
            Tensor sumsToOne = v.sum(new int[] {-1}, false).sub(1.0).abs().lt(SIMPLEX_TOLERANCE);
            return nonneg.mul(sumsToOne);
        }

        @Override
        public int eventDim() {
            return 1;
        }

        @Override
        public String describe() {
            return "simplex (entries >= 0 summing to 1)";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private static final class LowerCholesky implements Constraint {
        @Override
        public Tensor check(Tensor v) {
            Tensor lower = allOver(v.tril(0).eq(v), 2);
            Tensor positiveDiagonal = allOver(v.diagonal().gt(0.0), 1);
            return lower.mul(positiveDiagonal);
        }

        @Override
        public int eventDim() {
            return 2;
        }

        @Override
        public String describe() {
            return "lower Cholesky (lower-triangular, positive diagonal)";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private static final class PositiveDefinite implements Constraint {
        @Override
        public Tensor check(Tensor v) {
            int[] shape = v.shape();
            int n = shape[shape.length - 1];
            int count = v.numel() / (n * n);
            Tensor flat = v.reshape(count, n, n);
            double[] ok = new double[count];
            for (int i = 0; i < count; i++) {
                Tensor m = flat.select(0, i);
                boolean symmetric = allOver(m.sub(m.transpose()).abs().le(1e-8 * (1 + m.abs().max().item())), 2).item() == 1.0;
                ok[i] = symmetric && choleskySucceeds(m) ? 1.0 : 0.0;
            }
            return Tensor.fromArray(ok, java.util.Arrays.copyOf(shape, shape.length - 2));
        }

        private static boolean choleskySucceeds(Tensor m) {
            try {
                m.cholesky();
                return true;
            } catch (ArithmeticException notPositiveDefinite) {
                return false;
            }
        }

        @Override
        public int eventDim() {
            return 2;
        }

        @Override
        public String describe() {
            return "positive definite (symmetric, all eigenvalues > 0)";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** A constraint whose check is reduced over {@code n} further rightmost dimensions. */
    public static final class Independent implements Constraint {
        private final Constraint base;
        private final int n;

        Independent(Constraint base, int n) {
            this.base = base;
            this.n = n;
        }

        /** The element-wise constraint. */
        public Constraint base() {
            return base;
        }

        /** How many dimensions were added. */
        public int reinterpreted() {
            return n;
        }

        @Override
        public Tensor check(Tensor v) {
            return allOver(base.check(v), n);
        }

        @Override
        public int eventDim() {
            return base.eventDim() + n;
        }

        @Override
        public boolean isDiscrete() {
            return base.isDiscrete();
        }

        @Override
        public String describe() {
            return base.describe() + " over " + n + " dimension" + (n == 1 ? "" : "s");
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
