package org.pyrite.agent.check;

import java.util.Map;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.SiteInfo;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.Role;
import org.pyrite.diagnostics.Names;

/**
 * A guide sampling a site its model lacks (an error, with "did you mean"), or one its model
 * observes (a warning). Only when the model's sites are all known statically.
 */
public final class ExtraInGuideCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription g : models.modelsAndGuides()) {
            if (g.role() != Role.GUIDE) {
                continue;
            }
            models.modelOf(g).filter(models::sitesComplete).ifPresent(model -> {
                Map<String, SiteInfo> modelSites = models.siteMap(model);
                for (SiteInfo s : models.siteMap(g).values()) {
                    SiteInfo same = modelSites.get(s.name());
                    if (same == null) {
                        findings.error(Check.EXTRA_IN_GUIDE, g.name(), s.line(), "guide '" + g.name() + "' samples '"
                                + s.name() + "', which its model '" + model.name() + "' does not"
                                + Names.closest(s.name(), modelSites.keySet()).map(best -> " (did you mean '" + best + "'?)")
                                        .orElse(modelSites.isEmpty() ? "" : " (its sites: "
                                                + String.join(", ", modelSites.keySet()) + ")")
                                + "; a guide site must match a latent site of the model by name");
                    } else if (same.observed()) {
                        findings.warning(Check.EXTRA_IN_GUIDE, g.name(), s.line(), "guide '" + g.name() + "' samples '"
                                + s.name() + "', which model '" + model.name() + "' observes; a guide samples latent sites only");
                    }
                }
            });
        }
    }
}
