package org.pyrite.nn;

import java.util.Arrays;
import java.util.Objects;
import org.pyrite.distributions.Distribution;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * One learnable tensor of a {@link Module}: its fixed shape, its current value and, for a
 * Bayesian layer, a prior that makes it a random variable instead of a point value.
 *
 * <p>The value starts as the module's initialiser drew it. {@code Pyrite.module(name, m)}
 * replaces it by the param store's value (creating the param from the initial value on first
 * use), or, when the parameter has a {@linkplain #prior() prior}, by a draw at a sample site; the
 * module's forward pass reads whatever value was bound last.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private Tensor value;
    private Distribution prior;

    Parameter(String name, Tensor initial) {
        this.name = name;
        this.shape = initial.shape();
        this.value = initial;
    }

    /** The parameter's name inside its module, e.g. {@code weight}. */
    public String name() {
        return name;
    }

    /** The shape every value of this parameter has. */
    public int[] shape() {
        return shape.clone();
    }

    /** The value the forward pass uses now. */
    public Tensor value() {
        return value;
    }

    /**
     * Binds a new value (what {@code Pyrite.module} does with the param store's value, or with a
     * draw from the prior).
     *
     * @param owner the dotted name of this parameter, for the error message
     * @throws IllegalArgumentException when {@code v} does not have this parameter's shape
     */
    public void bind(String owner, Tensor v) {
        Objects.requireNonNull(v, () -> "parameter '" + owner + "': value is null");
        if (!Arrays.equals(v.shape(), shape)) {
            throw new IllegalArgumentException("parameter '" + owner + "' has shape " + Shape.toString(shape)
                    + ", got a value of shape " + Shape.toString(v.shape()) + "; a module's parameters keep their shapes");
        }
        value = v;
    }

    /** The prior of a Bayesian parameter, or null for a point-valued one. */
    public Distribution prior() {
        return prior;
    }

    void setPrior(Distribution prior) {
        this.prior = prior;
    }
}
