package org.pyrite.agent.check;

import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.Draw;
import org.pyrite.agent.description.MethodDescription;

/** {@code dist.sample(shape)} stored in a {@code @Sample} local: a site draws one value. */
public final class SampleShapeCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.modelAndGuideBodies()) {
            for (Draw d : m.draws()) {
                if (d.site() != null && d.site().name() != null && d.site().shaped()) {
                    String name = d.site().name();
                    findings.error(Check.SAMPLE_SHAPE, m.name(), d.line(), "@Sample site '" + name + "' draws "
                            + d.call().replace("()", "(shape)") + " with a sample shape, which a site cannot take; draw one "
                            + "value from an expanded distribution: @Sample Tensor " + name + " = dist.expand(n).sample();");
                }
            }
        }
    }
}
