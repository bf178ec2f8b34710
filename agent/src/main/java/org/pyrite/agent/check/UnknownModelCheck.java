package org.pyrite.agent.check;

import java.util.List;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.Role;

/** A guide naming no model of its class, and a method annotated both {@code @Model} and {@code @Guide}. */
public final class UnknownModelCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.modelsAndGuides()) {
            if (m.annotatedModel() && m.annotatedGuide()) {
                findings.error(Check.UNKNOWN_MODEL, m.name(), m.firstLine(), "method '" + m.name()
                        + "' is annotated both @Model and @Guide; a method is one or the other");
            }
        }
        for (MethodDescription g : models.modelsAndGuides()) {
            if (g.role() != Role.GUIDE || !models.modelsNamed(g).isEmpty()) {
                continue;
            }
            List<String> names = models.modelsAndGuides().stream().filter(x -> x.role() == Role.MODEL)
                    .map(MethodDescription::name).distinct().toList();
            findings.error(Check.UNKNOWN_MODEL, g.name(), g.firstLine(), "guide '" + g.name() + "' names model '"
                    + g.modelName() + "', but " + models.description().simpleName() + " has no @Model method of that name"
                    + (names.isEmpty() ? "; declare the model in the same class" : " (its models: " + String.join(", ", names) + ")"));
        }
    }
}
