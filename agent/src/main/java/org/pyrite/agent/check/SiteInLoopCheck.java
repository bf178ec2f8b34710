package org.pyrite.agent.check;

import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.Draw;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.SampleSite;

/**
 * A site inside a loop of the source without {@code indexedBy}: every iteration would sample one
 * name. Only loops the source writes count; a backward jump the compiler makes for other reasons
 * (the restart of a pattern switch) is no loop.
 */
public final class SiteInLoopCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.modelAndGuideBodies()) {
            for (Draw d : m.draws()) {
                SampleSite s = d.site();
                if (s == null || s.name() == null || s.shaped() || s.loop() == null || !s.indexedBy().isEmpty()) {
                    continue;
                }
                String name = s.name();
                String variable = s.loop().variable();
                String advice = variable != null
                        ? "@Sample(value = \"" + name + "\", indexedBy = \"" + variable + "\") appends the loop variable "
                                + variable + " to the name (" + name + "_0, " + name + "_1, ...)"
                        : "count the iterations in an int local (say i) and write @Sample(value = \"" + name
                                + "\", indexedBy = \"i\"), which appends it to the name (" + name + "_0, " + name + "_1, ...)";
                findings.error(Check.SITE_IN_LOOP, m.name(), d.line(), "@Sample site '" + name + "' is inside a loop, so "
                        + "every iteration would sample the same name (an error at run time); index it: " + advice);
            }
        }
    }
}
