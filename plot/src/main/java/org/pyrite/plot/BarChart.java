package org.pyrite.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Grouped bars over named categories, optionally on a logarithmic value axis; immutable.
 *
 * <pre>{@code
 * BarChart.of("trace", "SVI step")
 *         .withSeries("Pyro", new double[] {56, 552})
 *         .withSeries("Pyrite", new double[] {0.2, 2.5})
 *         .withLogScale(true).withYLabel("us per call")
 *         .writePng(Path.of("speed.png"));
 * }</pre>
 */
public final class BarChart {
    private final List<String> categories;
    private final List<String> names;
    private final List<double[]> values;
    private final String title;
    private final String yLabel;
    private final boolean logScale;

    static {
        Headless.ensure();
    }

    private BarChart(List<String> categories, List<String> names, List<double[]> values, String title, String yLabel, boolean logScale) {
        this.categories = categories;
        this.names = names;
        this.values = values;
        this.title = title;
        this.yLabel = yLabel;
        this.logScale = logScale;
    }

    /** A chart over these categories, with no series yet. */
    public static BarChart of(String... categories) {
        if (categories.length == 0) {
            throw new IllegalArgumentException("categories must not be empty");
        }
        for (String c : categories) {
            Checks.text("category", c);
        }
        return new BarChart(List.of(categories), List.of(), List.of(), "", "", false);
    }

    /** Adds a series with one value per category (all &gt; 0 when the scale is logarithmic). */
    public BarChart withSeries(String name, double[] v) {
        Checks.text("name", name);
        if (v.length != categories.size()) {
            throw new IllegalArgumentException("series '" + name + "' has " + v.length + " values for " + categories.size() + " categories");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("series '" + name + "': value " + i + " is not finite: " + v[i]);
            }
        }
        List<String> n = new ArrayList<>(names);
        n.add(name);
        List<double[]> vs = new ArrayList<>(values);
        vs.add(v.clone());
        return new BarChart(categories, Collections.unmodifiableList(n), Collections.unmodifiableList(vs), title, yLabel, logScale);
    }

    /** The same chart with a title. */
    public BarChart withTitle(String t) {
        Checks.text("title", t);
        return new BarChart(categories, names, values, t, yLabel, logScale);
    }

    /** The same chart with a value-axis label. */
    public BarChart withYLabel(String label) {
        Checks.text("yLabel", label);
        return new BarChart(categories, names, values, title, label, logScale);
    }

    /** The same chart on a logarithmic value axis (drawn as log10 of the values) or a linear one. */
    public BarChart withLogScale(boolean log) {
        return new BarChart(categories, names, values, title, yLabel, log);
    }

    /** Writes a PNG of 900 x 600 pixels. */
    public void writePng(Path file) throws IOException {
        ChartFiles.writePng(chart(), file);
    }

    /** Writes an SVG document. */
    public void writeSvg(Path file) throws IOException {
        ChartFiles.writeSvg(chart(), file);
    }

    private CategoryChart chart() {
        if (names.isEmpty()) {
            throw new IllegalStateException("a BarChart needs at least one series; add one with withSeries");
        }
        // XChart's log axis refuses bar charts, so a log scale draws log10 of the values instead.
        CategoryChart chart = new CategoryChartBuilder().width(900).height(600).title(title)
                .yAxisTitle(logScale ? "log10 of " + yLabel : yLabel).build();
        chart.getStyler().setChartTitleVisible(!title.isEmpty());
        // Many categories side by side: slanted labels keep them from running into each other.
        chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 30 : 0);
        for (int s = 0; s < names.size(); s++) {
            double[] v = values.get(s);
            if (logScale) {
                for (int i = 0; i < v.length; i++) {
                    if (!(v[i] > 0)) {
                        throw new IllegalStateException("series '" + names.get(s) + "': value " + v[i] + " cannot be drawn on a log scale");
                    }
                }
            }
            List<Double> ys = new ArrayList<>();
            for (double d : v) {
                ys.add(logScale ? Math.log10(d) : d);
            }
            chart.addSeries(names.get(s), categories, ys);
        }
        return chart;
    }
}
