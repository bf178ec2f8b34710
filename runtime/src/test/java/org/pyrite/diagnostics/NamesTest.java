package org.pyrite.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void aTypoOrASwappedPairFindsTheNameMeant() {
        assertThat(Names.closest("wieght", List.of("measurement", "weight"))).contains("weight");
        assertThat(Names.closest("measurment", List.of("weight", "measurement"))).contains("measurement");
        assertThat(Names.didYouMean("lco", List.of("scale", "loc"))).isEqualTo("; did you mean 'loc'?");
    }

    @Test
    void theNearestOfSeveralWins() {
        assertThat(Names.closest("mesurement", List.of("measure", "measurement", "mu"))).contains("measurement");
    }

    @Test
    void nothingCloseSuggestsNothing() {
        assertThat(Names.closest("temperature", List.of("weight", "loc"))).isEmpty();
        assertThat(Names.closest("x", List.of())).isEmpty();
        assertThat(Names.didYouMean("temperature", List.of("weight"))).isEmpty();
    }

    @Test
    void theAllowedDistanceGrowsWithTheName() {
        // at least 2 for short names, half the length for long ones
        assertThat(Names.closest("ab", List.of("xy"))).contains("xy");
        assertThat(Names.closest("abc", List.of("xyz"))).isEmpty();
        assertThat(Names.closest("abcdefgh", List.of("abcdwxyz"))).contains("abcdwxyz");
        assertThat(Names.closest("abcdefgh", List.of("abcvwxyz"))).isEmpty();
    }

    @Test
    void distanceIsLevenshtein() {
        assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Names.distance("", "abc")).isEqualTo(3);
        assertThat(Names.distance("same", "same")).isZero();
    }
}
