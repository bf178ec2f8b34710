package org.pyrite.plot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Chooses the ticks of an axis drawn over {@code [lower, upper]}: the multiples inside the range
 * of the smallest "nice" step (1, 2 or 5 times a power of ten) whose ticks are far enough apart
 * and whose labels, centred on their ticks, leave a gap between neighbours. The ticks then span
 * the range to within one step at either end.
 *
 * <p>At most {@value #MAX_TICKS} ticks, because a reader uses a few labelled values to read the
 * rest, and more only crowd the axis. A tick within a millionth of the range outside an end
 * counts as inside (a data minimum of 2.85 is the double just below 2.85, and its tick is 2.85).
 * A label the renderer cannot draw (one sticking out of the picture) does not count against a
 * step, but at least two labels must be drawn. When no step gives two labels that fit (an axis
 * shorter than two labels), the axis gets one tick, the nicest value inside the range.
 */
final class NiceTicks {

    /** Most ticks on one axis. */
    static final int MAX_TICKS = 10;

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);

    /**
     * The room an axis gives its labels.
     *
     * @param lengthPx pixels between the axis's lower and upper end
     * @param extent a label's ink extent along the axis in pixels (its width on a horizontal axis)
     * @param gapPx the least free pixels between the ink of neighbouring drawn labels
     * @param minSpacingPx the least pixels between neighbouring ticks
     * @param drawn whether the renderer draws a label at a fraction of the axis
     */
    record Room(double lengthPx, ToDoubleFunction<String> extent, double gapPx, double minSpacingPx,
                BiPredicate<Double, String> drawn) {

        /** Room on an axis where every label is drawn. */
        Room(double lengthPx, ToDoubleFunction<String> extent, double gapPx, double minSpacingPx) {
            this(lengthPx, extent, gapPx, minSpacingPx, (fraction, label) -> true);
        }
    }

    /** How far outside the range, as a share of it, a tick still counts as inside. */
    static final double END_TOLERANCE = 1e-6;

    private NiceTicks() {
    }

    /**
     * @param lower the axis's lower end, finite
     * @param upper the axis's upper end, finite and above {@code lower}
     * @param room the room for labels
     * @param accept a further test a candidate with two or more ticks must pass (what the
     *     renderer needs); candidates it refuses are passed over for coarser steps
     * @return the ticks
     */
    static Ticks choose(double lower, double upper, Room room, Predicate<Ticks> accept) {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower < upper)) {
            throw new IllegalArgumentException("an axis needs finite ends with lower < upper, got ["
                    + lower + ", " + upper + "]");
        }
        if (!(room.lengthPx() > 0)) {
            throw new IllegalArgumentException("an axis needs a positive pixel length, got " + room.lengthPx());
        }
        BigDecimal lo = new BigDecimal(lower);
        BigDecimal hi = new BigDecimal(upper);
        BigDecimal span = hi.subtract(lo);
        BigDecimal step = niceAtMost(span.divide(BigDecimal.valueOf(MAX_TICKS), MathContext.DECIMAL64));
        Ticks coarsestRefused = null;
        while (true) {
            Ticks candidate = multiplesInside(lo, hi, step, MAX_TICKS + 1);
            if (candidate.count() == 1) {
                return candidate;
            }
            if (candidate.count() == 0) {
                // Steps grow by at most 2.5 times, so the step before had two or more ticks.
                return middleOf(coarsestRefused, lo, span);
            }
            if (candidate.count() <= MAX_TICKS) {
                if (spacedOut(candidate, room) && accept.test(candidate)) {
                    return candidate;
                }
                coarsestRefused = candidate;
            }
            step = next(step);
        }
    }

    /**
     * The multiples of {@code step} inside {@code [lo, hi]} (give or take {@link #END_TOLERANCE}),
     * at most {@code limit} of them (more are not needed to know there are too many).
     */
    static Ticks multiplesInside(BigDecimal lo, BigDecimal hi, BigDecimal step, int limit) {
        BigDecimal span = hi.subtract(lo);
        BigDecimal slack = span.multiply(BigDecimal.valueOf(END_TOLERANCE));
        BigInteger first = lo.subtract(slack).divide(step, 0, RoundingMode.CEILING).toBigIntegerExact();
        BigInteger last = hi.add(slack).divide(step, 0, RoundingMode.FLOOR).toBigIntegerExact();
        int count = last.subtract(first).add(BigInteger.ONE).max(BigInteger.ZERO)
                .min(BigInteger.valueOf(limit)).intValueExact();
        return Ticks.multiples(lo, span, step, new BigDecimal(first), count);
    }

    /**
     * Whether ticks are {@code minSpacingPx} apart, at least two labels are drawn, and each drawn
     * label is {@code gapPx} from the next drawn one.
     */
    static boolean spacedOut(Ticks ticks, Room room) {
        for (int i = 0; i + 1 < ticks.count(); i++) {
            if ((ticks.fraction(i + 1) - ticks.fraction(i)) * room.lengthPx() < room.minSpacingPx()) {
                return false;
            }
        }
        int previous = -1;
        int drawn = 0;
        for (int i = 0; i < ticks.count(); i++) {
            String label = ticks.labels().get(i);
            if (!room.drawn().test(ticks.fraction(i), label)) {
                continue;
            }
            if (previous >= 0) {
                double distance = (ticks.fraction(i) - ticks.fraction(previous)) * room.lengthPx();
                double halfLabels = (room.extent().applyAsDouble(ticks.labels().get(previous))
                        + room.extent().applyAsDouble(label)) / 2;
                if (distance - halfLabels < room.gapPx()) {
                    return false;
                }
            }
            previous = i;
            drawn++;
        }
        return drawn >= 2;
    }

    private static Ticks middleOf(Ticks ticks, BigDecimal lo, BigDecimal span) {
        int best = 0;
        for (int i = 1; i < ticks.count(); i++) {
            if (Math.abs(ticks.fraction(i) - 0.5) < Math.abs(ticks.fraction(best) - 0.5)) {
                best = i;
            }
        }
        return Ticks.single(ticks.values().get(best), ticks.step(), lo, span);
    }

    /** The largest 1, 2 or 5 times a power of ten that is at most {@code x} (x &gt; 0). */
    static BigDecimal niceAtMost(BigDecimal x) {
        int e = TickFormat.exponent(x);
        BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(e);
        BigDecimal mantissa = x.divide(power, MathContext.DECIMAL64);
        BigDecimal m = mantissa.compareTo(FIVE) >= 0 ? FIVE : mantissa.compareTo(TWO) >= 0 ? TWO : BigDecimal.ONE;
        return m.multiply(power);
    }

    /** The nice step after {@code step}: 1 to 2, 2 to 5, 5 to 10. */
    static BigDecimal next(BigDecimal step) {
        int e = TickFormat.exponent(step);
        BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(e);
        int m = step.divide(power, MathContext.DECIMAL64).intValueExact();
        return switch (m) {
            case 1 -> TWO.multiply(power);
            case 2 -> FIVE.multiply(power);
            case 5 -> BigDecimal.TEN.multiply(power);
            default -> throw new IllegalArgumentException("not a 1, 2 or 5 step: " + step);
        };
    }
}
