package org.pyrite.tensor;

/**
 * The pure-Java backend: contiguous row-major {@code double[]} storage, shared between tensors
 * where an operation only changes the shape (tensors are immutable, so sharing is safe). The
 * operations live in one class per concern ({@link CpuElementwise}, {@link CpuReductions},
 * {@link CpuIndexing}, {@link CpuMatmul}, {@link CpuLinalg}); their inner loops are the
 * {@link Kernels} that {@link ActiveKernels} picks for this JVM.
 */
final class CpuBackend implements Backend {
    static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {}

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Tensor fromArray(double[] data, int[] shape) {
        return Tensor.cpu(shape, data.clone());
    }

    @Override
    public double[] toArray(Tensor x) {
        return x.cpuData().clone();
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        return CpuElementwise.unary(op, x);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b, int[] outShape) {
        return CpuElementwise.binary(op, a, b, outShape);
    }

    @Override
    public Tensor[] bernoulliLogitsLogProb(Tensor logits, Tensor value, boolean withScore) {
        return CpuElementwise.bernoulliLogitsLogProb(logits, value, withScore);
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b, int[] outShape) {
        return CpuElementwise.where(cond, a, b, outShape);
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepdim) {
        return CpuReductions.reduce(op, x, dims, keepdim);
    }

    @Override
    public Tensor cumsum(Tensor x, int dim) {
        return CpuReductions.cumsum(x, dim);
    }

    @Override
    public Tensor reshape(Tensor x, int[] shape) {
        return CpuIndexing.reshape(x, shape);
    }

    @Override
    public Tensor expand(Tensor x, int[] shape) {
        return CpuIndexing.expand(x, shape);
    }

    @Override
    public Tensor permute(Tensor x, int[] perm) {
        return CpuIndexing.permute(x, perm);
    }

    @Override
    public Tensor slice(Tensor x, int dim, int start, int end) {
        return CpuIndexing.slice(x, dim, start, end);
    }

    @Override
    public Tensor indexSelect(Tensor x, int dim, int[] indices) {
        return CpuIndexing.indexSelect(x, dim, indices);
    }

    @Override
    public Tensor indexAdd(Tensor src, int dim, int[] indices, int[] shape) {
        return CpuIndexing.indexAdd(src, dim, indices, shape);
    }

    @Override
    public Tensor cat(Tensor[] xs, int dim, int[] outShape) {
        return CpuIndexing.cat(xs, dim, outShape);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb, int[] outShape) {
        return CpuMatmul.matmul(a, b, ta, tb, outShape);
    }

    @Override
    public Tensor cholesky(Tensor a) {
        return CpuLinalg.cholesky(a);
    }

    @Override
    public Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA, int[] outShape) {
        return CpuLinalg.triangularSolve(a, b, lower, transposeA, outShape);
    }

    @Override
    public Tensor diagonal(Tensor x) {
        return CpuLinalg.diagonal(x);
    }

    @Override
    public Tensor diagEmbed(Tensor x) {
        return CpuLinalg.diagEmbed(x);
    }

    @Override
    public Tensor tril(Tensor x, int k) {
        return CpuLinalg.tril(x, k);
    }
}
