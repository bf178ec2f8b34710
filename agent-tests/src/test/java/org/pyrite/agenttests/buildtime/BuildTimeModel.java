package org.pyrite.agenttests.buildtime;

import org.pyrite.annotations.Guide;
import org.pyrite.annotations.Model;
import org.pyrite.annotations.Param;
import org.pyrite.annotations.Sample;
import org.pyrite.annotations.constraints.Positive;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/** Rewritten at build time by org.pyrite.agent.Instrument (see this module's pom), then used with no agent. */
public final class BuildTimeModel {
    @Param Tensor a = Tensor.scalar(8.5);
    @Param(constraint = Positive.class) Tensor b = Tensor.scalar(1.0);

    @Model
    public Tensor scale(double guess) {
        @Sample Tensor weight = Normal.of(guess, 1.0).sample();
        @Sample Tensor measurement = Normal.of(weight, 0.75).sample();
        return measurement;
    }

    @Guide(model = "scale", observed = "measurement")
    public Tensor guide(double guess) {
        @Sample Tensor weight = Normal.of(a, b).sample();
        return weight;
    }
}
