package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.TypeReference;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableAnnotationNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.pyrite.agent.description.RecordedLocal;

/**
 * Writes the javac plugin's records into a class file javac has just written: for each
 * assignment of a {@code @Sample} local, an invisible {@code @CompiledSample} type annotation on
 * the instruction after the store (the range the agent looks at), with the local's name, its
 * declaration's position and its {@code @Sample} values. Only labels and annotations are added:
 * the code, and so its stack map frames, stay as javac wrote them.
 *
 * <p>A store is found by its slot (javac's, read from the tree after code generation) among the
 * instructions of the assignment's source lines, in whichever method holds them (a lambda's body
 * is a method of its own).
 */
public final class SampleRecorder {
    private SampleRecorder() {
    }

    /**
     * What the recording did.
     *
     * @param classFile the class file with the records, or null when there was nothing to record
     * @param unmatched the assignments whose store was not found, as {@code name (line N)}: the
     *     plugin reports these (for example code compiled without line numbers)
     */
    public record Result(byte[] classFile, List<String> unmatched) {
    }

    /**
     * Records {@code locals} in {@code classFile}.
     *
     * @param classFile the class file as javac wrote it
     * @param locals the {@code @Sample} locals of the class's source
     * @return the new class file and what could not be placed
     */
    public static Result record(byte[] classFile, List<RecordedLocal> locals) {
        if (locals.isEmpty()) {
            return new Result(null, List.of());
        }
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        List<String> unmatched = new ArrayList<>();
        boolean any = false;
        for (RecordedLocal local : locals) {
            for (int k = 0; k < local.stores().size(); k++) {
                RecordedLocal.Store store = local.stores().get(k);
                boolean found = false;
                for (MethodNode mn : cn.methods) {
                    for (AbstractInsnNode n : mn.instructions.toArray()) {
                        if (n instanceof VarInsnNode v && v.getOpcode() == Opcodes.ASTORE && v.var == store.slot()) {
                            int line = Bytecode.line(mn, n);
                            if (line >= store.firstLine() && line <= store.lastLine()) {
                                annotate(mn, v, local, k);
                                found = true;
                            }
                        }
                    }
                }
                if (found) {
                    any = true;
                } else {
                    unmatched.add(local.name() + " (line " + store.firstLine() + ")");
                }
            }
        }
        if (!any) {
            return new Result(null, unmatched);
        }
        ClassWriter writer = new ClassWriter(0);
        cn.accept(writer);
        return new Result(writer.toByteArray(), unmatched);
    }

    private static void annotate(MethodNode mn, VarInsnNode store, RecordedLocal local, int assignment) {
        AbstractInsnNode next = Bytecode.nextReal(store);
        if (next == null) {
            return;
        }
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        mn.instructions.insert(store, start);
        mn.instructions.insert(next, end);
        LocalVariableAnnotationNode a = new LocalVariableAnnotationNode(
                TypeReference.newTypeReference(TypeReference.LOCAL_VARIABLE).getValue(), null, new LabelNode[] {start},
                new LabelNode[] {end}, new int[] {store.var}, Descriptors.COMPILED_SAMPLE);
        a.visit("name", local.name());
        a.visit("line", local.line());
        a.visit("column", local.column());
        if (assignment > 0) {
            a.visit("assignment", assignment);
        }
        if (!local.value().isEmpty()) {
            a.visit("value", local.value());
        }
        if (!local.obs().isEmpty()) {
            a.visit("obs", local.obs());
        }
        if (!local.indexedBy().isEmpty()) {
            var array = a.visitArray("indexedBy");
            for (String s : local.indexedBy()) {
                array.visit(null, s);
            }
            array.visitEnd();
        }
        if (mn.invisibleLocalVariableAnnotations == null) {
            mn.invisibleLocalVariableAnnotations = new ArrayList<>();
        }
        mn.invisibleLocalVariableAnnotations.add(a);
    }
}
