package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class XChartTickRulesTest {

    @Test
    void roundsAStepHintTheWayXChartDoes() {
        assertThat(XChartTickRules.rounded(new BigDecimal("1.5"))).isEqualByComparingTo("1");
        assertThat(XChartTickRules.rounded(new BigDecimal("1.51"))).isEqualByComparingTo("2");
        assertThat(XChartTickRules.rounded(new BigDecimal("3.5"))).isEqualByComparingTo("2");
        assertThat(XChartTickRules.rounded(new BigDecimal("3.6"))).isEqualByComparingTo("5");
        assertThat(XChartTickRules.rounded(new BigDecimal("7.5"))).isEqualByComparingTo("5");
        assertThat(XChartTickRules.rounded(new BigDecimal("0.076"))).isEqualByComparingTo("0.1");
        assertThat(XChartTickRules.rounded(new BigDecimal("4e-10"))).isEqualByComparingTo("5e-10");
    }

    @Test
    void aShortVerticalAxisGetsXChartsStepForATwentyFivePixelHint() {
        // 400 over 120 pixels: 25 pixels are 83.3, rounded to 100.
        assertThat(XChartTickRules.shortYAxisStep(new BigDecimal("400"), 120)).isEqualByComparingTo("100");
        assertThat(XChartTickRules.ignoresYHint(159.9)).isTrue();
        assertThat(XChartTickRules.ignoresYHint(160)).isFalse();
    }

    @Test
    void xChartGeneratesOneStepBelowTheRangeAndUpToTwoAbove() {
        Ticks ticks = NiceTicks.multiplesInside(new BigDecimal("0.5"), new BigDecimal("9.5"), new BigDecimal("2"), 100);

        assertThat(ticks.labels()).containsExactly("2", "4", "6", "8");
        assertThat(XChartTickRules.generated(ticks, 0.5, 9.5)).extracting(BigDecimal::intValue)
                .containsExactly(-2, 0, 2, 4, 6, 8, 10, 12);
    }

    @Test
    void drawsAHorizontalLabelOnlyInsideThePicture() {
        assertThat(XChartTickRules.drawsXLabel(400, 40, 800)).isTrue();
        assertThat(XChartTickRules.drawsXLabel(15, 40, 800)).isFalse();
        assertThat(XChartTickRules.drawsXLabel(785, 40, 800)).isFalse();
    }
}
