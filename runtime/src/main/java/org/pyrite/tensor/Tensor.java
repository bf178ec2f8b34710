package org.pyrite.tensor;

import java.util.Arrays;

/**
 * An immutable n-dimensional array of doubles with numpy/torch broadcasting and reverse-mode
 * autodiff.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(1.0, 2.0, 3.0).requiringGrad();
 * Tensor y = x.mul(2.0).exp().sum();
 * Tensor dy = Autograd.grad(y, x)[0];     // 2 exp(2x)
 * double first = x.toArray()[0];
 * }</pre>
 *
 * <p>Every operation returns a new tensor. When an input {@linkplain #requiresGrad() requires a
 * gradient} (and recording is {@linkplain Autograd#isEnabled() on}), the result remembers how it
 * was made so that {@link Autograd#grad} can differentiate through it. Operations whose gradient
 * does not exist or is zero almost everywhere ({@link #sign()}, {@link #floor()}, comparisons)
 * return constants: their gradient is zero.
 *
 * <p>Values live in a {@link Backend}. On the CPU backend a 0-d tensor is a single {@code double}
 * field and scalar arithmetic does not touch an array. Above this package, values are read only
 * through {@link #item()} and {@link #toArray()}.
 *
 * <p>This class is the public face and keeps the element-wise operations; the checks, backend
 * calls and backward rules of the larger families live beside it, one concern each:
 * {@code ShapeOps}, {@code Reductions}, {@code LinearAlgebra} and {@code LogDensities}.
 */
public final class Tensor {
    static final Backend CPU = CpuBackend.INSTANCE;

    // Package-private so that the operation classes beside this one (ShapeOps, Reductions,
    // LinearAlgebra, LogDensities) read them directly; nothing outside the package sees them.
    final int[] shape;
    /** The value of a CPU scalar (when {@code data == null && handle == null}). */
    final double scalar;
    /** CPU storage, row-major, for tensors of rank &ge; 1. */
    final double[] data;
    /** Storage of a non-CPU backend (e.g. a graph node), or a CPU {@link RowGather}. */
    final Object handle;
    private final Backend backend;
    final boolean requiresGrad;
    final Tensor[] parents;
    final GradFn gradFn;

    private Tensor(int[] shape, double scalar, double[] data, Object handle, Backend backend,
                   boolean requiresGrad, Tensor[] parents, GradFn gradFn) {
        this.shape = shape;
        this.scalar = scalar;
        this.data = data;
        this.handle = handle;
        this.backend = backend;
        this.requiresGrad = requiresGrad;
        this.parents = parents;
        this.gradFn = gradFn;
    }

    Tensor(double value) {
        this(Shape.SCALAR, value, null, null, CPU, false, null, null);
    }

    /** A CPU tensor that takes ownership of {@code data} (no copy). */
    static Tensor cpu(int[] shape, double[] data) {
        if (shape.length == 0) {
            return new Tensor(data[0]);
        }
        return new Tensor(shape, 0.0, data, null, CPU, false, null, null);
    }

    /**
     * A tensor of another backend (SPI): {@code handle} is that backend's storage. Backends call
     * this; users do not need it.
     */
    public static Tensor ofHandle(Backend backend, int[] shape, Object handle) {
        return new Tensor(Shape.checkedCopy("ofHandle", shape), 0.0, null, handle, backend, false, null, null);
    }

    // ------------------------------------------------------------------ factories

    private static final Tensor ZERO = new Tensor(0.0);
    private static final Tensor ONE = new Tensor(1.0);
    private static final Tensor TWO = new Tensor(2.0);

    /**
     * A 0-d tensor. Like {@code Integer.valueOf}, it may return a shared instance for common
     * values (0 and 1): tensors are immutable, so only identity comparisons can tell.
     */
    public static Tensor scalar(double value) {
        // The commonest constants are shared: tensors are immutable, and these carry no gradient.
        if (value == 1.0) {
            return ONE;
        }
        if (value == 0.0 && Double.doubleToRawLongBits(value) == 0L) {
            return ZERO;
        }
        return new Tensor(value);
    }

    /** A 1-d tensor of the given values. */
    public static Tensor of(double... values) {
        return cpu(new int[] {values.length}, values.clone());
    }

    /** A 2-d tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        int[] shape = Shape.check("of", new int[] {r, c});
        double[] out = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, out, i * c, c);
        }
        return cpu(shape, out);
    }

    /** A tensor of the given shape from row-major values (copied). */
    public static Tensor fromArray(double[] values, int... shape) {
        int[] s = Shape.checkedCopy("fromArray", shape);
        if (Shape.numel(s) != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + Shape.toString(s)
                    + " (" + Shape.numel(s) + " elements)");
        }
        return cpu(s, values.clone());
    }

    /** A tensor of the given shape filled with {@code value}. */
    public static Tensor full(double value, int... shape) {
        return filled("full", value, shape);
    }

    /** {@link #full}, with {@code what} naming the factory in the message about a bad shape. */
    private static Tensor filled(String what, double value, int[] shape) {
        int[] s = Shape.checkedCopy(what, shape);
        if (s.length == 0) {
            return new Tensor(value);
        }
        double[] d = new double[Shape.numel(s)];
        Arrays.fill(d, value);
        return cpu(s, d);
    }

    /** Zeros of the given shape. */
    public static Tensor zeros(int... shape) {
        return filled("zeros", 0.0, shape);
    }

    /** Ones of the given shape. */
    public static Tensor ones(int... shape) {
        return filled("ones", 1.0, shape);
    }

    /** Zeros shaped like {@code t}. */
    public static Tensor zerosLike(Tensor t) {
        return full(0.0, t.shape);
    }

    /** Ones shaped like {@code t}. */
    public static Tensor onesLike(Tensor t) {
        return full(1.0, t.shape);
    }

    /** {@code 0, 1, ..., n - 1} as a 1-d tensor. */
    public static Tensor arange(int n) {
        requireSize("arange", n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return cpu(new int[] {n}, d);
    }

    /** The {@code n x n} identity matrix. */
    public static Tensor eye(int n) {
        requireSize("eye", n);
        int[] shape = Shape.check("eye", new int[] {n, n});
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return cpu(shape, d);
    }

    private static void requireSize(String op, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(op + ": size " + n + " is negative");
        }
    }

    /**
     * One-hot encoding: for integer-valued {@code indices} of shape {@code S}, a tensor of shape
     * {@code S + [numClasses]}. A constant (no gradient).
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        requireSize("oneHot: numClasses", numClasses);
        int[] shape = Shape.check("oneHot", Shape.concat(indices.shape, new int[] {numClasses}));
        double[] idx = indices.toArray();
        double[] out = new double[idx.length * numClasses];
        for (int i = 0; i < idx.length; i++) {
            int k = (int) idx[i];
            if (k != idx[i] || k < 0 || k >= numClasses) {
                throw new IllegalArgumentException("oneHot: index " + idx[i] + " at position " + i
                        + " is not an integer in [0, " + numClasses + ")");
            }
            out[i * numClasses + k] = 1.0;
        }
        return cpu(shape, out);
    }

    // ------------------------------------------------------------------ reading

    /** The shape (a copy). */
    public int[] shape() {
        // The empty shape of a scalar cannot be changed, so it is shared rather than copied.
        return shape.length == 0 ? shape : shape.clone();
    }

    /** The shape without copying; callers must not mutate it. */
    int[] shapeRef() {
        return shape;
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) {
        return shape[Shape.normalizeDim(dim, shape.length)];
    }

    /** Number of elements. */
    public int numel() {
        return Shape.numel(shape);
    }

    /** Whether this is a 0-d tensor. */
    public boolean isScalar() {
        return shape.length == 0;
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (isCpuScalar()) {
            return scalar;
        }
        if (numel() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, this one has shape " + Shape.toString(shape));
        }
        return backend.toArray(this)[0];
    }

    /** The values, row-major, as a fresh array. */
    public double[] toArray() {
        if (isCpuScalar()) {
            return new double[] {scalar};
        }
        return backend.toArray(this);
    }

    /** The backend holding this tensor's values. */
    public Backend backend() {
        return backend;
    }

    /** The non-CPU backend's storage, or {@code null} on the CPU backend (SPI). */
    public Object handle() {
        return handle instanceof RowGather ? null : handle;
    }

    /** CPU storage for the CPU backend: the array itself for rank &ge; 1, a fresh one-element array for scalars. */
    double[] cpuData() {
        if (data != null) {
            return data;
        }
        return handle instanceof RowGather ? ((RowGather) handle).data() : new double[] {scalar};
    }

    /** A CPU matrix of rows picked from another, not yet laid out. */
    static Tensor cpuRows(int[] shape, RowGather rows) {
        return new Tensor(shape, 0.0, null, rows, CPU, false, null, null);
    }

    /** The picked rows behind a CPU matrix made by {@link #cpuRows}, else {@code null}. */
    RowGather rowGather() {
        return handle instanceof RowGather ? (RowGather) handle : null;
    }

    boolean isCpuScalar() {
        return data == null && handle == null;
    }

    // ------------------------------------------------------------------ autodiff

    /** Whether gradients flow into this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** A leaf tensor with these values that {@link Autograd#grad} can differentiate with respect to. */
    public Tensor requiringGrad() {
        return new Tensor(shape, scalar, data, handle, backend, true, null, null);
    }

    /** The same values, cut off from the gradient record. */
    public Tensor detach() {
        if (!requiresGrad) {
            return this;
        }
        return new Tensor(shape, scalar, data, handle, backend, false, null, null);
    }

    /** Records {@code fn} on {@code out} when a parent requires a gradient and recording is on. */
    static Tensor track(Tensor out, GradFn fn, Tensor... parents) {
        boolean any = false;
        for (Tensor p : parents) {
            any |= p.requiresGrad;
        }
        if (!any || !Autograd.isEnabled()) {
            return out;
        }
        return recorded(out, fn, parents);
    }

    /** {@code out}'s values as a recorded node with these parents and backward rule. */
    static Tensor recorded(Tensor out, GradFn fn, Tensor[] parents) {
        return new Tensor(out.shape, out.scalar, out.data, out.handle, out.backend, true, parents, fn);
    }

    /** A recorded CPU scalar made in one allocation. */
    static Tensor recordedScalar(double value, GradFn fn, Tensor[] parents) {
        return new Tensor(Shape.SCALAR, value, null, null, CPU, true, parents, fn);
    }

    static Tensor track1(Tensor out, GradFn fn, Tensor parent) {
        if (!parent.requiresGrad || !Autograd.isEnabled()) {
            return out;
        }
        return recorded(out, fn, new Tensor[] {parent});
    }

    /** The sum of this (a broadcast result) down to {@code target}: the adjoint of broadcasting. */
    public Tensor sumToShape(int[] target) {
        return Reductions.sumToShape(this, target);
    }

    // ------------------------------------------------------------------ element-wise, one argument

    private Tensor unary(UnaryOp op, GradFn fn) {
        boolean record = fn != null && requiresGrad && Autograd.isEnabled();
        if (isCpuScalar()) {
            double v = op.apply(scalar);
            // One object either way: a recorded scalar is built with its parents directly.
            return record ? new Tensor(Shape.SCALAR, v, null, null, CPU, true, new Tensor[] {this}, fn) : new Tensor(v);
        }
        Tensor out = backend.unary(op, this);
        return record ? recorded(out, fn, new Tensor[] {this}) : out;
    }

    /** The single input of a recorded one-argument op (so its backward rule captures nothing and allocates nothing). */
    private static Tensor in(Tensor out) {
        return out.parents[0];
    }

    /** {@code -x}. */
    public Tensor neg() {
        return unary(UnaryOp.NEG, (g, o) -> new Tensor[] {g.neg()});
    }

    /** {@code 1 / x}. */
    public Tensor reciprocal() {
        return unary(UnaryOp.RECIPROCAL, (g, o) -> new Tensor[] {g.mul(o.square()).neg()});
    }

    /** {@code e^x}. */
    public Tensor exp() {
        return unary(UnaryOp.EXP, (g, o) -> new Tensor[] {g.mul(o)});
    }

    /** Natural logarithm. */
    public Tensor log() {
        return unary(UnaryOp.LOG, (g, o) -> new Tensor[] {g.div(in(o))});
    }

    /** {@code log(1 + x)}, accurate near 0. */
    public Tensor log1p() {
        return unary(UnaryOp.LOG1P, (g, o) -> new Tensor[] {g.div(in(o).add(1.0))});
    }

    /** {@code e^x - 1}, accurate near 0. */
    public Tensor expm1() {
        return unary(UnaryOp.EXPM1, (g, o) -> new Tensor[] {g.mul(o.add(1.0))});
    }

    /** Square root. */
    public Tensor sqrt() {
        return unary(UnaryOp.SQRT, (g, o) -> new Tensor[] {g.div(o.mul(2.0))});
    }

    /** {@code x * x}. */
    public Tensor square() {
        return unary(UnaryOp.SQUARE, (g, o) -> new Tensor[] {g.mul(in(o)).mul(TWO)});
    }

    /** Absolute value; its gradient at 0 is 0. */
    public Tensor abs() {
        return unary(UnaryOp.ABS, (g, o) -> new Tensor[] {g.mul(in(o).sign())});
    }

    /** Sign (-1, 0 or 1); a constant: its gradient is zero. */
    public Tensor sign() {
        return unary(UnaryOp.SIGN, null);
    }

    /** Largest integer not above x; a constant: its gradient is zero. */
    public Tensor floor() {
        return unary(UnaryOp.FLOOR, null);
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-x)}. */
    public Tensor sigmoid() {
        return unary(UnaryOp.SIGMOID, (g, o) -> new Tensor[] {g.mul(o).mul(o.rsub(1.0))});
    }

    /** {@code log(1 + e^x)}, stable for large |x|. */
    public Tensor softplus() {
        return unary(UnaryOp.SOFTPLUS, (g, o) -> new Tensor[] {g.mul(in(o).sigmoid())});
    }

    /**
     * The Normal log-density {@code -((this - loc) / scale)^2 / 2 - log(scale) - log(2 pi) / 2},
     * element-wise with broadcasting.
     *
     * <p>When all three are CPU scalars this is one node with its own backward rule rather than
     * seven: scalar models (and the guides fitted to them) evaluate it at every site of every step.
     *
     * <pre>{@code
     * Tensor lp = Tensor.scalar(0.3).normalLogProb(Tensor.scalar(0.0), Tensor.scalar(1.0));
     * }</pre>
     */
    public Tensor normalLogProb(Tensor loc, Tensor scale) {
        return LogDensities.normal(this, loc, scale);
    }

    /**
     * The log-probability {@code value * this - softplus(this)} of Bernoulli observations
     * {@code value} under the logits {@code this}, element-wise (torch's
     * {@code -binary_cross_entropy_with_logits(this, value, reduction="none")}).
     *
     * <p>Operands of one shape take a fused kernel: one pass computes the values and, when a
     * gradient will flow to the logits, their derivative {@code value - sigmoid(this)}, so the
     * backward pass is a single product. Other shapes broadcast through the composite expression.
     *
     * <pre>{@code
     * Tensor logits = x.matmul(w);
     * Tensor logLik = logits.bernoulliLogProb(y).sum();
     * }</pre>
     */
    public Tensor bernoulliLogProb(Tensor value) {
        return LogDensities.bernoulliLogits(this, value);
    }

    /**
     * The Poisson log-mass {@code x log(rate) - rate - lgamma(x + 1)} of the counts {@code x} (this
     * tensor) at {@code rate}, element-wise with broadcasting, for real {@code x >= 0}: the Gamma
     * and Binomial log-densities are made of it too. At {@code x = 0} it is {@code -rate}.
     *
     * <p>Its value comes from Loader's saddle-point form, not from the expression above, whose terms
     * cancel for large counts: at {@code x = rate = 1e10} the expression keeps only six significant
     * digits, this all but the last. Gradients: {@code log(rate) - digamma(x + 1)} with respect to
     * {@code x} and {@code (x - rate) / rate} with respect to {@code rate} (-1 where {@code x = 0},
     * also at {@code rate = 0}); both are recorded as tensor operations, so second derivatives
     * (createGraph) work too.
     *
     * <pre>{@code
     * Tensor lp = Tensor.of(0, 3, 7).poissonLogProb(Tensor.scalar(2.5));   // log-masses of 0, 3 and 7
     * }</pre>
     */
    public Tensor poissonLogProb(Tensor rate) {
        return LogDensities.poisson(this, rate);
    }

    /** {@code log(sigmoid(x)) = -softplus(-x)}, stable for large |x|. */
    public Tensor logSigmoid() {
        return unary(UnaryOp.LOG_SIGMOID, (g, o) -> new Tensor[] {g.mul(in(o).neg().sigmoid())});
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return unary(UnaryOp.TANH, (g, o) -> new Tensor[] {g.mul(o.square().rsub(1.0))});
    }

    /** {@code log |Gamma(x)|} (Commons Numbers). */
    public Tensor lgamma() {
        return unary(UnaryOp.LGAMMA, (g, o) -> new Tensor[] {g.mul(in(o).digamma())});
    }

    /** Digamma, the derivative of {@link #lgamma()} (Commons Numbers). */
    public Tensor digamma() {
        return unary(UnaryOp.DIGAMMA, (g, o) -> new Tensor[] {g.mul(in(o).trigamma())});
    }

    /**
     * Trigamma, the derivative of {@link #digamma()} (Commons Numbers). Its own gradient (a
     * higher polygamma) is not implemented: differentiating through it throws.
     */
    public Tensor trigamma() {
        return unary(UnaryOp.TRIGAMMA, (g, o) -> {
            throw new UnsupportedOperationException("the gradient of trigamma (polygamma of order 2) is not implemented");
        });
    }

    // ------------------------------------------------------------------ element-wise, two arguments

    private Tensor binary(BinaryOp op, Tensor o) {
        checkSameBackend(o);
        if (isCpuScalar() && o.isCpuScalar()) {
            return new Tensor(op.apply(scalar, o.scalar));
        }
        return kernelsFor(this, o).binary(op, this, o, Shape.broadcast(shape, o.shape));
    }

    void checkSameBackend(Tensor o) {
        kernelsFor(this, o);
    }

    /**
     * The backend whose kernels combine {@code a} and {@code b}: their own when they share one; when
     * a CPU tensor meets another backend's (a constant meeting a graph node while a step is being
     * traced), that other backend, whose kernels take CPU tensors as constants.
     */
    static Backend kernelsFor(Tensor a, Tensor b) {
        if (a.backend == b.backend || b.backend == CPU) {
            return a.backend;
        }
        if (a.backend == CPU) {
            return b.backend;
        }
        throw new IllegalArgumentException("tensors on different backends: " + a.backend.name() + " and " + b.backend.name());
    }

    /** {@code x + y}, broadcast. */
    public Tensor add(Tensor y) {
        return arithmetic(BinaryOp.ADD, y, ADD_GRAD);
    }

    /** {@code x - y}, broadcast. */
    public Tensor sub(Tensor y) {
        return arithmetic(BinaryOp.SUB, y, SUB_GRAD);
    }

    /** {@code x * y}, broadcast. */
    public Tensor mul(Tensor y) {
        return arithmetic(BinaryOp.MUL, y, MUL_GRAD);
    }

    /** {@code x / y}, broadcast. */
    public Tensor div(Tensor y) {
        return arithmetic(BinaryOp.DIV, y, DIV_GRAD);
    }

    // Backward rules of the four arithmetic ops read their inputs from the output's parents, so
    // they capture nothing: one shared instance each, no allocation per op.
    private static final GradFn ADD_GRAD = (g, o) -> {
        Tensor a = o.parents[0];
        Tensor b = o.parents[1];
        return new Tensor[] {a.requiresGrad ? g.sumToShape(a.shape) : null, b.requiresGrad ? g.sumToShape(b.shape) : null};
    };
    private static final GradFn SUB_GRAD = (g, o) -> {
        Tensor a = o.parents[0];
        Tensor b = o.parents[1];
        return new Tensor[] {a.requiresGrad ? g.sumToShape(a.shape) : null, b.requiresGrad ? g.neg().sumToShape(b.shape) : null};
    };
    private static final GradFn MUL_GRAD = (g, o) -> {
        Tensor a = o.parents[0];
        Tensor b = o.parents[1];
        return new Tensor[] {a.requiresGrad ? g.mul(b).sumToShape(a.shape) : null,
            b.requiresGrad ? g.mul(a).sumToShape(b.shape) : null};
    };
    private static final GradFn DIV_GRAD = (g, o) -> {
        Tensor a = o.parents[0];
        Tensor b = o.parents[1];
        return new Tensor[] {a.requiresGrad ? g.div(b).sumToShape(a.shape) : null,
            b.requiresGrad ? g.mul(o).div(b).neg().sumToShape(b.shape) : null};
    };

    /** An arithmetic op, recorded with {@code fn} when an input requires a gradient; scalars in one allocation. */
    Tensor arithmetic(BinaryOp op, Tensor y, GradFn fn) {
        boolean record = (requiresGrad || y.requiresGrad) && Autograd.isEnabled();
        if (isCpuScalar() && y.isCpuScalar()) {
            double v = op.apply(scalar, y.scalar);
            return record ? new Tensor(Shape.SCALAR, v, null, null, CPU, true, new Tensor[] {this, y}, fn) : new Tensor(v);
        }
        Tensor out = binary(op, y);
        return record ? recorded(out, fn, new Tensor[] {this, y}) : out;
    }

    /**
     * {@code x ^ y}, broadcast. The gradient with respect to {@code y} is {@code x^y log x}, taken
     * as 0 where {@code x == 0}; the gradient with respect to {@code x} is {@code y x^(y-1)}, taken
     * as 0 where {@code y == 0} ({@code x^0 = 1} is constant, also at {@code x = 0}).
     */
    public Tensor pow(Tensor y) {
        Tensor out = binary(BinaryOp.POW, y);
        return track(out, (g, o) -> new Tensor[] {
            requiresGrad ? where(y.eq(0.0), zerosLike(o), g.mul(y).mul(this.pow(y.sub(1.0)))).sumToShape(shape) : null,
            y.requiresGrad ? where(this.eq(0.0), zerosLike(o), o.mul(this.log())).mul(g).sumToShape(y.shape) : null},
            this, y);
    }

    /** Element-wise maximum; where equal, the gradient goes to {@code x}. */
    public Tensor maximum(Tensor y) {
        Tensor out = binary(BinaryOp.MAXIMUM, y);
        return track(out, (g, o) -> {
            Tensor toX = this.ge(y);
            return new Tensor[] {g.mul(toX).sumToShape(shape), g.mul(toX.rsub(1.0)).sumToShape(y.shape)};
        }, this, y);
    }

    /** Element-wise minimum; where equal, the gradient goes to {@code x}. */
    public Tensor minimum(Tensor y) {
        Tensor out = binary(BinaryOp.MINIMUM, y);
        return track(out, (g, o) -> {
            Tensor toX = this.le(y);
            return new Tensor[] {g.mul(toX).sumToShape(shape), g.mul(toX.rsub(1.0)).sumToShape(y.shape)};
        }, this, y);
    }

    /** {@code x + c}. */
    public Tensor add(double c) {
        return add(new Tensor(c));
    }

    /** {@code x - c}. */
    public Tensor sub(double c) {
        return sub(new Tensor(c));
    }

    /** {@code c - x}. */
    public Tensor rsub(double c) {
        return new Tensor(c).sub(this);
    }

    /** {@code x * c}. */
    public Tensor mul(double c) {
        return mul(new Tensor(c));
    }

    /** {@code x / c}. */
    public Tensor div(double c) {
        return div(new Tensor(c));
    }

    /** {@code c / x}. */
    public Tensor rdiv(double c) {
        return new Tensor(c).div(this);
    }

    /** {@code x ^ p}; the gradient is {@code p x^(p-1)}, and 0 for {@code p == 0} (also at {@code x = 0}). */
    public Tensor pow(double p) {
        Tensor out = binary(BinaryOp.POW, new Tensor(p));
        return track1(out, (g, o) -> new Tensor[] {p == 0.0 ? zerosLike(this) : g.mul(this.pow(p - 1.0)).mul(p)}, this);
    }

    // comparisons: constants (no gradient)

    /** {@code 1.0} where {@code x < y}, else {@code 0.0}. */
    public Tensor lt(Tensor y) {
        return binary(BinaryOp.LT, y);
    }

    /** {@code 1.0} where {@code x <= y}, else {@code 0.0}. */
    public Tensor le(Tensor y) {
        return binary(BinaryOp.LE, y);
    }

    /** {@code 1.0} where {@code x > y}, else {@code 0.0}. */
    public Tensor gt(Tensor y) {
        return binary(BinaryOp.GT, y);
    }

    /** {@code 1.0} where {@code x >= y}, else {@code 0.0}. */
    public Tensor ge(Tensor y) {
        return binary(BinaryOp.GE, y);
    }

    /** {@code 1.0} where {@code x == y}, else {@code 0.0}. */
    public Tensor eq(Tensor y) {
        return binary(BinaryOp.EQ, y);
    }

    /** {@code 1.0} where {@code x != y}, else {@code 0.0}. */
    public Tensor ne(Tensor y) {
        return binary(BinaryOp.NE, y);
    }

    /** {@code 1.0} where {@code x < c}. */
    public Tensor lt(double c) {
        return lt(new Tensor(c));
    }

    /** {@code 1.0} where {@code x <= c}. */
    public Tensor le(double c) {
        return le(new Tensor(c));
    }

    /** {@code 1.0} where {@code x > c}. */
    public Tensor gt(double c) {
        return gt(new Tensor(c));
    }

    /** {@code 1.0} where {@code x >= c}. */
    public Tensor ge(double c) {
        return ge(new Tensor(c));
    }

    /** {@code 1.0} where {@code x == c}. */
    public Tensor eq(double c) {
        return eq(new Tensor(c));
    }

    /** {@code 1.0} where {@code x != c}. */
    public Tensor ne(double c) {
        return ne(new Tensor(c));
    }

    /**
     * {@code cond != 0 ? a : b} element-wise, all three broadcast together. The gradient flows to
     * {@code a} where the condition holds and to {@code b} elsewhere; {@code cond} is a constant.
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        a.checkSameBackend(b);
        cond.checkSameBackend(a);
        cond.checkSameBackend(b);
        int[] outShape = Shape.broadcast(cond.shape, a.shape, b.shape);
        Tensor out;
        if (cond.isCpuScalar() && a.isCpuScalar() && b.isCpuScalar()) {
            out = new Tensor(cond.scalar != 0.0 ? a.scalar : b.scalar);
        } else {
            Backend k = kernelsFor(a, b);
            out = (k == CPU ? cond.backend : k).where(cond, a, b, outShape);
        }
        return track(out, (g, o) -> {
            Tensor zero = zerosLike(g);
            return new Tensor[] {
                a.requiresGrad ? where(cond, g, zero).sumToShape(a.shape) : null,
                b.requiresGrad ? where(cond, zero, g).sumToShape(b.shape) : null};
        }, a, b);
    }

    /** Values limited to {@code [min, max]}; the gradient is zero where a bound is active. */
    public Tensor clamp(double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is above max " + max);
        }
        return clampMin(min).clampMax(max);
    }

    /** Values limited from below; the gradient is zero where {@code x < min}. */
    public Tensor clampMin(double min) {
        Tensor m = new Tensor(min);
        return where(lt(m), m, this);
    }

    /** Values limited from above; the gradient is zero where {@code x > max}. */
    public Tensor clampMax(double max) {
        Tensor m = new Tensor(max);
        return where(gt(m), m, this);
    }

    // ------------------------------------------------------------------ reductions

    private Tensor reduce(ReduceOp op, int[] dims, boolean keepdim) {
        return Reductions.reduce(this, op, dims, keepdim);
    }

    private int[] allDims() {
        return Reductions.allDims(shape.length);
    }

    /** Sum of all elements. */
    public Tensor sum() {
        return reduce(ReduceOp.SUM, allDims(), false);
    }

    /** Sum over {@code dims}, which are removed unless {@code keepdim}. */
    public Tensor sum(int[] dims, boolean keepdim) {
        return reduce(ReduceOp.SUM, dims, keepdim);
    }

    /** Sum over one dimension, which is removed. */
    public Tensor sum(int dim) {
        return reduce(ReduceOp.SUM, new int[] {dim}, false);
    }

    /** Mean of all elements. */
    public Tensor mean() {
        return sum().div(numel());
    }

    /** Mean over {@code dims}. */
    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    /** Mean over one dimension, which is removed. */
    public Tensor mean(int dim) {
        return mean(new int[] {dim}, false);
    }

    /** Largest element. */
    public Tensor max() {
        return reduce(ReduceOp.MAX, allDims(), false);
    }

    /** Largest element along {@code dims}. */
    public Tensor max(int[] dims, boolean keepdim) {
        return reduce(ReduceOp.MAX, dims, keepdim);
    }

    /** Smallest element. */
    public Tensor min() {
        return reduce(ReduceOp.MIN, allDims(), false);
    }

    /** Smallest element along {@code dims}. */
    public Tensor min(int[] dims, boolean keepdim) {
        return reduce(ReduceOp.MIN, dims, keepdim);
    }

    /** {@code log(sum(exp(x)))} over all elements, computed stably. */
    public Tensor logsumexp() {
        return reduce(ReduceOp.LOGSUMEXP, allDims(), false);
    }

    /** {@code log(sum(exp(x)))} over {@code dims}, computed stably. */
    public Tensor logsumexp(int[] dims, boolean keepdim) {
        return reduce(ReduceOp.LOGSUMEXP, dims, keepdim);
    }

    /** {@code x - logsumexp(x)} along {@code dim}: log-probabilities from logits. */
    public Tensor logSoftmax(int dim) {
        return sub(logsumexp(new int[] {dim}, true));
    }

    /** {@code exp(logSoftmax(dim))}. */
    public Tensor softmax(int dim) {
        return logSoftmax(dim).exp();
    }

    /** Cumulative sum along {@code dim}. */
    public Tensor cumsum(int dim) {
        return Reductions.cumsum(this, dim);
    }

    // ------------------------------------------------------------------ shapes

    /** The same values in a new shape with as many elements; one entry may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /** This tensor broadcast to {@code newShape} (numpy {@code broadcast_to}). */
    public Tensor expand(int... newShape) {
        return ShapeOps.expand(this, newShape);
    }

    /** All size-1 dimensions removed. */
    public Tensor squeeze() {
        return reshape(Arrays.stream(shape).filter(d -> d != 1).toArray());
    }

    /** Dimension {@code dim} removed; it must have size 1. */
    public Tensor squeeze(int dim) {
        return ShapeOps.squeeze(this, dim);
    }

    /** A size-1 dimension inserted at {@code dim} (negative counts from the end of the result). */
    public Tensor unsqueeze(int dim) {
        return ShapeOps.unsqueeze(this, dim);
    }

    /** Dimensions permuted: dimension {@code i} of the result is dimension {@code perm[i]} of this. */
    public Tensor permute(int... perm) {
        return ShapeOps.permute(this, perm);
    }

    /** Dimensions {@code d0} and {@code d1} swapped. */
    public Tensor transpose(int d0, int d1) {
        return ShapeOps.transpose(this, d0, d1);
    }

    /** The last two dimensions swapped (the matrix transpose, batched). */
    public Tensor transpose() {
        if (shape.length < 2) {
            throw new IllegalArgumentException("transpose() needs rank >= 2, got shape " + Shape.toString(shape));
        }
        return transpose(-2, -1);
    }

    /** Entries {@code [start, end)} along {@code dim}. */
    public Tensor slice(int dim, int start, int end) {
        return ShapeOps.slice(this, dim, start, end);
    }

    /**
     * The entries {@code indices} along {@code dim}, in that order (torch {@code index_select}).
     *
     * <pre>{@code
     * Tensor batch = features.index(0, plate.subsample());   // the mini-batch's rows
     * }</pre>
     *
     * <p>On the CPU, rows picked from a matrix ({@code dim} 0 of a rank-2 tensor) are not copied
     * until an operation needs them laid out; a matrix-vector product reads them in place. Like a
     * numpy view, the result keeps the whole source matrix reachable while it lives.
     */
    public Tensor index(int dim, int... indices) {
        return ShapeOps.index(this, dim, indices);
    }

    /** Entry {@code i} along {@code dim}, the dimension removed. */
    public Tensor select(int dim, int i) {
        return index(dim, i).squeeze(dim);
    }

    /** Concatenation along {@code dim}; other dimensions must agree. */
    public static Tensor cat(int dim, Tensor... xs) {
        return ShapeOps.cat(dim, xs);
    }

    /** Tensors of one shape stacked along a new dimension {@code dim}. */
    public static Tensor stack(int dim, Tensor... xs) {
        return ShapeOps.stack(dim, xs);
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * Matrix product with torch semantics: 1-d operands are promoted to a row (left) or a column
     * (right) and the added dimension removed again; leading (batch) dimensions broadcast.
     */
    public Tensor matmul(Tensor y) {
        return LinearAlgebra.matmul(this, y);
    }

    /**
     * Lower Cholesky factor {@code L} with {@code L L^T = x} of each symmetric positive-definite
     * matrix in the last two dimensions; throws {@link ArithmeticException} when one is not
     * positive-definite. Only the lower triangle of {@code x} is read.
     */
    public Tensor cholesky() {
        return LinearAlgebra.cholesky(this);
    }

    /**
     * Solves {@code A X = b} for this triangular {@code A} (batched), reading only the lower
     * (or upper) triangle.
     */
    public Tensor triangularSolve(Tensor b, boolean lower) {
        return triangularSolve(b, lower, false);
    }

    /**
     * Solves {@code op(A) X = b} for this triangular {@code A}, where {@code op(A)} is {@code A}
     * or, with {@code transposeA}, its transpose.
     */
    public Tensor triangularSolve(Tensor b, boolean lower, boolean transposeA) {
        return LinearAlgebra.triangularSolve(this, b, lower, transposeA);
    }

    /** The diagonal of the last two dimensions (square). */
    public Tensor diagonal() {
        return LinearAlgebra.diagonal(this);
    }

    /** Square matrices whose diagonal is the last dimension of this tensor, zero elsewhere. */
    public Tensor diagEmbed() {
        return LinearAlgebra.diagEmbed(this);
    }

    /** The lower triangle from diagonal {@code k} down (torch {@code tril}); zero above it. */
    public Tensor tril(int k) {
        return LinearAlgebra.tril(this, k);
    }

    // ------------------------------------------------------------------ misc

    /**
     * The first 12 values in row-major order (then {@code ", ..."} if there are more) and the
     * shape, e.g. {@code tensor([1.0, 2.0], shape=[2])}: enough to recognise a tensor in a message.
     */
    @Override
    public String toString() {
        if (isCpuScalar()) {
            return "tensor(" + scalar + (requiresGrad ? ", requiresGrad" : "") + ")";
        }
        if (backend != CPU) {
            return "tensor(" + backend.name() + ", shape=" + Shape.toString(shape) + ")";
        }
        double[] values = cpuData();
        StringBuilder sb = new StringBuilder("tensor(");
        int n = Math.min(values.length, 12);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(values[i]);
        }
        if (values.length > n) {
            sb.append(", ...");
        }
        sb.append("], shape=").append(Shape.toString(shape));
        return sb.append(requiresGrad ? ", requiresGrad)" : ")").toString();
    }
}
