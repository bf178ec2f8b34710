package org.pyrite.plot;

import java.math.BigDecimal;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.XYSeries;

/**
 * Builds an XChart XY chart whose two axes carry ticks chosen by {@link NiceTicks} for the room
 * XChart leaves them. The room depends on the labels (the vertical axis's labels take width from
 * the plot), so the chart is laid out with the plot's data left out, ticks are chosen for the
 * plot size found, and that repeats until the ticks no longer change; then the chart is built
 * with its data.
 */
final class TickedChart {

    /** What a plot puts into its chart. */
    interface Content {
        /** Sets titles, legend and the like; called for every chart built, layouts included. */
        void style(XYChart chart);

        /**
         * Adds the plot's series with values mapped through {@code x} and {@code y} into the
         * chart's coordinates; in a layout, the first point of each series is enough.
         */
        void addSeries(XYChart chart, DoubleUnaryOperator x, DoubleUnaryOperator y, boolean layoutOnly);
    }

    /** The range of values each axis shows; each lower end below its upper end. */
    record Ranges(double xLower, double xUpper, double yLower, double yUpper) {

        /** The data's ranges, an empty one (one value) widened around its value. */
        static Ranges of(double xMin, double xMax, double yMin, double yMax) {
            double[] x = widened(xMin, xMax);
            double[] y = widened(yMin, yMax);
            return new Ranges(x[0], x[1], y[0], y[1]);
        }

        /**
         * {@code [min, max]}, or for one value 5% of it either side (0.5 around zero), so that a
         * constant 3e-9 reads 2.9e-9 to 3.1e-9 rather than -0.5 to 0.5.
         */
        static double[] widened(double min, double max) {
            if (min < max) {
                return new double[] {min, max};
            }
            // At least the smallest normal double, so that a subnormal value still gets a range.
            double half = min == 0 ? 0.5 : Math.max(Math.abs(min) / 20, Double.MIN_NORMAL);
            double lower = min - half;
            double upper = min + half;
            // Next to Double.MAX_VALUE the widened end would overflow; the range then ends at the value.
            return new double[] {Double.isInfinite(lower) ? min : lower, Double.isInfinite(upper) ? min : upper};
        }
    }

    private static final int MAX_LAYOUTS = 6;

    /** Most ticks on a vertical axis shorter than XChart lets us choose for (see shortYScale). */
    static final int SHORT_Y_AXIS_MAX_TICKS = 12;

    /** Least pixels between the labels of a vertical axis shorter than XChart lets us choose for. */
    static final double SHORT_Y_AXIS_GAP_PX = 2;

    private final MeasuredXYChart chart;
    private final AxisScale x;
    private final AxisScale y;

    private TickedChart(MeasuredXYChart chart, AxisScale x, AxisScale y) {
        this.chart = chart;
        this.x = x;
        this.y = y;
    }

    /** Builds the chart of {@code content} at this size, with ticks for the given ranges. */
    static TickedChart build(int width, int height, Ranges ranges, Content content) {
        // A first guess at the plot's room; the layouts below correct it.
        PlotArea area = new PlotArea(80, 40, Math.max(1, width - 120), Math.max(1, height - 100), 0.92);
        XYChart styled = new XYChart(width, height);
        content.style(styled);
        LabelMetrics metrics = new LabelMetrics(styled.getStyler().getAxisTickLabelsFont());
        AxisScale[] scales = scales(ranges, area, width, metrics);
        for (int layout = 0; layout < MAX_LAYOUTS; layout++) {
            area = assemble(width, height, scales, content, true).layOut();
            AxisScale[] next = scales(ranges, area, width, metrics);
            if (next[0].ticks().sameAs(scales[0].ticks()) && next[1].ticks().sameAs(scales[1].ticks())) {
                return new TickedChart(assemble(width, height, next, content, false), next[0], next[1]);
            }
            scales = next;
        }
        throw new IllegalStateException("the axes' ticks did not settle after " + MAX_LAYOUTS
                + " layouts of a " + width + " x " + height + " chart; last x ticks " + scales[0].ticks()
                + ", y ticks " + scales[1].ticks() + "; please report this with the plot's data ranges " + ranges);
    }

    /** @return the chart, ready to be painted or written */
    MeasuredXYChart chart() {
        return chart;
    }

    /** @return the horizontal axis's ticks */
    Ticks xTicks() {
        return x.ticks();
    }

    /** @return the vertical axis's ticks */
    Ticks yTicks() {
        return y.ticks();
    }

    private static AxisScale[] scales(Ranges r, PlotArea area, int chartWidth, LabelMetrics metrics) {
        return new AxisScale[] {xScale(r, area, chartWidth, metrics), yScale(r, area, metrics)};
    }

    private static AxisScale xScale(Ranges r, PlotArea area, int chartWidth, LabelMetrics metrics) {
        double length = area.xTickSpace();
        NiceTicks.Room room = new NiceTicks.Room(length, metrics::width, metrics.em(), 4 * metrics.em(),
                (fraction, label) -> XChartTickRules.drawsXLabel(area.xAt(fraction), metrics.width(label), chartWidth));
        Ticks ticks = NiceTicks.choose(r.xLower(), r.xUpper(), room, t -> XChartTickRules.keepsX(
                t, r.xLower(), r.xUpper(), (t.fraction(1) - t.fraction(0)) * length, metrics));
        return AxisScale.of(ticks, r.xLower(), r.xUpper(), length);
    }

    private static AxisScale yScale(Ranges r, PlotArea area, LabelMetrics metrics) {
        double length = area.yTickSpace();
        NiceTicks.Room room = new NiceTicks.Room(length, metrics::height, metrics.em() / 2, 2.5 * metrics.em());
        if (XChartTickRules.ignoresYHint(length)) {
            return shortYScale(r, room, metrics);
        }
        Ticks ticks = NiceTicks.choose(r.yLower(), r.yUpper(), room,
                t -> XChartTickRules.keepsY((t.fraction(1) - t.fraction(0)) * length, metrics));
        return AxisScale.of(ticks, r.yLower(), r.yUpper(), length);
    }

    /**
     * On a short vertical axis XChart picks its step without our hint, 14 to 36 pixels apart (so
     * up to {@value #SHORT_Y_AXIS_MAX_TICKS} ticks under 160 pixels, where {@link NiceTicks} would
     * allow {@value NiceTicks#MAX_TICKS}); the ticks are then its step's multiples, and their
     * labels must still not touch ({@value #SHORT_Y_AXIS_GAP_PX} pixels between them, where a
     * longer axis keeps half an em).
     */
    private static AxisScale shortYScale(Ranges r, NiceTicks.Room room, LabelMetrics metrics) {
        BigDecimal lo = new BigDecimal(r.yLower());
        BigDecimal hi = new BigDecimal(r.yUpper());
        BigDecimal step = XChartTickRules.shortYAxisStep(hi.subtract(lo), room.lengthPx());
        Ticks ticks = NiceTicks.multiplesInside(lo, hi, step, Integer.MAX_VALUE);
        if (ticks.count() >= 2) {
            double spacing = (ticks.fraction(1) - ticks.fraction(0)) * room.lengthPx();
            if (!NiceTicks.spacedOut(ticks, new NiceTicks.Room(room.lengthPx(), room.extent(), SHORT_Y_AXIS_GAP_PX, 0))
                    || !XChartTickRules.keepsY(spacing, metrics)) {
                throw new IllegalStateException("XChart's own step " + step + " on a vertical axis of "
                        + room.lengthPx() + " pixels puts the labels " + ticks + " on top of each other;"
                        + " make the chart taller");
            }
        }
        return AxisScale.ofShortYAxis(ticks, r.yLower(), r.yUpper(), room.lengthPx());
    }

    private static MeasuredXYChart assemble(int width, int height, AxisScale[] scales, Content content, boolean layoutOnly) {
        MeasuredXYChart chart = new MeasuredXYChart(width, height);
        content.style(chart);
        scales[0].applyToX(chart.getStyler());
        scales[1].applyToY(chart.getStyler());
        content.addSeries(chart, scales[0]::toUnits, scales[1]::toUnits, layoutOnly);
        addSpacingBreaker(chart, scales[0], scales[1]);
        return chart;
    }

    /**
     * When the x values of all series (or the y values) are evenly spaced, as a series drawn
     * over its index is, XChart puts its ticks on data values instead of using its step rule:
     * every k-th value, whatever it is (the "1,008 1,120 1,232" of a 2,000-step loss plot), and
     * trying k = 1, 2, 3, ... takes minutes for a million values. It checks the axis ends and the
     * values of all series in the order added; a last series holding the upper end and then a
     * value below it (at an irrational fraction of the range, so no data value is it) is never
     * evenly spaced with them. The series is disabled, so it is neither drawn, nor in the legend,
     * nor in the axis ranges; added last, it takes no colour from the plot's own series.
     */
    private static void addSpacingBreaker(XYChart chart, AxisScale x, AxisScale y) {
        double inside = Math.sqrt(2) - 1;
        double[] xs = {x.max(), x.min() + (x.max() - x.min()) * inside};
        double[] ys = {y.max(), y.min() + (y.max() - y.min()) * inside};
        XYSeries breaker = chart.addSeries("\u0000spacing breaker", xs, ys);
        breaker.setEnabled(false);
        breaker.setShowInLegend(false);
    }

    /** Sets the chart's title and axis titles, each shown only when it is not empty. */
    static void label(XYChart chart, String title, String xLabel, String yLabel) {
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        XYStyler styler = chart.getStyler();
        styler.setChartTitleVisible(!title.isEmpty());
        styler.setXAxisTitleVisible(!xLabel.isEmpty());
        styler.setYAxisTitleVisible(!yLabel.isEmpty());
    }
}
