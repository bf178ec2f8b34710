package org.pyrite.agent.check;

import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.Draw;
import org.pyrite.agent.description.MethodDescription;

/** A site without a name: no {@code @Sample("...")}, and no local variable names in the class file. */
public final class UnnamedSiteCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.modelAndGuideBodies()) {
            for (Draw d : m.draws()) {
                if (d.site() != null && d.site().name() == null) {
                    findings.error(Check.UNNAMED_SITE, m.name(), d.line(), "cannot name the @Sample site drawn by " + d.call()
                            + ": it has no @Sample(\"name\") and the class has no local variable names; write "
                            + "@Sample(\"name\") or compile with -g (javac -g, Maven's default)");
                }
            }
        }
    }
}
