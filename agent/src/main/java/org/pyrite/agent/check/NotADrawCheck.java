package org.pyrite.agent.check;

import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.SampleLocal;

/** A {@code @Sample} local assigned something other than a draw (or null, to be assigned later). */
public final class NotADrawCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.modelAndGuideBodies()) {
            for (SampleLocal s : m.sampleLocals()) {
                if (s.assignment() == SampleLocal.Assignment.OTHER) {
                    String name = s.localName();
                    findings.error(Check.NOT_A_DRAW, m.name(), s.line(), "@Sample local '" + name + "' is not assigned a "
                            + "draw: a @Sample local takes dist.sample() (or starts as null) (for example @Sample Tensor "
                            + name + " = Normal.of(0.0, 1.0).sample();); keep a derived value in a plain local");
                }
            }
        }
    }
}
