package org.pyrite.plot;

import java.util.Objects;

/** Argument checks shared by the plots; every message names the argument and the value. */
final class Checks {

    private Checks() {
    }

    /** Returns a copy of {@code values}, which must be non-null, non-empty and all finite. */
    static double[] finiteNonEmptyCopy(String argument, double[] values) {
        Objects.requireNonNull(values, () -> argument + " must not be null");
        if (values.length == 0) {
            throw new IllegalArgumentException(argument + " must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException(argument + "[" + i + "] is NaN; every value must be finite");
            }
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException(argument + "[" + i + "] is " + v + "; every value must be finite");
            }
        }
        return values.clone();
    }

    /** Returns {@code text}, which must not be null (it may be empty). */
    static String text(String argument, String text) {
        return Objects.requireNonNull(text, () -> argument + " must not be null");
    }

    /** Checks a picture size in pixels. */
    static void size(int width, int height) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1 pixel, got " + width);
        }
        if (height < 1) {
            throw new IllegalArgumentException("height must be >= 1 pixel, got " + height);
        }
    }
}
