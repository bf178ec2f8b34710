package org.pyrite.distributions.transforms;

import java.util.List;
import java.util.Objects;
import org.pyrite.context.Validation;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * The lookup from a constraint to a bijection onto it from unconstrained space (Pyro's and torch's
 * {@code biject_to}). The param store keeps a constrained parameter as the unconstrained
 * {@code bijectTo(c).inv().forward(value)}, and autoguides draw in unconstrained space and push the
 * draw through {@code bijectTo(c).forward}.
 *
 * <pre>{@code
 * Transform t = Transforms.bijectTo(Constraints.interval(-1.0, 3.0));
 * Tensor y = t.forward(Tensor.of(-5.0, 0.0, 5.0));   // inside (-1, 3): [-0.973, 1.0, 2.973]
 * Tensor u = t.inv().forward(y);                     // back to the real line
 * }</pre>
 *
 * <table>
 *   <caption>Bijections by constraint</caption>
 *   <tr><th>constraint</th><th>transform</th></tr>
 *   <tr><td>{@code real()}</td><td>{@link IdentityTransform}</td></tr>
 *   <tr><td>{@code positive()}, {@code nonnegative()}</td><td>{@link ExpTransform}</td></tr>
 *   <tr><td>{@code greaterThan(a)}, {@code greaterThanEq(a)}</td><td>exp, then {@code + a}</td></tr>
 *   <tr><td>{@code lessThan(b)}</td><td>exp, then {@code b - y}</td></tr>
 *   <tr><td>{@code unitInterval()} and intervals {@code [0, 1]}</td><td>{@link SigmoidTransform}</td></tr>
 *   <tr><td>{@code interval(a, b)}, {@code halfOpenInterval(a, b)}, and {@code interval(Tensor, Tensor)}
 *       (finite bounds, broadcast against the value)</td><td>sigmoid, then {@code a + (b - a) y}</td></tr>
 *   <tr><td>{@code simplex()}</td><td>{@link StickBreakingTransform} ({@code K - 1} coordinates to {@code K})</td></tr>
 *   <tr><td>{@code lowerCholesky()}</td><td>{@link LowerCholeskyTransform}</td></tr>
 *   <tr><td>{@code independent(c, n)}</td><td>{@link IndependentTransform} of {@code bijectTo(c)} with {@code n} more event dimensions</td></tr>
 * </table>
 *
 * <p>Every value of {@code forward} satisfies the given constraint. The transform's
 * {@link Transform#codomain()} is the given constraint, except where a simpler description of the
 * image exists: {@code greaterThan(a)} for {@code greaterThanEq(a)} (the map never reaches the
 * bound), {@code positive()} for {@code nonnegative()}, {@code unitInterval()} for the intervals
 * from 0 to 1. Discrete constraints
 * have no bijection from the real line; asking for one, or for a constraint not in the table,
 * throws {@link IllegalArgumentException}.
 */
public final class Transforms {
    private Transforms() {}

    /**
     * A bijection from unconstrained space onto {@code constraint} (see the table above).
     *
     * @throws IllegalArgumentException when {@code constraint} is discrete or has no known bijection
     */
    public static Transform bijectTo(Constraint constraint) {
        Objects.requireNonNull(constraint, "constraint");
        if (constraint.isDiscrete()) {
            throw new IllegalArgumentException("there is no bijection from unconstrained space to the discrete constraint "
                    + constraint.describe() + ": a continuous, invertible map cannot reach separate values; "
                    + "enumerate the site or use a continuous relaxation");
        }
        if (constraint == Constraints.real()) {
            return new IdentityTransform();
        }
        if (constraint instanceof Constraints.Independent) {
            Constraints.Independent ind = (Constraints.Independent) constraint;
            return new IndependentTransform(bijectTo(ind.base()), ind.reinterpreted());
        }
        if (constraint instanceof Constraints.GreaterThan) {
            double lower = ((Constraints.GreaterThan) constraint).lower();
            if (lower == 0.0) {
                return new ExpTransform();
            }
            return new ComposeTransform(List.of(new ExpTransform(), new AffineTransform(lower, 1.0)),
                    Constraints.greaterThan(lower));
        }
        if (constraint instanceof Constraints.LessThan) {
            double upper = ((Constraints.LessThan) constraint).upper();
            return new ComposeTransform(List.of(new ExpTransform(), new AffineTransform(upper, -1.0)), constraint);
        }
        if (constraint instanceof Constraints.Interval) {
            Constraints.Interval interval = (Constraints.Interval) constraint;
            double lower = interval.lower();
            double upper = interval.upper();
            if (Double.isInfinite(lower) || Double.isInfinite(upper)) {
                return bijectToUnbounded(lower, upper);
            }
            if (lower == 0.0 && upper == 1.0) {
                return new SigmoidTransform();
            }
            return new ComposeTransform(List.of(new SigmoidTransform(), new AffineTransform(lower, upper - lower)),
                    constraint);
        }
        if (constraint instanceof Constraints.TensorInterval) {
            Constraints.TensorInterval interval = (Constraints.TensorInterval) constraint;
            Tensor lower = interval.lower();
            Tensor width = interval.upper().sub(lower);
            if (Validation.isEnabled() && width.gt(0.0).mul(width.lt(Double.POSITIVE_INFINITY)).min().item() == 0.0) {
                throw new IllegalArgumentException("there is no bijection from unconstrained space to the constraint "
                        + constraint.describe() + ": every element needs finite bounds with lower < upper");
            }
            return new ComposeTransform(List.of(new SigmoidTransform(), new AffineTransform(lower, width)), constraint);
        }
        if (constraint == Constraints.simplex()) {
            return new StickBreakingTransform();
        }
        if (constraint == Constraints.lowerCholesky()) {
            return new LowerCholeskyTransform();
        }
        throw new IllegalArgumentException("there is no bijection from unconstrained space to the constraint "
                + constraint.describe() + " known to Transforms.bijectTo; supported: real, positive, nonnegative, "
                + "greaterThan, greaterThanEq, lessThan, interval, halfOpenInterval, unitInterval, simplex, "
                + "lowerCholesky and independent(...) of these; for another constraint build the Transform yourself");
    }

    /** An interval with an infinite end is a half-line (or the real line): an affine map of sigmoid would be NaN. */
    private static Transform bijectToUnbounded(double lower, double upper) {
        if (Double.isInfinite(lower) && Double.isInfinite(upper)) {
            return new IdentityTransform();
        }
        return Double.isInfinite(upper) ? bijectTo(Constraints.greaterThan(lower)) : bijectTo(Constraints.lessThan(upper));
    }
}
