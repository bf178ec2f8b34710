package org.pyrite.tensor;

/** Factorisations and triangular matrices of the CPU backend: Cholesky, triangular solves, diagonals. */
final class CpuLinalg {
    private CpuLinalg() {}

    static Tensor cholesky(Tensor a) {
        int[] shape = a.shapeRef();
        int n = shape[shape.length - 1];
        double[] in = a.cpuData();
        double[] out = new double[in.length];
        for (int base = 0; base < in.length; base += n * n) {
            for (int j = 0; j < n; j++) {
                double d = in[base + j * n + j];
                for (int p = 0; p < j; p++) {
                    d -= out[base + j * n + p] * out[base + j * n + p];
                }
                if (!(d > 0.0)) {
                    throw new ArithmeticException("cholesky: matrix " + (base / (n * n)) + " is not positive-definite (pivot "
                            + j + " is " + d + ")");
                }
                double ljj = Math.sqrt(d);
                out[base + j * n + j] = ljj;
                for (int i = j + 1; i < n; i++) {
                    double s = in[base + i * n + j];
                    for (int p = 0; p < j; p++) {
                        s -= out[base + i * n + p] * out[base + j * n + p];
                    }
                    out[base + i * n + j] = s / ljj;
                }
            }
        }
        return Tensor.cpu(shape, out);
    }

    static Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA, int[] outShape) {
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        int n = as[as.length - 1];
        int m = bs[bs.length - 1];
        int[] batch = Shape.slice(outShape, 0, outShape.length - 2);
        int[] aOff = CpuMatmul.batchOffsets(Shape.slice(as, 0, as.length - 2), batch, n * n);
        int[] bOff = CpuMatmul.batchOffsets(Shape.slice(bs, 0, bs.length - 2), batch, n * m);
        double[] x = a.cpuData();
        double[] y = b.cpuData();
        double[] out = new double[aOff.length * n * m];
        // op(A) is lower-triangular when A is lower and not transposed, or upper and transposed.
        boolean effectiveLower = lower != transposeA;
        for (int t = 0; t < aOff.length; t++) {
            int ab = aOff[t];
            int bb = bOff[t];
            int ob = t * n * m;
            for (int c = 0; c < m; c++) {
                for (int step = 0; step < n; step++) {
                    int i = effectiveLower ? step : n - 1 - step;
                    double s = y[bb + i * m + c];
                    for (int step2 = 0; step2 < step; step2++) {
                        int j = effectiveLower ? step2 : n - 1 - step2;
                        double aij = transposeA ? x[ab + j * n + i] : x[ab + i * n + j];
                        s -= aij * out[ob + j * m + c];
                    }
                    out[ob + i * m + c] = s / x[ab + i * n + i];
                }
            }
        }
        return Tensor.cpu(outShape, out);
    }

    static Tensor diagonal(Tensor x) {
        int[] shape = x.shapeRef();
        int n = shape[shape.length - 1];
        double[] in = x.cpuData();
        int count = in.length / Math.max(1, n * n);
        double[] out = new double[count * n];
        for (int t = 0; t < count; t++) {
            for (int i = 0; i < n; i++) {
                out[t * n + i] = in[t * n * n + i * n + i];
            }
        }
        return Tensor.cpu(Shape.slice(shape, 0, shape.length - 1), out);
    }

    static Tensor diagEmbed(Tensor x) {
        int[] shape = x.shapeRef();
        int n = shape[shape.length - 1];
        double[] in = x.cpuData();
        int count = in.length / Math.max(1, n);
        double[] out = new double[count * n * n];
        for (int t = 0; t < count; t++) {
            for (int i = 0; i < n; i++) {
                out[t * n * n + i * n + i] = in[t * n + i];
            }
        }
        return Tensor.cpu(Shape.concat(shape, new int[] {n}), out);
    }

    static Tensor tril(Tensor x, int k) {
        int[] shape = x.shapeRef();
        int r = shape[shape.length - 2];
        int c = shape[shape.length - 1];
        double[] out = x.cpuData().clone();
        for (int base = 0; base < out.length; base += r * c) {
            for (int i = 0; i < r; i++) {
                for (int j = Math.max(0, i + k + 1); j < c; j++) {
                    out[base + i * c + j] = 0.0;
                }
            }
        }
        return Tensor.cpu(shape, out);
    }
}
