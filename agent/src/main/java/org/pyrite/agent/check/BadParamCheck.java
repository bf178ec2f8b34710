package org.pyrite.agent.check;

import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.ParamField;

/** A {@code @Param} field that is not a {@code Tensor}, or whose constraint cannot be built. */
public final class BadParamCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (ParamField p : models.description().params()) {
            String problem = problem(p);
            if (problem != null) {
                findings.error(Check.BAD_PARAM, "", p.line(), problem);
            }
        }
    }

    /**
     * What is wrong with a param field, as the message that reports it.
     *
     * @param p a {@code @Param} field
     * @return the message, or null when the field is a usable param
     */
    public static String problem(ParamField p) {
        if (!p.type().equals(ParamField.TENSOR)) {
            return "@Param field '" + p.field() + "' has type " + p.type() + "; a param must be a Tensor (for example "
                    + "@Param Tensor " + p.field() + " = Tensor.scalar(1.0);)";
        }
        String c = constraintProblem(p.constraint(), p.lower(), p.upper());
        return c == null ? null : "@Param field '" + p.field() + "': " + c;
    }

    private static String constraintProblem(String c, double lower, double upper) {
        return switch (c) {
            case "Real", "RealVector", "Positive", "NonNegative", "UnitInterval", "Simplex", "LowerCholesky",
                    "PositiveDefinite" -> null;
            case "GreaterThan" -> Double.isInfinite(lower) || Double.isNaN(lower)
                    ? "constraint GreaterThan needs a finite lower bound: @Param(constraint = GreaterThan.class, lower = 0)" : null;
            case "LessThan" -> Double.isInfinite(upper) || Double.isNaN(upper)
                    ? "constraint LessThan needs a finite upper bound: @Param(constraint = LessThan.class, upper = 0)" : null;
            case "Interval" -> !(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)
                    ? "constraint Interval needs finite bounds with lower < upper: "
                            + "@Param(constraint = Interval.class, lower = 0, upper = 1)" : null;
            default -> "constraint " + c + " is not one of Pyrite's constraint markers "
                    + "(org.pyrite.annotations.constraints: Real, RealVector, Positive, NonNegative, UnitInterval, "
                    + "Simplex, LowerCholesky, PositiveDefinite, GreaterThan, LessThan, Interval)";
        };
    }
}
