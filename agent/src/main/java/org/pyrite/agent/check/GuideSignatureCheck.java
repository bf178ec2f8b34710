package org.pyrite.agent.check;

import java.util.List;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.Role;

/** A guide whose parameter list differs from its model's: a guide receives exactly its model's arguments. */
public final class GuideSignatureCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription g : models.modelsAndGuides()) {
            if (g.role() != Role.GUIDE) {
                continue;
            }
            models.modelOf(g).filter(model -> !model.parameterTypes().equals(g.parameterTypes())).ifPresent(model ->
                    findings.error(Check.GUIDE_SIGNATURE, g.name(), g.firstLine(), "guide '" + g.name() + "' takes "
                            + list(g.parameterTypes()) + " but its model '" + model.name() + "' takes "
                            + list(model.parameterTypes()) + "; a guide receives exactly its model's arguments"));
        }
    }

    private static String list(List<String> types) {
        return "(" + String.join(", ", types.stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList()) + ")";
    }
}
