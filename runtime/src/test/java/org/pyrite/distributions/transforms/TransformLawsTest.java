package org.pyrite.distributions.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/** Every transform, and its inverse, against the laws of {@link TransformLaws}. */
class TransformLawsTest {
    static List<TransformCase> forwardCases() {
        List<TransformCase> cases = new ArrayList<>();
        cases.add(TransformCase.of("identity", new IdentityTransform()));
        cases.add(TransformCase.of("exp", new ExpTransform()));
        cases.add(TransformCase.of("affine(2, 3)", new AffineTransform(2.0, 3.0)));
        cases.add(TransformCase.of("affine(-1.5, -0.5)", new AffineTransform(-1.5, -0.5)));
        cases.add(TransformCase.of("affine(tensor loc, tensor scale)",
                new AffineTransform(Tensor.of(1.0, -2.0, 0.5), Tensor.of(0.5, -3.0, 2.0)), 3));
        cases.add(TransformCase.of("affine(tensor loc, double scale)", new AffineTransform(Tensor.of(1.0, -2.0, 0.5), 0.25), 3));
        cases.add(TransformCase.of("affine(double loc, tensor scale)", new AffineTransform(4.0, Tensor.of(0.5, -3.0, 2.0)), 3));
        cases.add(TransformCase.of("affine(eventDim 1)",
                new AffineTransform(Tensor.of(1.0, -2.0, 0.5), Tensor.of(0.5, -3.0, 2.0), 1), 3));
        cases.add(TransformCase.of("affine(eventDim 2)",
                new AffineTransform(Tensor.scalar(1.0), Tensor.of(0.5, -3.0, 2.0), 2), 2, 3));
        cases.add(TransformCase.of("sigmoid", new SigmoidTransform()));
        cases.add(TransformCase.of("softplus", new SoftplusTransform()));
        for (int k = 2; k <= 5; k++) {
            cases.add(TransformCase.of("stick-breaking K=" + k, new StickBreakingTransform(), new int[] {k - 1},
                    Coordinates.ALL, Coordinates.simplexRows(k)));
        }
        for (int n = 1; n <= 4; n++) {
            cases.add(TransformCase.of("lower-Cholesky " + n + "x" + n, new LowerCholeskyTransform(), new int[] {n, n},
                    Coordinates.lowerTriangular(n), Coordinates.lowerTriangular(n)));
        }
        cases.add(TransformCase.of("compose()", new ComposeTransform()));
        cases.add(TransformCase.of("compose(exp, affine(1, 2))",
                new ComposeTransform(new ExpTransform(), new AffineTransform(1.0, 2.0))).withImage(Constraints.greaterThan(1.0)));
        cases.add(TransformCase.of("compose(sigmoid, affine(-1, 4), exp)",
                new ComposeTransform(new SigmoidTransform(), new AffineTransform(-1.0, 4.0), new ExpTransform()))
                .withImage(Constraints.interval(Math.exp(-1), Math.exp(3))));
        cases.add(TransformCase.of("compose(affine(0.5, 2), stick-breaking)",
                new ComposeTransform(new AffineTransform(0.5, 2.0), new StickBreakingTransform()), new int[] {3},
                Coordinates.ALL, Coordinates.simplexRows(4)).withImage(Constraints.simplex()));
        cases.add(TransformCase.of("independent(exp, 1)", new IndependentTransform(new ExpTransform(), 1), 3));
        cases.add(TransformCase.of("independent(sigmoid, 2)", new IndependentTransform(new SigmoidTransform(), 2), 2, 3));
        cases.add(TransformCase.of("independent(stick-breaking, 1)", new IndependentTransform(new StickBreakingTransform(), 1),
                new int[] {2, 3}, Coordinates.ALL, Coordinates.simplexRows(4)));
        cases.add(TransformCase.of("independent(lower-Cholesky, 1)", new IndependentTransform(new LowerCholeskyTransform(), 1),
                new int[] {2, 2, 2}, Coordinates.lowerTriangular(2), Coordinates.lowerTriangular(2)));
        cases.add(TransformCase.of("inverse(exp) as a base", new ExpTransform().inv()));
        return cases;
    }

    static Stream<TransformCase> cases() {
        List<TransformCase> all = new ArrayList<>();
        for (TransformCase c : forwardCases()) {
            all.add(c);
            all.add(c.inverse());
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inverseOfForwardIsIdentity(TransformCase c) {
        TransformLaws.inverseOfForward(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardOfInverseIsIdentity(TransformCase c) {
        TransformLaws.forwardOfInverse(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardLandsInCodomain(TransformCase c) {
        TransformLaws.forwardLandsInCodomain(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logAbsDetJacobianMatchesFiniteDifferences(TransformCase c) {
        TransformLaws.logAbsDetJacobianMatchesNumericalJacobian(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(TransformCase c) {
        TransformLaws.gradientsMatchFiniteDifferences(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventDimsAndInverseStructure(TransformCase c) {
        TransformLaws.structure(c);
    }
}
