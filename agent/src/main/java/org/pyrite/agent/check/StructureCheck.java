package org.pyrite.agent.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pyrite.agent.description.Call;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.Structure;

/**
 * Whether a model's structure is static: dynamic when a branch or loop condition of its code (its
 * lambdas' and the helpers' it calls included) depends on a sampled value, or when it calls itself
 * again (recursion: the number of sites depends on the run). Recorded per model; each reason is also a finding
 * of severity info, since a dynamic model is no mistake.
 */
public final class StructureCheck implements ModelCheck {

    /**
     * One reason a model or guide is dynamic.
     *
     * @param text {@code File.java:line: ...}, as {@link org.pyrite.agent.ModelInfo#dynamicReasons()} lists it
     * @param body the method whose code it is in
     * @param branch the branch, or null when the data-flow could not run on that code
     */
    record Reason(String text, MethodDescription body, Structure.Branch branch) {
    }

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription top : models.modelsAndGuides()) {
            for (Reason r : reasons(models, top)) {
                if (r.branch() != null) {
                    findings.info(Check.STRUCTURE, r.body().name(), r.branch().line(), "the structure of " + models.kind(top)
                            + " '" + top.name() + "' is dynamic: " + what(r.branch()) + " depends on a sampled value, so it "
                            + "cannot be compiled to a static graph");
                }
            }
        }
    }

    /**
     * Why a model or guide is dynamic, each reason once, in code order.
     *
     * @param models the class
     * @param top a model or guide
     * @return the reasons; empty for a static structure
     */
    static List<Reason> reasons(Models models, MethodDescription top) {
        String file = models.description().file();
        List<Reason> out = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Map.Entry<MethodDescription, Call> r : models.recursiveCalls(top)) {
            Call c = r.getValue();
            String text = file + ":" + c.line() + ": a recursive call to '" + c.name() + "', so how many sites it draws "
                    + "depends on the run";
            if (!texts.contains(text)) {
                texts.add(text);
                out.add(new Reason(text, r.getKey(), null));
            }
        }
        for (MethodDescription body : models.code(top)) {
            Structure s = body.structure();
            if (s.analysis() == Structure.Analysis.FAILED) {
                String text = file + ":" + body.firstLine() + ": the data-flow analysis could not run; assumed dynamic";
                if (!texts.contains(text)) {
                    texts.add(text);
                    out.add(new Reason(text, body, null));
                }
                continue;
            }
            for (Structure.Branch b : s.branches()) {
                String text = file + ":" + b.line() + ": " + what(b) + " depends on a sampled value";
                if (!texts.contains(text)) {
                    texts.add(text);
                    out.add(new Reason(text, body, b));
                }
            }
        }
        return out;
    }

    private static String what(Structure.Branch b) {
        return b.loopCondition() ? "a loop condition" : "a branch";
    }
}
