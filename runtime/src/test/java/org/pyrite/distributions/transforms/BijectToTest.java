package org.pyrite.distributions.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/** {@link Transforms#bijectTo}: which transform each constraint gets, the laws for each, and the errors. */
class BijectToTest {
    /** A constraint, the shape of an unconstrained event for it, and the free coordinates on both sides. */
    static final class ConstraintCase {
        final Constraint constraint;
        final TransformCase transformCase;

        ConstraintCase(Constraint constraint, int[] suffix, Coordinates in, Coordinates out) {
            this.constraint = constraint;
            this.transformCase = TransformCase.of("bijectTo(" + constraint.describe() + ")", Transforms.bijectTo(constraint),
                    suffix, in, out);
        }

        ConstraintCase(Constraint constraint, int... suffix) {
            this(constraint, suffix, Coordinates.ALL, Coordinates.ALL);
        }

        private ConstraintCase(Constraint constraint, TransformCase transformCase) {
            this.constraint = constraint;
            this.transformCase = transformCase;
        }

        /** The constrained values vary on the length {@code scale}. */
        ConstraintCase withOutScale(double scale) {
            return new ConstraintCase(constraint, transformCase.withScales(1.0, scale));
        }

        @Override
        public String toString() {
            return transformCase.toString();
        }
    }

    static Stream<ConstraintCase> constraints() {
        List<ConstraintCase> cases = new ArrayList<>();
        cases.add(new ConstraintCase(Constraints.real()));
        cases.add(new ConstraintCase(Constraints.realVector(), 3));
        cases.add(new ConstraintCase(Constraints.positive()));
        cases.add(new ConstraintCase(Constraints.nonnegative()));
        cases.add(new ConstraintCase(Constraints.greaterThan(2.5)));
        cases.add(new ConstraintCase(Constraints.greaterThan(-3.0)));
        cases.add(new ConstraintCase(Constraints.greaterThanEq(1.0)));
        cases.add(new ConstraintCase(Constraints.lessThan(1.5)));
        cases.add(new ConstraintCase(Constraints.lessThan(-2.0)));
        cases.add(new ConstraintCase(Constraints.lessThan(0.0)));
        cases.add(new ConstraintCase(Constraints.interval(-1.0, 3.0)));
        cases.add(new ConstraintCase(Constraints.interval(0.0, 1.0)));
        cases.add(new ConstraintCase(Constraints.interval(1e-3, 2e-3)).withOutScale(1e-3));
        cases.add(new ConstraintCase(Constraints.halfOpenInterval(2.0, 5.0)));
        cases.add(new ConstraintCase(Constraints.halfOpenInterval(0.0, 1.0)));
        cases.add(new ConstraintCase(Constraints.unitInterval()));
        cases.add(new ConstraintCase(Constraints.interval(1.0, Double.POSITIVE_INFINITY)));
        cases.add(new ConstraintCase(Constraints.interval(Double.NEGATIVE_INFINITY, 2.0)));
        cases.add(new ConstraintCase(Constraints.interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
        cases.add(new ConstraintCase(Constraints.interval(Tensor.of(-1.0, 0.0, 2.0), Tensor.of(1.0, 5.0, 2.5)), 3));
        cases.add(new ConstraintCase(Constraints.interval(Tensor.of(new double[][] {{-1.0}, {10.0}}), Tensor.scalar(20.0)), 2, 3));
        for (int k = 2; k <= 4; k++) {
            cases.add(new ConstraintCase(Constraints.simplex(), new int[] {k - 1}, Coordinates.ALL, Coordinates.simplexRows(k)));
        }
        for (int n = 1; n <= 3; n++) {
            cases.add(new ConstraintCase(Constraints.lowerCholesky(), new int[] {n, n}, Coordinates.lowerTriangular(n),
                    Coordinates.lowerTriangular(n)));
        }
        cases.add(new ConstraintCase(Constraints.independent(Constraints.positive(), 1), 3));
        cases.add(new ConstraintCase(Constraints.independent(Constraints.interval(0.0, 2.0), 2), 2, 3));
        cases.add(new ConstraintCase(Constraints.independent(Constraints.independent(Constraints.greaterThan(1.0), 1), 1), 2, 3));
        cases.add(new ConstraintCase(Constraints.independent(Constraints.simplex(), 1), new int[] {2, 2}, Coordinates.ALL,
                Coordinates.simplexRows(3)));
        cases.add(new ConstraintCase(Constraints.independent(Constraints.lowerCholesky(), 1), new int[] {2, 2, 2},
                Coordinates.lowerTriangular(2), Coordinates.lowerTriangular(2)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constraints")
    void forwardLandsInTheConstraint(ConstraintCase cc) {
        Transform t = cc.transformCase.transform;
        for (long seed : TransformLaws.SEEDS) {
            Random rng = TransformLaws.rng(cc.transformCase, seed);
            for (int[] prefix : new int[][] {{}, {50}, {2, 3}}) {
                Tensor y = t.forward(cc.transformCase.inSampler.draw(TransformLaws.shape(cc.transformCase, prefix), rng));
                assertThat(cc.constraint.check(y).toArray()).as(cc + " maps into " + cc.constraint.describe() + ": " + y)
                        .containsOnly(1.0);
            }
        }
        TransformLaws.forwardLandsInCodomain(cc.transformCase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constraints")
    void eventDimsMatchTheConstraint(ConstraintCase cc) {
        Transform t = cc.transformCase.transform;
        assertThat(t.codomainEventDim()).as("codomain event dim").isEqualTo(cc.constraint.eventDim());
        assertThat(t.domainEventDim()).as("domain event dim").isEqualTo(cc.constraint.eventDim());
        assertThat(t.domain().describe()).as("unconstrained domain").startsWith("real");
        TransformLaws.structure(cc.transformCase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constraints")
    void roundTrips(ConstraintCase cc) {
        TransformLaws.inverseOfForward(cc.transformCase);
        TransformLaws.forwardOfInverse(cc.transformCase);
        TransformLaws.inverseOfForward(cc.transformCase.inverse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constraints")
    void logAbsDetJacobianMatchesFiniteDifferences(ConstraintCase cc) {
        TransformLaws.logAbsDetJacobianMatchesNumericalJacobian(cc.transformCase);
        TransformLaws.logAbsDetJacobianMatchesNumericalJacobian(cc.transformCase.inverse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constraints")
    void gradientsMatchFiniteDifferences(ConstraintCase cc) {
        TransformLaws.gradientsMatchFiniteDifferences(cc.transformCase);
    }

    // ------------------------------------------------------------------ which transform

    @Test
    void simpleConstraintsGetTheirOwnTransform() {
        assertThat(Transforms.bijectTo(Constraints.real())).isInstanceOf(IdentityTransform.class);
        assertThat(Transforms.bijectTo(Constraints.positive())).isInstanceOf(ExpTransform.class);
        assertThat(Transforms.bijectTo(Constraints.nonnegative())).isInstanceOf(ExpTransform.class);
        assertThat(Transforms.bijectTo(Constraints.greaterThan(0.0))).isInstanceOf(ExpTransform.class);
        assertThat(Transforms.bijectTo(Constraints.unitInterval())).isInstanceOf(SigmoidTransform.class);
        assertThat(Transforms.bijectTo(Constraints.simplex())).isInstanceOf(StickBreakingTransform.class);
        assertThat(Transforms.bijectTo(Constraints.lowerCholesky())).isInstanceOf(LowerCholeskyTransform.class);
        assertThat(Transforms.bijectTo(Constraints.interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)))
                .isInstanceOf(IdentityTransform.class);
    }

    @Test
    void greaterThanIsExpThenShift() {
        Constraint c = Constraints.greaterThan(2.5);
        ComposeTransform t = (ComposeTransform) Transforms.bijectTo(c);
        assertThat(t.parts()).hasSize(2);
        assertThat(t.parts().get(0)).isInstanceOf(ExpTransform.class);
        AffineTransform shift = (AffineTransform) t.parts().get(1);
        assertThat(shift.loc().item()).isEqualTo(2.5);
        assertThat(shift.scale().item()).isEqualTo(1.0);
        assertThat(t.codomain().describe()).isEqualTo(c.describe());
        assertThat(t.forward(Tensor.scalar(0.0)).item()).isEqualTo(3.5);
        // the inclusive bound maps onto the open half-line
        assertThat(Transforms.bijectTo(Constraints.greaterThanEq(2.5)).codomain().describe()).isEqualTo(c.describe());
    }

    @Test
    void lessThanIsExpThenReflectAndShift() {
        Constraint c = Constraints.lessThan(1.5);
        ComposeTransform t = (ComposeTransform) Transforms.bijectTo(c);
        assertThat(t.parts().get(0)).isInstanceOf(ExpTransform.class);
        AffineTransform reflect = (AffineTransform) t.parts().get(1);
        assertThat(reflect.loc().item()).isEqualTo(1.5);
        assertThat(reflect.scale().item()).isEqualTo(-1.0);
        Numeric.assertClose(t.forward(Tensor.of(0.0, 1.0)), Tensor.of(0.5, 1.5 - Math.E), 1e-15, "1.5 - exp(x)");
        assertThat(t.codomain()).isSameAs(c);
    }

    @Test
    void intervalIsSigmoidThenAffine() {
        Constraint c = Constraints.interval(-1.0, 3.0);
        ComposeTransform t = (ComposeTransform) Transforms.bijectTo(c);
        assertThat(t.parts().get(0)).isInstanceOf(SigmoidTransform.class);
        AffineTransform affine = (AffineTransform) t.parts().get(1);
        assertThat(affine.loc().item()).isEqualTo(-1.0);
        assertThat(affine.scale().item()).isEqualTo(4.0);
        assertThat(t.codomain()).isSameAs(c);
        double s = 1 / (1 + Math.exp(5.0));
        Numeric.assertClose(t.forward(Tensor.of(-5.0, 0.0, 5.0)), Tensor.of(-1 + 4 * s, 1.0, 3 - 4 * s), 1e-15,
                "-1 + 4 sigmoid(x)");
    }

    @Test
    void tensorIntervalIsSigmoidThenElementwiseAffine() {
        Tensor lower = Tensor.of(-1.0, 0.0, 2.0);
        Tensor upper = Tensor.of(1.0, 5.0, 2.5);
        Constraint c = Constraints.interval(lower, upper);
        assertThat(c).isInstanceOf(Constraints.TensorInterval.class);
        ComposeTransform t = (ComposeTransform) Transforms.bijectTo(c);
        assertThat(t.parts().get(0)).isInstanceOf(SigmoidTransform.class);
        assertThat(t.codomain()).isSameAs(c);
        Numeric.assertClose(t.forward(Tensor.zeros(3)), lower.add(upper).mul(0.5), 1e-15, "midpoints");
        assertThat(t.forwardShape(new int[] {4, 1})).containsExactly(4, 3);
        // a scalar pair of tensor bounds is the plain interval
        assertThat(Transforms.bijectTo(Constraints.interval(Tensor.scalar(0.0), Tensor.scalar(1.0))))
                .isInstanceOf(SigmoidTransform.class);
    }

    @Test
    void tensorIntervalsNeedFiniteOrderedBounds() {
        for (Constraint c : new Constraint[] {
            Constraints.interval(Tensor.of(0.0, 1.0), Tensor.of(1.0, 1.0)),
            Constraints.interval(Tensor.of(0.0, 2.0), Tensor.of(1.0, 1.0)),
            Constraints.interval(Tensor.of(0.0, 0.0), Tensor.of(1.0, Double.POSITIVE_INFINITY))}) {
            assertThatThrownBy(() -> Transforms.bijectTo(c)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no bijection").hasMessageContaining("lower < upper");
        }
    }

    @Test
    void independentReinterpretsTheBaseBijection() {
        Transform t = Transforms.bijectTo(Constraints.independent(Constraints.positive(), 2));
        assertThat(t).isInstanceOf(IndependentTransform.class);
        IndependentTransform it = (IndependentTransform) t;
        assertThat(it.base()).isInstanceOf(ExpTransform.class);
        assertThat(it.reinterpretedBatchDims()).isEqualTo(2);
        Tensor x = Tensor.of(new double[][] {{0.5, -1.0}, {2.0, 0.25}});
        assertThat(t.logAbsDetJacobian(x, t.forward(x)).item()).isCloseTo(1.75, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Transforms.bijectTo(Constraints.realVector())).isInstanceOf(IndependentTransform.class);
    }

    // ------------------------------------------------------------------ errors

    static Stream<Arguments> discreteConstraints() {
        return Stream.of(Constraints.booleanConstraint(), Constraints.nonnegativeInteger(), Constraints.positiveInteger(),
                Constraints.integerInterval(0, 3), Constraints.independent(Constraints.booleanConstraint(), 1))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discreteConstraints")
    void discreteConstraintsHaveNoBijection(Constraint c) {
        assertThat(c.isDiscrete()).isTrue();
        assertThatThrownBy(() -> Transforms.bijectTo(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bijection")
                .hasMessageContaining("discrete")
                .hasMessageContaining(c.describe());
    }

    @Test
    void unknownConstraintsHaveNoBijection() {
        assertThatThrownBy(() -> Transforms.bijectTo(Constraints.positiveDefinite()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bijection")
                .hasMessageContaining(Constraints.positiveDefinite().describe());
        Constraint custom = new Constraint() {
            @Override
            public Tensor check(Tensor value) {
                return value.gt(0.0);
            }

            @Override
            public String describe() {
                return "my own constraint";
            }
        };
        assertThatThrownBy(() -> Transforms.bijectTo(custom))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bijection")
                .hasMessageContaining("my own constraint");
        assertThatThrownBy(() -> Transforms.bijectTo(Constraints.independent(custom, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my own constraint");
        assertThatThrownBy(() -> Transforms.bijectTo(null)).isInstanceOf(NullPointerException.class);
    }
}
