package org.pyrite.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.tensor.Tensor;

/**
 * What a block of importance samples contributes to the evidence, the effective sample size and
 * the weighted mean and variance of each kept site's elements: sums of the weights, of their
 * squares, and of weight times value and value squared, all relative to the block's largest log
 * weight so that no sum overflows. Two blocks merge exactly as one block of both would sum (up to
 * rounding): the one with the smaller maximum is rescaled to the larger. Merged in block order,
 * the result does not depend on how blocks were spread over partitions.
 */
final class WeightedMoments implements Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    double maxLogWeight = Double.NEGATIVE_INFINITY;
    double sumW;
    double sumW2;
    final LinkedHashMap<String, double[]> sumWx = new LinkedHashMap<>();
    final LinkedHashMap<String, double[]> sumWx2 = new LinkedHashMap<>();
    final LinkedHashMap<String, int[]> shapes = new LinkedHashMap<>();

    /** The moments of samples with these log weights and site values (each {@code [n, ...siteShape]}). */
    static WeightedMoments of(double[] logWeights, Map<String, Tensor> values) {
        WeightedMoments m = new WeightedMoments();
        int n = logWeights.length;
        m.count = n;
        for (double lw : logWeights) {
            m.maxLogWeight = Math.max(m.maxLogWeight, lw);
        }
        double[] w = new double[n];
        if (m.maxLogWeight > Double.NEGATIVE_INFINITY) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.exp(logWeights[i] - m.maxLogWeight);
                m.sumW += w[i];
                m.sumW2 += w[i] * w[i];
            }
        }
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor t = e.getValue();
            int[] shape = t.shape();
            int width = t.numel() / n;
            double[] x = t.toArray();
            double[] s1 = new double[width];
            double[] s2 = new double[width];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < width; k++) {
                    double v = x[i * width + k];
                    s1[k] += w[i] * v;
                    s2[k] += w[i] * v * v;
                }
            }
            m.sumWx.put(e.getKey(), s1);
            m.sumWx2.put(e.getKey(), s2);
            m.shapes.put(e.getKey(), java.util.Arrays.copyOfRange(shape, 1, shape.length));
        }
        return m;
    }

    /** Adds {@code other}'s samples to these. */
    void add(WeightedMoments other) {
        if (count == 0) {
            shapes.putAll(other.shapes);
            other.sumWx.forEach((k, v) -> sumWx.put(k, new double[v.length]));
            other.sumWx2.forEach((k, v) -> sumWx2.put(k, new double[v.length]));
        }
        count += other.count;
        if (other.maxLogWeight == Double.NEGATIVE_INFINITY) {
            return; // every weight zero: nothing to add but the count
        }
        double max = Math.max(maxLogWeight, other.maxLogWeight);
        double mine = maxLogWeight == Double.NEGATIVE_INFINITY ? 0 : Math.exp(maxLogWeight - max);
        double theirs = Math.exp(other.maxLogWeight - max);
        sumW = sumW * mine + other.sumW * theirs;
        sumW2 = sumW2 * mine * mine + other.sumW2 * theirs * theirs;
        for (String site : sumWx.keySet()) {
            combine(sumWx.get(site), mine, other.sumWx.get(site), theirs);
            combine(sumWx2.get(site), mine, other.sumWx2.get(site), theirs);
        }
        maxLogWeight = max;
    }

    private static void combine(double[] into, double mine, double[] other, double theirs) {
        for (int k = 0; k < into.length; k++) {
            into[k] = into[k] * mine + other[k] * theirs;
        }
    }
}
