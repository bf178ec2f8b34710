package org.pyrite.agent.core;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.pyrite.agent.description.Reference;

/**
 * Resolves the names an annotation writes ({@code indexedBy}, {@code obs}) at an instruction: a
 * local or parameter in scope there, else a field of the class the method can read.
 */
final class References {
    private final ClassNode cn;
    private final Lambdas lambdas;

    References(ClassNode cn, Lambdas lambdas) {
        this.cn = cn;
        this.lambdas = lambdas;
    }

    /**
     * A readable value, and how to load it.
     *
     * @param type its type
     * @param slot its local slot (for a local or parameter)
     * @param field the field (for a field), else null
     * @param owner the class declaring the field (for a field), else null
     */
    record Ref(Type type, int slot, FieldNode field, String owner) {
        InsnList load() {
            InsnList l = new InsnList();
            if (field == null) {
                l.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), slot));
            } else if ((field.access & Opcodes.ACC_STATIC) != 0) {
                l.add(new FieldInsnNode(Opcodes.GETSTATIC, owner, field.name, field.desc));
            } else {
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                l.add(new FieldInsnNode(Opcodes.GETFIELD, owner, field.name, field.desc));
            }
            return l;
        }
    }

    /** What {@code name} refers to at instruction index {@code at} of {@code mn}, or null. */
    Ref find(MethodNode mn, String name, int at) {
        LocalVariableNode lv = Bytecode.localNamed(mn, name, at);
        if (lv != null) {
            return new Ref(Type.getType(lv.desc), lv.index, null, null);
        }
        for (FieldNode f : cn.fields) {
            if (f.name.equals(name) && ((f.access & Opcodes.ACC_STATIC) != 0 || (mn.access & Opcodes.ACC_STATIC) == 0)) {
                return new Ref(Type.getType(f.desc), -1, f, cn.name);
            }
        }
        return null;
    }

    /**
     * The description of a name resolved by {@link #find}. When it resolved to nothing inside a
     * lambda body, says whether the method creating the lambda has a local of that name in scope
     * there, which the lambda does not capture.
     */
    Reference describe(MethodNode mn, String name, Ref found) {
        if (found != null) {
            return new Reference(name, found.type().getClassName(), null);
        }
        Lambdas.Creation c = lambdas.creation(mn);
        if (c != null && Bytecode.localNamed(c.creator(), name, c.creator().instructions.indexOf(c.at())) != null) {
            return new Reference(name, null, lambdas.declaringMethod(mn).name);
        }
        return new Reference(name, null, null);
    }
}
