package org.pyrite.agent.core;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/** Small questions about a method's instructions: neighbours, lines, locals in scope, where a value goes. */
final class Bytecode {
    private Bytecode() {
    }

    static int index(InsnList insns, AbstractInsnNode n) {
        return n == null ? insns.size() : insns.indexOf(n);
    }

    /** The next instruction that executes (labels, frames and line numbers are not instructions). */
    static AbstractInsnNode nextReal(AbstractInsnNode n) {
        return realFrom(n.getNext());
    }

    static AbstractInsnNode prevReal(AbstractInsnNode n) {
        AbstractInsnNode x = n.getPrevious();
        while (x != null && x.getOpcode() < 0) {
            x = x.getPrevious();
        }
        return x;
    }

    /** {@code n} if it is an instruction, else the first instruction after it. */
    static AbstractInsnNode realFrom(AbstractInsnNode n) {
        AbstractInsnNode x = n;
        while (x != null && x.getOpcode() < 0) {
            x = x.getNext();
        }
        return x;
    }

    /**
     * The instruction that consumes the value {@code n} leaves on the stack: the next one, through
     * any {@code goto}s. Each branch of {@code c ? a : b} and of a switch expression ends with a
     * {@code goto} to the code that uses the result, so every branch's value finds the same consumer.
     */
    static AbstractInsnNode consumer(AbstractInsnNode n) {
        AbstractInsnNode x = nextReal(n);
        for (int hops = 0; x != null && x.getOpcode() == Opcodes.GOTO && hops < 64; hops++) {
            x = realFrom(((JumpInsnNode) x).label);
        }
        return x;
    }

    /** The source line of {@code n} (the nearest line entry before it), or the method's first line when n is null. */
    static int line(MethodNode mn, AbstractInsnNode n) {
        if (n != null) {
            for (AbstractInsnNode x = n; x != null; x = x.getPrevious()) {
                if (x instanceof LineNumberNode ln) {
                    return ln.line;
                }
            }
        }
        return firstLine(mn);
    }

    static int firstLine(MethodNode mn) {
        for (AbstractInsnNode x = mn.instructions.getFirst(); x != null; x = x.getNext()) {
            if (x instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }

    /** The named local at {@code slot} whose scope covers instruction index {@code at}, or null. */
    static LocalVariableNode localAt(MethodNode mn, int slot, int at) {
        if (mn.localVariables == null) {
            return null;
        }
        for (LocalVariableNode lv : mn.localVariables) {
            if (lv.index == slot && index(mn.instructions, lv.start) <= at && at < index(mn.instructions, lv.end)) {
                return lv;
            }
        }
        return null;
    }

    /** The named local called {@code name} whose scope covers instruction index {@code at}, or null. */
    static LocalVariableNode localNamed(MethodNode mn, String name, int at) {
        if (mn.localVariables == null) {
            return null;
        }
        for (LocalVariableNode lv : mn.localVariables) {
            if (lv.name.equals(name) && index(mn.instructions, lv.start) <= at && at < index(mn.instructions, lv.end)) {
                return lv;
            }
        }
        return null;
    }

    static boolean hasLocalNames(MethodNode mn) {
        return mn.localVariables != null && !mn.localVariables.isEmpty();
    }

    static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
