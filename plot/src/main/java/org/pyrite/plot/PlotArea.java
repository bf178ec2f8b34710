package org.pyrite.plot;

import java.awt.geom.Rectangle2D;

/**
 * Where XChart put the plot in a picture, and the part of each side it spreads the axis range
 * over (its "tick space": the plot content size, 92% by default, centred).
 *
 * @param x the plot's left edge in pixels
 * @param y the plot's top edge in pixels
 * @param width the plot's width in pixels
 * @param height the plot's height in pixels
 * @param contentSize the share of each side the axis range is drawn over
 */
record PlotArea(double x, double y, double width, double height, double contentSize) {

    static PlotArea of(Rectangle2D bounds, double contentSize) {
        return new PlotArea(bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight(), contentSize);
    }

    /** @return pixels between the horizontal axis's lower and upper end */
    double xTickSpace() {
        return contentSize * width;
    }

    /** @return pixels between the vertical axis's lower and upper end */
    double yTickSpace() {
        return contentSize * height;
    }

    /** @return the picture's x of a point {@code fraction} of the way along the horizontal axis */
    double xAt(double fraction) {
        return x + (width - xTickSpace()) / 2 + fraction * xTickSpace();
    }

    /** @return the picture's y of a point {@code fraction} of the way up the vertical axis */
    double yAt(double fraction) {
        return y + height - (height - yTickSpace()) / 2 - fraction * yTickSpace();
    }
}
