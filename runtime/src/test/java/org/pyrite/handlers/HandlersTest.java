package org.pyrite.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** One small model, each handler in its higher-order and its scoped form. */
class HandlersTest {
    static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    static Tensor scale2(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        Tensor tolerance = sample("tolerance", Normal.of(0.0, 1.0)).abs();
        return sample("measurement", Normal.of(weight, tolerance));
    }

    private static double normalLogPdf(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    }

    @BeforeEach
    void seed() {
        Pyrite.setRngSeed(7);
    }

    @Test
    void traceRecordsSitesInOrderWithLogProbsAndTheReturnValue() {
        Trace t = Poutine.trace(HandlersTest::scale).getTrace(8.5);
        assertThat(t.names()).containsExactly("weight", "measurement");
        double w = t.site("weight").value().item();
        double m = t.site("measurement").value().item();
        assertThat(t.site("weight").isObserved()).isFalse();
        assertThat(t.site("weight").logProb().item()).isCloseTo(normalLogPdf(w, 8.5, 1.0), within(1e-12));
        assertThat(t.logProbSum().item()).isCloseTo(normalLogPdf(w, 8.5, 1.0) + normalLogPdf(m, w, 0.75), within(1e-12));
        assertThat(((Tensor) t.returnValue()).item()).isEqualTo(m);
    }

    @Test
    void traceScopedForm() {
        try (TraceMessenger tracer = new TraceMessenger().enter()) {
            scale(8.5);
            assertThat(tracer.trace().names()).containsExactly("weight", "measurement");
        }
        assertThat(HandlerStack.isEmpty()).isTrue();
    }

    @Test
    void twoSitesWithOneNameAreAnError() {
        Model<Double, Tensor> twice = g -> {
            sample("x", Normal.of(g, 1.0));
            return sample("x", Normal.of(g, 1.0));
        };
        assertThatThrownBy(() -> Poutine.trace(twice).getTrace(0.0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two sites named 'x'");
        assertThat(HandlerStack.isEmpty()).as("the stack is unwound after the error").isTrue();
    }

    @Test
    void replayTakesLatentValuesFromTheTraceAndKeepsObservations() {
        Trace guide = Poutine.trace(HandlersTest::scale).getTrace(8.5);
        Model<Double, Tensor> conditioned = Pyrite.condition(HandlersTest::scale, Map.of("measurement", 9.5));
        Trace replayed = Poutine.trace(Poutine.replay(conditioned, guide)).getTrace(8.5);
        assertThat(replayed.site("weight").value().item()).isEqualTo(guide.site("weight").value().item());
        assertThat(replayed.site("measurement").value().item()).isEqualTo(9.5);
        try (ReplayMessenger r = new ReplayMessenger(guide).enter()) {
            assertThat(sample("weight", Normal.of(0.0, 1.0)).item()).isEqualTo(guide.site("weight").value().item());
        }
    }

    @Test
    void conditionFixesSitesAsObservations() {
        Model<Double, Tensor> conditioned = Pyrite.condition(HandlersTest::scale, Map.of("measurement", 9.5));
        Trace t = Poutine.trace(conditioned).getTrace(8.5);
        assertThat(t.site("measurement").isObserved()).isTrue();
        assertThat(t.site("measurement").value().item()).isEqualTo(9.5);
        assertThat(t.site("weight").isObserved()).isFalse();
        assertThat(conditioned.call(8.5).item()).isEqualTo(9.5);
        try (ConditionMessenger c = new ConditionMessenger(Map.of("weight", Tensor.scalar(1.0))).enter()) {
            assertThat(scale(8.5)).isNotNull();
        }
    }

    @Test
    void conditionOnATraceUsesItsSampleValues() {
        Trace source = Poutine.trace(HandlersTest::scale).getTrace(8.5);
        Trace t = Poutine.trace(Poutine.condition(HandlersTest::scale, source)).getTrace(8.5);
        assertThat(t.site("weight").value().item()).isEqualTo(source.site("weight").value().item());
        assertThat(t.site("weight").isObserved()).isTrue();
    }

    @Test
    void theThreeConditionedFormsOfIn9AreEquivalent() {
        Model<Double, Tensor> c1 = Pyrite.condition(Pyrite.condition(HandlersTest::scale2, Map.of("weight", 9.2)), Map.of("measurement", 9.5));
        Model<Double, Tensor> c2 = Pyrite.condition(Pyrite.condition(HandlersTest::scale2, Map.of("measurement", 9.5)), Map.of("weight", 9.2));
        Model<Double, Tensor> c3 = Pyrite.condition(HandlersTest::scale2, Map.of("weight", 9.2, "measurement", 9.5));
        double[] lp = new double[3];
        double[] tol = new double[3];
        int i = 0;
        for (Model<Double, Tensor> c : java.util.List.of(c1, c2, c3)) {
            Trace t = Poutine.trace(Poutine.seed(c, 3)).getTrace(8.5);
            assertThat(t.site("weight").isObserved()).isTrue();
            assertThat(t.site("measurement").isObserved()).isTrue();
            assertThat(t.site("tolerance").isObserved()).isFalse();
            lp[i] = t.logProbSum().item();
            tol[i++] = t.site("tolerance").value().item();
        }
        assertThat(lp[1]).isEqualTo(lp[0]);
        assertThat(lp[2]).isEqualTo(lp[0]);
        assertThat(tol[1]).isEqualTo(tol[0]);
        assertThat(tol[2]).isEqualTo(tol[0]);
    }

    @Test
    void aConditionKeyThatMatchesNoSiteIsAnErrorWithASuggestion() {
        Model<Double, Tensor> typo = Pyrite.condition(HandlersTest::scale, Map.of("measurment", 9.5));
        assertThatThrownBy(() -> typo.call(8.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'measurment'")
                .hasMessageContaining("did you mean 'measurement'?");
        assertThat(HandlerStack.isEmpty()).isTrue();
    }

    @Test
    void aSiteConditionedTwiceIsAnError() {
        Model<Double, Tensor> twice = Pyrite.condition(Pyrite.condition(HandlersTest::scale, Map.of("weight", 9.0)), Map.of("weight", 9.2));
        assertThatThrownBy(() -> twice.call(8.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'weight' is conditioned twice");
        Model<Double, Tensor> inline = g -> sample("m", Normal.of(g, 1.0), Tensor.scalar(1.0));
        assertThatThrownBy(() -> Pyrite.condition(inline, Map.of("m", 2.0)).call(0.0))
                .hasMessageContaining("'m' is conditioned twice");
    }

    @Test
    void conditionRejectsValuesThatAreNotNumbersOrTensors() {
        assertThatThrownBy(() -> Pyrite.condition(HandlersTest::scale, Map.of("measurement", "9.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'measurement'").hasMessageContaining("Double or a Tensor");
    }

    @Test
    void interveneGivesTheRestOfTheModelTheValueAndKeepsACounterfactualSite() {
        Model<Double, Tensor> intervened = Pyrite.intervene(HandlersTest::scale, Map.of("weight", 100.0));
        Trace t = Poutine.trace(intervened).getTrace(8.5);
        // The recorded "weight" is the counterfactual draw from the prior N(8.5, 1), not 100.
        assertThat(t.site("weight").value().item()).isBetween(8.5 - 6, 8.5 + 6);
        assertThat(t.site("weight").isObserved()).isFalse();
        assertThat(t.contains("weight__CF")).as("the intervened copy is hidden from outer handlers").isFalse();
        // Downstream, measurement ~ N(100, 0.75): its distribution's loc is the intervened value.
        Normal m = (Normal) t.site("measurement").distribution();
        assertThat(m.loc().item()).isEqualTo(100.0);
        assertThat(t.site("measurement").value().item()).isBetween(100 - 6 * 0.75, 100 + 6 * 0.75);
    }

    @Test
    void conditionAndInterveneCompose() {
        Model<Double, Tensor> both = Pyrite.condition(Pyrite.intervene(HandlersTest::scale2, Map.of("weight", 9.2)), Map.of("measurement", 9.5));
        Trace t = Poutine.trace(both).getTrace(8.5);
        assertThat(t.site("measurement").isObserved()).isTrue();
        assertThat(((Normal) t.site("measurement").distribution()).loc().item()).isEqualTo(9.2);
        Model<Double, Tensor> other = Pyrite.intervene(Pyrite.condition(HandlersTest::scale2, Map.of("measurement", 9.5)), Map.of("weight", 9.2));
        Trace u = Poutine.trace(other).getTrace(8.5);
        assertThat(((Normal) u.site("measurement").distribution()).loc().item()).isEqualTo(9.2);
        assertThat(u.site("measurement").value().item()).isEqualTo(9.5);
    }

    @Test
    void interveneKeyThatMatchesNoSiteIsAnError() {
        assertThatThrownBy(() -> Pyrite.intervene(HandlersTest::scale, Map.of("wieght", 1.0)).call(8.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intervene")
                .hasMessageContaining("did you mean 'weight'?");
    }

    @Test
    void blockHidesSitesFromOuterHandlers() {
        Trace t = Poutine.trace(Poutine.block(HandlersTest::scale, "weight")).getTrace(8.5);
        assertThat(t.names()).containsExactly("measurement");
        Trace all = Poutine.trace(Poutine.block(HandlersTest::scale)).getTrace(8.5);
        assertThat(all.names()).isEmpty();
        try (TraceMessenger tracer = new TraceMessenger().enter()) {
            try (BlockMessenger b = BlockMessenger.expose("weight").enter()) {
                scale(8.5);
            }
            assertThat(tracer.trace().names()).containsExactly("weight");
        }
    }

    @Test
    void scaleMultipliesLogDensities() {
        Trace plain = Poutine.trace(Poutine.seed(HandlersTest::scale, 1)).getTrace(8.5);
        Trace scaled = Poutine.trace(Poutine.scale(Poutine.seed(HandlersTest::scale, 1), 3.0)).getTrace(8.5);
        assertThat(scaled.logProbSum().item()).isCloseTo(3.0 * plain.logProbSum().item(), within(1e-12));
        assertThatThrownBy(() -> Poutine.scale(HandlersTest::scale, -1.0)).hasMessageContaining("factor must be finite and > 0");
    }

    @Test
    void maskZeroesLogDensities() {
        Model<Double, Tensor> vec = g -> sample("y", Normal.of(Tensor.zeros(3), 1.0), Tensor.of(1.0, 2.0, 3.0));
        Trace t = Poutine.trace(Poutine.mask(vec, Tensor.of(1.0, 0.0, 1.0))).getTrace(0.0);
        double[] lp = t.site("y").logProb().toArray();
        assertThat(lp[1]).isZero();
        assertThat(lp[0]).isCloseTo(normalLogPdf(1.0, 0, 1), within(1e-12));
        assertThat(lp[2]).isCloseTo(normalLogPdf(3.0, 0, 1), within(1e-12));
        assertThat(Poutine.trace(Poutine.mask(vec, Tensor.scalar(0.0))).getTrace(0.0).logProbSum().item()).isZero();
        assertThatThrownBy(() -> new MaskMessenger(Tensor.of(0.5))).hasMessageContaining("0 or 1");
    }

    @Test
    void seedMakesRunsRepeatableAndRestoresTheOuterStream() {
        double a = Poutine.seed(HandlersTest::scale, 42).call(8.5).item();
        double b = Poutine.seed(HandlersTest::scale, 42).call(8.5).item();
        assertThat(b).isEqualTo(a);
        Pyrite.setRngSeed(5);
        double first = Normal.of(0, 1).sample().item();
        Pyrite.setRngSeed(5);
        try (SeedMessenger s = new SeedMessenger(99).enter()) {
            Normal.of(0, 1).sample();
        }
        assertThat(Normal.of(0, 1).sample().item()).as("the seeded block did not consume the outer stream").isEqualTo(first);
    }

    @Test
    void substituteReplacesParams() {
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Model<Double, Tensor> guide = g -> param("a", Tensor.scalar(1.0));
            assertThat(Poutine.substitute(guide, Map.of("a", 5.0)).call(0.0).item()).isEqualTo(5.0);
            assertThat(store.contains("a")).as("a substituted param is not created in the store").isFalse();
            assertThat(guide.call(0.0).item()).isEqualTo(1.0);
        }
    }

    @Test
    void unconditionSamplesObservedSites() {
        Model<Double, Tensor> conditioned = Pyrite.condition(HandlersTest::scale, Map.of("measurement", 9.5));
        Trace t = Poutine.trace(Poutine.uncondition(conditioned)).getTrace(8.5);
        assertThat(t.site("measurement").isObserved()).isFalse();
        assertThat(t.site("measurement").value().item()).isNotEqualTo(9.5);
        assertThat(t.site("measurement").infer()).containsEntry("was_observed", Boolean.TRUE);
        assertThat(((Tensor) t.site("measurement").infer().get("obs")).item()).isEqualTo(9.5);
    }

    @Test
    void paramsAreRecordedAsParamSites() {
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Model<Double, Tensor> guide = g -> sample("w", Normal.of(param("a", Tensor.scalar(g)), 1.0));
            Trace t = Poutine.trace(guide).getTrace(2.0);
            assertThat(t.site("a").isParam()).isTrue();
            assertThat(t.site("a").value().item()).isEqualTo(2.0);
            assertThat(t.latentSites()).extracting(Site::name).containsExactly("w");
        }
    }

    @Test
    void handlersOnOneThreadAreInvisibleToAnother() throws Exception {
        try (TraceMessenger tracer = new TraceMessenger().enter()) {
            Thread other = new Thread(() -> scale(8.5));
            other.start();
            other.join();
            assertThat(tracer.trace().names()).as("the other thread's sites went to its own (empty) stack").isEmpty();
        }
    }

    @Test
    void closingHandlersOutOfOrderIsAnError() {
        TraceMessenger outer = new TraceMessenger().enter();
        TraceMessenger inner = new TraceMessenger().enter();
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("reverse order");
        assertThat(HandlerStack.isEmpty()).isTrue();
        inner.close();
    }

    @Test
    void factorAddsItsLogWeightAndDeterministicRecordsAValueWithoutDensity() {
        Model<Double, Tensor> model = g -> {
            Tensor w = sample("w", Normal.of(g, 1.0));
            Pyrite.factor("penalty", w.square().neg());
            return Pyrite.deterministic("twice", w.mul(2.0));
        };
        Trace t = Poutine.trace(model).getTrace(0.0);
        double w = t.site("w").value().item();
        assertThat(t.site("penalty").logProbSum().item()).isEqualTo(-w * w);
        assertThat(t.site("twice").value().item()).isEqualTo(2 * w);
        assertThat(t.site("twice").logProbSum().item()).isZero();
        assertThat(t.site("twice").infer()).containsEntry("_deterministic", Boolean.TRUE);
        assertThat(t.logProbSum().item()).isCloseTo(normalLogPdf(w, 0, 1) - w * w, within(1e-12));
        assertThat(Pyrite.deterministic("x", Tensor.scalar(3.0)).item()).as("no handler: the value itself").isEqualTo(3.0);
    }

    @Test
    void aMaskedDistributionZeroesMaskedLogDensities() {
        Tensor lp = Normal.of(Tensor.zeros(3), 1.0).mask(Tensor.of(1, 0, 1)).logProb(Tensor.of(1.0, 2.0, 3.0));
        assertThat(lp.toArray()).containsExactly(new double[] {normalLogPdf(1, 0, 1), 0.0, normalLogPdf(3, 0, 1)}, within(1e-12));
        assertThatThrownBy(() -> Normal.of(0, 1).mask(Tensor.of(0.5))).hasMessageContaining("0 or 1");
    }

    @Test
    void emptyNamesAreRejected() {
        assertThatThrownBy(() -> sample("", Normal.of(0, 1))).hasMessageContaining("non-empty name");
    }
}
