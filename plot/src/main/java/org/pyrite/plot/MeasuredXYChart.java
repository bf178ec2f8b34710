package org.pyrite.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;

/** An XYChart that tells where it put its plot, so that ticks can be chosen for that room. */
final class MeasuredXYChart extends XYChart {

    MeasuredXYChart(int width, int height) {
        super(width, height);
    }

    /** Lays the chart out (by painting it where no one sees) and returns where the plot went. */
    PlotArea layOut() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        try {
            paint(g, getWidth(), getHeight());
        } finally {
            g.dispose();
        }
        return plotArea();
    }

    /** @return where the plot was put at the last paint */
    PlotArea plotArea() {
        return PlotArea.of(plot.getBounds(), getStyler().getPlotContentSize());
    }
}
