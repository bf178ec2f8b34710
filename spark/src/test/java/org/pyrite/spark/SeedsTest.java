package org.pyrite.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void seedsAreFixedFunctionsOfTheSeedAndTheName() {
        // Fixed values: a change here changes every seeded distributed result.
        // (not hashCode-based, so the same on every JVM and every executor).
        assertThat(Seeds.forIndex(0, 0)).isEqualTo(7905728728188956330L);
        assertThat(Seeds.forKey(3, "store-1")).isEqualTo(3162215463626166365L);
        assertThat(Seeds.forKey(3, new Object[] {"a", 1})).isEqualTo(1798476602338045298L);
    }

    @Test
    void differentNamesAndSeedsGiveDifferentSeeds() {
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            for (int i = 0; i < 500; i++) {
                seen.add(Seeds.forIndex(seed, i));
            }
        }
        assertThat(seen).hasSize(20 * 500);
        // A key's type is part of it: the integer 1 and the string "1" are different groups.
        assertThat(Seeds.forKey(0, 1)).isNotEqualTo(Seeds.forKey(0, "1"));
        assertThat(Seeds.forKey(0, 1)).isNotEqualTo(Seeds.forKey(0, 1L));
        assertThat(Seeds.forKey(0, "a")).isNotEqualTo(Seeds.forKey(1, "a"));
    }
}
