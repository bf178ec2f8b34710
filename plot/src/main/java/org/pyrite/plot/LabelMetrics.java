package org.pyrite.plot;

import java.awt.Font;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;

/**
 * The ink box of a label in a font, measured the way XChart measures tick labels when it lays
 * out a chart (a text layout's outline, antialiased, integer metrics), so that the sizes used to
 * choose ticks are the sizes XChart reserves room for.
 */
final class LabelMetrics {

    private static final FontRenderContext XCHART_LAYOUT = new FontRenderContext(null, true, false);

    private final Font font;

    LabelMetrics(Font font) {
        this.font = font;
    }

    /** @return the ink bounds of {@code label} relative to its baseline origin; empty for "" */
    Rectangle ink(String label) {
        if (label.isEmpty()) {
            return new Rectangle();
        }
        return new TextLayout(label, font, XCHART_LAYOUT).getOutline(null).getBounds();
    }

    double width(String label) {
        return ink(label).getWidth();
    }

    double height(String label) {
        return ink(label).getHeight();
    }

    /** @return the font's size, the unit for gaps between labels */
    double em() {
        return font.getSize2D();
    }
}
