package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.agenttests.support.Support.findings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.ModelRegistry;
import org.pyrite.agenttests.fixtures.LambdaCaptured;
import org.pyrite.agenttests.fixtures.Overloads;
import org.pyrite.agenttests.support.Support;
import org.pyrite.handlers.Trace;

/** Lambda bodies belong to the method that creates them: what they capture, and whose role they take. */
class LambdasIT {
    private static final String CAPTURE = "org.pyrite.agenttests.fixtures.LambdaCapture";

    @Test
    void anObservedNameTheLambdaDoesNotCaptureIsExplained() {
        Support.Captured<Class<?>> loaded = Support.captureErr(() -> {
            try {
                return Class.forName(CAPTURE, false, Support.isolated(CAPTURE));
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        });

        ClassReport r = Support.report(CAPTURE);
        assertThat(r.outcome()).isEqualTo(ClassReport.Outcome.NOT_TRANSFORMED);
        assertThat(r.errors()).hasSize(1);
        Diagnostic d = r.errors().get(0);
        assertThat(d.check()).isEqualTo(Check.BAD_REFERENCE);
        assertThat(d.location()).isEqualTo("LambdaCapture.java:17");
        assertThat(d.message()).contains("obs 'data' is a local of method 'model' that this lambda does not capture",
                "read 'data' in the lambda's body").doesNotContain("no local variable");
        assertThat(loaded.text()).contains("LambdaCapture.java:17: error:");
    }

    @Test
    void readInTheLambdasBodyTheSameNameIsObserved() {
        Trace t = Poutine.trace(LambdaCaptured::model).getTrace(new double[] {1.5, 2.5});

        assertThat(t.names()).containsExactly("y_0", "y_1");
        assertThat(t.site("y_0").isObserved()).isTrue();
        assertThat(t.site("y_0").value().item()).isEqualTo(1.5);
        assertThat(t.site("y_1").value().item()).isEqualTo(2.5);
    }

    @Test
    void aSampleLocalInALambdaOfAPlainOverloadIsTheSameErrorAsInItsBody() {
        List<Diagnostic> ds = findings(Overloads.class, Check.SAMPLE_OUTSIDE_MODEL);

        assertThat(ds).extracting(Diagnostic::location).containsExactly("Overloads.java:23", "Overloads.java:26");
        assertThat(ds.get(0).message()).startsWith("@Sample local 'hidden' is in method 'scale', which is neither @Model");
        assertThat(ds.get(0).message().replace("'hidden'", "'plain'")).isEqualTo(ds.get(1).message());
        assertThat(ModelRegistry.find(Overloads.class, "scale").orElseThrow().siteNames()).containsExactly("weight");
        assertThat(Poutine.trace((Double g) -> Overloads.scale(g, 1)).getTrace(0.0).names()).isEmpty();
    }
}
