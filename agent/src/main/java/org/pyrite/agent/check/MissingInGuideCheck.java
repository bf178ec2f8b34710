package org.pyrite.agent.check;

import java.util.Map;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.SiteInfo;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.Role;

/**
 * A latent site of a model with no site in its guide (a warning: inference then draws it from the
 * prior). Only when the guide's sites are all known statically.
 */
public final class MissingInGuideCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription g : models.modelsAndGuides()) {
            if (g.role() != Role.GUIDE || !models.sitesComplete(g)) {
                continue;
            }
            models.modelOf(g).ifPresent(model -> {
                Map<String, SiteInfo> guideSites = models.siteMap(g);
                for (SiteInfo s : models.siteMap(model).values()) {
                    if (!s.observed() && !guideSites.containsKey(s.name()) && !g.observed().contains(s.name())) {
                        findings.warning(Check.MISSING_IN_GUIDE, model.name(), s.line(), "latent site '" + s.name()
                                + "' of model '" + model.name() + "' has no site in guide '" + g.name() + "' ("
                                + models.description().file() + ":" + g.firstLine() + "), so inference draws it from the "
                                + "prior; sample it in the guide, or, if it is conditioned at run time, list it: "
                                + "@Guide(model = \"" + model.name() + "\", observed = \"" + s.name() + "\")");
                    }
                }
            });
        }
    }
}
