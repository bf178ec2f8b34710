package org.pyrite.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pyrite.tensor.Tensor;

/**
 * Modules applied one after another (torch's {@code nn.Sequential}); the sub-modules are named
 * by position, so the first layer's weight is {@code 0.weight} and, registered as
 * {@code "encoder"}, the param {@code encoder.0.weight}.
 *
 * <pre>{@code
 * Module decoder = new Sequential(new Linear(10, 128), Activation.SOFTPLUS, new Linear(128, 64), Activation.SIGMOID);
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    /** The layers, applied in the order given. */
    public Sequential(Module... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        List<Module> list = new ArrayList<>(layers.length);
        for (int i = 0; i < layers.length; i++) {
            list.add(addModule(Integer.toString(i), layers[i]));
        }
        this.layers = Collections.unmodifiableList(list);
    }

    /** The layers in order. */
    public List<Module> layers() {
        return layers;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : layers) {
            h = m.forward(h);
        }
        return h;
    }
}
