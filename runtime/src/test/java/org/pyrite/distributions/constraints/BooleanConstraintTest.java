package org.pyrite.distributions.constraints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The boolean support's array scan decides with a branch-free sum of |v (1 - v)|, so it must agree
 * with the per-value test on the values where that sum is most fragile: just off 0 and 1, subnormal,
 * huge, infinite and NaN, at every position of arrays of every length around the four-way unroll.
 */
class BooleanConstraintTest {
    private static final Constraint BOOLEAN = Constraints.booleanConstraint();

    static Stream<Double> invalid() {
        return Stream.of(0.5, -1.0, 2.0, Double.MIN_VALUE, -Double.MIN_VALUE, Math.nextUp(0.0) * 3,
                Math.nextDown(1.0), Math.nextUp(1.0), 1e-300, 1e300, -1e300, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void findsTheFirstInvalidValueAtEveryPosition(double bad) {
        Random rng = new Random(7);
        for (int n = 1; n <= 13; n++) {
            for (int at = 0; at < n; at++) {
                double[] v = labels(rng, n);
                v[at] = bad;
                if (at + 1 < n) {
                    v[n - 1] = bad; // a later violation must not be reported first
                }
                assertThat(BOOLEAN.firstViolation(v)).as("n=%d at=%d", n, at).isEqualTo(at);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void acceptsLabelsOfEveryLength(int n) {
        double[] v = labels(new Random(n), n);
        assertThat(BOOLEAN.firstViolation(v)).isEqualTo(-1);
        for (double x : v) {
            assertThat(BOOLEAN.test(x)).isTrue();
        }
    }

    static Stream<Integer> lengths() {
        return Stream.of(0, 1, 2, 3, 4, 5, 7, 8, 9, 1000, 10_001);
    }

    private static double[] labels(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextBoolean() ? 1.0 : 0.0;
        }
        return v;
    }
}
