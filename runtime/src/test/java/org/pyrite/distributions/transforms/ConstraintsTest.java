package org.pyrite.distributions.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/** Each constraint's check inside, outside and on the boundary, and its description. */
class ConstraintsTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    /** An element-wise constraint, values inside it, values outside it, and its description. */
    static Stream<Arguments> elementwise() {
        return Stream.of(
                Arguments.of(Constraints.real(), new double[] {0.0, -1e300, 1e300, Double.MIN_VALUE},
                        new double[] {NAN, INF, -INF}, "real (finite)"),
                Arguments.of(Constraints.positive(), new double[] {Double.MIN_VALUE, 1.0, 1e300},
                        new double[] {0.0, -0.0, -1.0, INF, NAN}, "positive (x > 0.0)"),
                Arguments.of(Constraints.nonnegative(), new double[] {0.0, -0.0, 3.0},
                        new double[] {-Double.MIN_VALUE, -1.0, INF, NAN}, "nonnegative (x >= 0.0)"),
                Arguments.of(Constraints.greaterThan(2.0), new double[] {Math.nextUp(2.0), 3.0, 1e10},
                        new double[] {2.0, 1.0, -INF, INF, NAN}, "greater than 2.0 (x > 2.0)"),
                Arguments.of(Constraints.greaterThanEq(-1.5), new double[] {-1.5, 0.0},
                        new double[] {Math.nextDown(-1.5), -2.0, INF, NAN}, "greater than -1.5 (x >= -1.5)"),
                Arguments.of(Constraints.lessThan(-1.0), new double[] {Math.nextDown(-1.0), -1e10},
                        new double[] {-1.0, 0.0, -INF, NAN}, "less than -1.0 (x < -1.0)"),
                Arguments.of(Constraints.interval(0.0, 2.0), new double[] {0.0, 1.0, 2.0},
                        new double[] {Math.nextDown(0.0), Math.nextUp(2.0), INF, NAN}, "interval [0.0, 2.0]"),
                Arguments.of(Constraints.halfOpenInterval(0.0, 2.0), new double[] {0.0, 1.0, Math.nextDown(2.0)},
                        new double[] {2.0, -1.0, NAN}, "interval [0.0, 2.0)"),
                Arguments.of(Constraints.unitInterval(), new double[] {0.0, 0.5, 1.0},
                        new double[] {Math.nextUp(1.0), -1e-300, NAN}, "interval [0.0, 1.0]"),
                Arguments.of(Constraints.booleanConstraint(), new double[] {0.0, 1.0},
                        new double[] {0.5, 2.0, -1.0, NAN}, "boolean (0 or 1)"),
                Arguments.of(Constraints.nonnegativeInteger(), new double[] {0.0, 1.0, 7.0, 1e9},
                        new double[] {-1.0, 1.5, NAN, INF}, "integer >= 0"),
                Arguments.of(Constraints.positiveInteger(), new double[] {1.0, 2.0},
                        new double[] {0.0, -1.0, 0.5, NAN}, "integer >= 1"),
                Arguments.of(Constraints.integerInterval(1, 3), new double[] {1.0, 2.0, 3.0},
                        new double[] {0.0, 4.0, 2.5, NAN}, "integer in [1, 3]"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("elementwise")
    void elementwiseChecks(Constraint c, double[] inside, double[] outside, String description) {
        assertThat(c.check(Tensor.of(inside)).toArray()).as(description + " inside").containsOnly(1.0);
        assertThat(c.check(Tensor.of(outside)).toArray()).as(description + " outside").containsOnly(0.0);
        for (double v : inside) {
            assertThat(c.check(Tensor.scalar(v)).item()).as(description + " at scalar " + v).isEqualTo(1.0);
        }
        assertThat(c.check(Tensor.of(new double[][] {{inside[0]}, {outside[0]}})).shape()).containsExactly(2, 1);
        assertThat(c.describe()).isEqualTo(description);
        assertThat(c.toString()).isEqualTo(description);
        assertThat(c.eventDim()).isZero();
    }

    @Test
    void discreteFlag() {
        assertThat(Constraints.booleanConstraint().isDiscrete()).isTrue();
        assertThat(Constraints.nonnegativeInteger().isDiscrete()).isTrue();
        assertThat(Constraints.positiveInteger().isDiscrete()).isTrue();
        assertThat(Constraints.integerInterval(0, 5).isDiscrete()).isTrue();
        assertThat(Constraints.independent(Constraints.booleanConstraint(), 1).isDiscrete()).isTrue();
        for (Constraint c : new Constraint[] {Constraints.real(), Constraints.positive(), Constraints.interval(0, 1),
            Constraints.simplex(), Constraints.lowerCholesky(), Constraints.positiveDefinite(), Constraints.realVector()}) {
            assertThat(c.isDiscrete()).as(c.describe()).isFalse();
        }
    }

    @Test
    void simplex() {
        Constraint c = Constraints.simplex();
        assertThat(c.eventDim()).isEqualTo(1);
        assertThat(c.describe()).isEqualTo("simplex (entries >= 0 summing to 1)");
        assertThat(c.check(Tensor.of(0.2, 0.3, 0.5)).item()).isEqualTo(1.0);
        assertThat(c.check(Tensor.of(0.0, 0.0, 1.0)).item()).as("a vertex (boundary)").isEqualTo(1.0);
        assertThat(c.check(Tensor.of(1.0)).item()).as("the one-point simplex").isEqualTo(1.0);
        assertThat(c.check(Tensor.of(0.5, 0.5 + 1e-7)).item()).as("within the 1e-6 sum tolerance").isEqualTo(1.0);
        assertThat(c.check(Tensor.of(0.5, 0.6)).item()).as("sums to 1.1").isEqualTo(0.0);
        assertThat(c.check(Tensor.of(0.5, 0.5 + 1e-5)).item()).as("sum off by 1e-5").isEqualTo(0.0);
        assertThat(c.check(Tensor.of(-0.1, 1.1)).item()).as("negative entry").isEqualTo(0.0);
        assertThat(c.check(Tensor.of(NAN, 1.0)).item()).as("NaN").isEqualTo(0.0);
        Tensor batch = Tensor.of(new double[][] {{0.25, 0.75}, {0.5, 0.6}, {1.0, 0.0}});
        assertThat(c.check(batch).shape()).containsExactly(3);
        assertThat(c.check(batch).toArray()).containsExactly(1.0, 0.0, 1.0);
    }

    @Test
    void lowerCholesky() {
        Constraint c = Constraints.lowerCholesky();
        assertThat(c.eventDim()).isEqualTo(2);
        assertThat(c.describe()).isEqualTo("lower Cholesky (lower-triangular, positive diagonal)");
        assertThat(c.check(Tensor.of(new double[][] {{1.0, 0.0}, {-2.0, 3.0}})).item()).isEqualTo(1.0);
        assertThat(c.check(Tensor.of(new double[][] {{1.0, 0.1}, {2.0, 3.0}})).item()).as("entry above the diagonal").isEqualTo(0.0);
        assertThat(c.check(Tensor.of(new double[][] {{0.0, 0.0}, {2.0, 3.0}})).item()).as("zero on the diagonal (boundary)")
                .isEqualTo(0.0);
        assertThat(c.check(Tensor.of(new double[][] {{-1.0, 0.0}, {2.0, 3.0}})).item()).as("negative diagonal").isEqualTo(0.0);
        assertThat(c.check(Tensor.of(new double[][] {{1.0, 0.0}, {NAN, 3.0}})).item()).as("NaN below").isEqualTo(0.0);
        Tensor batch = Tensor.fromArray(new double[] {1, 0, 1, 1, 1, 1, 1, 1, 2, 0, 0, 2}, 3, 2, 2);
        assertThat(c.check(batch).toArray()).containsExactly(1.0, 0.0, 1.0);
    }

    @Test
    void positiveDefinite() {
        Constraint c = Constraints.positiveDefinite();
        assertThat(c.eventDim()).isEqualTo(2);
        assertThat(c.describe()).isEqualTo("positive definite (symmetric, all eigenvalues > 0)");
        assertThat(c.check(Tensor.of(new double[][] {{2.0, 1.0}, {1.0, 2.0}})).item()).isEqualTo(1.0);
        assertThat(c.check(Tensor.of(new double[][] {{1.0, 2.0}, {2.0, 1.0}})).item()).as("indefinite").isEqualTo(0.0);
        assertThat(c.check(Tensor.of(new double[][] {{1.0, 0.0}, {0.0, 0.0}})).item()).as("singular (boundary)").isEqualTo(0.0);
        assertThat(c.check(Tensor.of(new double[][] {{2.0, 1.0}, {0.0, 2.0}})).item()).as("not symmetric").isEqualTo(0.0);
        Tensor batch = Tensor.fromArray(new double[] {2, 1, 1, 2, 1, 2, 2, 1}, 2, 2, 2);
        assertThat(c.check(batch).toArray()).containsExactly(1.0, 0.0);
    }

    @Test
    void independentReducesMoreDimensions() {
        Constraint c = Constraints.independent(Constraints.positive(), 1);
        assertThat(c.eventDim()).isEqualTo(1);
        assertThat(c.describe()).isEqualTo("positive (x > 0.0) over 1 dimension");
        assertThat(c.check(Tensor.of(new double[][] {{1.0, 2.0}, {1.0, -1.0}})).toArray()).containsExactly(1.0, 0.0);
        Constraint c2 = Constraints.independent(Constraints.simplex(), 2);
        assertThat(c2.eventDim()).isEqualTo(3);
        assertThat(c2.describe()).isEqualTo("simplex (entries >= 0 summing to 1) over 2 dimensions");
        assertThat(((Constraints.Independent) c2).base()).isSameAs(Constraints.simplex());
        assertThat(((Constraints.Independent) c2).reinterpreted()).isEqualTo(2);
        assertThat(Constraints.independent(Constraints.positive(), 0)).isSameAs(Constraints.positive());
        assertThat(Constraints.realVector().eventDim()).isEqualTo(1);
        assertThat(Constraints.realVector().check(Tensor.of(1.0, NAN)).item()).isEqualTo(0.0);
    }

    @Test
    void invalidConstructions() {
        assertThatThrownBy(() -> Constraints.interval(2.0, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower 2.0 must be below upper 1.0");
        assertThatThrownBy(() -> Constraints.interval(1.0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Constraints.halfOpenInterval(0.0, NAN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Constraints.independent(Constraints.real(), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void boundsAreReadable() {
        assertThat(((Constraints.GreaterThan) Constraints.greaterThan(2.5)).lower()).isEqualTo(2.5);
        assertThat(((Constraints.LessThan) Constraints.lessThan(-1.0)).upper()).isEqualTo(-1.0);
        Constraints.Interval i = (Constraints.Interval) Constraints.interval(-1.0, 3.0);
        assertThat(i.lower()).isEqualTo(-1.0);
        assertThat(i.upper()).isEqualTo(3.0);
    }
}
