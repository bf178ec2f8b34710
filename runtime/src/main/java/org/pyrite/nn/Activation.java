package org.pyrite.nn;

import java.util.function.UnaryOperator;
import org.pyrite.tensor.Tensor;

/**
 * An element-wise non-linearity as a module without parameters, so it can sit in a
 * {@link Sequential}: {@link #RELU}, {@link #SOFTPLUS}, {@link #SIGMOID}, {@link #TANH},
 * {@link #ELU}. The constants are stateless and shared by every network that uses them.
 *
 * <pre>{@code
 * Module mlp = new Sequential(new Linear(64, 128), Activation.SOFTPLUS, new Linear(128, 20));
 * Tensor y = Activation.RELU.forward(x);
 * }</pre>
 */
public final class Activation extends Module {
    private static final Tensor ZERO = Tensor.scalar(0.0);

    /** {@code max(x, 0)}; its gradient at 0 is taken as 0, as torch does. */
    public static final Activation RELU = new Activation("ReLU", Activation::relu);
    /** {@code log(1 + e^x)}, stable for large |x|. */
    public static final Activation SOFTPLUS = new Activation("Softplus", Tensor::softplus);
    /** {@code 1 / (1 + e^-x)}. */
    public static final Activation SIGMOID = new Activation("Sigmoid", Tensor::sigmoid);
    /** Hyperbolic tangent. */
    public static final Activation TANH = new Activation("Tanh", Tensor::tanh);
    /** {@code x} for {@code x > 0}, {@code e^x - 1} otherwise (ELU with alpha 1). */
    public static final Activation ELU = new Activation("ELU", Activation::elu);

    private final String name;
    private final UnaryOperator<Tensor> f;

    private Activation(String name, UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
        super.assignPath(name);
    }

    @Override
    public Tensor forward(Tensor x) {
        return f.apply(x);
    }

    /** Shared by every tree, so a registration does not rename it. */
    @Override
    void assignPath(String newPath) {
        // keeps its own name
    }

    /** Stateless: training and evaluation compute the same. */
    @Override
    void setTraining(boolean on) {
        // nothing differs between the modes
    }

    /** The rectifier, built from {@code where} so its gradient (1 above 0, else 0) comes with it. */
    static Tensor relu(Tensor x) {
        return Tensor.where(x.gt(0.0), x, ZERO);
    }


    /**
     * ELU: the negative branch is computed on {@code min(x, 0)}, so a large positive entry never
     * reaches {@code expm1} (whose overflow would turn the masked-out gradient into NaN).
     */
    static Tensor elu(Tensor x) {
        return Tensor.where(x.gt(0.0), x, x.clampMax(0.0).expm1());
    }

    @Override
    public String toString() {
        return name;
    }
}
