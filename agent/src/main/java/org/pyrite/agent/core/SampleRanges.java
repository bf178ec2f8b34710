package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.LocalVariableAnnotationNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The scope ranges of a method's {@code @Sample} locals, from the type annotations javac writes
 * for annotated locals (the annotation is on the local's type, with its slot and ranges).
 */
final class SampleRanges {
    private SampleRanges() {
    }

    /**
     * One range of a {@code @Sample} local.
     *
     * @param start the index of its first instruction
     * @param end the index after its last instruction
     * @param slot the local's slot
     * @param annotation the {@code @Sample} annotation
     */
    record Range(int start, int end, int slot, AnnotationNode annotation) {
        boolean covers(int slot, int at) {
            return this.slot == slot && start <= at && at < end;
        }
    }

    static List<Range> of(MethodNode mn) {
        List<Range> out = new ArrayList<>();
        for (List<LocalVariableAnnotationNode> list : Arrays.asList(mn.invisibleLocalVariableAnnotations,
                mn.visibleLocalVariableAnnotations)) {
            if (list == null) {
                continue;
            }
            for (LocalVariableAnnotationNode a : list) {
                if (!a.desc.equals(Descriptors.SAMPLE) || a.typePath != null && a.typePath.getLength() > 0) {
                    continue;
                }
                for (int i = 0; i < a.start.size(); i++) {
                    out.add(new Range(mn.instructions.indexOf(a.start.get(i)), mn.instructions.indexOf(a.end.get(i)),
                            a.index.get(i), a));
                }
            }
        }
        return out;
    }

    /** The store that starts a range (the assignment right before the local comes into scope), or null. */
    static VarInsnNode definingStore(MethodNode mn, Range r) {
        if (r.start < 0 || r.start >= mn.instructions.size()) {
            return null;
        }
        AbstractInsnNode p = Bytecode.prevReal(mn.instructions.get(r.start));
        return p instanceof VarInsnNode v && v.getOpcode() == Opcodes.ASTORE && v.var == r.slot ? v : null;
    }
}
