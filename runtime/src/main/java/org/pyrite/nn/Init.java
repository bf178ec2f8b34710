package org.pyrite.nn;

import org.pyrite.distributions.Rng;
import org.pyrite.tensor.Tensor;

/**
 * Initial values for weights, drawn from the current thread's generator ({@link Rng#current()}),
 * so {@code Pyrite.setRngSeed(seed)} before building a network makes its initial weights
 * reproducible. Fans are those of a weight of shape {@code [out, in]}: {@code fanIn = in},
 * {@code fanOut = out}.
 *
 * <pre>{@code
 * new Linear(64, 128, Init.kaimingUniform(), Init.zeros());   // for a ReLU network
 * new Linear(64, 128, Init.xavierUniform(), Init.zeros());    // for tanh or sigmoid
 * }</pre>
 */
@FunctionalInterface
public interface Init {
    /** A tensor of {@code shape} for a layer with {@code fanIn} inputs and {@code fanOut} outputs. */
    Tensor draw(int[] shape, int fanIn, int fanOut);

    /**
     * Kaiming (He) uniform for ReLU layers: {@code U(-b, b)} with {@code b = sqrt(6 / fanIn)}, which
     * keeps the variance of activations constant through rectified layers.
     */
    static Init kaimingUniform() {
        return kaimingUniform(0.0);
    }

    /**
     * Kaiming uniform for leaky-ReLU layers of negative slope {@code a}: {@code b = gain sqrt(3 / fanIn)}
     * with {@code gain = sqrt(2 / (1 + a^2))}. With {@code a = sqrt(5)} this is torch's default for
     * {@code nn.Linear}'s weight, {@code b = 1 / sqrt(fanIn)}.
     */
    static Init kaimingUniform(double a) {
        double gain = Math.sqrt(2.0 / (1.0 + a * a));
        return (shape, fanIn, fanOut) -> uniform(shape, gain * Math.sqrt(3.0 / requirePositive("fanIn", fanIn)));
    }

    /** Xavier (Glorot) uniform: {@code U(-b, b)} with {@code b = sqrt(6 / (fanIn + fanOut))}. */
    static Init xavierUniform() {
        return xavierUniform(1.0);
    }

    /** Xavier uniform scaled by {@code gain} (e.g. 5/3 for tanh). */
    static Init xavierUniform(double gain) {
        return (shape, fanIn, fanOut) -> uniform(shape,
                gain * Math.sqrt(6.0 / (requirePositive("fanIn", fanIn) + requirePositive("fanOut", fanOut))));
    }

    /** torch's default for {@code nn.Linear}'s bias: {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}. */
    static Init fanInUniform() {
        return (shape, fanIn, fanOut) -> uniform(shape, 1.0 / Math.sqrt(requirePositive("fanIn", fanIn)));
    }

    /** All zeros (a common choice for biases). */
    static Init zeros() {
        return (shape, fanIn, fanOut) -> Tensor.zeros(shape);
    }

    /** {@code U(-bound, bound)} entries of {@code shape} from the current thread's generator. */
    static Tensor uniform(int[] shape, double bound) {
        Rng rng = Rng.current();
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2.0 * rng.uniform() - 1.0) * bound;
        }
        return Tensor.fromArray(v, shape);
    }

    private static int requirePositive(String what, int fan) {
        if (fan <= 0) {
            throw new IllegalArgumentException("initialiser: " + what + " must be positive, got " + fan);
        }
        return fan;
    }
}
