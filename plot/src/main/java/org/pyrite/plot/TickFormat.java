package org.pyrite.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * How the tick labels of one axis are written. Plain decimals with exactly the places the step
 * needs (step 0.5: "0.0", "0.5", "1.0"), grouped by thousands once a tick reaches 10,000
 * ("250,000"); scientific ("2e-10", "1.5e300") when a tick reaches a million or every nonzero
 * tick is below 1e-4, where plain decimals would be a row of zeros.
 */
final class TickFormat {

    private static final BigDecimal SCIENTIFIC_FROM = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal SCIENTIFIC_BELOW = new BigDecimal("0.0001");
    private static final BigDecimal GROUPED_FROM = BigDecimal.valueOf(10_000);

    private final boolean scientific;
    private final boolean grouped;
    /** The step is m * 10^stepExponent with m in {1, 2, 5}: the last digit any tick needs. */
    private final int stepExponent;

    private TickFormat(boolean scientific, boolean grouped, int stepExponent) {
        this.scientific = scientific;
        this.grouped = grouped;
        this.stepExponent = stepExponent;
    }

    /** The format for these tick values, all multiples of {@code step}. */
    static TickFormat forTicks(List<BigDecimal> values, BigDecimal step) {
        BigDecimal largest = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            largest = largest.max(v.abs());
        }
        boolean scientific = largest.compareTo(SCIENTIFIC_FROM) >= 0
                || (largest.signum() != 0 && largest.compareTo(SCIENTIFIC_BELOW) < 0);
        boolean grouped = !scientific && largest.compareTo(GROUPED_FROM) >= 0;
        return new TickFormat(scientific, grouped, exponent(step));
    }

    /** The decimal exponent of a nonzero value: 2 for 250, -3 for 0.005. */
    static int exponent(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.precision() - v.scale() - 1;
    }

    /** The label of a multiple of the step. */
    String label(BigDecimal value) {
        if (value.signum() == 0) {
            return scientific ? "0" : plain(BigDecimal.ZERO);
        }
        return scientific ? scientific(value) : plain(value);
    }

    private String plain(BigDecimal value) {
        String text = value.setScale(Math.max(0, -stepExponent), RoundingMode.HALF_EVEN).toPlainString();
        return grouped ? group(text) : text;
    }

    private String scientific(BigDecimal value) {
        int e = exponent(value);
        BigDecimal mantissa = value.movePointLeft(e)
                .setScale(Math.max(0, e - stepExponent), RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return mantissa.toPlainString() + "e" + e;
    }

    /** Puts a comma between each group of three digits before the decimal point. */
    private static String group(String plain) {
        int start = plain.startsWith("-") ? 1 : 0;
        int point = plain.indexOf('.');
        int end = point < 0 ? plain.length() : point;
        StringBuilder out = new StringBuilder(plain.length() + 4);
        out.append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        out.append(plain, end, plain.length());
        return out.toString();
    }
}
