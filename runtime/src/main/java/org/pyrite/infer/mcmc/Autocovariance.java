package org.pyrite.infer.mcmc;

import java.util.Arrays;

/**
 * Autocovariances of chains at every lag, by the fast Fourier transform: {@code O(n log n)} per
 * chain, where summing products lag by lag costs {@code O(n^2)} for a chain that mixes slowly (whose
 * autocorrelation Geyer's sequence must follow far).
 */
final class Autocovariance {
    private Autocovariance() {}

    /**
     * The mean over chains of each chain's autocovariance at lags {@code 0..n-1}, divided by
     * {@code n} (the biased estimate Stan and ArviZ use): {@code (1/n) sum_i (x_i - m)(x_(i+t) - m)}.
     */
    static double[] meanOverChains(double[][] chains) {
        int n = chains[0].length;
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
        if (size < 2 * n - 1) {
            size <<= 1;
        }
        double[] mean = new double[n];
        double[] re = new double[size];
        double[] im = new double[size];
        for (double[] x : chains) {
            double mu = Diagnostics.mean(x);
            Arrays.fill(re, 0.0);
            Arrays.fill(im, 0.0);
            for (int i = 0; i < n; i++) {
                re[i] = x[i] - mu;
            }
            // Zero padding to at least 2n - 1 makes the circular correlation the linear one.
            fft(re, im, false);
            for (int k = 0; k < size; k++) {
                re[k] = re[k] * re[k] + im[k] * im[k];
                im[k] = 0.0;
            }
            fft(re, im, true);
            for (int t = 0; t < n; t++) {
                mean[t] += re[t] / size / n / chains.length;
            }
        }
        return mean;
    }

    /** In-place iterative radix-2 transform of a power-of-two length; the inverse is left unscaled. */
    static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        // Twiddle factors from one table, each from its own cos/sin (a running product drifts for long chains).
        double[] cos = new double[n / 2];
        double[] sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            double angle = 2 * Math.PI * k / n;
            cos[k] = Math.cos(angle);
            sin[k] = inverse ? Math.sin(angle) : -Math.sin(angle);
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len / 2;
            int stride = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    int a = start + k;
                    int b = a + half;
                    double wRe = cos[k * stride];
                    double wIm = sin[k * stride];
                    double bRe = re[b] * wRe - im[b] * wIm;
                    double bIm = re[b] * wIm + im[b] * wRe;
                    re[b] = re[a] - bRe;
                    im[b] = im[a] - bIm;
                    re[a] += bRe;
                    im[a] += bIm;
                }
            }
        }
    }
}
