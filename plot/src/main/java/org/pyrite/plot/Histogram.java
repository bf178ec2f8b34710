package org.pyrite.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A histogram of a sample, optionally weighted, written to PNG or SVG. Immutable: every
 * {@code with...} method returns a new histogram.
 *
 * <pre>{@code
 * double[] draws = ...;  // e.g. 1000 draws from a marginal
 * Histogram h = Histogram.of(draws)
 *         .withTitle("P(weight | measurement = 9.5)")
 *         .withXLabel("weight")
 *         .withBins(30)
 *         .withRange(5.0, 12.0);
 * h.writePng(Path.of("weight.png"));
 * double[] counts = h.counts();  // 30 bin counts
 * }</pre>
 *
 * <p>Binning follows numpy's {@code histogram}: {@code bins} equal-width bins over the range
 * (by default the data's minimum to maximum, widened by 0.5 on each side when all values are
 * equal); each bin is half-open {@code [lower, upper)} except the last, which also holds its
 * upper edge; values outside the range are not counted. With weights, a bin's count is the
 * sum of the weights of its values.
 */
public final class Histogram {

    /** Number of bins unless {@link #withBins(int)} says otherwise (numpy's default). */
    public static final int DEFAULT_BINS = 10;
    /** Picture width in pixels unless {@link #withSize(int, int)} says otherwise. */
    public static final int DEFAULT_WIDTH = 800;
    /** Picture height in pixels unless {@link #withSize(int, int)} says otherwise. */
    public static final int DEFAULT_HEIGHT = 600;

    static {
        Headless.ensure();
    }

    private final double[] data;
    private final double[] weights; // null: every value weighs 1
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int bins;
    private final double lower;
    private final double upper;
    private final boolean rangeGiven;
    private final int width;
    private final int height;
    private final double[] counts;

    private Histogram(double[] data, double[] weights, String title, String xLabel, String yLabel,
                      int bins, double lower, double upper, boolean rangeGiven, int width, int height) {
        this.data = data;
        this.weights = weights;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.bins = bins;
        this.lower = lower;
        this.upper = upper;
        this.rangeGiven = rangeGiven;
        this.width = width;
        this.height = height;
        this.counts = binCounts();
    }

    /**
     * A histogram of {@code data} with {@value #DEFAULT_BINS} bins over the data's range.
     *
     * @param data the values; copied; must be non-empty and all finite
     * @return the histogram
     * @throws IllegalArgumentException if {@code data} is empty or holds NaN or an infinity
     */
    public static Histogram of(double... data) {
        double[] copy = Checks.finiteNonEmptyCopy("data", data);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : copy) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        return new Histogram(copy, null, "", "", "count", DEFAULT_BINS, min, max, false,
                DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * @param title the chart's title, may be empty
     * @return a copy with this title
     */
    public Histogram withTitle(String title) {
        return new Histogram(data, weights, Checks.text("title", title), xLabel, yLabel, bins,
                lower, upper, rangeGiven, width, height);
    }

    /**
     * @param xLabel the x axis title, may be empty
     * @return a copy with this x axis title
     */
    public Histogram withXLabel(String xLabel) {
        return new Histogram(data, weights, title, Checks.text("xLabel", xLabel), yLabel, bins,
                lower, upper, rangeGiven, width, height);
    }

    /**
     * @param yLabel the y axis title ({@code "count"} by default), may be empty
     * @return a copy with this y axis title
     */
    public Histogram withYLabel(String yLabel) {
        return new Histogram(data, weights, title, xLabel, Checks.text("yLabel", yLabel), bins,
                lower, upper, rangeGiven, width, height);
    }

    /**
     * @param bins the number of equal-width bins, at least 1
     * @return a copy with this many bins
     * @throws IllegalArgumentException if {@code bins < 1}
     */
    public Histogram withBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        return new Histogram(data, weights, title, xLabel, yLabel, bins, lower, upper,
                rangeGiven, width, height);
    }

    /**
     * Bins over {@code [lower, upper]} instead of the data's range; values outside it are
     * not counted.
     *
     * @param lower the lower edge of the first bin, finite
     * @param upper the upper edge of the last bin, finite and greater than {@code lower}
     * @return a copy binning over this range
     * @throws IllegalArgumentException if an edge is not finite or {@code lower >= upper}
     */
    public Histogram withRange(double lower, double upper) {
        if (!Double.isFinite(lower)) {
            throw new IllegalArgumentException("range lower must be finite, got " + lower);
        }
        if (!Double.isFinite(upper)) {
            throw new IllegalArgumentException("range upper must be finite, got " + upper);
        }
        if (!(lower < upper)) {
            throw new IllegalArgumentException(
                    "range lower must be < upper, got lower " + lower + " and upper " + upper);
        }
        return new Histogram(data, weights, title, xLabel, yLabel, bins, lower, upper, true,
                width, height);
    }

    /**
     * Weighs each value: a bin's count becomes the sum of its values' weights, as for
     * importance-sampling draws.
     *
     * @param weights one weight per data value; copied; finite and {@code >= 0}
     * @return a weighted copy
     * @throws IllegalArgumentException if the length differs from the data's, or a weight is
     *     NaN, infinite or negative
     */
    public Histogram withWeights(double[] weights) {
        double[] copy = Checks.finiteNonEmptyCopy("weights", weights);
        if (copy.length != data.length) {
            throw new IllegalArgumentException("weights.length must equal data.length ("
                    + data.length + "), got " + copy.length);
        }
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw new IllegalArgumentException(
                        "weights[" + i + "] is " + copy[i] + "; every weight must be >= 0");
            }
        }
        return new Histogram(data, copy, title, xLabel, yLabel, bins, lower, upper, rangeGiven,
                width, height);
    }

    /**
     * @param width picture width in pixels, at least 1
     * @param height picture height in pixels, at least 1
     * @return a copy drawn at this size
     * @throws IllegalArgumentException if a size is below 1
     */
    public Histogram withSize(int width, int height) {
        Checks.size(width, height);
        return new Histogram(data, weights, title, xLabel, yLabel, bins, lower, upper,
                rangeGiven, width, height);
    }

    /**
     * The count (or summed weight) of each bin, lowest bin first.
     *
     * @return a fresh array of {@link #bins()} counts
     */
    public double[] counts() {
        return counts.clone();
    }

    /**
     * The bin edges: {@code edges()[i]} and {@code edges()[i + 1]} bound bin {@code i}.
     *
     * @return a fresh array of {@link #bins()}{@code + 1} increasing edges
     */
    public double[] edges() {
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = edge(i);
        }
        return edges;
    }

    /** @return the number of bins */
    public int bins() {
        return bins;
    }

    /** @return the lower edge of the first bin */
    public double lower() {
        return lower;
    }

    /** @return the upper edge of the last bin */
    public double upper() {
        return upper;
    }

    /** @return whether the range was set with {@link #withRange} rather than taken from the data */
    public boolean rangeGiven() {
        return rangeGiven;
    }

    /**
     * Writes the histogram as a PNG picture of {@code width x height} pixels.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @throws IOException if the file cannot be written
     */
    public void writePng(Path file) throws IOException {
        ChartFiles.writePng(chart().chart(), file);
    }

    /**
     * Writes the histogram as an SVG document.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @throws IOException if the file cannot be written
     */
    public void writeSvg(Path file) throws IOException {
        ChartFiles.writeSvg(chart().chart(), file);
    }

    private double edge(int i) {
        return i == bins ? upper : lower + (upper - lower) * i / bins;
    }

    private double[] binCounts() {
        double[] result = new double[bins];
        double span = upper - lower;
        for (int k = 0; k < data.length; k++) {
            double v = data[k];
            if (v < lower || v > upper) {
                continue;
            }
            int i = (int) ((v - lower) / span * bins);
            i = Math.min(Math.max(i, 0), bins - 1);
            // Rounding may put a value next to an edge one bin off; the edges decide.
            if (v < edge(i)) {
                i--;
            } else if (i < bins - 1 && v >= edge(i + 1)) {
                i++;
            }
            result[i] += weights == null ? 1.0 : weights[k];
        }
        return result;
    }

    /** The chart as written, its ticks chosen for its size (package-private for tests). */
    TickedChart chart() {
        double highest = 0;
        for (double c : counts) {
            highest = Math.max(highest, c);
        }
        // Bars stand on zero; with nothing counted the count axis still needs a height.
        TickedChart.Ranges ranges = new TickedChart.Ranges(lower, upper, 0, highest > 0 ? highest : 1);
        return TickedChart.build(width, height, ranges, new TickedChart.Content() {
            @Override
            public void style(XYChart chart) {
                TickedChart.label(chart, title, xLabel, yLabel);
                XYStyler styler = chart.getStyler();
                styler.setLegendVisible(false);
            }

            @Override
            public void addSeries(XYChart chart, DoubleUnaryOperator toX, DoubleUnaryOperator toY, boolean layoutOnly) {
                // The outline of the bars on a numeric axis, filled down to zero:
                // (e0, 0), (e0, c0), (e1, c0), (e1, c1), ..., (en, c[n-1]), (en, 0).
                double[] x = new double[2 * bins + 2];
                double[] y = new double[2 * bins + 2];
                for (int i = 0; i < bins; i++) {
                    x[2 * i + 1] = edge(i);
                    y[2 * i + 1] = counts[i];
                    x[2 * i + 2] = edge(i + 1);
                    y[2 * i + 2] = counts[i];
                }
                x[0] = lower;
                x[x.length - 1] = upper;
                int n = layoutOnly ? 1 : x.length;
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = toX.applyAsDouble(x[i]);
                    ys[i] = toY.applyAsDouble(y[i]);
                }
                XYSeries bars = chart.addSeries(yLabel.isEmpty() ? "count" : yLabel, xs, ys);
                bars.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
                bars.setMarker(SeriesMarkers.NONE);
            }
        });
    }
}
