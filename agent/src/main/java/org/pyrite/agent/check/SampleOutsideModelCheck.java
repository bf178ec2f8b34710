package org.pyrite.agent.check;

import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.Role;
import org.pyrite.agent.description.SampleLocal;

/**
 * A {@code @Sample} local in code that belongs to no model or guide, nor to a helper one calls. A lambda's code belongs to
 * the method that creates the lambda, so a lambda in a plain overload of a model's name gets the
 * same error as that overload's own body.
 */
public final class SampleOutsideModelCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.description().methods()) {
            if (models.role(m) != Role.NONE || models.isHelperCode(m)) {
                continue;
            }
            String method = models.top(m).name();
            for (SampleLocal s : m.sampleLocals()) {
                findings.error(Check.SAMPLE_OUTSIDE_MODEL, m.name(), s.line(), "@Sample local '" + s.siteName()
                        + "' is in method '" + method + "', which is neither @Model nor @Guide, so it is not a site; "
                        + "annotate the method @Model (or @Guide(model = \"...\")), or call Pyrite.sample(name, dist)");
            }
        }
    }
}
