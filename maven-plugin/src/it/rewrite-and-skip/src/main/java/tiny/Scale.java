package tiny;

import org.pyrite.annotations.Model;
import org.pyrite.annotations.Sample;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

public final class Scale {
    @Model
    public Tensor scale(double guess) {
        @Sample Tensor weight = Normal.of(guess, 1.0).sample();
        @Sample Tensor measurement = Normal.of(weight, 0.75).sample();
        return measurement;
    }
}
