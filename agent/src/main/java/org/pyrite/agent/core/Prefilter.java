package org.pyrite.agent.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's first look at a class file, free of any ASM type: the transformer calls
 * it for every class the JVM loads, including ASM's own classes, so it must not make the JVM load
 * them while they are being defined.
 */
public final class Prefilter {
    private static final byte[] ANNOTATION_PACKAGE = "org/pyrite/annotations/".getBytes(StandardCharsets.US_ASCII);

    private Prefilter() {
    }

    /**
     * Does the constant pool name Pyrite's annotation package? A class that does not is never
     * touched (its bytes stay identical).
     *
     * @param classFile the class file
     * @return true when the class may use Pyrite's annotations
     */
    public static boolean mentionsAnnotations(byte[] classFile) {
        byte[] p = ANNOTATION_PACKAGE;
        outer:
        for (int i = 0, n = classFile.length - p.length; i <= n; i++) {
            if (classFile[i] != p[0]) {
                continue;
            }
            for (int j = 1; j < p.length; j++) {
                if (classFile[i + j] != p[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The bytes of a class file, read as a resource of {@code loader}.
     *
     * @param loader a class loader, or null for the system class loader
     * @param internalName the class's internal name
     * @return the bytes, or null when the class file is not found
     */
    public static byte[] resource(ClassLoader loader, String internalName) {
        String path = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(path) : loader.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
