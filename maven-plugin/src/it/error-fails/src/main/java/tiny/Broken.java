package tiny;

import org.pyrite.annotations.Model;
import org.pyrite.annotations.Sample;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

public final class Broken {
    @Model
    public Tensor scale(double guess) {
        double u = Math.random();
        @Sample Tensor weight = Normal.of(guess + u, 1.0).sample();
        return weight;
    }
}
