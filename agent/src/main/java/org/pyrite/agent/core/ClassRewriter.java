package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Severity;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agent.check.BadParamCheck;
import org.pyrite.agent.check.Checks;
import org.pyrite.agent.check.ModelInfos;
import org.pyrite.agent.check.Models;
import org.pyrite.agent.description.ClassDescription;
import org.pyrite.agent.description.Role;

/**
 * The one transformation core every way in uses (the {@code -javaagent}, the executable jar's
 * {@code Launcher-Agent-Class}, self-attach, and build-time {@link org.pyrite.agent.Instrument}).
 * In three steps: {@link ClassExtractor} describes the class from its bytecode; the checks
 * ({@link Checks}) read that description; unless an error forbids it, the class's
 * {@link ClassNode} is rewritten in place ({@link SiteRewriter}, {@link ParamRewriter}).
 *
 * <p>Rewrites, all within basic blocks (stack map frames stay valid; only max stack grows):
 * <ul>
 *   <li>{@code dist.sample()} stored into a {@code @Sample} local of a {@code @Model}/{@code @Guide}
 *       method (or of a lambda it creates) becomes {@code Pyrite.sample(name, dist)} (or
 *       {@code Pyrite.sample(name, dist, obs)});
 *   <li>a read of a {@code @Param} field (of the class, a superclass, or an enclosing class)
 *       becomes {@code Pyrite.param(name, field, constraint)}.
 * </ul>
 * The rewritten code calls only the public runtime API ({@code org.pyrite.Pyrite},
 * {@code org.pyrite.distributions.constraints.Constraints}, {@code Tensor.select}) and the JDK.
 */
public final class ClassRewriter {
    private ClassRewriter() {
    }

    /**
     * The outcome of {@link #rewrite}.
     *
     * @param report the report
     * @param changed whether the node was changed
     */
    public record Result(ClassReport report, boolean changed) {
    }

    /**
     * A cheap test on raw class file bytes: does the constant pool name Pyrite's annotation
     * package? A class that does not is never touched (its bytes stay identical).
     *
     * @param classFile the class file
     * @return true when the class may use Pyrite's annotations
     */
    public static boolean mentionsAnnotations(byte[] classFile) {
        return Prefilter.mentionsAnnotations(classFile);
    }

    /**
     * Describes, checks and (unless a problem forbids it) rewrites {@code cn} in place.
     *
     * @param cn the class, read with its debug attributes and type annotations
     * @param types reads other classes' files: which are distributions, which fields are params
     * @param fatal when true, any error poisons the class: every method throws a
     *     {@link LinkageError} naming the problems
     * @return the report and whether {@code cn} changed
     */
    public static Result rewrite(ClassNode cn, TypeHierarchy types, boolean fatal) {
        String className = cn.name.replace('/', '.');
        if (Annotations.has(cn.invisibleAnnotations, Descriptors.MARKER) || Annotations.has(cn.visibleAnnotations, Descriptors.MARKER)) {
            return new Result(new ClassReport(className, ClassReport.Outcome.ALREADY_INSTRUMENTED, List.of(), List.of()), false);
        }
        ClassExtractor.Extraction extraction = ClassExtractor.extract(cn, types);
        ClassDescription description = extraction.description();
        List<Diagnostic> diagnostics = Checks.run(description);
        List<ModelInfo> models = ModelInfos.of(description, diagnostics);
        List<Diagnostic> errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (fatal && !errors.isEmpty()) {
            Poison.apply(cn, Poison.message(className, errors));
            return new Result(new ClassReport(className, ClassReport.Outcome.POISONED, models, diagnostics), true);
        }
        if (errors.stream().anyMatch(d -> d.check().blocksRewrite())) {
            return new Result(new ClassReport(className, ClassReport.Outcome.NOT_TRANSFORMED, models, diagnostics), false);
        }
        boolean changed = apply(extraction);
        if (changed) {
            if (cn.invisibleAnnotations == null) {
                cn.invisibleAnnotations = new ArrayList<>();
            }
            cn.invisibleAnnotations.add(new AnnotationNode(Descriptors.MARKER));
        }
        return new Result(new ClassReport(className, changed ? ClassReport.Outcome.TRANSFORMED : ClassReport.Outcome.UNCHANGED,
                models, diagnostics), changed);
    }

    /** Rewrites the good sites of models, guides and the helpers they call, and every read of a usable param. */
    private static boolean apply(ClassExtractor.Extraction extraction) {
        Models models = Models.of(extraction.description());
        boolean changed = false;
        for (ClassExtractor.Method m : extraction.methods()) {
            MethodExtractor.Extracted x = m.extracted();
            if (models.role(x.description()) != Role.NONE || models.isHelperCode(x.description())) {
                for (Draws.Found found : x.draws()) {
                    if (Models.isSite(x.description(), found.draw())) {
                        SiteRewriter.rewrite(m.node().instructions, found);
                        changed = true;
                    }
                }
            }
            for (MethodExtractor.ParamRead read : x.paramReads()) {
                if (BadParamCheck.problem(read.field()) == null) {
                    m.node().instructions.insert(read.insn(), ParamRewriter.code(read.field()));
                    changed = true;
                }
            }
        }
        return changed;
    }
}
