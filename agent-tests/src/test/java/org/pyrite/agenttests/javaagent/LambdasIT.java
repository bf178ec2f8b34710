package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.agenttests.support.Support.findings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.ModelRegistry;
import org.pyrite.agenttests.fixtures.Overloads;

/** Lambda bodies belong to the method that creates them, and take its role. */
class LambdasIT {
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
