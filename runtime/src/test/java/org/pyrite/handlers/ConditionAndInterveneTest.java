package org.pyrite.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/**
 * Conditioning composed with tracing and with intervention, as Pyro defines them: conditioning on
 * a trace takes its latent sites only, and {@code do} and {@code condition} nest either way round,
 * with the conditioned value recorded and the intervened value seen downstream.
 */
class ConditionAndInterveneTest {
    /** z ~ N(0, 1) and an inline observation obs ~ N(z, 1) = 1.0. */
    private static Tensor withObservation(Object unused) {
        Tensor z = sample("z", Normal.of(0.0, 1.0));
        sample("obs", Normal.of(z, 1.0), 1.0);
        return z;
    }

    @Test
    void conditioningOnATraceOfAModelWithAnInlineObservationTakesTheLatentSites() {
        Pyrite.setRngSeed(1);
        Trace t = Poutine.trace(ConditionAndInterveneTest::withObservation).getTrace(null);
        Trace again = Poutine.trace(Poutine.condition(ConditionAndInterveneTest::withObservation, t)).getTrace(null);
        assertThat(again.site("z").isObserved()).isTrue();
        assertThat(again.site("z").value().item()).isEqualTo(t.site("z").value().item());
        assertThat(again.site("obs").value().item()).isEqualTo(1.0);
    }

    /** z ~ N(0, 1), w ~ N(z, 1): Pyro's m3. */
    private static Tensor m3(Object unused) {
        Tensor z = sample("z", Normal.of(0.0, 1.0));
        return sample("w", Normal.of(z, 1.0));
    }

    private static double wLoc(Trace t) {
        return ((Normal) t.site("w").distribution()).loc().item();
    }

    @Test
    void interveningOnAConditionedSiteRecordsTheConditionedValueAndPassesOnTheIntervention() {
        Model<Object, Tensor> doAroundCondition = Poutine.intervene(Pyrite.condition(ConditionAndInterveneTest::m3, Map.of("z", 1.0)),
                Map.of("z", 2.0));
        Model<Object, Tensor> conditionAroundDo = Pyrite.condition(Poutine.intervene(ConditionAndInterveneTest::m3, Map.of("z", 2.0)),
                Map.of("z", 1.0));
        for (Model<Object, Tensor> m : java.util.List.of(doAroundCondition, conditionAroundDo)) {
            Trace t = Poutine.trace(m).getTrace(null);
            assertThat(t.site("z").isObserved()).isTrue();
            assertThat(t.site("z").value().item()).isEqualTo(1.0);
            assertThat(wLoc(t)).as("w sees the intervened value").isEqualTo(2.0);
            assertThat(t.site("w").isObserved()).isFalse();
            assertThat(t.contains("z__CF")).as("the intervened copy stops at do").isFalse();
            assertThat(t.logProbSum().item()).isCloseTo(Normal.of(0.0, 1.0).logProb(1.0).item()
                    + Normal.of(2.0, 1.0).logProb(t.site("w").value()).item(), org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void interveningOnALatentSiteOfAConditionedModelDrawsTheCounterfactualAndPassesOnTheIntervention() {
        Model<Object, Tensor> doAroundCondition = Poutine.intervene(Pyrite.condition(ConditionAndInterveneTest::m3, Map.of("w", 0.5)),
                Map.of("z", 2.0));
        Model<Object, Tensor> conditionAroundDo = Pyrite.condition(Poutine.intervene(ConditionAndInterveneTest::m3, Map.of("z", 2.0)),
                Map.of("w", 0.5));
        for (Model<Object, Tensor> m : java.util.List.of(doAroundCondition, conditionAroundDo)) {
            Pyrite.setRngSeed(4);
            Trace t = Poutine.trace(m).getTrace(null);
            Pyrite.setRngSeed(4);
            double prior = Normal.of(0.0, 1.0).sample().item();
            assertThat(t.site("z").isObserved()).isFalse();
            assertThat(t.site("z").value().item()).as("z drawn from its prior").isEqualTo(prior);
            assertThat(t.site("w").isObserved()).isTrue();
            assertThat(t.site("w").value().item()).isEqualTo(0.5);
            assertThat(wLoc(t)).isEqualTo(2.0);
        }
    }
}
