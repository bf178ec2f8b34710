package org.pyrite.agent.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.description.ClassDescription;

/** Runs every load-time check on a class, in the order of the README's list. */
public final class Checks {
    private static final List<ModelCheck> ALL = List.of(
            // errors that leave the class as it was
            new UnnamedSiteCheck(), new SampleShapeCheck(), new BadReferenceCheck(), new NotADrawCheck(),
            new BadParamCheck(),
            // errors
            new GuideSignatureCheck(), new ExtraInGuideCheck(), new RandomnessCheck(), new UnnamedDrawCheck(),
            new SiteInLoopCheck(), new SampleOutsideModelCheck(), new UnknownModelCheck(),
            // warnings
            new MissingInGuideCheck(),
            // recorded per model
            new StructureCheck());

    private Checks() {
    }

    /**
     * Every check's findings on a class, ordered by source line (findings on one line in the
     * order of the list above), the way a compiler lists its messages.
     *
     * @param description the class
     * @return the findings
     */
    public static List<Diagnostic> run(ClassDescription description) {
        Models models = Models.of(description);
        Findings findings = new Findings(description);
        for (ModelCheck c : ALL) {
            c.run(models, findings);
        }
        List<Diagnostic> out = new ArrayList<>(findings.all());
        out.sort(Comparator.comparingInt(Diagnostic::line));
        return out;
    }
}
