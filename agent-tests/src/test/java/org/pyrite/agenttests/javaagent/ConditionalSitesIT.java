package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.agenttests.support.Support.findings;

import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.ModelRegistry;
import org.pyrite.agenttests.fixtures.ConditionalSites;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Trace;

/** Every branch of a conditional or switch expression that feeds a @Sample local is the site. */
class ConditionalSitesIT {

    private static double loc(Trace t, String site) {
        return ((Normal) t.site(site).distribution()).loc().item();
    }

    @Test
    void noBranchIsReportedAsADrawThatIsNoSite() {
        assertThat(findings(ConditionalSites.class, Check.UNNAMED_DRAW)).isEmpty();
        assertThat(findings(ConditionalSites.class, Check.NOT_A_DRAW)).isEmpty();
    }

    @Test
    void bothBranchesOfAConditionalExpressionAreTheSite() {
        Trace high = Poutine.trace(ConditionalSites::ternary).getTrace(true);
        Trace low = Poutine.trace(ConditionalSites::ternary).getTrace(false);

        assertThat(high.names()).containsExactly("t");
        assertThat(low.names()).containsExactly("t");
        assertThat(loc(high, "t")).isEqualTo(10.0);
        assertThat(loc(low, "t")).isEqualTo(-10.0);
    }

    @Test
    void everyArmOfASwitchExpressionIsTheSite() {
        assertThat(loc(Poutine.trace(ConditionalSites::switched).getTrace(0), "sx")).isEqualTo(0.0);
        assertThat(loc(Poutine.trace(ConditionalSites::switched).getTrace(1), "sx")).isEqualTo(100.0);
        Trace yielded = Poutine.trace(ConditionalSites::switched).getTrace(2);
        assertThat(yielded.names()).containsExactly("sx");
        assertThat(loc(yielded, "sx")).isEqualTo(400.0);
        assertThat(ModelRegistry.find(ConditionalSites.class, "switched").orElseThrow().siteNames())
                .containsExactly("sx", "sx", "sx");
    }
}
