package org.pyrite.spark;

import java.util.List;

/**
 * The result of a {@link DistributedPredictive} run, reduced on the executors: the mean and
 * standard deviation of every element of each returned site over all draws (row-major, flattened
 * for non-scalar sites).
 */
public final class PredictiveSummary {
    private final ImportanceSummary moments;

    PredictiveSummary(WeightedMoments m) {
        this.moments = new ImportanceSummary(m);
    }

    /** How many draws were made. */
    public long numSamples() {
        return moments.numSamples();
    }

    /** The returned sites, in the order they were named. */
    public List<String> sites() {
        return moments.sites();
    }

    /** The shape of one draw of {@code site}, as the runtime's {@code Predictive} gives it. */
    public int[] shape(String site) {
        return moments.shape(site);
    }

    /** The mean of each element of {@code site} over the draws. */
    public double[] mean(String site) {
        return moments.mean(site);
    }

    /** The standard deviation (no small-sample correction) of each element of {@code site} over the draws. */
    public double[] sd(String site) {
        return moments.sd(site);
    }

    @Override
    public String toString() {
        return "PredictiveSummary(draws " + numSamples() + ", sites " + sites() + ")";
    }
}
