package org.pyrite.tensor;

/**
 * The inner loops of the CPU backend over array ranges: the transcendental element loops, the
 * fused Bernoulli-logits likelihood, sums, dot products and matrix products. Two implementations:
 * {@link ScalarKernels}, plain Java that C2 compiles to scalar code, and {@code VectorKernels},
 * written with the incubating Vector API, chosen by {@link ActiveKernels} when the JVM has the
 * module {@code jdk.incubator.vector}.
 *
 * <p>Why an interface: the CPU backend's operations are written once over these loops, and the
 * JIT inlines the one implementation in use through the constant {@link ActiveKernels#KERNELS}.
 * Both implementations give the same results to within the accuracy each method promises
 * (sums may differ in their last bits, as any change of summation order does).
 */
interface Kernels {
    /** A short name for messages and benchmarks: "scalar" or "vector". */
    String name();

    /**
     * e^x at one point, bit for bit what {@link #exp(double[], double[], int, int)} gives for that
     * element, so a 0-d tensor's fast path agrees with the array loops.
     */
    double exp(double x);

    /** log(x) at one point, as {@link #log(double[], double[], int, int)} gives it. */
    double log(double x);

    /** log(1 + x) at one point, as {@link #log1p(double[], double[], int, int)} gives it. */
    double log1p(double x);

    /** {@code out[i] = e^x[i]} for {@code i} in [from, to), within one ulp; {@code out} may be {@code x}. */
    void exp(double[] x, double[] out, int from, int to);

    /** {@code out[i] = log(x[i])} for {@code i} in [from, to), within one ulp; {@code out} may be {@code x}. */
    void log(double[] x, double[] out, int from, int to);

    /** {@code out[i] = log(1 + x[i])} for {@code i} in [from, to), within one ulp; {@code out} may be {@code x}. */
    void log1p(double[] x, double[] out, int from, int to);

    /** {@code out[i] = 1 / (1 + e^-x[i])} for {@code i} in [from, to); {@code out} may be {@code x}. */
    void sigmoid(double[] x, double[] out, int from, int to);

    /** {@code out[i] = sign * softplus(sign * x[i])} for {@code sign} = 1 or -1 (log-sigmoid). */
    void softplus(double[] x, double sign, double[] out, int from, int to);

    /**
     * The Bernoulli log-likelihood of labels {@code y} under logits {@code z} into {@code logProb},
     * and, when {@code withScore}, its derivative in the logits, {@code y - sigmoid(z)}, into
     * {@code e} (otherwise {@code e} is scratch).
     */
    void bernoulliLogits(double[] z, double[] y, double[] e, double[] logProb, boolean withScore, int from, int to);

    /** The sum of {@code len} entries from {@code from}. */
    double sum(double[] a, int from, int len);

    /** The dot product of {@code k} entries of {@code x} from {@code xo} and of {@code y} from {@code yo}. */
    double dot(double[] x, int xo, double[] y, int yo, int k);

    /**
     * Rows [from, to) of A v into {@code out[oc + i]}: row {@code i} of {@code k} entries starts at
     * {@code xa + i k}, or at {@code xa + rows[i] k} when rows are picked from a larger matrix.
     */
    void matvecRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int k, int from, int to);

    /**
     * {@code out[oc + i] += sum over p in [from, to) of A[p, i] v[p]} for the {@code n} entries of
     * each row (rows as in {@link #matvecRows}): a slice of A^T v.
     */
    void axpyRows(double[] x, int xa, int[] rows, double[] y, int yb, double[] out, int oc, int n, int from, int to);

    /**
     * Rows [from, to) of C = op(A) B, written (not added) into {@code out} at {@code oc + i m}: entry
     * {@code (i, p)} of op(A) is {@code x[xa + i ai + p ap]} (so {@code ai = k, ap = 1} for A
     * stored [n, k], {@code ai = 1, ap = n} for A^T with A stored [k, n]) and B is row-major [k, m]
     * at {@code yb}.
     */
    void gemmRows(double[] x, int xa, int ai, int ap, double[] y, int yb, double[] out, int oc, int k, int m, int from, int to);
}
