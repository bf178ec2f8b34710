package org.pyrite.agent.check;

import java.util.ArrayList;
import java.util.List;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.Draw;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.ObservedReference;
import org.pyrite.agent.description.Reference;
import org.pyrite.agent.description.SampleSite;

/** {@code @Sample(indexedBy = ...)} or {@code @Sample(obs = ...)} naming nothing usable at the draw. */
public final class BadReferenceCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.modelAndGuideBodies()) {
            for (Draw d : m.draws()) {
                SampleSite s = d.site();
                if (s != null && s.name() != null && !s.shaped()) {
                    for (String problem : problems(m, s)) {
                        findings.error(Check.BAD_REFERENCE, m.name(), d.line(), problem);
                    }
                }
            }
        }
    }

    /**
     * What is wrong with the names a site refers to, one message each.
     *
     * @param m the method the site is in
     * @param s a named site without a sample shape
     * @return the problems; empty when every name is usable
     */
    static List<String> problems(MethodDescription m, SampleSite s) {
        List<String> out = new ArrayList<>();
        String hint = m.hasLocalNames() ? "" : " (the class has no local variable names: compile with -g)";
        for (Reference r : s.indexedBy()) {
            if (!r.resolved()) {
                out.add("@Sample site '" + s.name() + "': indexedBy names '" + r.name() + "', " + missing(r, "which is ") + hint);
            } else if (!ObservedValue.isInt(r.type()) && !r.type().equals("long")) {
                out.add("@Sample site '" + s.name() + "': indexedBy names '" + r.name() + "', which is a " + r.type()
                        + ", not an int or long" + hint);
            }
        }
        if (!s.obs().isEmpty()) {
            String problem = obsProblem(s.obs(), s.obsValue(), hint);
            if (problem != null) {
                out.add("@Sample site '" + s.name() + "': obs " + problem);
            }
        }
        return out;
    }

    private static String obsProblem(String obs, ObservedReference o, String hint) {
        if (o == null) {
            return "'" + obs + "' is not of the form name or name[i]";
        }
        Reference value = o.value();
        Reference index = o.index();
        if (!value.resolved()) {
            return "'" + value.name() + "' " + missing(value, "is ") + hint;
        }
        if (index != null && !index.resolved()) {
            return "index '" + index.name() + "' " + missing(index, "is ");
        }
        if (index != null && !ObservedValue.isInt(index.type())) {
            return "index '" + index.name() + "' is a " + index.type() + ", not an int";
        }
        if (ObservedValue.of(value.type(), index != null).isEmpty()) {
            return "'" + obs + "' is a " + value.type() + (index == null ? "" : " indexed by " + index.name())
                    + "; an observed value is a Tensor or a number (or an array of them, or a Tensor, indexed: name[i])";
        }
        return null;
    }

    /** Why a name resolves to nothing: not in scope, or in scope where the lambda is made but not captured. */
    private static String missing(Reference r, String verb) {
        if (r.uncapturedIn() == null) {
            return verb + "no local variable, parameter or field in scope here";
        }
        return verb + "a local of method '" + r.uncapturedIn() + "' that this lambda does not capture (javac passes a "
                + "lambda only the locals its body reads); read '" + r.name() + "' in the lambda's body (for example "
                + "copy it into a local there), or make it a field";
    }
}
