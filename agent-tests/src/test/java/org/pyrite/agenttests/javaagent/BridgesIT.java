package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agenttests.fixtures.Bridged;
import org.pyrite.agenttests.support.Support;
import org.pyrite.annotations.Guide;
import org.pyrite.tensor.Tensor;

/** Methods the compiler makes (bridges) carry their original's annotations, and are no models or guides of their own. */
class BridgesIT {
    private static final String BRIDGED = Bridged.class.getName();

    @Test
    void theBridgeOfAGuideIsNeitherCheckedNorListed() throws NoSuchMethodException {
        Method bridge = Bridged.class.getMethod("call", Object.class);
        assertThat(bridge.isBridge()).isTrue();
        assertThat(bridge.isAnnotationPresent(Guide.class)).as("javac copies @Guide to the bridge").isTrue();

        ClassReport r = Support.report(Bridged.class);
        assertThat(r.outcome()).isEqualTo(ClassReport.Outcome.TRANSFORMED);
        assertThat(r.diagnostics()).filteredOn(d -> d.severity() != Diagnostic.Severity.INFO).isEmpty();
        assertThat(r.models()).extracting(ModelInfo::label).containsExactly("Bridged.scale", "Bridged.call");
        assertThat(r.models().get(1).descriptor()).isEqualTo("(Ljava/lang/Double;)Lorg/pyrite/tensor/Tensor;");
    }

    @Test
    void theGuideRunsThroughItsInterfaceWithItsSite() {
        Model<Double, Tensor> guide = new Bridged();
        assertThat(Poutine.trace(guide).getTrace(8.5).names()).containsExactly("weight");
    }

    @Test
    void underTheFatalSwitchTheClassStaysUsable() throws ReflectiveOperationException {
        System.setProperty("pyrite.agent.fatal", "true");
        Support.Captured<Class<?>> loaded;
        try {
            loaded = Support.captureErr(() -> {
                try {
                    return Class.forName(BRIDGED, false, Support.isolated(BRIDGED));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            System.clearProperty("pyrite.agent.fatal");
        }

        assertThat(loaded.text()).doesNotContain("FATAL", "error");
        assertThat(Support.report(BRIDGED).outcome()).isEqualTo(ClassReport.Outcome.TRANSFORMED);
        Object guide = loaded.value().getConstructor().newInstance();
        assertThat(loaded.value().getMethod("call", Double.class).invoke(guide, 8.5)).isInstanceOf(Tensor.class);
    }
}
