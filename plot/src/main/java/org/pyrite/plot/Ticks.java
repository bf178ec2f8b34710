package org.pyrite.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ticks of one axis: values that are multiples of one step, each with its label and its
 * place along the axis (0 at the axis's lower end, 1 at its upper end). Immutable.
 *
 * <p>Values are exact decimals, so a tick at 0.3 is 0.3 and its label says so, whatever the
 * nearest {@code double} is.
 */
final class Ticks {

    private final BigDecimal step;
    private final List<BigDecimal> values;
    private final List<String> labels;
    private final double[] fractions;
    private final TickFormat format;

    private Ticks(BigDecimal step, List<BigDecimal> values, TickFormat format, double[] fractions) {
        this.step = step;
        this.values = Collections.unmodifiableList(values);
        this.format = format;
        List<String> written = new ArrayList<>(values.size());
        for (BigDecimal v : values) {
            written.add(format.label(v));
        }
        this.labels = Collections.unmodifiableList(written);
        this.fractions = fractions;
    }

    /**
     * The {@code count} multiples {@code first * step, (first + 1) * step, ...} placed on the
     * axis {@code [lower, lower + span]}.
     */
    static Ticks multiples(BigDecimal lower, BigDecimal span, BigDecimal step, BigDecimal first, int count) {
        List<BigDecimal> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(first.add(BigDecimal.valueOf(i)).multiply(step));
        }
        return new Ticks(step, values, TickFormat.forTicks(values, step), placed(values, lower, span));
    }

    /** One tick at {@code value}, written as a multiple of {@code step}. */
    static Ticks single(BigDecimal value, BigDecimal step, BigDecimal lower, BigDecimal span) {
        List<BigDecimal> values = List.of(value);
        return new Ticks(step, values, TickFormat.forTicks(values, step), placed(values, lower, span));
    }

    private static double[] placed(List<BigDecimal> values, BigDecimal lower, BigDecimal span) {
        double[] f = new double[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i).subtract(lower).divide(span, MathContext.DECIMAL64).doubleValue();
        }
        return f;
    }

    /** @return the step between neighbouring ticks (also for a single tick: the step it is a multiple of) */
    BigDecimal step() {
        return step;
    }

    /** @return the tick values, increasing */
    List<BigDecimal> values() {
        return values;
    }

    /** @return the labels, one per value */
    List<String> labels() {
        return labels;
    }

    /** @return how labels of this axis are written, also for values that are not ticks */
    TickFormat format() {
        return format;
    }

    /** @return the number of ticks */
    int count() {
        return values.size();
    }

    /** @return where tick {@code i} sits along the axis, 0 at the lower end and 1 at the upper end */
    double fraction(int i) {
        return fractions[i];
    }

    /** @return whether both have the same values and labels */
    boolean sameAs(Ticks other) {
        return values.equals(other.values) && labels.equals(other.labels);
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
