package org.pyrite.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line plot of one or more named series, written to PNG or SVG. Immutable: every
 * {@code with...} method returns a new plot.
 *
 * <pre>{@code
 * double[] losses = ...;  // one ELBO loss per SVI step
 * LinePlot.create()
 *         .withTitle("ELBO")
 *         .withXLabel("step")
 *         .withYLabel("loss")
 *         .withSeries("loss", losses)               // y over its index 0, 1, 2, ...
 *         .writePng(Path.of("elbo.png"));
 *
 * LinePlot.create()
 *         .withSeries("a", steps, aValues)          // y over x
 *         .withSeries("b", steps, bValues)
 *         .writeSvg(Path.of("params.svg"));
 * }</pre>
 */
public final class LinePlot {

    /** Picture width in pixels unless {@link #withSize(int, int)} says otherwise. */
    public static final int DEFAULT_WIDTH = 800;
    /** Picture height in pixels unless {@link #withSize(int, int)} says otherwise. */
    public static final int DEFAULT_HEIGHT = 600;

    static {
        Headless.ensure();
    }

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final int width;
    private final int height;

    private LinePlot(String title, String xLabel, String yLabel, List<Series> series,
                     int width, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = series;
        this.width = width;
        this.height = height;
    }

    /**
     * An empty plot without title or axis titles; add at least one series before writing it.
     *
     * @return the plot
     */
    public static LinePlot create() {
        return new LinePlot("", "", "", List.of(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * @param title the chart's title, may be empty
     * @return a copy with this title
     */
    public LinePlot withTitle(String title) {
        return new LinePlot(Checks.text("title", title), xLabel, yLabel, series, width, height);
    }

    /**
     * @param xLabel the x axis title, may be empty
     * @return a copy with this x axis title
     */
    public LinePlot withXLabel(String xLabel) {
        return new LinePlot(title, Checks.text("xLabel", xLabel), yLabel, series, width, height);
    }

    /**
     * @param yLabel the y axis title, may be empty
     * @return a copy with this y axis title
     */
    public LinePlot withYLabel(String yLabel) {
        return new LinePlot(title, xLabel, Checks.text("yLabel", yLabel), series, width, height);
    }

    /**
     * @param width picture width in pixels, at least 1
     * @param height picture height in pixels, at least 1
     * @return a copy drawn at this size
     * @throws IllegalArgumentException if a size is below 1
     */
    public LinePlot withSize(int width, int height) {
        Checks.size(width, height);
        return new LinePlot(title, xLabel, yLabel, series, width, height);
    }

    /**
     * Adds a series of {@code y} over its index {@code 0, 1, ..., y.length - 1}.
     *
     * @param name the series' name, shown in the legend; non-blank and not used yet
     * @param y the values; copied; non-empty and all finite
     * @return a copy with the series added
     * @throws IllegalArgumentException if the name is blank or taken, or {@code y} is empty or
     *     not all finite
     */
    public LinePlot withSeries(String name, double[] y) {
        double[] yCopy = Checks.finiteNonEmptyCopy("y", y);
        double[] x = new double[yCopy.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return add(name, x, yCopy);
    }

    /**
     * Adds a series of {@code y} over {@code x}, drawn in the order given.
     *
     * @param name the series' name, shown in the legend; non-blank and not used yet
     * @param x the abscissae; copied; non-empty and all finite
     * @param y the values, one per abscissa; copied; all finite
     * @return a copy with the series added
     * @throws IllegalArgumentException if the name is blank or taken, the arrays are empty,
     *     of different lengths or not all finite
     */
    public LinePlot withSeries(String name, double[] x, double[] y) {
        double[] xCopy = Checks.finiteNonEmptyCopy("x", x);
        double[] yCopy = Checks.finiteNonEmptyCopy("y", y);
        if (xCopy.length != yCopy.length) {
            throw new IllegalArgumentException("y.length must equal x.length (" + xCopy.length
                    + "), got " + yCopy.length);
        }
        return add(name, xCopy, yCopy);
    }

    /** @return the series' names in the order they were added */
    public List<String> seriesNames() {
        return series.stream().map(Series::name).toList();
    }

    /**
     * Writes the plot as a PNG picture of {@code width x height} pixels.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the plot has no series
     */
    public void writePng(Path file) throws IOException {
        ChartFiles.writePng(chart().chart(), file);
    }

    /**
     * Writes the plot as an SVG document.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the plot has no series
     */
    public void writeSvg(Path file) throws IOException {
        ChartFiles.writeSvg(chart().chart(), file);
    }

    private LinePlot add(String name, double[] x, double[] y) {
        Checks.text("name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
        }
        for (Series s : series) {
            if (s.name().equals(name)) {
                throw new IllegalArgumentException(
                        "name '" + name + "' is already used by another series");
            }
        }
        List<Series> more = new ArrayList<>(series);
        more.add(new Series(name, x, y));
        return new LinePlot(title, xLabel, yLabel, Collections.unmodifiableList(more), width, height);
    }

    /** The chart as written, its ticks chosen for its size (package-private for tests). */
    TickedChart chart() {
        if (series.isEmpty()) {
            throw new IllegalStateException("a LinePlot needs at least one series; add one with withSeries");
        }
        return TickedChart.build(width, height, ranges(), new TickedChart.Content() {
            @Override
            public void style(XYChart chart) {
                TickedChart.label(chart, title, xLabel, yLabel);
                XYStyler styler = chart.getStyler();
                styler.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
                styler.setLegendVisible(series.size() > 1);
            }

            @Override
            public void addSeries(XYChart chart, DoubleUnaryOperator toX, DoubleUnaryOperator toY, boolean layoutOnly) {
                for (Series s : series) {
                    int n = layoutOnly ? 1 : s.x().length;
                    double[] x = new double[n];
                    double[] y = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = toX.applyAsDouble(s.x()[i]);
                        y[i] = toY.applyAsDouble(s.y()[i]);
                    }
                    XYSeries added = chart.addSeries(s.name(), x, y);
                    added.setMarker(s.x().length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                }
            }
        });
    }

    private TickedChart.Ranges ranges() {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                yMin = Math.min(yMin, s.y()[i]);
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        return TickedChart.Ranges.of(xMin, xMax, yMin, yMax);
    }
}
