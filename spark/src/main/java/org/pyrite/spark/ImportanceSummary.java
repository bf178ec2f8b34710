package org.pyrite.spark;

import java.util.List;
import java.util.Map;

/**
 * The result of a {@link DistributedImportance} run, reduced on the executors: the log evidence,
 * Kish's effective sample size, and the weighted mean and standard deviation of every element of
 * the summarized sites (row-major, flattened for non-scalar sites).
 */
public final class ImportanceSummary {
    private final WeightedMoments m;

    ImportanceSummary(WeightedMoments m) {
        this.m = m;
    }

    /** How many samples were drawn. */
    public long numSamples() {
        return m.count;
    }

    /** {@code log(mean importance weight)}: the estimate of {@code log p(observations)} (Pyro's log normalizer). */
    public double logEvidence() {
        return m.maxLogWeight + Math.log(m.sumW) - Math.log(m.count);
    }

    /** Kish's effective sample size {@code (sum w)^2 / sum w^2}. */
    public double effectiveSampleSize() {
        return m.sumW * m.sumW / m.sumW2;
    }

    /** The summarized sites, in the order they were named. */
    public List<String> sites() {
        return List.copyOf(m.sumWx.keySet());
    }

    /** The shape of one value of {@code site}. */
    public int[] shape(String site) {
        return require(site, m.shapes).clone();
    }

    /** The weighted mean of each element of {@code site}. */
    public double[] mean(String site) {
        double[] s1 = require(site, m.sumWx);
        double[] out = new double[s1.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = s1[k] / m.sumW;
        }
        return out;
    }

    /** The weighted standard deviation (the posterior's, no small-sample correction) of each element of {@code site}. */
    public double[] sd(String site) {
        double[] mean = mean(site);
        double[] s2 = require(site, m.sumWx2);
        double[] out = new double[s2.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.sqrt(Math.max(0, s2[k] / m.sumW - mean[k] * mean[k]));
        }
        return out;
    }

    private static <T> T require(String site, Map<String, T> byName) {
        T v = byName.get(site);
        if (v == null) {
            throw new IllegalArgumentException("site '" + site + "' was not summarized; the summarized sites: " + byName.keySet()
                    + " (name it in DistributedImportance.summarizing)");
        }
        return v;
    }

    @Override
    public String toString() {
        return "ImportanceSummary(samples " + m.count + ", log evidence " + logEvidence() + ", ESS " + effectiveSampleSize() + ")";
    }
}
