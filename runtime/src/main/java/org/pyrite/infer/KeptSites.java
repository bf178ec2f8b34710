package org.pyrite.infer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * The values of a few chosen sites over many samples, stored flat, one array per site: what an
 * importance run keeps instead of whole traces ({@link Importance#keepingOnly}). Ten million
 * scalar draws take 80 MB here, against about 500 bytes per kept trace.
 *
 * <pre>{@code
 * KeptSites kept = KeptSites.shapedLike(probeTrace, n, "weight");
 * kept.store(i, trace);                       // from any thread, each index once
 * Map<String, Tensor> values = kept.values(); // "weight" -> shape [n]
 * }</pre>
 */
final class KeptSites {
    private final String[] names;
    private final int[][] shapes;
    private final int[] sizes;
    private final double[][] values;
    private final int numSamples;

    private KeptSites(String[] names, int[][] shapes, int numSamples) {
        this.names = names;
        this.shapes = shapes;
        this.numSamples = numSamples;
        this.sizes = new int[names.length];
        this.values = new double[names.length][];
        for (int k = 0; k < names.length; k++) {
            int size = 1;
            for (int d : shapes[k]) {
                size = Math.multiplyExact(size, d);
            }
            sizes[k] = size;
            long total = (long) size * numSamples;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Importance.keepingOnly: site '" + names[k] + "' of shape " + Arrays.toString(shapes[k])
                        + " over " + numSamples + " samples is " + total + " values, more than one array holds (" + (Integer.MAX_VALUE - 8)
                        + "); draw fewer samples per run and combine the runs' log weights");
            }
            values[k] = new double[(int) total];
        }
    }

    /** Storage for {@code sites} over {@code numSamples} samples, each shaped as in {@code probe}. */
    static KeptSites shapedLike(Trace probe, int numSamples, String... sites) {
        int[][] shapes = new int[sites.length][];
        for (int k = 0; k < sites.length; k++) {
            shapes[k] = probe.site(sites[k]).value().shape(); // throws naming the site (with a suggestion) when it is absent
        }
        return new KeptSites(sites.clone(), shapes, numSamples);
    }

    /** Copies sample {@code i}'s values of the kept sites out of {@code trace}. */
    void store(int i, Trace trace) {
        for (int k = 0; k < names.length; k++) {
            Site s = trace.siteOrNull(names[k]);
            if (s == null) {
                throw new IllegalStateException("Importance.keepingOnly: sample " + i + " has no site '" + names[k]
                        + "'; a kept site must be in every run of the model (sites: " + trace.names() + ")");
            }
            Tensor v = s.value();
            if (sizes[k] == 1 && v.rank() == 0 && shapes[k].length == 0) {
                values[k][i] = v.item();
                continue;
            }
            int[] shape = v.shape();
            if (!Arrays.equals(shape, shapes[k])) {
                throw new IllegalStateException("Importance.keepingOnly: site '" + names[k] + "' has shape " + Arrays.toString(shape)
                        + " in sample " + i + " and " + Arrays.toString(shapes[k]) + " in the first run; a kept site needs one shape in every run");
            }
            System.arraycopy(v.toArray(), 0, values[k], i * sizes[k], sizes[k]);
        }
    }

    /** Each site's values, stacked along a leading sample dimension. */
    Map<String, Tensor> values() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            int[] shape = new int[shapes[k].length + 1];
            shape[0] = numSamples;
            System.arraycopy(shapes[k], 0, shape, 1, shapes[k].length);
            out.put(names[k], Tensor.fromArray(values[k], shape));
            values[k] = null; // the tensor holds its own copy; let this one go before the next is made
        }
        return out;
    }
}
