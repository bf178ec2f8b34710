package org.pyrite.infer.mcmc;

/**
 * Stan's warm-up schedule for the mass matrix: a fast initial buffer (75 iterations) where only
 * the step size adapts, then windows of doubling length (from 25) whose draws estimate the
 * posterior variances (or covariance), and a final buffer (50) for the step size alone. When the
 * warm-up is shorter than 75 + 25 + 50, the buffers are 15 % and 10 % of it, as in Stan. Each
 * estimate is regularised toward a small multiple of the identity:
 * {@code n/(n+5) * var + 1e-3 * 5/(n+5)}.
 */
final class WindowedAdaptation {
    private final int numWarmup;
    private final int initBuffer;
    private final int termBuffer;
    private final int baseWindow;
    private final boolean dense;
    private final int d;
    private int counter;
    private int windowSize;
    private int nextWindowEnd;
    // Welford's running moments of the current window.
    private int n;
    private final double[] mean;
    private final double[] m2;
    private final double[][] c2;

    WindowedAdaptation(int numWarmup, int d, boolean dense) {
        this.numWarmup = numWarmup;
        this.d = d;
        this.dense = dense;
        if (numWarmup < 20) {
            // Too short to estimate anything (Stan's rule): the mass matrix stays as it is.
            initBuffer = numWarmup;
            termBuffer = 0;
            baseWindow = 0;
        } else if (75 + 25 + 50 > numWarmup) {
            initBuffer = (int) (0.15 * numWarmup);
            termBuffer = (int) (0.1 * numWarmup);
            baseWindow = numWarmup - (initBuffer + termBuffer);
        } else {
            initBuffer = 75;
            termBuffer = 50;
            baseWindow = 25;
        }
        windowSize = baseWindow;
        nextWindowEnd = initBuffer + windowSize - 1;
        mean = new double[d];
        m2 = new double[d];
        c2 = dense ? new double[d][d] : null;
    }

    private boolean inWindow() {
        return baseWindow > 0 && counter >= initBuffer && counter < numWarmup - termBuffer && counter != numWarmup;
    }

    private boolean endOfWindow() {
        return baseWindow > 0 && counter == nextWindowEnd && counter != numWarmup;
    }

    private void computeNextWindow() {
        if (nextWindowEnd == numWarmup - termBuffer - 1) {
            return;
        }
        windowSize *= 2;
        nextWindowEnd = counter + windowSize;
        if (nextWindowEnd != numWarmup - termBuffer - 1) {
            int nextBoundary = nextWindowEnd + 2 * windowSize;
            if (nextBoundary >= numWarmup - termBuffer) {
                nextWindowEnd = numWarmup - termBuffer - 1;
            }
        }
    }

    /**
     * Takes warm-up iteration's position; at the end of a window, writes the new estimate into
     * {@code inverseMass} and returns true (the caller then restarts its step-size adaptation).
     */
    boolean learn(double[] z, InverseMass inverseMass) {
        if (inWindow()) {
            add(z);
        }
        boolean updated = false;
        if (endOfWindow()) {
            computeNextWindow();
            double shrink = n / (n + 5.0);
            double ridge = 1e-3 * 5.0 / (n + 5.0);
            if (dense) {
                double[][] cov = new double[d][d];
                for (int i = 0; i < d; i++) {
                    for (int k = 0; k < d; k++) {
                        cov[i][k] = shrink * c2[i][k] / (n - 1);
                    }
                    cov[i][i] += ridge;
                }
                inverseMass.setDense(cov);
            } else {
                double[] var = new double[d];
                for (int i = 0; i < d; i++) {
                    var[i] = shrink * m2[i] / (n - 1) + ridge;
                }
                inverseMass.setDiagonal(var);
            }
            resetMoments();
            updated = true;
        }
        counter++;
        return updated;
    }

    private void add(double[] z) {
        n++;
        double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = z[i] - mean[i];
            mean[i] += delta[i] / n;
        }
        for (int i = 0; i < d; i++) {
            double after = z[i] - mean[i];
            m2[i] += delta[i] * after;
            if (dense) {
                for (int k = 0; k < d; k++) {
                    c2[i][k] += delta[i] * (z[k] - mean[k]);
                }
            }
        }
    }

    private void resetMoments() {
        n = 0;
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(m2, 0);
        if (dense) {
            for (double[] row : c2) {
                java.util.Arrays.fill(row, 0);
            }
        }
    }
}
