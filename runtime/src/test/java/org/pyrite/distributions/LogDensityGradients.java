package org.pyrite.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * First and second derivatives of a scalar log-density, taken by autodiff, against finite
 * differences.
 *
 * <p>The function maps scalar arguments (parameters and, for continuous laws, the value) to a
 * scalar. Each derivative with respect to argument {@code i} is compared with the Richardson
 * extrapolation {@code (4 D(h) - D(2h)) / 3} of central differences {@code D(h) = (f(x + h) -
 * f(x - h)) / 2h}, with {@code h} a thousandth of a scale the caller gives for that argument (the
 * distance over which the function's slope changes appreciably: a standard deviation, or the
 * argument itself). Its error has two parts:
 * <ul>
 *   <li>truncation, of order {@code h^4 f^(5)}: with {@code h = 1e-3} scales, about 1e-12 of the
 *       slope's change over one scale, far below the allowance;</li>
 *   <li>rounding: each evaluation is within {@code ROUNDING} of the exact value, so {@code D(h)}
 *       is off by at most {@code ROUNDING / h}, {@code D(2h)} by half that, and the extrapolation
 *       by at most {@code (4 + 1/2) / 3 = 1.5} times {@code ROUNDING / h}.</li>
 * </ul>
 * Allowed: {@code RTOL |analytic|} plus that rounding bound, with {@code RTOL = 1e-8}: far above
 * the truncation and still a million times below the error of a wrong term. {@code ROUNDING} is
 * {@code 64 u (|f| + magnitude)} with u = 2^-53 and a caller-given magnitude of the largest term an
 * evaluation sums (64 units of roundoff of it: generous for a dozen operations).
 *
 * <p>Second derivatives: the gradient is taken with {@code createGraph} and differentiated again;
 * each entry of the Hessian is compared the same way with differences of the analytic gradient,
 * whose {@code ROUNDING} is {@code 64 u (|gradient| + gradientMagnitude)}.
 */
final class LogDensityGradients {
    static final double RTOL = 1e-8;
    private static final double U = 0x1p-53;

    private LogDensityGradients() {}

    /**
     * Checks the gradient and Hessian of {@code f} at {@code at} (one scalar per argument), with
     * difference steps of {@code 1e-3 * scales[i]}; {@code magnitude} and {@code gradientMagnitude}
     * bound the terms that one evaluation of {@code f}, and of one entry of its gradient, sums.
     */
    static void check(String what, Function<Tensor[], Tensor> f, double[] at, double[] scales, double magnitude,
                      double gradientMagnitude) {
        int k = at.length;
        Tensor[] leaves = leaves(at);
        Tensor out = f.apply(leaves);
        Tensor[] grad = Autograd.grad(out, Tensor.scalar(1.0), true, leaves);
        double fx = out.item();
        for (int i = 0; i < k; i++) {
            double h = 1e-3 * scales[i];
            int arg = i;
            double numeric = richardson(x -> value(f, at, arg, x), at[i], h);
            double analytic = grad[i].item();
            double rounding = 64 * U * (Math.abs(fx) + magnitude);
            assertThat(analytic).as("%s: d/d(argument %s) at %s (numeric %s)", what, i, Arrays.toString(at), numeric)
                    .isCloseTo(numeric, offset(RTOL * Math.abs(analytic) + 1.5 * rounding / h));
        }
        for (int i = 0; i < k; i++) {
            Tensor[] second = Autograd.grad(grad[i], leaves);
            for (int j = 0; j < k; j++) {
                double h = 1e-3 * scales[j];
                int row = i;
                int arg = j;
                double numeric = richardson(x -> gradient(f, at, arg, x, row), at[j], h);
                double analytic = second[j].item();
                double rounding = 64 * U * (Math.abs(grad[i].item()) + gradientMagnitude);
                assertThat(analytic).as("%s: d2/d(argument %s)d(argument %s) at %s (numeric %s)", what, i, j,
                        Arrays.toString(at), numeric)
                        .isCloseTo(numeric, offset(RTOL * Math.abs(analytic) + 1.5 * rounding / h));
            }
        }
    }

    private static Tensor[] leaves(double[] at) {
        Tensor[] t = new Tensor[at.length];
        for (int i = 0; i < at.length; i++) {
            t[i] = Tensor.scalar(at[i]).requiringGrad();
        }
        return t;
    }

    /** f with argument {@code arg} moved to {@code x}. */
    private static double value(Function<Tensor[], Tensor> f, double[] at, int arg, double x) {
        double[] moved = at.clone();
        moved[arg] = x;
        Tensor[] args = new Tensor[moved.length];
        for (int i = 0; i < moved.length; i++) {
            args[i] = Tensor.scalar(moved[i]);
        }
        return f.apply(args).item();
    }

    /** The analytic derivative with respect to argument {@code row}, argument {@code arg} moved to {@code x}. */
    private static double gradient(Function<Tensor[], Tensor> f, double[] at, int arg, double x, int row) {
        double[] moved = at.clone();
        moved[arg] = x;
        Tensor[] args = leaves(moved);
        return Autograd.grad(f.apply(args), args)[row].item();
    }

    private static double richardson(DoubleUnaryOperator g, double x, double h) {
        double d1 = (g.applyAsDouble(x + h) - g.applyAsDouble(x - h)) / (2 * h);
        double d2 = (g.applyAsDouble(x + 2 * h) - g.applyAsDouble(x - 2 * h)) / (4 * h);
        return (4 * d1 - d2) / 3;
    }
}
