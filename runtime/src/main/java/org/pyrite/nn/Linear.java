package org.pyrite.nn;

import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * An affine layer {@code y = x W^T + b} (torch's {@code nn.Linear}): weight of shape
 * {@code [out, in]}, bias of shape {@code [out]}. Inputs of shape {@code [..., in]} give outputs of
 * shape {@code [..., out]}, so one layer serves a single vector and a {@code [batch, in]} minibatch
 * inside a plate alike.
 *
 * <pre>{@code
 * Linear fc = new Linear(64, 128);          // torch's default initialisation
 * Tensor h = fc.forward(x);                 // x [128, 64] -> h [128, 128]
 * }</pre>
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer with torch's default initialisation: weight Kaiming-uniform with {@code a = sqrt(5)}
     * (that is {@code U(-1/sqrt(in), 1/sqrt(in))}), bias {@code U(-1/sqrt(in), 1/sqrt(in))}.
     */
    public Linear(int in, int out) {
        this(in, out, Init.kaimingUniform(Math.sqrt(5.0)), Init.fanInUniform());
    }

    /** A layer with the given initialisers; {@code biasInit == null} makes a layer without bias. */
    public Linear(int in, int out, Init weightInit, Init biasInit) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: in and out features must be positive, got in " + in + ", out " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = addParameter("weight", weightInit.draw(new int[] {out, in}, in, out));
        this.bias = biasInit == null ? null : addParameter("bias", biasInit.draw(new int[] {out}, in, out));
    }

    /** The number of input features. */
    public int inFeatures() {
        return in;
    }

    /** The number of output features. */
    public int outFeatures() {
        return out;
    }

    /** The weight parameter, shape {@code [out, in]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, shape {@code [out]}, or null for a layer without bias. */
    public Parameter bias() {
        return bias;
    }

    /**
     * {@code x W^T + b}.
     *
     * @throws IllegalArgumentException naming this module's path when the last dimension of
     *     {@code x} is not {@code in}
     */
    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != in) {
            throw new IllegalArgumentException(path() + " (Linear " + in + " -> " + out + ") expects input of shape [..., " + in
                    + "] (" + in + " features in the last dimension), got shape " + Shape.toString(s)
                    + "; check the data's feature count or the previous layer's output size");
        }
        Tensor y = x.matmul(weight.value().transpose());
        return bias == null ? y : y.add(bias.value());
    }

    @Override
    public String toString() {
        return "Linear(" + in + " -> " + out + ", " + path() + ")";
    }
}
