package org.pyrite.distributions;

import org.pyrite.context.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.distributions.DiscreteTestSupport.assertRejected;

import org.junit.jupiter.api.Test;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

class DeltaTest {

    @Test
    void sampleIsThePointAndConsumesNoRandomness() {
        Delta d = Delta.of(Tensor.of(1.0, -2.0));
        Rng.setSeed(8);
        double before = Rng.current().uniform();
        Rng.setSeed(8);
        assertThat(d.sample().toArray()).containsExactly(1.0, -2.0);
        assertThat(d.sample(3).toArray()).containsExactly(1.0, -2.0, 1.0, -2.0, 1.0, -2.0);
        assertThat(Rng.current().uniform()).isEqualTo(before);
        assertThat(Delta.of(3.5).sample().item()).isEqualTo(3.5);
    }

    @Test
    void logProbIsLogDensityAtThePointAndMinusInfinityElsewhere() {
        Delta d = Delta.of(Tensor.of(1.0, 2.0), Tensor.of(-0.5, 0.25));
        assertThat(d.logProb(Tensor.of(1.0, 2.0)).toArray()).containsExactly(-0.5, 0.25);
        assertThat(d.logProb(Tensor.of(1.0, 5.0)).toArray()).containsExactly(-0.5, Double.NEGATIVE_INFINITY);
        // Broadcast against sample dimensions.
        Tensor lp = d.logProb(Tensor.of(new double[][] {{1.0, 2.0}, {0.0, 2.0}, {1.0, 1.0}}));
        assertThat(lp.shape()).containsExactly(3, 2);
        assertThat(lp.toArray()).containsExactly(-0.5, 0.25, Double.NEGATIVE_INFINITY, 0.25, -0.5, Double.NEGATIVE_INFINITY);
        assertThat(Delta.of(0.0).logProb(0.0).item()).isEqualTo(0.0);
    }

    @Test
    void aValueOffThePointIsMinusInfinityNotAnErrorEvenWithValidation() {
        // Documented choice (Pyro's): the support is the reals, so validation does not refuse x != v.
        assertThat(Validation.isEnabled()).isTrue();
        assertThat(Delta.of(1.0).logProb(1.5).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        try (Validation.Scope off = Validation.disabled()) {
            assertThat(Delta.of(1.0).logProb(1.5).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        }
        // Only values outside the reals are refused.
        assertRejected(() -> Delta.of(1.0).logProb(Double.NaN), "NaN", "Delta", "real");
        assertRejected(() -> Delta.of(Tensor.of(1.0, 2.0), 0.0, 1).logProb(Tensor.of(1.0, Double.POSITIVE_INFINITY)),
                "Infinity", "Delta");
    }

    @Test
    void eventDimGroupsTheRightmostDimensions() {
        Tensor v = Tensor.of(new double[][] {{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}});
        Delta d = Delta.of(v, Tensor.of(0.1, 0.2, 0.3), 1);
        assertThat(d.batchShape()).containsExactly(3);
        assertThat(d.eventShape()).containsExactly(2);
        assertThat(d.eventDim()).isEqualTo(1);
        assertThat(d.sample(4).shape()).containsExactly(4, 3, 2);
        // One coordinate off makes the whole event -inf.
        Tensor x = Tensor.of(new double[][] {{1.0, 2.0}, {3.0, 0.0}, {5.0, 6.0}});
        assertThat(d.logProb(x).toArray()).containsExactly(0.1, Double.NEGATIVE_INFINITY, 0.3);
        Delta whole = Delta.of(v, -1.0, 2);
        assertThat(whole.batchShape()).isEmpty();
        assertThat(whole.eventShape()).containsExactly(3, 2);
        assertThat(whole.logProb(v).item()).isEqualTo(-1.0);
        assertThat(whole.logProb(x).item()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(whole.logProb(whole.sample(5)).shape()).containsExactly(5);
    }

    @Test
    void rsampleIsReparameterized() {
        Delta d = Delta.of(Tensor.of(1.0, 2.0).requiringGrad());
        assertThat(d.hasRsample()).isTrue();
        Tensor v = d.v();
        Tensor draws = d.rsample(3);                    // [3, 2], each row is v
        Tensor loss = draws.mul(Tensor.of(2.0, 5.0)).sum();
        assertThat(Autograd.grad(loss, v)[0].toArray()).containsExactly(6.0, 15.0);
        assertThat(d.sample(3).requiresGrad()).isFalse();
        // The log-density carries a gradient too.
        Tensor ld = Tensor.scalar(0.3).requiringGrad();
        Tensor lp = Delta.of(Tensor.scalar(2.0), ld).logProb(2.0);
        assertThat(Autograd.grad(lp, ld)[0].item()).isEqualTo(1.0);
    }

    @Test
    void momentsAndSupport() {
        Delta d = Delta.of(Tensor.of(1.0, 2.0));
        assertThat(d.mean().toArray()).containsExactly(1.0, 2.0);
        assertThat(d.variance().toArray()).containsExactly(0.0, 0.0);
        assertThat(d.logDensity().item()).isEqualTo(0.0);
        assertThat(d.support().describe()).contains("real");
        assertThat(Delta.of(Tensor.of(1.0), 0.0, 1).support().eventDim()).isEqualTo(1);
    }

    @Test
    void validationNamesDistributionParameterAndValue() {
        assertRejected(() -> Delta.of(Double.NaN), "Delta", "'v'", "NaN");
        assertRejected(() -> Delta.of(Tensor.of(1.0, 2.0), Tensor.of(0.0, Double.NaN)), "Delta", "logDensity", "NaN");
        assertRejected(() -> Delta.of(Tensor.of(1.0, 2.0), Tensor.of(0.0, 0.0, 0.0)), "Delta", "logDensity", "[3]", "[2]");
        assertRejected(() -> Delta.of(Tensor.of(1.0, 2.0), 0.0, 2), "Delta", "eventDim 2");
    }

    @Test
    void expandAndToEvent() {
        Delta d = Delta.of(Tensor.of(1.0, 2.0), Tensor.of(0.5, 0.5));
        Delta e = d.expand(3, 2);
        assertThat(e.batchShape()).containsExactly(3, 2);
        assertThat(e.sample().shape()).containsExactly(3, 2);
        assertThat(e.logDensity().shape()).containsExactly(3, 2);
        Delta ev = Delta.of(Tensor.of(1.0, 2.0), 0.0, 1).expand(4);
        assertThat(ev.batchShape()).containsExactly(4);
        assertThat(ev.eventShape()).containsExactly(2);
        Distribution joint = d.toEvent(1);
        assertThat(joint.logProb(Tensor.of(1.0, 2.0)).item()).isEqualTo(1.0);
        assertThat(joint.logProb(Tensor.of(1.0, 3.0)).item()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
