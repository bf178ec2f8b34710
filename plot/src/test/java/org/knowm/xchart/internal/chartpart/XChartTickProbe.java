package org.knowm.xchart.internal.chartpart;

import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * Test-only window on what XChart drew: the tick labels and tick positions its axes used at
 * the last paint. XChart keeps them behind package-private accessors, hence this package.
 */
public final class XChartTickProbe {

    /**
     * One axis as XChart drew it.
     *
     * @param labels the tick labels
     * @param locations each tick's offset in pixels from the axis's start (for a vertical axis,
     *     from its bottom)
     * @param bounds the axis's box in the picture
     */
    public record DrawnAxis(List<String> labels, List<Double> locations, Rectangle2D bounds) {
    }

    private XChartTickProbe() {
    }

    /** The horizontal axis of {@code chart} as last painted. */
    public static DrawnAxis x(AxesChart<?, ?> chart) {
        Axis_<?, ?> axis = chart.getXAxis();
        return drawn(axis);
    }

    /** The vertical axis of {@code chart} as last painted. */
    public static DrawnAxis y(AxesChart<?, ?> chart) {
        Axis_<?, ?> axis = chart.getYAxis();
        return drawn(axis);
    }

    private static DrawnAxis drawn(Axis_<?, ?> axis) {
        AxisTickCalculator ticks = axis.getAxisTickCalculator();
        return new DrawnAxis(List.copyOf(ticks.getTickLabels()), List.copyOf(ticks.getTickLocations()),
                (Rectangle2D) axis.getBounds().clone());
    }
}
