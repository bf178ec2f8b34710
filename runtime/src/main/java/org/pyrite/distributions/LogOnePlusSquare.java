package org.pyrite.distributions;

import org.pyrite.tensor.Tensor;

/**
 * {@code log(1 + z^2)} without overflow, for the Cauchy, half-Cauchy and Student's t log-densities.
 *
 * <p>{@code z.square().log1p()} overflows for {@code |z|} above about 1.34e154, where {@code z^2} is
 * infinite: {@code Cauchy.of(0, 1).logProb(1e160)} was {@code -Infinity} instead of -737.97 (torch
 * has the same flaw). Above 1 this uses {@code 2 log|z| + log1p((1/z)^2)} instead, which is
 * finite, with finite first and second derivatives, up to the largest double. Each branch of the selection sees a harmless stand-in where it does not
 * apply (2 in the large branch, 0 in the small one), so no infinity or NaN reaches a gradient; the
 * small branch squares {@code z} itself rather than {@code |z|}, so the second derivative at 0 is
 * the true 2 (through {@code abs} it would be 0).
 */
final class LogOnePlusSquare {
    private static final Tensor ONE = Tensor.scalar(1.0);
    private static final Tensor LARGE_STAND_IN = Tensor.scalar(2.0);
    private static final Tensor SMALL_STAND_IN = Tensor.scalar(0.0);

    private LogOnePlusSquare() {}

    /** {@code log(1 + z^2)} element-wise, finite for every finite {@code z}. */
    static Tensor of(Tensor z) {
        Tensor large = z.abs().gt(ONE);
        Tensor zLarge = Tensor.where(large, z, LARGE_STAND_IN);
        Tensor zSmall = Tensor.where(large, SMALL_STAND_IN, z);
        // (1 / z)^2 rather than 1 / z^2: z^2 overflows, and its infinite derivative times the zero
        // derivative of the reciprocal would make the second derivative NaN.
        Tensor outside = zLarge.abs().log().mul(2.0).add(zLarge.reciprocal().square().log1p());
        return Tensor.where(large, outside, zSmall.square().log1p());
    }
}
