package org.pyrite.infer.mcmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.pyrite.diagnostics.Names;
import org.pyrite.tensor.Tensor;

/**
 * The summary of an MCMC run, as Pyro's {@code MCMC.summary()} prints it: per scalar component of
 * every site, the mean, standard deviation, median, the 90 % highest-density interval (Pyro's
 * {@code 5.0%} and {@code 95.0%} columns), the bulk effective sample size on split chains and the
 * split R-hat; then the number of divergent transitions. Immutable.
 *
 * <pre>{@code
 * Summary s = Summary.of(Map.of("mu", List.of(chain0Mu, chain1Mu)), divergences, acceptance);
 * s.print();
 * double nEff = s.site("mu").nEff();
 * double rHat = s.site("theta[0]").rHat();
 * }</pre>
 */
public final class Summary {
    private final Map<String, SiteSummary> rows;
    private final int[] divergences;
    private final double[] acceptance;
    /** The width of the name column: Pyro's, from the site names with their largest index. */
    private final int nameWidth;

    private Summary(Map<String, SiteSummary> rows, int[] divergences, double[] acceptance, int nameWidth) {
        this.rows = rows;
        this.divergences = divergences;
        this.acceptance = acceptance;
        this.nameWidth = nameWidth;
    }

    /**
     * Summarises the draws of several chains.
     *
     * @param chains site name to one tensor per chain, of shape {@code [numSamples, ...siteShape]};
     *     every chain of every site has the same {@code numSamples} (at least 4), and the chains of a
     *     site one shape. Each element of a non-scalar site is a row of its own, named as Pyro names
     *     it: {@code "w[1,2]"}.
     * @param divergences the number of divergent transitions of each chain
     * @param acceptance the mean acceptance probability of each chain
     * @return the summary, rows in the order of {@code chains}' iteration
     */
    public static Summary of(Map<String, List<Tensor>> chains, int[] divergences, double[] acceptance) {
        Objects.requireNonNull(chains, "Summary.of: chains");
        Objects.requireNonNull(divergences, "Summary.of: divergences");
        Objects.requireNonNull(acceptance, "Summary.of: acceptance");
        int numChains = divergences.length;
        if (numChains < 1 || acceptance.length != numChains) {
            throw new IllegalArgumentException("Summary.of: " + divergences.length + " divergence counts and " + acceptance.length
                    + " acceptance rates; give one of each per chain, for at least one chain");
        }
        Map<String, SiteSummary> rows = new LinkedHashMap<>();
        int width = 10;
        int numSamples = -1;
        String firstSite = null;
        for (Map.Entry<String, List<Tensor>> e : chains.entrySet()) {
            String site = e.getKey();
            List<Tensor> perChain = e.getValue();
            if (perChain == null || perChain.size() != numChains) {
                throw new IllegalArgumentException("Summary.of: site '" + site + "' has " + (perChain == null ? 0 : perChain.size())
                        + " chains of draws, but there are " + numChains + " divergence counts; give one tensor per chain");
            }
            int[] shape = perChain.get(0).shape();
            if (shape.length == 0) {
                throw new IllegalArgumentException("Summary.of: the draws of site '" + site
                        + "' are a 0-d tensor; each chain's draws need a leading sample dimension, shape [numSamples, ...siteShape]");
            }
            for (int c = 1; c < numChains; c++) {
                if (!Arrays.equals(perChain.get(c).shape(), shape)) {
                    throw new IllegalArgumentException("Summary.of: site '" + site + "' has draws of shape "
                            + Arrays.toString(perChain.get(c).shape()) + " in chain " + c + " but " + Arrays.toString(shape)
                            + " in chain 0; every chain must hold the same number of draws of one shape");
                }
            }
            if (numSamples < 0) {
                numSamples = shape[0];
                firstSite = site;
            } else if (shape[0] != numSamples) {
                throw new IllegalArgumentException("Summary.of: site '" + site + "' has " + shape[0] + " draws per chain but site '"
                        + firstSite + "' has " + numSamples + "; every site must have one draw per sample");
            }
            int[] siteShape = Arrays.copyOfRange(shape, 1, shape.length);
            width = Math.max(width, site.length() + widestIndex(siteShape).length());
            addRows(rows, site, siteShape, perChain);
        }
        return new Summary(Collections.unmodifiableMap(rows), divergences.clone(), acceptance.clone(), width);
    }

    /** One row per element of the site, in row-major order. */
    private static void addRows(Map<String, SiteSummary> rows, String site, int[] siteShape, List<Tensor> perChain) {
        int numChains = perChain.size();
        int numSamples = perChain.get(0).size(0);
        int elements = 1;
        for (int d : siteShape) {
            elements *= d;
        }
        double[][] flat = new double[numChains][];
        for (int c = 0; c < numChains; c++) {
            flat[c] = perChain.get(c).detach().toArray();
        }
        for (int k = 0; k < elements; k++) {
            double[][] draws = new double[numChains][numSamples];
            for (int c = 0; c < numChains; c++) {
                for (int i = 0; i < numSamples; i++) {
                    draws[c][i] = flat[c][i * elements + k];
                }
            }
            String name = siteShape.length == 0 ? site : site + index(k, siteShape);
            rows.put(name, SiteSummary.of(name, draws));
        }
    }

    /** {@code "[i,j]"}: the multi-index of row-major element {@code k}, as Pyro prints it. */
    private static String index(int k, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = k % shape[d];
            k /= shape[d];
        }
        StringBuilder sb = new StringBuilder("[");
        for (int d = 0; d < idx.length; d++) {
            sb.append(d == 0 ? "" : ",").append(idx[d]);
        }
        return sb.append(']').toString();
    }

    /** Pyro sizes the name column by {@code name + "[" + last index + "]"}, so {@code "[]"} for a scalar site. */
    private static String widestIndex(int[] siteShape) {
        StringBuilder sb = new StringBuilder("[");
        for (int d = 0; d < siteShape.length; d++) {
            sb.append(d == 0 ? "" : ",").append(siteShape[d] - 1);
        }
        return sb.append(']').toString();
    }

    /**
     * The row of {@code name}: a scalar site's name ({@code "mu"}), or an element of a non-scalar
     * site ({@code "theta[0]"}, {@code "w[1,2]"}; spaces inside the brackets are ignored, so
     * {@code "w[1, 2]"} works too).
     *
     * @throws IllegalArgumentException for a name with no row, naming the closest row
     */
    public SiteSummary site(String name) {
        Objects.requireNonNull(name, "Summary.site: name");
        String key = name.indexOf('[') < 0 ? name : name.replace(" ", "");
        SiteSummary row = rows.get(key);
        if (row == null) {
            String hint = rows.keySet().stream().anyMatch(r -> r.startsWith(key + "["))
                    ? "; site '" + key + "' is not scalar: name one of its elements, e.g. '" + firstElement(key) + "'"
                    : Names.didYouMean(key, rows.keySet());
            throw new IllegalArgumentException("Summary: no row named '" + name + "'" + hint + " (rows: " + abbreviated() + ")");
        }
        return row;
    }

    private String firstElement(String site) {
        return rows.keySet().stream().filter(r -> r.startsWith(site + "[")).findFirst().orElse(site + "[0]");
    }

    private String abbreviated() {
        List<String> names = new ArrayList<>(rows.keySet());
        return names.size() <= 12 ? String.join(", ", names) : String.join(", ", names.subList(0, 12)) + ", ... " + names.size() + " in all";
    }

    /** The rows' names, in the order of the table. */
    public List<String> names() {
        return List.copyOf(rows.keySet());
    }

    /** The rows, in the order of the table. */
    public List<SiteSummary> rows() {
        return List.copyOf(rows.values());
    }

    /**
     * The smallest bulk effective sample size over all rows: the figure that says how many
     * independent draws the worst-mixing coordinate is worth.
     *
     * <pre>{@code
     * double essPerSecond = mcmc.summary().minNEff() / seconds;
     * }</pre>
     */
    public double minNEff() {
        double min = Double.POSITIVE_INFINITY;
        for (SiteSummary row : rows.values()) {
            min = Math.min(min, row.nEff());
        }
        return min;
    }

    /** The largest split R-hat over all rows ({@code NaN} if any row's is). */
    public double maxRHat() {
        double max = 0.0;
        for (SiteSummary row : rows.values()) {
            if (Double.isNaN(row.rHat())) {
                return Double.NaN;
            }
            max = Math.max(max, row.rHat());
        }
        return max;
    }

    /** The number of divergent transitions over all chains. */
    public int divergences() {
        int total = 0;
        for (int d : divergences) {
            total += d;
        }
        return total;
    }

    /** The number of divergent transitions of each chain (a copy). */
    public int[] divergencesPerChain() {
        return divergences.clone();
    }

    /** The mean acceptance probability of each chain (a copy). */
    public double[] acceptance() {
        return acceptance.clone();
    }

    /** Prints {@link #toString()} to standard output. */
    public void print() {
        System.out.print(this);
        System.out.flush();
    }

    /**
     * The table as Pyro prints it: a blank line, the header, one row per component with two
     * decimals in columns nine wide, a blank line, then {@code "Number of divergences: N"}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("\n");
        sb.append(pad("", nameWidth));
        for (String column : new String[] {"mean", "std", "median", "5.0%", "95.0%", "n_eff", "r_hat"}) {
            sb.append(' ').append(pad(column, 9));
        }
        sb.append('\n');
        for (SiteSummary row : rows.values()) {
            sb.append(pad(row.name(), nameWidth));
            for (double v : new double[] {row.mean(), row.sd(), row.median(), row.q5(), row.q95(), row.nEff(), row.rHat()}) {
                sb.append(' ').append(pad(number(v), 9));
            }
            sb.append('\n');
        }
        sb.append('\n').append("Number of divergences: ").append(divergences()).append('\n');
        return sb.toString();
    }

    /** Right-aligned in {@code width} characters, as Python's {@code {:>w}}. */
    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Two decimals, and NaN and infinities spelled as Python spells them. */
    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
