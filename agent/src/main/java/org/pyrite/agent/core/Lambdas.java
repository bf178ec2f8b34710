package org.pyrite.agent.core;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which method creates each lambda body of a class, from the body's name: javac names the body of
 * a lambda in {@code scale} {@code lambda$scale$0}, and the first model or guide of that name is
 * taken as its creator.
 */
final class Lambdas {
    private static final Pattern LAMBDA = Pattern.compile("lambda\\$(.+)\\$\\d+");

    /**
     * Where a lambda is created.
     *
     * @param creator the method whose code creates it
     * @param at the {@code invokedynamic} that creates it (not known from a name)
     */
    record Creation(MethodNode creator, InvokeDynamicInsnNode at) {
    }

    private final Map<MethodNode, Creation> creations = new IdentityHashMap<>();

    private Lambdas() {
    }

    static Lambdas of(ClassNode cn) {
        Lambdas l = new Lambdas();
        for (MethodNode body : cn.methods) {
            Matcher m = LAMBDA.matcher(body.name);
            if ((body.access & Opcodes.ACC_SYNTHETIC) == 0 || !m.matches()) {
                continue;
            }
            for (MethodNode creator : cn.methods) {
                if (creator.name.equals(m.group(1))
                        && (Annotations.find(creator.visibleAnnotations, creator.invisibleAnnotations, Descriptors.MODEL) != null
                                || Annotations.find(creator.visibleAnnotations, Descriptors.GUIDE) != null)) {
                    l.creations.put(body, new Creation(creator, null));
                    break;
                }
            }
        }
        return l;
    }

    /** Where {@code body} is created, or null when it is no lambda body of a model or guide of this class. */
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
