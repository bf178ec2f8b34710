package org.pyrite.tensorflow;

import java.util.function.Supplier;
import org.pyrite.tensor.Backend;
import org.pyrite.tensor.BinaryOp;
import org.pyrite.tensor.ReduceOp;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.UnaryOp;
import org.tensorflow.Output;

/**
 * The {@link Backend} whose tensors are nodes of a TensorFlow graph (float64): every kernel adds
 * nodes and returns a symbolic tensor, so distributions, handlers and ELBOs run unchanged while
 * a step is being traced. CPU tensors meeting graph tensors become constants of the graph.
 *
 * <p>A symbolic tensor has no value until the graph runs: {@link #toArray} (behind
 * {@link Tensor#item()} and {@link Tensor#toArray()}) throws {@link SymbolicValueException}
 * naming where tracing was, since a model that reads a sampled value to decide what to do next
 * cannot be compiled into one graph.
 */
public final class GraphBackend implements Backend {
    private final GraphOps ops;
    private java.util.function.Function<int[], Output<?>> indexFeeds = idx -> null;
    private Supplier<String> where = () -> "while a compiled step was being traced";

    GraphBackend(GraphOps ops) {
        this.ops = ops;
    }

    GraphOps ops() {
        return ops;
    }

    /** Says which index arrays are a subsampled plate's indices, to be fed at each run (null: a constant). */
    void feedIndicesWith(java.util.function.Function<int[], Output<?>> feeds) {
        this.indexFeeds = feeds;
    }

    /** Says where tracing is (the last site seen), for the message of a value read. */
    void locateReadsWith(Supplier<String> where) {
        this.where = where;
    }

    @Override
    public String name() {
        return "tensorflow";
    }

    /** A symbolic tensor of {@code shape} whose node is {@code out}. */
    Tensor wrap(Output<?> out, int[] shape) {
        return Tensor.ofHandle(this, shape, out);
    }

    /** The node of {@code x}: its own when symbolic, a new constant when it is a CPU tensor. */
    Output<?> out(Tensor x) {
        if (x.backend() == this) {
            return (Output<?>) x.handle();
        }
        if (x.backend() instanceof GraphBackend) {
            throw new IllegalArgumentException("a tensor of another compiled graph was used here; each CompiledSVI traces its own");
        }
        return x.isScalar() ? ops.scalar(x.item()) : ops.constant(x.toArray(), x.shape());
    }

    /** Data tensors held in variables, each with the values to load into it once, before the first step. */
    final java.util.List<java.util.Map.Entry<GraphVariable, double[]>> dataVariables = new java.util.ArrayList<>();

    /**
     * {@code t}'s values in the graph: a constant when small; a variable loaded once when large, since
     * a large constant is copied into the graph's definition and folded over again at the first run
     * (15 s for 100,000 x 200 doubles).
     */
    Tensor data(Tensor t) {
        if (t.numel() <= 4096) {
            return fromArray(t.toArray(), t.shape());
        }
        GraphVariable v = GraphVariable.create(ops, "data_" + dataVariables.size(), t.shape(), "pyrite_data_" + dataVariables.size());
        dataVariables.add(java.util.Map.entry(v, t.toArray()));
        return wrap(v.read, t.shape());
    }

    @Override
    public Tensor fromArray(double[] data, int[] shape) {
        return wrap(ops.constant(data, shape), shape);
    }

    @Override
    public double[] toArray(Tensor x) {
        throw new SymbolicValueException("a value was read from a symbolic tensor of shape " + java.util.Arrays.toString(x.shape())
                + " " + where.get() + ": the model's structure (or a check) depends on a sampled or learned value, so it cannot be"
                + " compiled into one TensorFlow graph; keep value-dependent branches out of the model, or use the CPU SVI");
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        Output<?> a = out(x);
        Output<?> r;
        switch (op) {
            case NEG: r = ops.op("Neg", a); break;
            case RECIPROCAL: r = ops.op("Reciprocal", a); break;
            case EXP: r = ops.op("Exp", a); break;
            case LOG: r = ops.op("Log", a); break;
            case LOG1P: r = ops.op("Log1p", a); break;
            case EXPM1: r = ops.op("Expm1", a); break;
            case SQRT: r = ops.op("Sqrt", a); break;
            case SQUARE: r = ops.op("Square", a); break;
            case ABS: r = ops.op("Abs", a); break;
            case SIGN: r = ops.op("Sign", a); break;
            case FLOOR: r = ops.op("Floor", a); break;
            case SIGMOID: r = ops.op("Sigmoid", a); break;
            case SOFTPLUS: r = ops.op("Softplus", a); break;
            case LOG_SIGMOID: r = ops.op("Neg", ops.op("Softplus", ops.op("Neg", a))); break;
            case TANH: r = ops.op("Tanh", a); break;
            case LGAMMA: r = ops.op("Lgamma", a); break;
            case DIGAMMA: r = ops.op("Digamma", a); break;
            case TRIGAMMA: r = ops.op("Polygamma", ops.op("OnesLike", a), a); break;
            default: throw new UnsupportedOperationException("unary op " + op + " has no TensorFlow kernel here");
        }
        return wrap(r, x.shape());
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor x, Tensor y, int[] outShape) {
        Output<?> a = out(x);
        Output<?> b = out(y);
        Output<?> r;
        switch (op) {
            case ADD: r = ops.op("AddV2", a, b); break;
            case SUB: r = ops.op("Sub", a, b); break;
            case MUL: r = ops.op("Mul", a, b); break;
            case DIV: r = ops.op("RealDiv", a, b); break;
            case POW: r = ops.op("Pow", a, b); break;
            case MAXIMUM: r = ops.op("Maximum", a, b); break;
            case MINIMUM: r = ops.op("Minimum", a, b); break;
            case LT: r = ops.toDouble(ops.op("Less", a, b)); break;
            case LE: r = ops.toDouble(ops.op("LessEqual", a, b)); break;
            case GT: r = ops.toDouble(ops.op("Greater", a, b)); break;
            case GE: r = ops.toDouble(ops.op("GreaterEqual", a, b)); break;
            case EQ: r = ops.toDouble(ops.op("Equal", a, b)); break;
            case NE: r = ops.toDouble(ops.op("NotEqual", a, b)); break;
            case POISSON_LOG_PROB: r = poissonLogProb(a, b); break;
            default: throw new UnsupportedOperationException("binary op " + op + " has no TensorFlow kernel here");
        }
        return wrap(r, outShape);
    }

    /** {@code x log(rate) - rate - lgamma(x + 1)}, with {@code x log(rate)} taken as 0 where {@code x = 0}. */
    private Output<?> poissonLogProb(Output<?> x, Output<?> rate) {
        Output<?> zero = ops.scalar(0.0);
        Output<?> atZero = ops.op("Equal", x, zero);
        Output<?> safeRate = ops.op("SelectV2", atZero, ops.op("OnesLike", rate), rate);
        Output<?> xLogRate = ops.op("SelectV2", atZero, ops.op("ZerosLike", ops.op("Mul", x, safeRate)),
                ops.op("Mul", x, ops.op("Log", safeRate)));
        return ops.op("Sub", ops.op("Sub", xLogRate, rate), ops.op("Lgamma", ops.op("AddV2", x, ops.scalar(1.0))));
    }

    @Override
    public Tensor[] bernoulliLogitsLogProb(Tensor logits, Tensor value, boolean withScore) {
        Output<?> l = out(logits);
        Output<?> v = out(value);
        Output<?> lp = ops.op("Sub", ops.op("Mul", v, l), ops.op("Softplus", l));
        Tensor score = withScore ? wrap(ops.op("Sub", v, ops.op("Sigmoid", l)), logits.shape()) : null;
        return new Tensor[] {wrap(lp, logits.shape()), score};
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepdim) {
        Output<?> a = out(x);
        Output<?> axes = ops.ints(dims);
        Output<?> r;
        switch (op) {
            case SUM: r = ops.op("Sum", b -> b.setAttr("keep_dims", keepdim), a, axes); break;
            case MAX: r = ops.op("Max", b -> b.setAttr("keep_dims", keepdim), a, axes); break;
            case MIN: r = ops.op("Min", b -> b.setAttr("keep_dims", keepdim), a, axes); break;
            case LOGSUMEXP: r = logsumexp(a, axes, dims, keepdim); break;
            default: throw new UnsupportedOperationException("reduction " + op + " has no TensorFlow kernel here");
        }
        return wrap(r, reducedShape(x.shape(), dims, keepdim));
    }

    /** {@code m + log(sum(exp(x - m)))} with {@code m} the (constant, finite) maximum, as the CPU backend computes it. */
    private Output<?> logsumexp(Output<?> a, Output<?> axes, int[] dims, boolean keepdim) {
        Output<?> m = ops.op("StopGradient", ops.op("Max", b -> b.setAttr("keep_dims", true), a, axes));
        Output<?> finite = ops.op("IsFinite", m);
        Output<?> safe = ops.op("SelectV2", finite, m, ops.op("ZerosLike", m));
        Output<?> s = ops.op("Log", ops.op("Sum", b -> b.setAttr("keep_dims", true), ops.op("Exp", ops.op("Sub", a, safe)), axes));
        Output<?> r = ops.op("AddV2", s, safe);
        if (keepdim || dims.length == 0) {
            return r;
        }
        long[] squeeze = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            squeeze[i] = dims[i];
        }
        return ops.op("Squeeze", b -> b.setAttr("squeeze_dims", squeeze), r);
    }

    static int[] reducedShape(int[] shape, int[] dims, boolean keepdim) {
        boolean[] reduced = new boolean[shape.length];
        for (int d : dims) {
            reduced[d] = true;
        }
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            n += reduced[i] && !keepdim ? 0 : 1;
        }
        int[] out = new int[n];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!reduced[i]) {
                out[j++] = shape[i];
            } else if (keepdim) {
                out[j++] = 1;
            }
        }
        return out;
    }

    @Override
    public Tensor cumsum(Tensor x, int dim) {
        return wrap(ops.op("Cumsum", out(x), ops.int32(dim)), x.shape());
    }

    @Override
    public Tensor matmul(Tensor x, Tensor y, boolean transposeA, boolean transposeB, int[] outShape) {
        Output<?> a = out(x);
        Output<?> b = out(y);
        Output<?> r = x.rank() == 2 && y.rank() == 2
                ? ops.op("MatMul", o -> o.setAttr("transpose_a", transposeA).setAttr("transpose_b", transposeB), a, b)
                : ops.op("BatchMatMulV2", o -> o.setAttr("adj_x", transposeA).setAttr("adj_y", transposeB), a, b);
        return wrap(r, outShape);
    }

    @Override
    public Tensor permute(Tensor x, int[] perm) {
        int[] s = x.shape();
        int[] outShape = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = s[perm[i]];
        }
        return wrap(ops.op("Transpose", out(x), ops.ints(perm)), outShape);
    }

    @Override
    public Tensor reshape(Tensor x, int[] shape) {
        return wrap(ops.op("Reshape", out(x), ops.ints(shape)), shape.clone());
    }

    @Override
    public Tensor expand(Tensor x, int[] shape) {
        return wrap(ops.op("BroadcastTo", out(x), ops.ints(shape)), shape.clone());
    }

    @Override
    public Tensor slice(Tensor x, int dim, int start, int end) {
        int[] s = x.shape();
        int[] begin = new int[s.length];
        int[] size = s.clone();
        begin[dim] = start;
        size[dim] = end - start;
        return wrap(ops.op("Slice", out(x), ops.ints(begin), ops.ints(size)), size);
    }

    @Override
    public Tensor indexSelect(Tensor x, int dim, int[] indices) {
        int[] s = x.shape().clone();
        s[dim] = indices.length;
        Output<?> fed = indexFeeds.apply(indices);
        return wrap(ops.op("GatherV2", out(x), fed != null ? fed : ops.ints(indices), ops.int32(dim)), s);
    }

    @Override
    public Tensor indexAdd(Tensor src, int dim, int[] indices, int[] shape) {
        // UnsortedSegmentSum sums along the first dimension: move dim to the front and back.
        int rank = shape.length;
        int[] perm = moveToFront(rank, dim);
        Output<?> front = dim == 0 ? out(src) : ops.op("Transpose", out(src), ops.ints(perm));
        Output<?> summed = ops.op("UnsortedSegmentSum", front, ops.ints(indices), ops.int32(shape[dim]));
        Output<?> r = dim == 0 ? summed : ops.op("Transpose", summed, ops.ints(inverse(perm)));
        return wrap(r, shape.clone());
    }

    private static int[] moveToFront(int rank, int dim) {
        int[] perm = new int[rank];
        perm[0] = dim;
        for (int i = 0, j = 1; i < rank; i++) {
            if (i != dim) {
                perm[j++] = i;
            }
        }
        return perm;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    @Override
    public Tensor cat(Tensor[] xs, int dim, int[] outShape) {
        Output<?>[] parts = new Output<?>[xs.length];
        for (int i = 0; i < xs.length; i++) {
            parts[i] = out(xs[i]);
        }
        Output<?> r = ops.node("ConcatV2", b -> b.addInputList(parts).addInput(ops.int32(dim))).output(0);
        return wrap(r, outShape);
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b, int[] outShape) {
        Output<?> c = ops.op("NotEqual", out(cond), ops.scalar(0.0));
        Output<?> r = ops.op("SelectV2", c, out(a), out(b));
        // SelectV2 broadcasts to the common shape only where all three take part; make it exact.
        return wrap(ops.op("BroadcastTo", r, ops.ints(outShape)), outShape);
    }

    @Override
    public Tensor cholesky(Tensor a) {
        return wrap(ops.op("Cholesky", out(a)), a.shape());
    }

    @Override
    public Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA, int[] outShape) {
        Output<?> r = ops.op("MatrixTriangularSolve", o -> o.setAttr("lower", lower).setAttr("adjoint", transposeA), out(a), out(b));
        return wrap(r, outShape);
    }

    @Override
    public Tensor diagonal(Tensor x) {
        int[] s = x.shape();
        int[] outShape = java.util.Arrays.copyOf(s, s.length - 1);
        outShape[s.length - 2] = Math.min(s[s.length - 2], s[s.length - 1]);
        return wrap(ops.op("MatrixDiagPart", out(x)), outShape);
    }

    @Override
    public Tensor diagEmbed(Tensor x) {
        int[] s = x.shape();
        int[] outShape = java.util.Arrays.copyOf(s, s.length + 1);
        outShape[s.length] = s[s.length - 1];
        return wrap(ops.op("MatrixDiag", out(x)), outShape);
    }

    @Override
    public Tensor tril(Tensor x, int k) {
        int[] s = x.shape();
        int rows = s[s.length - 2];
        int cols = s[s.length - 1];
        double[] keep = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                keep[i * cols + j] = j - i <= k ? 1.0 : 0.0;
            }
        }
        Output<?> mask = ops.op("NotEqual", ops.constant(keep, new int[] {rows, cols}), ops.scalar(0.0));
        Output<?> a = out(x);
        return wrap(ops.op("SelectV2", mask, a, ops.op("ZerosLike", a)), s);
    }
}
