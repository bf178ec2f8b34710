package org.pyrite.tensor;

/**
 * The kernels under {@link Tensor}: the service-provider interface a backend implements.
 *
 * <p>Kernels compute values only. Autodiff lives in {@link Tensor} and is written in terms of
 * these kernels, so a backend gets gradients without writing any. Everything above the tensor
 * layer (distributions, handlers, inference) uses {@code Tensor} operations and reads values only
 * through {@link Tensor#item()} and {@link Tensor#toArray()}, so a symbolic backend that builds a
 * graph (TensorFlow) can implement this interface by returning tensors whose
 * {@link Tensor#handle()} is a graph node.
 *
 * <p>Arguments come from this backend, or are CPU tensors (constants, e.g. a distribution's fixed
 * parameter meeting a graph node) that a non-CPU backend takes as constants; shapes have been checked by {@code Tensor}
 * (broadcast shapes computed, dimensions normalized) before a kernel is called.
 */
public interface Backend {
    /** A human-readable name, e.g. {@code "cpu"}. */
    String name();

    /** A tensor of the given shape holding a copy of {@code data} (row-major). */
    Tensor fromArray(double[] data, int[] shape);

    /** The values of {@code x}, row-major, as a fresh array. */
    double[] toArray(Tensor x);

    /** {@code op} applied to every element. */
    Tensor unary(UnaryOp op, Tensor x);

    /** {@code op} applied element-wise after broadcasting {@code a} and {@code b} to {@code outShape}. */
    Tensor binary(BinaryOp op, Tensor a, Tensor b, int[] outShape);

    /**
     * The Bernoulli log-probabilities {@code value * logits - softplus(logits)} of {@code value}
     * under {@code logits} (both of one shape) and, when {@code withScore}, in the same pass their
     * derivatives {@code value - sigmoid(logits)} with respect to the logits.
     *
     * @return the log-probabilities, and the derivatives or {@code null}
     */
    Tensor[] bernoulliLogitsLogProb(Tensor logits, Tensor value, boolean withScore);

    /** Reduction over the (sorted, distinct, normalized) {@code dims}. */
    Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepdim);

    /** Cumulative sum along {@code dim}. */
    Tensor cumsum(Tensor x, int dim);

    /**
     * Matrix product {@code op(a) @ op(b)} of rank &ge; 2 operands (batch dimensions broadcast),
     * where {@code op} transposes the last two dimensions when the flag is set.
     */
    Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB, int[] outShape);

    /** Dimensions permuted: output dimension {@code i} is input dimension {@code perm[i]}. */
    Tensor permute(Tensor x, int[] perm);

    /** Same elements, new shape of equal element count. */
    Tensor reshape(Tensor x, int[] shape);

    /** {@code x} broadcast to {@code shape}. */
    Tensor expand(Tensor x, int[] shape);

    /** Elements {@code [start, end)} along {@code dim}. */
    Tensor slice(Tensor x, int dim, int start, int end);

    /** The entries {@code indices} along {@code dim}, in that order (repeats allowed). */
    Tensor indexSelect(Tensor x, int dim, int[] indices);

    /** The adjoint of {@link #indexSelect}: a tensor of {@code shape}, zero but for {@code src} summed into {@code indices} along {@code dim}. */
    Tensor indexAdd(Tensor src, int dim, int[] indices, int[] shape);

    /** Concatenation along {@code dim}; all other dimensions agree. */
    Tensor cat(Tensor[] xs, int dim, int[] outShape);

    /** Element-wise {@code cond != 0 ? a : b}, all three broadcast to {@code outShape}. */
    Tensor where(Tensor cond, Tensor a, Tensor b, int[] outShape);

    /** Lower Cholesky factor of each (symmetric positive-definite) matrix in the last two dimensions. */
    Tensor cholesky(Tensor a);

    /**
     * Solves {@code op(A) X = B} for triangular {@code A} (batched over leading dimensions), where
     * {@code op(A)} is {@code A} or its transpose.
     */
    Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA, int[] outShape);

    /** The diagonal of the last two dimensions. */
    Tensor diagonal(Tensor x);

    /** Square matrices in the last two dimensions whose diagonal is the last dimension of {@code x}. */
    Tensor diagEmbed(Tensor x);

    /** {@code x} with everything above diagonal {@code k} of the last two dimensions set to zero. */
    Tensor tril(Tensor x, int k);
}
