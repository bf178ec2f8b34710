package org.pyrite.infer.mcmc;

import java.util.Arrays;
import java.util.Locale;

/**
 * One row of an MCMC {@link Summary}: the statistics of one scalar component of a site over the
 * draws of all chains, as Pyro's {@code summary} computes them. Immutable.
 */
public final class SiteSummary {
    /** The probability mass of the interval whose bounds {@link #q5()} and {@link #q95()} are. */
    static final double INTERVAL_MASS = 0.9;

    private final String name;
    private final double mean;
    private final double sd;
    private final double median;
    private final double q5;
    private final double q95;
    private final double nEff;
    private final double rHat;

    private SiteSummary(String name, double mean, double sd, double median, double q5, double q95, double nEff, double rHat) {
        this.name = name;
        this.mean = mean;
        this.sd = sd;
        this.median = median;
        this.q5 = q5;
        this.q95 = q95;
        this.nEff = nEff;
        this.rHat = rHat;
    }

    /**
     * The row of the draws {@code chains[chain][draw]} of one scalar component named {@code name}
     * ({@code "mu"}, or {@code "w[1,2]"}).
     */
    static SiteSummary of(String name, double[][] chains) {
        double nEff;
        double rHat;
        try {
            nEff = Diagnostics.effectiveSampleSize(chains);
            rHat = Diagnostics.splitRHat(chains);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("summary of '" + name + "': " + e.getMessage(), e);
        }
        int n = chains.length * chains[0].length;
        double[] sorted = new double[n];
        for (int c = 0; c < chains.length; c++) {
            System.arraycopy(chains[c], 0, sorted, c * chains[0].length, chains[0].length);
        }
        double mean = Diagnostics.mean(sorted);
        double sd = Math.sqrt(Diagnostics.variance(sorted));
        Arrays.sort(sorted);
        // torch's median, which Pyro uses: the lower of the two middle values of an even count.
        double median = sorted[(n - 1) / 2];
        double[] hpdi = hpdi(sorted, INTERVAL_MASS);
        return new SiteSummary(name, mean, sd, median, hpdi[0], hpdi[1], nEff, rHat);
    }

    /**
     * The narrowest interval holding {@code mass} of the sorted draws, as Pyro's {@code hpdi}: of all
     * windows {@code [x_i, x_(i + k)]} with {@code k = floor(mass n)}, the first of least width.
     */
    static double[] hpdi(double[] sorted, double mass) {
        int n = sorted.length;
        int k = (int) (mass * n);
        int best = 0;
        for (int i = 1; i + k < n; i++) {
            if (sorted[i + k] - sorted[i] < sorted[best + k] - sorted[best]) {
                best = i;
            }
        }
        return new double[] {sorted[best], sorted[Math.min(best + k, n - 1)]};
    }

    /** The row's name: the site's, with the element's index for a component of a non-scalar site. */
    public String name() {
        return name;
    }

    /** The mean over all draws of all chains. */
    public double mean() {
        return mean;
    }

    /** The standard deviation over all draws of all chains (divided by {@code n - 1}, as Pyro's {@code std}). */
    public double sd() {
        return sd;
    }

    /** The median over all draws (the lower middle value of an even count, as Pyro's, which is torch's). */
    public double median() {
        return median;
    }

    /**
     * The lower bound of the column Pyro heads {@code 5.0%}: Pyro fills it with the lower end of the
     * 90 % highest posterior density interval ({@code hpdi}), not the 5 % quantile; so does Pyrite,
     * so that its table reads as Pyro's. For a symmetric unimodal posterior the two are close.
     */
    public double q5() {
        return q5;
    }

    /** The upper bound of the 90 % highest posterior density interval: Pyro's {@code 95.0%} column (see {@link #q5()}). */
    public double q95() {
        return q95;
    }

    /** The bulk effective sample size on split chains ({@link Diagnostics#effectiveSampleSize}). */
    public double nEff() {
        return nEff;
    }

    /** The split R-hat ({@link Diagnostics#splitRHat}). */
    public double rHat() {
        return rHat;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: mean %.4g, sd %.4g, median %.4g, 5.0%% %.4g, 95.0%% %.4g, n_eff %.1f, r_hat %.3f",
                name, mean, sd, median, q5, q95, nEff, rHat);
    }
}
