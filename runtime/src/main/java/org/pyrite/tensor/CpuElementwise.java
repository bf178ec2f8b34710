package org.pyrite.tensor;

import org.pyrite.concurrent.ChunkPool;

/**
 * Element-wise operations of the CPU backend: unary functions, broadcast binary arithmetic,
 * {@code where}, and the fused Bernoulli-logits likelihood. The transcendental loops are
 * {@link Kernels}, spread over {@link ChunkPool} in chunks.
 */
final class CpuElementwise {
    private CpuElementwise() {}

    private static final Kernels K = ActiveKernels.KERNELS;

    /**
     * Elements per chunk of the transcendental kernels spread over {@link ChunkPool}: a few
     * microseconds of work, enough to amortise claiming a chunk (tens of nanoseconds) while a
     * subsample of 1,000 still splits in two.
     */
    private static final int ELEMENT_GRAIN = 512;

    // What each loop costs per element, learned by the pool to decide when a second thread pays.
    private static final ChunkPool.Work WORK_EXP = new ChunkPool.Work("exp");
    private static final ChunkPool.Work WORK_LOG = new ChunkPool.Work("log");
    private static final ChunkPool.Work WORK_LOG1P = new ChunkPool.Work("log1p");
    private static final ChunkPool.Work WORK_SIGMOID = new ChunkPool.Work("sigmoid");
    private static final ChunkPool.Work WORK_SOFTPLUS = new ChunkPool.Work("softplus");
    private static final ChunkPool.Work WORK_LOG_SIGMOID = new ChunkPool.Work("log-sigmoid");
    private static final ChunkPool.Work WORK_BERNOULLI = new ChunkPool.Work("Bernoulli logits");

    static Tensor unary(UnaryOp op, Tensor x) {
        double[] in = x.cpuData();
        double[] out = new double[in.length];
        switch (op) {
            case NEG:
                for (int i = 0; i < in.length; i++) {
                    out[i] = -in[i];
                }
                break;
            case EXP:
                ChunkPool.KERNELS.forEachChunk(WORK_EXP, in.length, ELEMENT_GRAIN, (c, from, to) -> K.exp(in, out, from, to));
                break;
            case LOG:
                ChunkPool.KERNELS.forEachChunk(WORK_LOG, in.length, ELEMENT_GRAIN, (c, from, to) -> K.log(in, out, from, to));
                break;
            case SQUARE:
                for (int i = 0; i < in.length; i++) {
                    out[i] = in[i] * in[i];
                }
                break;
            // The likelihoods of logistic models: direct static calls the JIT can inline, rather
            // than the enum's virtual apply, which is megamorphic in the shared loop below.
            case SIGMOID:
                ChunkPool.KERNELS.forEachChunk(WORK_SIGMOID, in.length, ELEMENT_GRAIN, (c, from, to) -> K.sigmoid(in, out, from, to));
                break;
            case SOFTPLUS:
                ChunkPool.KERNELS.forEachChunk(WORK_SOFTPLUS, in.length, ELEMENT_GRAIN, (c, from, to) -> K.softplus(in, 1.0, out, from, to));
                break;
            case LOG_SIGMOID:
                // log sigmoid(x) = -softplus(-x)
                ChunkPool.KERNELS.forEachChunk(WORK_LOG_SIGMOID, in.length, ELEMENT_GRAIN, (c, from, to) -> K.softplus(in, -1.0, out, from, to));
                break;
            case LOG1P:
                ChunkPool.KERNELS.forEachChunk(WORK_LOG1P, in.length, ELEMENT_GRAIN, (c, from, to) -> K.log1p(in, out, from, to));
                break;
            default:
                for (int i = 0; i < in.length; i++) {
                    out[i] = op.apply(in[i]);
                }
        }
        return Tensor.cpu(x.shapeRef(), out);
    }


    static Tensor[] bernoulliLogitsLogProb(Tensor logits, Tensor value, boolean withScore) {
        double[] z = logits.cpuData();
        double[] y = value.cpuData();
        int n = z.length;
        double[] e = new double[n];
        double[] logProb = new double[n];
        ChunkPool.KERNELS.forEachChunk(WORK_BERNOULLI, n, ELEMENT_GRAIN, (c, from, to) -> K.bernoulliLogits(z, y, e, logProb, withScore, from, to));
        return new Tensor[] {Tensor.cpu(logits.shapeRef(), logProb), withScore ? Tensor.cpu(logits.shapeRef(), e) : null};
    }


    static Tensor binary(BinaryOp op, Tensor a, Tensor b, int[] outShape) {
        double[] x = a.cpuData();
        double[] y = b.cpuData();
        int n = Shape.numel(outShape);
        double[] out = new double[n];
        if (x.length == n && y.length == n) {
            sameShape(op, x, y, out);
        } else if (x.length == n && y.length == 1) {
            rightScalar(op, x, y[0], out);
        } else if (y.length == n && x.length == 1) {
            double c = x[0];
            for (int i = 0; i < n; i++) {
                out[i] = op.apply(c, y[i]);
            }
        } else {
            int[] sa = Strides.broadcast(a.shapeRef(), outShape);
            int[] sb = Strides.broadcast(b.shapeRef(), outShape);
            int rank = outShape.length;
            int[] idx = new int[rank];
            int oa = 0;
            int ob = 0;
            for (int i = 0; i < n; i++) {
                out[i] = op.apply(x[oa], y[ob]);
                for (int d = rank - 1; d >= 0; d--) {
                    idx[d]++;
                    oa += sa[d];
                    ob += sb[d];
                    if (idx[d] < outShape[d]) {
                        break;
                    }
                    oa -= sa[d] * outShape[d];
                    ob -= sb[d] * outShape[d];
                    idx[d] = 0;
                }
            }
        }
        return Tensor.cpu(outShape, out);
    }

    // The four arithmetic ops get their own loops so the JIT can vectorize them.
    private static void sameShape(BinaryOp op, double[] x, double[] y, double[] out) {
        switch (op) {
            case ADD:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] + y[i];
                }
                break;
            case SUB:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] - y[i];
                }
                break;
            case MUL:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] * y[i];
                }
                break;
            case DIV:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] / y[i];
                }
                break;
            default:
                for (int i = 0; i < out.length; i++) {
                    out[i] = op.apply(x[i], y[i]);
                }
        }
    }

    private static void rightScalar(BinaryOp op, double[] x, double c, double[] out) {
        switch (op) {
            case ADD:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] + c;
                }
                break;
            case MUL:
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[i] * c;
                }
                break;
            default:
                for (int i = 0; i < out.length; i++) {
                    out[i] = op.apply(x[i], c);
                }
        }
    }


    static Tensor where(Tensor cond, Tensor a, Tensor b, int[] outShape) {
        double[] c = cond.cpuData();
        double[] x = a.cpuData();
        double[] y = b.cpuData();
        int n = Shape.numel(outShape);
        double[] out = new double[n];
        int[] sc = Strides.broadcast(cond.shapeRef(), outShape);
        int[] sa = Strides.broadcast(a.shapeRef(), outShape);
        int[] sb = Strides.broadcast(b.shapeRef(), outShape);
        int rank = outShape.length;
        int[] idx = new int[rank];
        int oc = 0;
        int oa = 0;
        int ob = 0;
        for (int i = 0; i < n; i++) {
            out[i] = c[oc] != 0.0 ? x[oa] : y[ob];
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                oc += sc[d];
                oa += sa[d];
                ob += sb[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                oc -= sc[d] * outShape[d];
                oa -= sa[d] * outShape[d];
                ob -= sb[d] * outShape[d];
                idx[d] = 0;
            }
        }
        return Tensor.cpu(outShape, out);
    }
}
