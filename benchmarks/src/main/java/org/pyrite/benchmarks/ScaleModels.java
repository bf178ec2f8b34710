package org.pyrite.benchmarks;

import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/** The tutorial's scale model, conditioned version and Normal(a, b) guide, as in Pyro's reference figures. */
final class ScaleModels {
    static final double GUESS = 8.5;
    static final Model<Double, Tensor> CONDITIONED = Pyrite.condition(ScaleModels::scale, Map.of("measurement", 9.5));

    private ScaleModels() {}

    static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    static Tensor guide(double guess) {
        Tensor a = param("a", Tensor.scalar(guess));
        Tensor b = param("b", Tensor.scalar(1.0), Constraints.positive());
        return sample("weight", Normal.of(a, b));
    }
}
