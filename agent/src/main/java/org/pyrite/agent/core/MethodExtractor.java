package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.pyrite.agent.description.Call;
import org.pyrite.agent.description.ExplicitSite;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.ParamField;
import org.pyrite.agent.description.Structure;

/** Describes one method from its code, and keeps the instructions the rewrite will replace. */
final class MethodExtractor {
    private final ClassNode cn;
    private final Draws draws;
    private final ParamFields params;

    MethodExtractor(ClassNode cn, Draws draws, ParamFields params) {
        this.cn = cn;
        this.draws = draws;
        this.params = params;
    }

    /**
     * A described method and its links back to the code.
     *
     * @param description the method as the checks see it
     * @param draws its draws, with their instructions
     * @param paramReads its reads of {@code @Param} fields, with their instructions
     */
    record Extracted(MethodDescription description, List<Draws.Found> draws, List<ParamRead> paramReads) {
    }

    /** A read of a {@code @Param} field. */
    record ParamRead(FieldInsnNode insn, ParamField field) {
    }

    /**
     * Describes {@code mn}.
     *
     * @param origin whether the source declares it, or it is a lambda body or another compiler-made method
     * @param enclosing for a lambda body, the key of the method that creates it, else null
     * @param inModel whether its code belongs to a model or guide (then its structure and explicit sites are read)
     */
    Extracted extract(MethodNode mn, MethodDescription.Origin origin, String enclosing, boolean inModel) {
        AnnotationNode guide = Annotations.find(mn.visibleAnnotations, Descriptors.GUIDE);
        boolean model = Annotations.find(mn.visibleAnnotations, mn.invisibleAnnotations, Descriptors.MODEL) != null;
        List<SampleRanges.Range> ranges = SampleRanges.of(mn);
        SourceLoops loops = SourceLoops.of(mn);
        List<Draws.Found> found = draws.draws(mn, ranges, loops);
        List<ExplicitSite> explicit = new ArrayList<>();
        Structure structure = inModel ? structure(mn, loops, explicit) : Structure.SKIPPED;
        List<ParamRead> reads = new ArrayList<>();
        if (!mn.name.equals("<init>") && !mn.name.equals("<clinit>")) {
            for (AbstractInsnNode n : mn.instructions) {
                ParamField p = params.read(n);
                if (p != null) {
                    reads.add(new ParamRead((FieldInsnNode) n, p));
                }
            }
        }
        List<String> parameterTypes = new ArrayList<>();
        for (Type t : Type.getArgumentTypes(mn.desc)) {
            parameterTypes.add(t.getClassName());
        }
        MethodDescription d = new MethodDescription(mn.name, mn.desc, parameterTypes, origin, enclosing, model,
                guide != null, guide == null ? "" : Annotations.string(guide, "model", ""),
                guide == null ? List.of() : Annotations.strings(guide, "observed"), Bytecode.firstLine(mn),
                Bytecode.hasLocalNames(mn), draws.sampleLocals(mn, ranges), found.stream().map(Draws.Found::draw).toList(),
                explicit, calls(mn), structure, reads.stream().map(ParamRead::field).toList());
        return new Extracted(d, found, reads);
    }

    private static boolean isExplicitSample(AbstractInsnNode n) {
        return n instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC && m.owner.equals(Descriptors.PYRITE)
                && m.name.equals("sample");
    }

    /** Every call but draws and explicit samples. */
    private List<Call> calls(MethodNode mn) {
        List<Call> out = new ArrayList<>();
        for (AbstractInsnNode n : mn.instructions) {
            if (n instanceof MethodInsnNode c && !draws.isDraw(c) && !isExplicitSample(c)) {
                out.add(new Call(Type.getObjectType(c.owner).getClassName(), c.name, c.desc, Bytecode.line(mn, c)));
            }
        }
        return out;
    }

    /**
     * The branches that depend on a sampled value, by a data-flow from draws, explicit samples and
     * {@code Model.call}; on the way, the names of explicit sites that are string constants.
     */
    private Structure structure(MethodNode mn, SourceLoops loops, List<ExplicitSite> explicit) {
        Frame<Flow.TValue>[] frames = Flow.analyze(cn.name, mn, n -> draws.isDraw(n)
                || n instanceof MethodInsnNode c && c.owner.equals(Descriptors.MODEL_INTERFACE) && c.name.equals("call")
                || isExplicitSample(n) && ((MethodInsnNode) n).desc.startsWith("(" + Descriptors.STRING_DESC + Descriptors.DIST_DESC));
        if (frames == null) {
            return new Structure(Structure.Analysis.FAILED, List.of());
        }
        List<Structure.Branch> branches = new ArrayList<>();
        AbstractInsnNode[] insns = mn.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            AbstractInsnNode n = insns[i];
            Frame<Flow.TValue> f = frames[i];
            if (f == null) {
                continue;
            }
            if (isExplicitSample(n)) {
                int args = Type.getArgumentTypes(((MethodInsnNode) n).desc).length;
                if (args >= 2 && f.getStackSize() >= args) {
                    Flow.TValue name = f.getStack(f.getStackSize() - args);
                    explicit.add(new ExplicitSite(name.constant, args == 3, Bytecode.line(mn, n)));
                }
            }
            if (Flow.tested(n, f).stream().anyMatch(v -> v.tainted)) {
                branches.add(new Structure.Branch(Bytecode.line(mn, n), loops.isLoopCondition(n, i)));
            }
        }
        return new Structure(Structure.Analysis.DONE, branches);
    }
}
