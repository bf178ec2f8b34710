package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Checks of MCMC draws against a closed-form posterior, with tolerances from the draws' own
 * effective sample size (test-side, so the sampler is not checked with its own diagnostics).
 *
 * <p>ESS: Geyer's initial monotone sequence estimator on each chain (autocorrelations summed in
 * pairs while the pair sums stay positive, made non-increasing), summed over chains. The mean's
 * Monte Carlo standard error is {@code sd / sqrt(ESS)}. The sd's is the delta method on the
 * variance: {@code se(var) = sd((x - mean)^2) / sqrt(ESS of (x - mean)^2)},
 * {@code se(sd) = se(var) / (2 sd)}. Each check allows 4 standard errors plus the closed form's
 * own rounding (none): a correct sampler fails one check with probability below 1e-4.
 */
final class PosteriorCheck {
    static final double Z = 4.0;

    private PosteriorCheck() {}

    /** ESS of one chain by Geyer's initial monotone sequence. */
    static double ess(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double c0 = 0;
        for (double v : x) {
            c0 += (v - mean) * (v - mean);
        }
        c0 /= n;
        if (c0 == 0) {
            return n;
        }
        double sum = 0;
        double previousPair = Double.POSITIVE_INFINITY;
        for (int lag = 0; lag + 1 < n; lag += 2) {
            double pair = autocorrelation(x, mean, c0, lag) + autocorrelation(x, mean, c0, lag + 1);
            if (pair <= 0) {
                break;
            }
            pair = Math.min(pair, previousPair);
            previousPair = pair;
            sum += pair;
        }
        double tau = -1 + 2 * sum;
        return n / Math.max(tau, 1.0 / Math.log10(n));
    }

    private static double autocorrelation(double[] x, double mean, double c0, int lag) {
        double s = 0;
        for (int i = 0; i + lag < x.length; i++) {
            s += (x[i] - mean) * (x[i + lag] - mean);
        }
        return s / x.length / c0;
    }

    static double ess(List<double[]> chains) {
        double total = 0;
        for (double[] c : chains) {
            total += ess(c);
        }
        return total;
    }

    static double mean(List<double[]> chains) {
        double s = 0;
        int n = 0;
        for (double[] c : chains) {
            for (double v : c) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    static double sd(List<double[]> chains) {
        double m = mean(chains);
        double s = 0;
        int n = 0;
        for (double[] c : chains) {
            for (double v : c) {
                s += (v - m) * (v - m);
                n++;
            }
        }
        return Math.sqrt(s / (n - 1));
    }

    /** Asserts the draws' mean and sd within {@value #Z} Monte Carlo standard errors of the truth. */
    static void assertMoments(String what, List<double[]> chains, double trueMean, double trueSd) {
        double m = mean(chains);
        double sd = sd(chains);
        double essMean = ess(chains);
        List<double[]> squares = new java.util.ArrayList<>();
        for (double[] c : chains) {
            double[] sq = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                sq[i] = (c[i] - m) * (c[i] - m);
            }
            squares.add(sq);
        }
        double essSquares = ess(squares);
        double seMean = sd / Math.sqrt(essMean);
        double seSd = sd(squares) / Math.sqrt(essSquares) / (2 * sd);
        assertThat(essMean).as(what + ": ESS of the draws").isGreaterThan(50);
        assertThat(Math.abs(m - trueMean)).as(what + ": |mean - %s| with mean %s, ESS %s, se %s", trueMean, m, essMean, seMean)
                .isLessThan(Z * seMean);
        assertThat(Math.abs(sd - trueSd)).as(what + ": |sd - %s| with sd %s, ESS of squares %s, se %s", trueSd, sd, essSquares,
                seSd).isLessThan(Z * seSd);
    }
}
