package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.agent.ModelRegistry;
import org.pyrite.agenttests.fixtures.Inheritance;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.SGD;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** A @Param field read outside its declaring class goes through the param store all the same. */
@SuppressWarnings("try") // ParamStore scopes are used for their effect
class ParamReadsIT {

    private static Tensor loc(Trace t, String site) {
        return ((Normal) t.site(site).distribution()).loc();
    }

    @Test
    void aSubclassReadsAnInheritedParamThroughTheStoreUnderItsDeclaringClassName() {
        Inheritance.Sub sub = new Inheritance.Sub();
        Model<Void, Tensor> model = v -> sub.model();
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            Trace t = Poutine.trace(model).getTrace(null);
            assertThat(t.names()).containsExactly("Base.loc", "ps");
            assertThat(loc(t, "ps").item()).isEqualTo(3.0);

            ParamStore.current().set("Base.loc", Tensor.scalar(-4.0), Constraints.real());
            assertThat(loc(Poutine.trace(model).getTrace(null), "ps").item()).isEqualTo(-4.0);
        }
        assertThat(ModelRegistry.find(Inheritance.Sub.class, "model").orElseThrow().params()).containsExactly("Base.loc");
    }

    @Test
    void sviTrainsAnInheritedParam() {
        Inheritance.Sub sub = new Inheritance.Sub();
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            SVI<Double> svi = new SVI<>(sub::fit, sub::fitGuide, new SGD(0.1), new TraceELBO());
            for (int i = 0; i < 100; i++) {
                svi.step(5.0);
            }
        }
        // The loss is (5 - loc)^2 / 2 plus a constant: each step closes a tenth of the gap from 3.
        assertThat(store.get("Base.loc").item()).isCloseTo(5.0, within(1e-3));
    }

    @Test
    void anInnerClassReadsItsOuterInstancesParamThroughTheStore() {
        Inheritance.Outer.Inner inner = new Inheritance.Outer().inner();
        Model<Void, Tensor> model = v -> inner.model();
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            Trace t = Poutine.trace(model).getTrace(null);
            assertThat(t.names()).containsExactly("outer.scale", "x");

            ParamStore.current().set("outer.scale", Tensor.scalar(7.0), Constraints.real());
            Trace again = Poutine.trace(model).getTrace(null);
            assertThat(((Normal) again.site("x").distribution()).scale().item()).isEqualTo(7.0);
        }
        assertThat(ModelRegistry.find(Inheritance.Outer.Inner.class, "model").orElseThrow().params())
                .containsExactly("outer.scale");
    }
}
