package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.pyrite.agent.Diagnostic;

/** Under the {@code fatal} switch: a class with errors gets methods that all throw a {@link LinkageError} naming them. */
final class Poison {
    private Poison() {
    }

    /** The message: names the class and lists its errors. */
    static String message(String className, List<Diagnostic> errors) {
        StringBuilder sb = new StringBuilder("[pyrite-agent] ").append(className)
                .append(" cannot be used: the Pyrite agent found errors and runs with the fatal switch on "
                        + "(pyrite.agent.fatal / -javaagent:pyrite-agent.jar=fatal):");
        for (Diagnostic d : errors) {
            sb.append("\n  ").append(d);
        }
        return sb.length() > 60_000 ? sb.substring(0, 60_000) + "..." : sb.toString();
    }

    static void apply(ClassNode cn, String message) {
        for (MethodNode mn : cn.methods) {
            if ((mn.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                continue;
            }
            InsnList l = new InsnList();
            l.add(new TypeInsnNode(Opcodes.NEW, "java/lang/LinkageError"));
            l.add(new InsnNode(Opcodes.DUP));
            l.add(new LdcInsnNode(message));
            l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/LinkageError", "<init>", "(Ljava/lang/String;)V", false));
            l.add(new InsnNode(Opcodes.ATHROW));
            mn.instructions = l;
            mn.tryCatchBlocks = new ArrayList<>();
            mn.localVariables = null;
            mn.visibleLocalVariableAnnotations = null;
            mn.invisibleLocalVariableAnnotations = null;
            mn.maxStack = 3;
            mn.maxLocals = Type.getArgumentsAndReturnSizes(mn.desc) >> 2;
        }
    }
}
