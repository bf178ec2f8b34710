package org.pyrite.annotations.constraints;

/**
 * The common type of the constraint markers that {@link org.pyrite.annotations.Param#constraint()}
 * accepts. Each marker names one of {@code org.pyrite.distributions.constraints.Constraints}'s
 * constraints; the Pyrite agent maps it when it rewrites a read of the parameter.
 *
 * <pre>{@code
 * @Param(constraint = Positive.class) Tensor b = Tensor.scalar(1.0);
 * }</pre>
 */
public interface ParamConstraint {
}
