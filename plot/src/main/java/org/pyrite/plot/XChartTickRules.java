package org.pyrite.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * What XChart 4.0.3 does with the axis range, tick spacing hint and label formatter it is given
 * ({@code AxisTickCalculator_.calculate} and {@code AxisTickLabels.paint}). XChart has no call
 * that takes tick positions (its tick label map was removed; see XChart issue 865), so the plots
 * choose their ticks and then set range, hint and formatter so that XChart's own step rule lands
 * on them; these rules say when it does.
 *
 * <ul>
 *   <li>XChart rounds {@code span / tickSpace * hint} to 1, 2, 5 or 10 times a power of ten
 *       (above 7.5, 3.5, 1.5) and takes that as its step;</li>
 *   <li>it keeps that step only if the longest label it generated, times 1.1, is narrower than
 *       the step in whole pixels (on a vertical axis: the height of "Y"), and otherwise raises
 *       the hint by 5 and tries again; the labels it generated include one step below the range
 *       and up to two above it;</li>
 *   <li>on a vertical axis whose tick space is under 160 pixels it ignores the hint and starts
 *       from 25;</li>
 *   <li>it draws a horizontal axis's label only if the label lies wholly inside the picture.</li>
 * </ul>
 */
final class XChartTickRules {

    /** Vertical tick space (pixels) under which XChart ignores the spacing hint. */
    static final double SHORT_Y_AXIS_PX = 160;
    /** The hint XChart uses on a short vertical axis. */
    static final int SHORT_Y_AXIS_HINT = 25;

    private XChartTickRules() {
    }

    /** Whether XChart ignores the spacing hint of a vertical axis with this tick space. */
    static boolean ignoresYHint(double tickSpacePx) {
        return tickSpacePx < SHORT_Y_AXIS_PX;
    }

    /** The step XChart takes on a short vertical axis spanning {@code span} over {@code tickSpacePx}. */
    static BigDecimal shortYAxisStep(BigDecimal span, double tickSpacePx) {
        BigDecimal hinted = span.multiply(BigDecimal.valueOf(SHORT_Y_AXIS_HINT))
                .divide(new BigDecimal(tickSpacePx), MathContext.DECIMAL64);
        return rounded(hinted);
    }

    /** XChart's rounding of a step hint to 1, 2, 5 or 10 times a power of ten. */
    static BigDecimal rounded(BigDecimal hinted) {
        int e = TickFormat.exponent(hinted);
        BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(e);
        double significand = hinted.divide(power, MathContext.DECIMAL64).doubleValue();
        int m = significand > 7.5 ? 10 : significand > 3.5 ? 5 : significand > 1.5 ? 2 : 1;
        return BigDecimal.valueOf(m).multiply(power);
    }

    /**
     * Whether XChart keeps these ticks at its first try on a horizontal axis: the widest label it
     * generates for them (in whole pixels, as XChart measures), times 1.1, below the spacing.
     */
    static boolean keepsX(Ticks ticks, double lower, double upper, double spacingPx, LabelMetrics metrics) {
        double widest = 0;
        for (BigDecimal v : generated(ticks, lower, upper)) {
            widest = Math.max(widest, metrics.width(ticks.format().label(v)));
        }
        return widest * 1.1 < (int) spacingPx;
    }

    /** Whether XChart keeps a step of {@code spacingPx} at its first try on a vertical axis. */
    static boolean keepsY(double spacingPx, LabelMetrics metrics) {
        return metrics.height("Y") * 1.1 < (int) spacingPx;
    }

    /** Whether XChart draws a horizontal axis label of this width centred at {@code centrePx}. */
    static boolean drawsXLabel(double centrePx, double widthPx, int chartWidth) {
        // One pixel to spare: XChart measures the drawn label in the painter's own text metrics.
        double left = centrePx - widthPx / 2;
        return left > 1 && left + widthPx < chartWidth - 1;
    }

    /**
     * The multiples of the step XChart generates (and labels) for an axis {@code [lower, upper]}:
     * from one step below the largest multiple at most {@code lower} to under two steps above
     * {@code upper}.
     */
    static List<BigDecimal> generated(Ticks ticks, double lower, double upper) {
        BigDecimal step = ticks.step();
        BigDecimal end = new BigDecimal(upper).add(step.multiply(BigDecimal.valueOf(2)));
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal v = floorMultiple(new BigDecimal(lower), step).subtract(step); v.compareTo(end) < 0; v = v.add(step)) {
            values.add(v);
        }
        return values;
    }

    /** The largest multiple of {@code step} at most {@code value}. */
    static BigDecimal floorMultiple(BigDecimal value, BigDecimal step) {
        return value.divide(step, 0, RoundingMode.FLOOR).multiply(step);
    }
}
