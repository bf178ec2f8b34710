package org.pyrite.agent.core;

import java.util.IdentityHashMap;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which method creates each lambda body of a class: the one whose code holds the
 * {@code invokedynamic} that names the body as its implementation. The body's name
 * ({@code lambda$scale$0}) is no guide: overloads share a name, and other compilers name bodies
 * differently.
 */
final class Lambdas {
    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    /**
     * Where a lambda is created.
     *
     * @param creator the method whose code creates it
     * @param at the {@code invokedynamic} that creates it
     */
    record Creation(MethodNode creator, InvokeDynamicInsnNode at) {
    }

    private final Map<MethodNode, Creation> creations = new IdentityHashMap<>();

    private Lambdas() {
    }

    static Lambdas of(ClassNode cn) {
        Lambdas l = new Lambdas();
        for (MethodNode creator : cn.methods) {
            for (AbstractInsnNode n : creator.instructions) {
                if (n instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(METAFACTORY)
                        && indy.bsmArgs.length > 1 && indy.bsmArgs[1] instanceof Handle h && h.getOwner().equals(cn.name)) {
                    MethodNode body = method(cn, h.getName(), h.getDesc());
                    if (body != null && body != creator && (body.access & Opcodes.ACC_SYNTHETIC) != 0) {
                        l.creations.putIfAbsent(body, new Creation(creator, indy));
                    }
                }
            }
        }
        return l;
    }

    private static MethodNode method(ClassNode cn, String name, String desc) {
        for (MethodNode mn : cn.methods) {
            if (mn.name.equals(name) && mn.desc.equals(desc)) {
                return mn;
            }
        }
        return null;
    }

    /** Where {@code body} is created, or null when it is no lambda body of this class. */
    Creation creation(MethodNode body) {
        return creations.get(body);
    }

    /** The method the source declares whose code (through any nesting of lambdas) creates {@code body}. */
    MethodNode declaringMethod(MethodNode body) {
        MethodNode x = body;
        for (int depth = 0; depth < 64; depth++) {
            Creation c = creations.get(x);
            if (c == null) {
                return x;
            }
            x = c.creator();
        }
        return x;
    }
}
