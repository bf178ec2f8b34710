package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.pyrite.agent.description.Draw;
import org.pyrite.agent.description.ObsExpression;
import org.pyrite.agent.description.ObservedReference;
import org.pyrite.agent.description.Reference;
import org.pyrite.agent.description.SampleLocal;
import org.pyrite.agent.description.SampleSite;

/**
 * Reads a method's draws and {@code @Sample} locals from its code: where each draw's value goes
 * (through the {@code goto}s that end the branches of a conditional or switch expression), and for
 * a draw stored into a {@code @Sample} local, the site it makes, with the names it refers to resolved.
 */
final class Draws {
    private final TypeHierarchy types;
    private final References references;

    Draws(TypeHierarchy types, References references) {
        this.types = types;
        this.references = references;
    }

    /** A draw with what its rewrite needs: the call, and the values its site's name and observation read. */
    record Found(Draw draw, MethodInsnNode insn, List<References.Ref> indexedBy, References.Ref obsValue,
            References.Ref obsIndex) {
    }

    boolean isDraw(AbstractInsnNode n) {
        return n instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKEVIRTUAL
                && (m.name.equals("sample") || m.name.equals("rsample")) && m.desc.equals(Descriptors.DRAW_DESC)
                && types.isDistribution(m.owner);
    }

    List<Found> draws(MethodNode mn, List<SampleRanges.Range> ranges, SourceLoops loops) {
        List<Found> out = new ArrayList<>();
        for (AbstractInsnNode n : mn.instructions.toArray()) {
            if (isDraw(n)) {
                out.add(draw(mn, (MethodInsnNode) n, ranges, loops));
            }
        }
        return out;
    }

    private Found draw(MethodNode mn, MethodInsnNode draw, List<SampleRanges.Range> ranges, SourceLoops loops) {
        String call = Bytecode.simpleName(draw.owner) + "." + draw.name + "()";
        int line = Bytecode.line(mn, draw);
        AbstractInsnNode consumer = Bytecode.consumer(draw);
        VarInsnNode store = consumer instanceof VarInsnNode v && v.getOpcode() == Opcodes.ASTORE ? v : null;
        int after = store == null ? -1 : Bytecode.index(mn.instructions, Bytecode.nextReal(store));
        SampleRanges.Range range = store == null ? null : SampleRanges.covering(ranges, store.var, after);
        if (range == null) {
            LocalVariableNode lv = store == null ? null : Bytecode.localAt(mn, store.var, after);
            Draw.Target target = store == null ? Draw.Target.USED_DIRECTLY : lv != null ? Draw.Target.PLAIN_LOCAL
                    : Bytecode.hasLocalNames(mn) ? Draw.Target.UNRECORDED_LOCAL : Draw.Target.UNNAMED_LOCAL;
            return new Found(new Draw(call, line, target, lv == null ? null : lv.name, null), draw, List.of(), null, null);
        }
        String explicit = Annotations.string(range.annotation(), "value", "");
        LocalVariableNode lv = Bytecode.localAt(mn, store.var, after);
        String name = !explicit.isEmpty() ? explicit : lv != null ? lv.name
                : SampleRanges.recordedName(ranges, store.var, after);
        int at = Bytecode.index(mn.instructions, draw);
        List<Reference> indexedBy = new ArrayList<>();
        List<References.Ref> indexRefs = new ArrayList<>();
        for (String raw : Annotations.strings(range.annotation(), "indexedBy")) {
            String idx = raw.trim();
            References.Ref ref = references.find(mn, idx, at);
            indexRefs.add(ref);
            indexedBy.add(references.describe(mn, idx, ref));
        }
        String obs = Annotations.string(range.annotation(), "obs", "");
        ObservedReference observed = null;
        References.Ref obsValue = null;
        References.Ref obsIndex = null;
        ObsExpression expression = obs.isEmpty() ? null : ObsExpression.parse(obs).orElse(null);
        if (expression != null) {
            obsValue = references.find(mn, expression.value(), at);
            obsIndex = expression.index() == null ? null : references.find(mn, expression.index(), at);
            observed = new ObservedReference(references.describe(mn, expression.value(), obsValue),
                    expression.index() == null ? null : references.describe(mn, expression.index(), obsIndex));
        }
        SampleSite site = new SampleSite(name, !emptyShape(draw), indexedBy, obs, observed,
                loops.loopAt(Bytecode.index(mn.instructions, store)));
        return new Found(new Draw(call, line, Draw.Target.SAMPLE_LOCAL, null, site), draw, indexRefs, obsValue, obsIndex);
    }

    /** Whether the draw passes no shape: {@code sample()} compiles to {@code iconst_0; newarray int; invokevirtual}. */
    private static boolean emptyShape(MethodInsnNode draw) {
        AbstractInsnNode p1 = Bytecode.prevReal(draw);
        AbstractInsnNode p2 = p1 == null ? null : Bytecode.prevReal(p1);
        if (!(p1 instanceof IntInsnNode arr && arr.getOpcode() == Opcodes.NEWARRAY && arr.operand == Opcodes.T_INT)
                || p2 == null || p2.getOpcode() != Opcodes.ICONST_0) {
            return false;
        }
        for (AbstractInsnNode x = p2.getNext(); x != null && x != draw; x = x.getNext()) {
            if (x.getType() == AbstractInsnNode.FRAME) {
                return false; // a jump lands between: the array is not this call's alone
            }
        }
        return true;
    }

    /** The {@code @Sample} locals of a method, one per range, with what starts each range. */
    List<SampleLocal> sampleLocals(MethodNode mn, List<SampleRanges.Range> ranges) {
        List<SampleLocal> out = new ArrayList<>();
        for (SampleRanges.Range r : ranges) {
            VarInsnNode store = SampleRanges.definingStore(mn, r);
            int after = store == null ? r.start() : Bytecode.index(mn.instructions, Bytecode.nextReal(store));
            if (r.laterAssignment() || r.recorded() && SampleRanges.covering(ranges, r.slot(), after) != r) {
                continue; // not where the local starts, or javac recorded it itself: the plugin's record only names it
            }
            LocalVariableNode lv = Bytecode.localAt(mn, r.slot(), r.start());
            String recorded = SampleRanges.recordedName(ranges, r.slot(), after);
            out.add(new SampleLocal(Annotations.string(r.annotation(), "value", ""),
                    lv != null ? lv.name : recorded != null ? recorded : "#" + r.slot(),
                    Bytecode.line(mn, store), store == null ? SampleLocal.Assignment.NONE : assignment(mn, store)));
        }
        return out;
    }

    /** What a store stores: every instruction whose value it consumes (one per branch of a conditional expression). */
    private SampleLocal.Assignment assignment(MethodNode mn, VarInsnNode store) {
        boolean draw = false;
        boolean any = false;
        for (AbstractInsnNode p : mn.instructions) {
            if (p.getOpcode() < 0 || p == store || transfersControl(p) || Bytecode.consumer(p) != store) {
                continue;
            }
            any = true;
            if (isDraw(p)) {
                draw = true;
            } else if (p.getOpcode() != Opcodes.ACONST_NULL) {
                return SampleLocal.Assignment.OTHER;
            }
        }
        return !any ? SampleLocal.Assignment.OTHER : draw ? SampleLocal.Assignment.DRAW : SampleLocal.Assignment.NULL;
    }

    private static boolean transfersControl(AbstractInsnNode p) {
        int op = p.getOpcode();
        return p instanceof JumpInsnNode || p instanceof TableSwitchInsnNode || p instanceof LookupSwitchInsnNode
                || op >= Opcodes.IRETURN && op <= Opcodes.RETURN || op == Opcodes.ATHROW;
    }
}
