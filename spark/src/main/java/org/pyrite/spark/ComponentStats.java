package org.pyrite.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pyrite.tensor.Tensor;

/**
 * The summary of one scalar component of a site's draws: mean, standard deviation (n - 1), and
 * the 5 %, 50 % and 95 % quantiles (linear interpolation between order statistics, numpy's
 * default). A non-scalar site gives one component per element, named as Pyro's summary names
 * them: {@code "w[1,2]"}.
 *
 * @param name the site's name, with the element's index for a non-scalar site
 */
record ComponentStats(String name, double mean, double sd, double q05, double median, double q95) {

    /** The components of every site of {@code draws} (each of shape {@code [numDraws, ...siteShape]}), in order. */
    static List<ComponentStats> of(Map<String, Tensor> draws) {
        List<ComponentStats> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : draws.entrySet()) {
            Tensor t = e.getValue();
            int[] shape = t.shape();
            int n = shape[0];
            int[] siteShape = Arrays.copyOfRange(shape, 1, shape.length);
            int width = t.numel() / n;
            double[] all = t.toArray();
            double[] column = new double[n];
            for (int k = 0; k < width; k++) {
                for (int i = 0; i < n; i++) {
                    column[i] = all[i * width + k];
                }
                out.add(summarize(siteShape.length == 0 ? e.getKey() : e.getKey() + index(k, siteShape), column));
            }
        }
        return out;
    }

    private static ComponentStats summarize(String name, double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new ComponentStats(name, mean, Math.sqrt(ss / (n - 1)), quantile(sorted, 0.05), quantile(sorted, 0.5),
                quantile(sorted, 0.95));
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** {@code "[i,j]"}: the multi-index of row-major element {@code k}. */
    private static String index(int k, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = k % shape[d];
            k /= shape[d];
        }
        StringBuilder b = new StringBuilder("[");
        for (int d = 0; d < idx.length; d++) {
            b.append(d == 0 ? "" : ",").append(idx[d]);
        }
        return b.append(']').toString();
    }
}
