package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickFormatTest {

    /** The labels of {@code count} multiples of {@code step} from {@code first}. */
    private static List<String> labels(String first, String step, int count) {
        BigDecimal s = new BigDecimal(step);
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(new BigDecimal(first).add(s.multiply(BigDecimal.valueOf(i))));
        }
        TickFormat format = TickFormat.forTicks(values, s);
        return values.stream().map(format::label).toList();
    }

    @Test
    void writesDecimalsExactlyWithThePlacesTheStepNeeds() {
        assertThat(labels("0.1", "0.1", 3)).containsExactly("0.1", "0.2", "0.3");
        assertThat(labels("0", "0.5", 3)).containsExactly("0.0", "0.5", "1.0");
        assertThat(labels("2.85", "0.05", 3)).containsExactly("2.85", "2.90", "2.95");
        assertThat(labels("0", "200", 3)).containsExactly("0", "200", "400");
    }

    @Test
    void writesNegativeTicksWithAMinusAndZeroWithout() {
        assertThat(labels("-1", "0.5", 3)).containsExactly("-1.0", "-0.5", "0.0");
        assertThat(labels("-30000", "5000", 3)).containsExactly("-30,000", "-25,000", "-20,000");
    }

    @Test
    void groupsThousandsOnceATickReachesTenThousand() {
        assertThat(labels("0", "2000", 5)).containsExactly("0", "2000", "4000", "6000", "8000");
        // The whole axis is grouped alike.
        assertThat(labels("0", "2500", 5)).containsExactly("0", "2,500", "5,000", "7,500", "10,000");
        assertThat(labels("0", "200000", 5)).containsExactly("0", "200,000", "400,000", "600,000", "800,000");
    }

    @Test
    void goesScientificForMillionsAndForTicksAllBelowOneTenThousandth() {
        assertThat(labels("0", "500000", 3)).containsExactly("0", "5e5", "1e6");
        assertThat(labels("1e300", "5e299", 3)).containsExactly("1e300", "1.5e300", "2e300");
        assertThat(labels("0", "2e-10", 3)).containsExactly("0", "2e-10", "4e-10");
        assertThat(labels("-1.5e308", "5e307", 2)).containsExactly("-1.5e308", "-1e308");
    }

    @Test
    void keepsEveryDigitANarrowRangeFarFromZeroNeeds() {
        assertThat(labels("1", "2e-10", 3)).containsExactly("1.0000000000", "1.0000000002", "1.0000000004");
        assertThat(labels("1000000", "0.5", 2)).containsExactly("1e6", "1.0000005e6");
    }

    @Test
    void exponentIsTheDecimalExponent() {
        assertThat(TickFormat.exponent(new BigDecimal("250"))).isEqualTo(2);
        assertThat(TickFormat.exponent(new BigDecimal("0.005"))).isEqualTo(-3);
        assertThat(TickFormat.exponent(new BigDecimal("1E+300"))).isEqualTo(300);
        assertThat(TickFormat.exponent(new BigDecimal("1.000"))).isZero();
    }
}
