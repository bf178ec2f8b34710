package org.pyrite.agent.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agent.description.ClassDescription;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.ParamField;
import org.pyrite.agent.description.Role;

/** What the registry keeps of each model and guide of a class: sites, params, structure, findings. */
public final class ModelInfos {
    private ModelInfos() {
    }

    /**
     * One entry per model and guide of the class, in class order.
     *
     * @param description the class
     * @param diagnostics the findings of {@link Checks#run} on it
     * @return the models and guides
     */
    public static List<ModelInfo> of(ClassDescription description, List<Diagnostic> diagnostics) {
        Models models = Models.of(description);
        List<ModelInfo> out = new ArrayList<>();
        for (MethodDescription m : models.modelsAndGuides()) {
            List<MethodDescription> bodies = models.code(m);
            Set<String> params = new LinkedHashSet<>();
            Set<String> own = new HashSet<>();
            for (MethodDescription body : bodies) {
                own.add(body.name());
                for (ParamField p : body.paramReads()) {
                    if (BadParamCheck.problem(p) == null) {
                        params.add(p.name());
                    }
                }
            }
            List<String> reasons = StructureCheck.reasons(models, m).stream().map(StructureCheck.Reason::text).toList();
            List<Diagnostic> ds = diagnostics.stream().filter(d -> own.contains(d.method())).toList();
            out.add(new ModelInfo(description.className(), m.name(), m.descriptor(),
                    m.role() == Role.MODEL ? ModelInfo.Kind.MODEL : ModelInfo.Kind.GUIDE, m.modelName(), models.sites(m),
                    new ArrayList<>(params), reasons.isEmpty(), reasons, models.sitesComplete(m), models.unknownSites(m), ds));
        }
        return out;
    }
}
