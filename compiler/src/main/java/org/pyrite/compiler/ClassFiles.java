package org.pyrite.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Class files through javac's own file manager: the ones it writes, and the ones on its class path. */
final class ClassFiles {
    private final JavaFileManager files;

    ClassFiles(JavaFileManager files) {
        this.files = files;
    }

    /**
     * The class file javac wrote for a class of this compilation.
     *
     * @param binaryName the class's binary name ({@code org.example.Outer$Inner})
     * @return the bytes, or null when javac wrote none (it stops writing after an error)
     */
    byte[] written(String binaryName) throws IOException {
        JavaFileObject f = files.getJavaFileForOutput(StandardLocation.CLASS_OUTPUT, binaryName, JavaFileObject.Kind.CLASS,
                null);
        try (InputStream in = f.openInputStream()) {
            return in.readAllBytes();
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            return null;
        }
    }

    /** Replaces the class file javac wrote. */
    void rewrite(String binaryName, byte[] classFile) throws IOException {
        JavaFileObject f = files.getJavaFileForOutput(StandardLocation.CLASS_OUTPUT, binaryName, JavaFileObject.Kind.CLASS,
                null);
        try (OutputStream out = f.openOutputStream()) {
            out.write(classFile);
        }
    }

    /**
     * A class file by internal name, for the checks' questions about other classes (which are
     * distributions, which fields are params): this compilation's output first, then the class path.
     *
     * @param internalName {@code org/pyrite/distributions/Normal}
     * @return the bytes, or null when not found
     */
    byte[] lookup(String internalName) {
        String binary = internalName.replace('/', '.');
        for (StandardLocation where : new StandardLocation[] {StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH}) {
            try {
                if (!files.hasLocation(where)) {
                    continue;
                }
                JavaFileObject f = files.getJavaFileForInput(where, binary, JavaFileObject.Kind.CLASS);
                if (f != null) {
                    try (InputStream in = f.openInputStream()) {
                        return in.readAllBytes();
                    }
                }
            } catch (IOException e) {
                return null; // unreadable counts as absent: the checks then assume the cautious answer
            }
        }
        return null;
    }
}
