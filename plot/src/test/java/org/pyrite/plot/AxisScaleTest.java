package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AxisScaleTest {

    @Test
    void mapsValuesToPowerOfTenUnitsFromTheFirstTick() {
        Ticks ticks = NiceTicks.multiplesInside(new BigDecimal(1), new BigDecimal(1 + 1e-9), new BigDecimal("2e-10"), 100);
        AxisScale scale = AxisScale.of(ticks, 1, 1 + 1e-9, 600);

        assertThat(scale.toUnits(1)).isZero();
        assertThat(scale.toUnits(1 + 1e-9)).isCloseTo(10, within(1e-5));
        assertThat(scale.min()).isZero();
        assertThat(scale.max()).isCloseTo(10, within(1e-5));
        // XChart labels whole units; the axis ends (not whole) get every digit.
        assertThat(scale.label(4)).isEqualTo("1.0000000004");
        assertThat(scale.label(0.5)).isEqualTo(Double.toString(1 + 0.5e-10));
    }

    @Test
    void keepsValuesNearDoubleMaxFinite() {
        Ticks ticks = NiceTicks.multiplesInside(new BigDecimal(-1.7e308), new BigDecimal(1.7e308), new BigDecimal("5e307"), 100);
        AxisScale scale = AxisScale.of(ticks, -1.7e308, 1.7e308, 600);

        assertThat(scale.toUnits(1.7e308)).isCloseTo(32, within(1e-9));
        assertThat(scale.toUnits(-1.7e308)).isCloseTo(-2, within(1e-9));
        assertThat(scale.label(30)).isEqualTo("1.5e308");
    }

    @Test
    void aSingleTickIsTheOnlyWholeUnitInsideTheRange() {
        Ticks one = NiceTicks.choose(0.3, 12.7, new NiceTicks.Room(30, label -> 7.0 * label.length(), 12, 48), t -> true);
        AxisScale scale = AxisScale.of(one, 0.3, 12.7, 30);

        assertThat(scale.min()).isGreaterThan(-1).isLessThanOrEqualTo(0);
        assertThat(scale.max()).isGreaterThanOrEqualTo(0).isLessThan(1);
        assertThat(scale.label(0)).isEqualTo("10");
    }
}
