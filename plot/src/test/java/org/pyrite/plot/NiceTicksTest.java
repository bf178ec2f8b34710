package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NiceTicksTest {

    /** Labels 7 pixels a character wide, 12-pixel gaps, ticks at least 48 pixels apart. */
    private static NiceTicks.Room room(double lengthPx) {
        return new NiceTicks.Room(lengthPx, label -> 7.0 * label.length(), 12, 48);
    }

    private static Ticks choose(double lo, double hi, double lengthPx) {
        return NiceTicks.choose(lo, hi, room(lengthPx), t -> true);
    }

    @Test
    void aTwoThousandStepAxisGetsRoundHundreds() {
        Ticks ticks = choose(0, 1999, 650);

        assertThat(ticks.labels()).containsExactly("0", "200", "400", "600", "800", "1000", "1200", "1400", "1600", "1800");
        assertThat(ticks.step()).isEqualByComparingTo("200");
    }

    @Test
    void aShorterAxisGetsACoarserStep() {
        assertThat(choose(0, 1999, 300).labels()).containsExactly("0", "500", "1000", "1500");
        assertThat(choose(0, 1999, 150).labels()).containsExactly("0", "1000");
    }

    @Test
    void ticksAreAtMostTenAndSpacedAtLeastTheMinimum() {
        Ticks ticks = choose(0, 1, 5000);

        assertThat(ticks.count()).isEqualTo(6);
        assertThat(ticks.labels()).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        // Eleven tenths would fit 0 to 1 but are one too many; 0 to 0.95 holds ten.
        NiceTicks.Room roomy = new NiceTicks.Room(5000, label -> 7.0 * label.length(), 12, 1);
        assertThat(NiceTicks.choose(0, 1, roomy, t -> true).step()).isEqualByComparingTo("0.2");
        Ticks dense = NiceTicks.choose(0, 0.95, roomy, t -> true);
        assertThat(dense.count()).isEqualTo(NiceTicks.MAX_TICKS);
        assertThat(dense.step()).isEqualByComparingTo("0.1");
    }

    @Test
    void wideLabelsPushTheStepUp() {
        NiceTicks.Room wide = new NiceTicks.Room(650, label -> 40.0 * label.length(), 12, 48);

        Ticks ticks = NiceTicks.choose(0, 1999, wide, t -> true);

        // "1000" and "1500" are 160 pixels each: they need 172 pixels, 500 steps give 162.6.
        assertThat(ticks.labels()).containsExactly("0", "1000");
    }

    @Test
    void negativeAndTinyAndHugeRangesGetNiceTicks() {
        assertThat(choose(-31_000, -20_250, 500).labels())
                .containsExactly("-30,000", "-28,000", "-26,000", "-24,000", "-22,000");
        assertThat(choose(0, 1e-9, 650).labels()).containsExactly("0", "2e-10", "4e-10", "6e-10", "8e-10", "1e-9");
        assertThat(choose(1e300, 3e300, 650).labels()).containsExactly("1e300", "1.5e300", "2e300", "2.5e300", "3e300");
        assertThat(choose(-1.7e308, 1.7e308, 650).labels())
                .containsExactly("-1.5e308", "-1e308", "-5e307", "0", "5e307", "1e308", "1.5e308");
    }

    @Test
    void anEndWithinAMillionthOfTheRangeOfATickGetsIt() {
        // 2.85 is stored as 2.849999999999999644...; its tick is still 2.85.
        Ticks ticks = choose(2.85, 3.15, 400);

        assertThat(ticks.labels().get(0)).isEqualTo("2.85");
        assertThat(ticks.labels().get(ticks.count() - 1)).isEqualTo("3.15");
    }

    @Test
    void anAxisTooShortForTwoLabelsGetsOneTickInside() {
        Ticks ticks = choose(0.3, 12.7, 30);

        assertThat(ticks.count()).isEqualTo(1);
        assertThat(ticks.values().get(0)).isBetween(new BigDecimal("0.3"), new BigDecimal("12.7"));
        assertThat(ticks.labels()).containsExactly("10");
    }

    @Test
    void theRendererCanRefuseACandidate() {
        Ticks ticks = NiceTicks.choose(0, 1999, room(650), t -> t.count() <= 3);

        assertThat(ticks.labels()).containsExactly("0", "1000");
    }

    @Test
    void aLabelTheRendererCannotDrawDoesNotCountButTwoMustBeDrawn() {
        NiceTicks.Room lastNotDrawn = new NiceTicks.Room(650, label -> 7.0 * label.length(), 12, 48,
                (fraction, label) -> fraction < 0.99);

        Ticks ticks = NiceTicks.choose(0, 1000, lastNotDrawn, t -> true);

        assertThat(ticks.labels()).endsWith("1000");
        assertThat(NiceTicks.spacedOut(ticks, lastNotDrawn)).isTrue();
        NiceTicks.Room noneDrawn = new NiceTicks.Room(650, label -> 7.0, 12, 48, (fraction, label) -> false);
        assertThat(NiceTicks.spacedOut(ticks, noneDrawn)).isFalse();
    }

    @Test
    void rejectsRangesThatAreEmptyInvertedOrNotFinite() {
        assertThatThrownBy(() -> choose(1, 1, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower < upper").hasMessageContaining("[1.0, 1.0]");
        assertThatThrownBy(() -> choose(2, 1, 100)).hasMessageContaining("[2.0, 1.0]");
        assertThatThrownBy(() -> choose(0, Double.POSITIVE_INFINITY, 100)).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> choose(Double.NaN, 1, 100)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> choose(0, 1, 0)).hasMessageContaining("pixel length");
    }

    @Test
    void niceStepsRunOneTwoFive() {
        assertThat(NiceTicks.niceAtMost(new BigDecimal("0.37"))).isEqualByComparingTo("0.2");
        assertThat(NiceTicks.niceAtMost(new BigDecimal("199.9"))).isEqualByComparingTo("100");
        assertThat(NiceTicks.niceAtMost(new BigDecimal("5"))).isEqualByComparingTo("5");
        assertThat(NiceTicks.niceAtMost(new BigDecimal("9.99e300"))).isEqualByComparingTo("5e300");
        assertThat(NiceTicks.next(new BigDecimal("1e-10"))).isEqualByComparingTo("2e-10");
        assertThat(NiceTicks.next(new BigDecimal("2"))).isEqualByComparingTo("5");
        assertThat(NiceTicks.next(new BigDecimal("5"))).isEqualByComparingTo("10");
        assertThatThrownBy(() -> NiceTicks.next(new BigDecimal("3"))).hasMessageContaining("not a 1, 2 or 5 step: 3");
    }
}
