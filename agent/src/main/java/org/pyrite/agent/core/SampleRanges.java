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
 * for annotated locals (the annotation is on the local's type, with its slot and ranges), and from
 * the {@code @CompiledSample} records of Pyrite's javac plugin, which cover what javac leaves out
 * ({@code var} locals, a block's last local, names without {@code -g}).
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
     * @param annotation the {@code @Sample} annotation, or the plugin's {@code @CompiledSample}
     *     record (which carries the same {@code value}, {@code obs} and {@code indexedBy})
     * @param recordedName for a {@code @CompiledSample} record, the local's name in source; null
     *     for a range javac wrote
     */
    record Range(int start, int end, int slot, AnnotationNode annotation, String recordedName) {
        boolean covers(int slot, int at) {
            return this.slot == slot && start <= at && at < end;
        }

        boolean recorded() {
            return recordedName != null;
        }

        /** Whether the plugin recorded this as a later assignment of its local, which starts no range of its own. */
        boolean laterAssignment() {
            return recorded() && Annotations.number(annotation, "assignment", 0) > 0;
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
                boolean sample = a.desc.equals(Descriptors.SAMPLE);
                if (!sample && !a.desc.equals(Descriptors.COMPILED_SAMPLE) || a.typePath != null && a.typePath.getLength() > 0) {
                    continue;
                }
                String recordedName = sample ? null : Annotations.string(a, "name", "");
                for (int i = 0; i < a.start.size(); i++) {
                    out.add(new Range(mn.instructions.indexOf(a.start.get(i)), mn.instructions.indexOf(a.end.get(i)),
                            a.index.get(i), a, recordedName));
                }
            }
        }
        return out;
    }

    /**
     * The range that makes a store at {@code slot} (with {@code at} the index of the instruction
     * after it) a {@code @Sample} assignment: javac's own range first, else the plugin's record.
     *
     * @return the range, or null when the local is no {@code @Sample} local
     */
    static Range covering(List<Range> ranges, int slot, int at) {
        Range recorded = null;
        for (Range r : ranges) {
            if (r.covers(slot, at)) {
                if (!r.recorded()) {
                    return r;
                }
                if (recorded == null) {
                    recorded = r;
                }
            }
        }
        return recorded;
    }

    /**
     * The local's name as the plugin recorded it for a store at {@code slot}, {@code at} the
     * index of the instruction after it.
     *
     * @return the name, or null when the plugin recorded nothing there
     */
    static String recordedName(List<Range> ranges, int slot, int at) {
        for (Range r : ranges) {
            if (r.recorded() && r.covers(slot, at)) {
                return r.recordedName();
            }
        }
        return null;
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
