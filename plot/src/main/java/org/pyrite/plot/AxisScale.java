package org.pyrite.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Function;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * One axis as XChart is given it. XChart draws in units: a value {@code x} becomes
 * {@code (x - origin) / unit}, with the origin on a tick and the unit a power of ten, so that
 * XChart only ever sees small, well-conditioned numbers (whatever the data: a range 1e-9 wide,
 * values near 1e300, a narrow range far from zero) and the chosen ticks are multiples of 1, 2 or
 * 5 units. The range, spacing hint and label formatter set on XChart then make its own step rule
 * ({@link XChartTickRules}) land on exactly these ticks.
 */
final class AxisScale {

    private final Ticks ticks;
    private final BigDecimal origin;
    private final BigDecimal unit;
    private final double originValue;
    private final double unitValue;
    private final double min;
    private final double max;
    private final int hint;

    private AxisScale(Ticks ticks, BigDecimal origin, BigDecimal unit, double lower, double upper, int hint) {
        this.ticks = ticks;
        this.origin = origin;
        this.unit = unit;
        this.originValue = origin.doubleValue();
        this.unitValue = unit.doubleValue();
        // A tick a hair outside the data range (see NiceTicks.END_TOLERANCE) moves the axis end
        // onto itself, so that XChart keeps it; the plot moves by far less than a pixel.
        double lo = toUnits(lower);
        double hi = toUnits(upper);
        for (BigDecimal t : ticks.values()) {
            double at = t.subtract(origin).divide(unit, MathContext.DECIMAL64).doubleValue();
            lo = Math.min(lo, at);
            hi = Math.max(hi, at);
        }
        this.min = lo;
        this.max = hi;
        this.hint = hint;
    }

    /**
     * The scale that makes XChart draw {@code ticks} on the axis {@code [lower, upper]} of
     * {@code tickSpacePx} pixels, with XChart's step rule driven by the spacing hint.
     */
    static AxisScale of(Ticks ticks, double lower, double upper, double tickSpacePx) {
        if (ticks.count() == 1) {
            // One tick: a unit just wider than the range, so that only the tick itself is a whole
            // number of units inside it, and a hint of the whole axis, so XChart's step is 1 unit.
            BigDecimal span = new BigDecimal(upper).subtract(new BigDecimal(lower));
            BigDecimal unit = span.multiply(new BigDecimal("1.01"));
            return new AxisScale(ticks, ticks.values().get(0), unit, lower, upper, Math.max(1, (int) tickSpacePx));
        }
        double spacingPx = (ticks.fraction(1) - ticks.fraction(0)) * tickSpacePx;
        return powerOfTen(ticks, lower, upper, Math.max(1, (int) spacingPx));
    }

    /**
     * The scale for ticks that are XChart's own step on a short vertical axis, where XChart
     * ignores the hint (given as the one it uses there).
     */
    static AxisScale ofShortYAxis(Ticks ticks, double lower, double upper, double tickSpacePx) {
        return powerOfTen(ticks, lower, upper, Math.max(1, Math.min(XChartTickRules.SHORT_Y_AXIS_HINT, (int) tickSpacePx)));
    }

    private static AxisScale powerOfTen(Ticks ticks, double lower, double upper, int hint) {
        BigDecimal step = ticks.step();
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(TickFormat.exponent(step));
        // On the first tick (or the first multiple above lower when there is none): inside the
        // range, so finite even next to Double.MAX_VALUE.
        BigDecimal origin = ticks.count() > 0 ? ticks.values().get(0)
                : new BigDecimal(lower).divide(step, 0, RoundingMode.CEILING).multiply(step);
        return new AxisScale(ticks, origin, unit, lower, upper, hint);
    }

    /** @return the ticks this scale draws */
    Ticks ticks() {
        return ticks;
    }

    /** @return {@code value} in XChart's units */
    double toUnits(double value) {
        double offset = value - originValue;
        if (Double.isInfinite(offset)) {
            // Both ends near Double.MAX_VALUE apart: scale first, at a cost in precision no one sees.
            return value / unitValue - originValue / unitValue;
        }
        return offset / unitValue;
    }

    /** @return every value mapped into XChart's units */
    double[] toUnits(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = toUnits(values[i]);
        }
        return out;
    }

    /** @return the axis's lower end in units */
    double min() {
        return min;
    }

    /** @return the axis's upper end in units */
    double max() {
        return max;
    }

    /**
     * The label XChart writes at a value in units. XChart labels whole multiples of its step
     * (here whole units), and also formats the axis ends to see whether its format tells them
     * apart; those get every digit of the value, so they always differ.
     */
    String label(double units) {
        double whole = Math.rint(units);
        if (Math.abs(units - whole) <= 1e-9 * Math.max(1, Math.abs(units))) {
            return ticks.format().label(origin.add(unit.multiply(BigDecimal.valueOf((long) whole))));
        }
        return Double.toString(originValue + units * unitValue);
    }

    /** Sets this axis's range, spacing hint and label formatter on a horizontal axis. */
    void applyToX(AxesChartStyler styler) {
        styler.setXAxisMin(min);
        styler.setXAxisMax(max);
        styler.setXAxisTickMarkSpacingHint(hint);
        styler.setXAxisTickLabelsFormattingFunction(formatter());
    }

    /** Sets this axis's range, spacing hint and label formatter on a vertical axis. */
    void applyToY(AxesChartStyler styler) {
        styler.setYAxisMin(min);
        styler.setYAxisMax(max);
        styler.setYAxisTickMarkSpacingHint(hint);
        styler.setYAxisTickLabelsFormattingFunction(formatter());
    }

    private Function<Double, String> formatter() {
        return this::label;
    }
}
