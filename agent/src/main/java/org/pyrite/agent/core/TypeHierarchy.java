package org.pyrite.agent.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Answers questions about other classes from their class files, without loading any class (an
 * agent must not load classes while the JVM is loading one): is this class a
 * {@code org.pyrite.distributions.Distribution}, and what fields (with their annotations) does it declare.
 */
public final class TypeHierarchy {
    static final String DISTRIBUTION = "org/pyrite/distributions/Distribution";

    private final Function<String, byte[]> classFiles;
    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();
    private final Map<String, Optional<ClassNode>> declarations = new ConcurrentHashMap<>();

    private TypeHierarchy(Function<String, byte[]> classFiles) {
        this.classFiles = classFiles;
    }

    /**
     * Reads class files through a function from internal name to bytes (null when absent).
     *
     * @param classFiles the class file source
     * @return a hierarchy
     */
    public static TypeHierarchy of(Function<String, byte[]> classFiles) {
        return new TypeHierarchy(classFiles);
    }

    /**
     * Reads class files as resources of {@code loader} (the system loader when null).
     *
     * @param loader the class loader of the class being transformed
     * @return a hierarchy
     */
    public static TypeHierarchy of(ClassLoader loader) {
        return of(name -> resource(loader, name));
    }

    /**
     * The bytes of a class file, read as a resource of {@code loader}.
     *
     * @param loader a class loader, or null for the system class loader
     * @param internalName the class's internal name
     * @return the bytes, or null when the class file is not found
     */
    public static byte[] resource(ClassLoader loader, String internalName) {
        return Prefilter.resource(loader, internalName);
    }

    /**
     * Whether {@code internalName} is {@code Distribution} or a subclass of it. A class whose
     * file cannot be found counts as one: the call shapes the agent asks about
     * ({@code Tensor sample(int...)}) are a distribution's.
     *
     * @param internalName such as {@code org/pyrite/distributions/Normal}
     * @return true for a distribution
     */
    public boolean isDistribution(String internalName) {
        Boolean known = cache.get(internalName);
        if (known != null) {
            return known;
        }
        boolean result = walk(internalName, 0);
        cache.put(internalName, result);
        return result;
    }

    private boolean walk(String name, int depth) {
        if (name == null || name.equals("java/lang/Object") || depth > 64) {
            return false;
        }
        if (name.equals(DISTRIBUTION)) {
            return true;
        }
        Boolean known = cache.get(name);
        if (known != null) {
            return known;
        }
        byte[] bytes = classFiles.apply(name);
        if (bytes == null) {
            return true;
        }
        String superName;
        try {
            superName = new ClassReader(bytes).getSuperName();
        } catch (RuntimeException e) {
            return true;
        }
        return walk(superName, depth + 1);
    }

    /**
     * A class's declarations without its code: name, supertypes, inner class entries, fields and
     * their annotations.
     *
     * @param internalName such as {@code org/example/Base}
     * @return the class, or null when its class file is not found or cannot be read
     */
    public ClassNode declarations(String internalName) {
        return declarations.computeIfAbsent(internalName, name -> {
            byte[] bytes = classFiles.apply(name);
            if (bytes == null) {
                return Optional.empty();
            }
            try {
                ClassNode cn = new ClassNode();
                new ClassReader(bytes).accept(cn, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                return Optional.of(cn);
            } catch (RuntimeException e) {
                return Optional.empty(); // not a class file we can read: its fields stay unknown, as for a missing one
            }
        }).orElse(null);
    }
}
