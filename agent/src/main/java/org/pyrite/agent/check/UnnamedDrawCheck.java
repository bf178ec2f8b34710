package org.pyrite.agent.check;

import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.Draw;
import org.pyrite.agent.description.MethodDescription;

/** A {@code dist.sample()} in a model or guide whose value is not stored in a {@code @Sample} local. */
public final class UnnamedDrawCheck implements ModelCheck {
    private static final String ADVICE =
            "; store it in a @Sample local (@Sample Tensor x = dist.sample();) or call Pyrite.sample(\"x\", dist)";

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.modelAndGuideBodies()) {
            for (Draw d : m.draws()) {
                if (d.target() != Draw.Target.SAMPLE_LOCAL) {
                    findings.error(Check.UNNAMED_DRAW, m.name(), d.line(), d.call() + " in " + models.describe(m)
                            + " is not a site, so Pyrite's handlers never see it (replay, "
                            + "conditioning and tracing miss it): " + reason(d));
                }
            }
        }
    }

    private static String reason(Draw d) {
        return switch (d.target()) {
            case USED_DIRECTLY -> "its result is used directly rather than stored in a @Sample local" + ADVICE;
            case PLAIN_LOCAL -> "it is stored in local '" + d.localName() + "', which is not annotated @Sample; annotate it "
                    + "(@Sample Tensor " + d.localName() + " = ...) or call Pyrite.sample(\"" + d.localName() + "\", dist). "
                    + "(javac drops @Sample written on 'var' or on a qualified type name: write the type by its simple name, or "
                    + "compile with Pyrite's javac plugin, -Xplugin:Pyrite, which keeps it)";
            case UNNAMED_LOCAL -> "it is stored in a local, but the class has no local variable table to tell whether that "
                    + "local is @Sample (compile with -g, as Maven does by default)" + ADVICE;
            case UNRECORDED_LOCAL -> "the class file records nothing about the local it is stored in. If that local is "
                    + "declared '@Sample Tensor x = dist.sample();' as the last statement of a block (a loop body, an if "
                    + "branch), javac keeps neither the local nor its annotation: declare it before the block and assign "
                    + "it inside ('@Sample(...) Tensor x; for (...) { x = dist.sample(); }'), or use its value afterwards, or "
                    + "compile with Pyrite's javac plugin (-Xplugin:Pyrite), which records it";
            case SAMPLE_LOCAL -> throw new IllegalArgumentException("a site");
        };
    }
}
