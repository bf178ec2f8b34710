package org.pyrite.params;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.transforms.IdentityTransform;
import org.pyrite.distributions.transforms.Transform;
import org.pyrite.tensor.Tensor;

/**
 * Whether an unconstrained value is one a param may hold: every element finite, and its image
 * through the constraint's bijection finite and inside the constraint. The bijection maps the
 * whole real line into the constraint in exact arithmetic, but not in doubles: {@code exp} of
 * {@code -1e300} is {@code 0.0}, outside {@code positive}, and {@code exp(800)} is infinite. What an
 * optimizer's update and a loaded file must pass.
 */
final class ParamCheck {
    private static final String NOT_FINITE = "which is not finite";

    private ParamCheck() {}

    /**
     * What is wrong with a value: {@code where} is empty for a scalar, else e.g. {@code " at
     * element 3"}; {@code what} says the value, e.g. {@code "0.0 (unconstrained -5.3E300)"}, and
     * {@code reason} why it is refused.
     */
    record Violation(String where, String what, String reason) {
        /** e.g. {@code "0.0 (unconstrained -5.3E300), outside its constraint positive (x > 0.0)"}. */
        String describe() {
            return what + where + ", " + reason;
        }
    }

    /** The first problem of {@code unconstrained} as the value of a param with this constraint, or {@code null}. */
    static Violation find(Constraint constraint, Transform transform, Tensor unconstrained) {
        if (unconstrained.isScalar()) {
            // The SVI step's path for scalar params: no array, and no transform for a real param.
            double u = unconstrained.item();
            if (!Double.isFinite(u)) {
                return new Violation("", String.valueOf(u), NOT_FINITE);
            }
            if (transform instanceof IdentityTransform) {
                return null;
            }
            Tensor image = transform.forward(unconstrained);
            if (image.isScalar() && constraint.hasScalarTest()) {
                double y = image.item();
                if (!Double.isFinite(y)) {
                    return new Violation("", y + " (unconstrained " + u + ")", NOT_FINITE);
                }
                return constraint.test(y) ? null : new Violation("", y + " (unconstrained " + u + ")", outside(constraint));
            }
        }
        double[] u = unconstrained.toArray();
        for (int i = 0; i < u.length; i++) {
            if (!Double.isFinite(u[i])) {
                return new Violation(" at element " + i, u[i] + " (unconstrained)", NOT_FINITE);
            }
        }
        Tensor image = transform.forward(unconstrained);
        double[] y = image.toArray();
        boolean sameShape = y.length == u.length;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                return new Violation(" at element " + i, y[i] + (sameShape ? " (unconstrained " + u[i] + ")" : ""), NOT_FINITE);
            }
        }
        double[] ok = constraint.check(image).toArray();
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] == 0.0) {
                if (constraint.eventDim() == 0) {
                    return new Violation(" at element " + i, y[i] + (sameShape ? " (unconstrained " + u[i] + ")" : ""),
                            outside(constraint));
                }
                return new Violation(" in event " + i, show(image), outside(constraint));
            }
        }
        return null;
    }

    /** A value for a message: a scalar as a plain number. */
    static String show(Tensor t) {
        return t.isScalar() ? String.valueOf(t.item()) : t.detach().toString();
    }

    private static String outside(Constraint c) {
        return "outside its constraint " + c.describe();
    }
}
