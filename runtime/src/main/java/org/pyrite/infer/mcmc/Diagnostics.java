package org.pyrite.infer.mcmc;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.InverseErfc;

/**
 * Convergence diagnostics of Markov chains of one scalar quantity, given as {@code double[chain][draw]}:
 * the bulk effective sample size (Vehtari, Gelman, Simpson, Carpenter and Bürkner 2021, as ArviZ's
 * {@code ess_bulk} and Stan's bulk ESS: split chains, rank-normalised, Geyer's initial monotone
 * sequence) and the split R-hat (Pyro's {@code split_gelman_rubin}, Gelman et al.'s BDA3 form), with
 * the rank-normalised split R-hat of Vehtari et al. as well.
 *
 * <pre>{@code
 * double[][] chains = {drawsOfChain0, drawsOfChain1, drawsOfChain2, drawsOfChain3};
 * double nEff = Diagnostics.effectiveSampleSize(chains);
 * double rHat = Diagnostics.splitRHat(chains);
 * }</pre>
 *
 * Every chain must have the same number of draws, at least 4 (each half of a split chain needs
 * two), and every draw must be finite.
 */
public final class Diagnostics {
    private Diagnostics() {}

    /**
     * The bulk effective sample size: the chains are split in halves (a chain's middle draw is left
     * out when it has an odd count), all draws are replaced by the normal scores of their pooled
     * ranks, and the result's autocorrelation is summed by Geyer's initial monotone sequence with
     * Stan's multi-chain autocorrelation estimate. Draws that are all equal have an ESS of their
     * count, as in ArviZ.
     */
    public static double effectiveSampleSize(double[][] chains) {
        check(chains, "effectiveSampleSize");
        return geyer(rankNormalize(split(chains)));
    }

    /**
     * The split R-hat, as Pyro's {@code split_gelman_rubin}: each chain is cut in two halves and
     * {@code sqrt(((n - 1) / n * W + B / n) / W)} is computed over the halves, with {@code W} the mean
     * of their variances and {@code B / n} the variance of their means. Near 1 when the chains
     * agree; 1.01 or more says they have not mixed. Infinite when each chain is constant but they
     * differ; NaN when every draw is the same value (then there is nothing to compare).
     */
    public static double splitRHat(double[][] chains) {
        check(chains, "splitRHat");
        return rHat(split(chains));
    }

    /**
     * The rank-normalised split R-hat of Vehtari et al. (ArviZ's default {@code rhat}): the larger of
     * the split R-hat of the rank-normalised draws (bulk) and of the rank-normalised distances from
     * the median (tails), so heavy tails or a difference in scale between chains show too.
     */
    public static double rankNormalizedSplitRHat(double[][] chains) {
        check(chains, "rankNormalizedSplitRHat");
        double bulk = rHat(rankNormalize(split(chains)));
        double median = median(chains);
        double[][] folded = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            folded[c] = new double[chains[c].length];
            for (int i = 0; i < folded[c].length; i++) {
                folded[c][i] = Math.abs(chains[c][i] - median);
            }
        }
        double tail = rHat(rankNormalize(split(folded)));
        return Math.max(bulk, tail);
    }

    /**
     * The effective sample size of the chains as given (no split, no rank normalisation): Stan's
     * estimator of the autocorrelation at each lag, {@code rho_t = 1 - (W - mean_c acov_c(t)) / var+},
     * summed by Geyer's initial positive then initial monotone sequence, then
     * {@code m n / tau} with {@code tau} at least {@code 1 / log10(m n)}.
     */
    public static double geyerEss(double[][] chains) {
        check(chains, "geyerEss");
        return geyer(chains);
    }

    /** {@link #geyerEss} without the checks: split chains may have only two draws each. */
    private static double geyer(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double total = (double) m * n;
        if (isConstant(chains)) {
            return total;
        }
        double[] acov = Autocovariance.meanOverChains(chains);
        double meanVar = acov[0] * n / (n - 1.0);
        double varPlus = meanVar * (n - 1.0) / n;
        if (m > 1) {
            varPlus += variance(chainMeans(chains));
        }
        double[] rho = new double[n];
        rho[0] = 1.0;
        double rhoEven = 1.0;
        double rhoOdd = 1.0 - (meanVar - acov[1]) / varPlus;
        rho[1] = rhoOdd;
        // Initial positive sequence: sums of consecutive pairs, stopping at the first negative pair.
        int t = 1;
        while (t < n - 3 && rhoEven + rhoOdd > 0.0) {
            rhoEven = 1.0 - (meanVar - acov[t + 1]) / varPlus;
            rhoOdd = 1.0 - (meanVar - acov[t + 2]) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t + 1] = rhoEven;
                rho[t + 2] = rhoOdd;
            }
            t += 2;
        }
        int maxT = t - 2;
        // Stan's refinement: a positive last even term still carries information.
        if (rhoEven > 0) {
            rho[maxT + 1] = rhoEven;
        }
        // Initial monotone sequence: no pair sum may exceed the one before it.
        for (t = 1; t <= maxT - 2; t += 2) {
            if (rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]) {
                rho[t + 1] = (rho[t - 1] + rho[t]) / 2.0;
                rho[t + 2] = rho[t + 1];
            }
        }
        double sum = 0;
        for (int k = 0; k <= maxT; k++) {
            sum += rho[k];
        }
        double tau = -1.0 + 2.0 * sum + (maxT + 1 < n ? rho[maxT + 1] : 0.0);
        tau = Math.max(tau, 1.0 / Math.log10(total));
        return total / tau;
    }

    /** Each chain cut into its first and last {@code n / 2} draws: twice the chains, half the draws. */
    static double[][] split(double[][] chains) {
        int half = chains[0].length / 2;
        double[][] halves = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            double[] x = chains[c];
            halves[2 * c] = Arrays.copyOfRange(x, 0, half);
            halves[2 * c + 1] = Arrays.copyOfRange(x, x.length - half, x.length);
        }
        return halves;
    }

    /**
     * Every draw replaced by the normal score of its rank among all draws (ties get their average
     * rank): {@code Phi^-1((r - 3/8) / (S + 1/4))}, Blom's offsets, as ArviZ's {@code _z_scale}.
     */
    static double[][] rankNormalize(double[][] chains) {
        int n = chains[0].length;
        int size = chains.length * n;
        double[] flat = new double[size];
        for (int c = 0; c < chains.length; c++) {
            System.arraycopy(chains[c], 0, flat, c * n, n);
        }
        double[] sorted = flat.clone();
        Arrays.sort(sorted);
        double[] z = new double[size];
        for (int i = 0; i < size; i++) {
            // The tied run of flat[i] spans sorted[lo..hi]; its average 1-based rank is (lo + hi) / 2 + 1.
            int lo = firstNotBelow(sorted, flat[i]);
            int hi = firstAbove(sorted, flat[i]) - 1;
            double rank = (lo + hi) / 2.0 + 1.0;
            double p = (rank - 0.375) / (size + 0.25);
            z[i] = -Math.sqrt(2.0) * InverseErfc.value(2.0 * p);
        }
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = Arrays.copyOfRange(z, c * n, (c + 1) * n);
        }
        return out;
    }

    private static int firstNotBelow(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int firstAbove(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Gelman-Rubin over the chains as given. */
    private static double rHat(double[][] chains) {
        int n = chains[0].length;
        double within = 0;
        for (double[] x : chains) {
            within += variance(x);
        }
        within /= chains.length;
        double between = variance(chainMeans(chains)); // B / n in BDA3's notation
        double pooled = (n - 1.0) / n * within + between;
        return Math.sqrt(pooled / within);
    }

    private static double[] chainMeans(double[][] chains) {
        double[] means = new double[chains.length];
        for (int c = 0; c < chains.length; c++) {
            means[c] = mean(chains[c]);
        }
        return means;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** The sample variance, divided by {@code n - 1}. */
    static double variance(double[] x) {
        double mu = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - mu) * (v - mu);
        }
        return s / (x.length - 1);
    }

    private static double median(double[][] chains) {
        double[] all = Arrays.stream(chains).flatMapToDouble(Arrays::stream).sorted().toArray();
        int k = all.length / 2;
        return all.length % 2 == 1 ? all[k] : (all[k - 1] + all[k]) / 2.0;
    }

    private static boolean isConstant(double[][] chains) {
        double first = chains[0][0];
        for (double[] x : chains) {
            for (double v : x) {
                if (v != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void check(double[][] chains, String what) {
        if (chains == null || chains.length == 0) {
            throw new IllegalArgumentException(what + ": give at least one chain (double[chain][draw])");
        }
        int n = chains[0] == null ? 0 : chains[0].length;
        for (int c = 0; c < chains.length; c++) {
            if (chains[c] == null || chains[c].length != n) {
                throw new IllegalArgumentException(what + ": chain " + c + " has " + (chains[c] == null ? "no" : chains[c].length)
                        + " draws, chain 0 has " + n + "; every chain must have the same number of draws");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(chains[c][i])) {
                    throw new IllegalArgumentException(what + ": draw " + i + " of chain " + c + " is " + chains[c][i]
                            + "; diagnostics need finite draws (a sampler must not keep a non-finite draw)");
                }
            }
        }
        if (n < 4) {
            throw new IllegalArgumentException(what + ": the chains have " + n
                    + " draws; the diagnostics need at least 4 per chain (a split chain two per half); draw more samples");
        }
    }
}
