package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agent.ModelRegistry;
import org.pyrite.agent.PyriteAgent;
import org.pyrite.agenttests.fixtures.Loops;
import org.pyrite.agenttests.fixtures.Naming;
import org.pyrite.agenttests.fixtures.Observed;
import org.pyrite.agenttests.fixtures.Params;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.handlers.Trace;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** Every rewrite, under the shaded jar as a real -javaagent. */
@SuppressWarnings("try") // ParamStore scopes are used for their effect
class RewriteIT {

    @Test
    void theAgentRunsAsJavaagent() {
        assertThat(PyriteAgent.installed()).isTrue();
        assertThat(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("pyrite-agent"));
    }

    @Test
    void sitesAreNamedAfterTheLocalOrTheExplicitName() {
        Trace t = Poutine.trace(Naming::fromLocals).getTrace(8.5);

        assertThat(t.names()).containsExactly("weight", "noisy");
        Normal noisy = (Normal) t.site("noisy").distribution();
        assertThat(noisy.loc().item()).isEqualTo(t.site("weight").value().item());
        assertThat(noisy.scale().item()).isEqualTo(0.75);
    }

    @Test
    void handlersSeeTheRewrittenSites() {
        Model<Double, Tensor> conditioned = Pyrite.condition(Naming::fromLocals, Map.of("noisy", 9.5));
        Trace t = Poutine.trace(conditioned).getTrace(8.5);

        assertThat(t.site("noisy").isObserved()).isTrue();
        assertThat(t.site("noisy").value().item()).isEqualTo(9.5);
        assertThat(Poutine.trace(Pyrite.intervene(Naming::fromLocals, Map.of("weight", 100.0))).getTrace(8.5)
                .site("noisy").value().item()).isGreaterThan(90.0);
    }

    @Test
    void aReassignedLocalKeepsItsSiteAndThePlainStoreStaysPlain() {
        Trace t = Poutine.trace(Naming::reassigned).getTrace(1.0);

        assertThat(t.names()).containsExactly("x", "y");
        double x = t.site("x").value().item();
        assertThat(((Normal) t.site("y").distribution()).loc().item()).isEqualTo(2 * x);
    }

    @Test
    void aLocalAssignedInEitherBranchIsOneSite() {
        Trace high = Poutine.trace(Naming::branches).getTrace(true);
        Trace low = Poutine.trace(Naming::branches).getTrace(false);

        assertThat(high.names()).containsExactly("z");
        assertThat(low.names()).containsExactly("z");
        assertThat(high.site("z").value().item()).isGreaterThan(4.0);
        assertThat(low.site("z").value().item()).isLessThan(-4.0);
    }

    @Test
    void sitesInALoopAreIndexedByTheLoopVariable() {
        Trace t = Poutine.trace(Loops::indexed).getTrace(3);

        assertThat(t.names()).containsExactly("x_0", "x_1", "x_2");
        double sum = t.site("x_0").value().item() + t.site("x_1").value().item() + t.site("x_2").value().item();
        assertThat(((Tensor) t.returnValue()).item()).isCloseTo(sum, within(1e-12));
    }

    @Test
    void twoIndicesAppendBothIntAndLong() {
        Trace t = Poutine.trace(Loops::grid).getTrace(2);

        assertThat(t.names()).containsExactly("z_0_0", "z_0_1", "z_1_0", "z_1_1");
    }

    @Test
    void observedDataInALoopIsObservedElementByElement() {
        Trace t = Poutine.trace(Loops::observedData).getTrace(new double[] {1.0, 2.0, 3.0});

        assertThat(t.names()).containsExactly("mu", "obs_0", "obs_1", "obs_2");
        assertThat(t.site("mu").isObserved()).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(t.site("obs_" + i).isObserved()).isTrue();
            assertThat(t.site("obs_" + i).value().item()).isEqualTo(i + 1.0);
        }
    }

    @Test
    void observedValuesComeFromFieldsParametersLocalsAndTensorElements() {
        Observed o = new Observed();
        Trace field = Poutine.trace(o::fromField).getTrace(8.5);
        Trace parameter = Poutine.trace(o::fromParameter).getTrace(7.25);
        Trace local = Poutine.trace(o::fromLocalAndTensor).getTrace(Tensor.of(4.0, 5.0));

        assertThat(field.site("measurement").isObserved()).isTrue();
        assertThat(field.site("measurement").value().item()).isEqualTo(9.5);
        assertThat(field.site("weight").isObserved()).isFalse();
        assertThat(parameter.site("measurement").value().item()).isEqualTo(7.25);
        assertThat(local.site("a").value().item()).isEqualTo(4.0);
        assertThat(local.site("b").value().item()).isEqualTo(5.0);
        assertThat(local.site("b").isObserved()).isTrue();
    }

    @Test
    void paramsGoThroughTheStoreWithTheirNamesAndConstraints() throws ReflectiveOperationException {
        ParamStore store = new ParamStore();
        Params p = new Params();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Trace t = Poutine.trace(p::guide).getTrace(8.5);
            assertThat(t.names()).contains("weight", "flip");
            assertThat(((Normal) t.site("weight").distribution()).loc().item()).isEqualTo(8.5);

            assertThat(store.names()).containsExactly("Params.loc", "Params.scale", "coin.p", "Params.bounded", "Params.shared");
            assertThat(store.constraint("Params.loc").describe()).isEqualTo(Constraints.real().describe());
            assertThat(store.constraint("Params.scale").describe()).isEqualTo(Constraints.positive().describe());
            assertThat(store.constraint("coin.p").describe()).isEqualTo(Constraints.unitInterval().describe());
            assertThat(store.constraint("Params.bounded").describe()).isEqualTo(Constraints.interval(2.0, 4.0).describe());
            assertThat(store.get("coin.p").item()).isCloseTo(0.25, within(1e-12));

            // The stored value wins over the field from now on, inside the class; the field itself keeps the initial value.
            store.set("Params.scale", Tensor.scalar(3.0), Constraints.positive());
            assertThat(p.scaleNow().item()).isCloseTo(3.0, within(1e-12));
            java.lang.reflect.Field raw = Params.class.getDeclaredField("scale");
            raw.setAccessible(true);
            assertThat(((Tensor) raw.get(p)).item()).isEqualTo(1.0);
            Trace again = Poutine.trace(p::guide).getTrace(8.5);
            assertThat(((Normal) again.site("weight").distribution()).scale().item()).isCloseTo(3.0, within(1e-12));
        }
    }

    @Test
    void theRegistryKnowsSitesParamsAndKinds() {
        new Params();
        ModelInfo guide = ModelRegistry.find(Params.class, "guide").orElseThrow();
        ModelInfo model = ModelRegistry.find(Params.class, "model").orElseThrow();

        assertThat(guide.kind()).isEqualTo(ModelInfo.Kind.GUIDE);
        assertThat(guide.modelName()).isEqualTo("model");
        assertThat(guide.siteNames()).containsExactly("weight", "flip");
        assertThat(guide.params()).containsExactly("Params.loc", "Params.scale", "coin.p", "Params.bounded", "Params.shared");
        assertThat(model.kind()).isEqualTo(ModelInfo.Kind.MODEL);
        assertThat(model.sites()).allSatisfy(s -> assertThat(s.file()).isEqualTo("Params.java"));
        assertThat(model.sites().get(0).line()).isEqualTo(24);
        assertThat(ModelRegistry.find(Loops.class, "observedData").orElseThrow().siteNames())
                .containsExactly("mu", "obs_{i}");
    }
}
