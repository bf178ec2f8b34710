package org.pyrite.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the last run of {@code instrument} left in a classes directory: for each class file it
 * settled (rewrote, or found nothing to rewrite in), its size and modification time afterwards.
 * A class file that still has both was not recompiled since, and is skipped. A class that failed
 * is not recorded, so it is looked at again.
 */
final class RunRecord {
    private final Path file;
    private final Map<String, String> entries = new TreeMap<>();

    private RunRecord(Path file) {
        this.file = file;
    }

    /**
     * The record kept in {@code file}; empty when there is none yet.
     *
     * @throws IOException when the file exists and cannot be read
     */
    static RunRecord load(Path file) throws IOException {
        RunRecord r = new RunRecord(file);
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            for (String k : p.stringPropertyNames()) {
                r.entries.put(k, p.getProperty(k));
            }
        }
        return r;
    }

    private static String stamp(Path classFile) throws IOException {
        return Files.size(classFile) + ":" + Files.getLastModifiedTime(classFile).toMillis();
    }

    /** Whether the class file is as the last run left it. */
    boolean unchanged(String relative, Path classFile) throws IOException {
        String s = entries.get(relative);
        return s != null && s.equals(stamp(classFile));
    }

    /** Records the class file as it is now. */
    void settled(String relative, Path classFile) throws IOException {
        entries.put(relative, stamp(classFile));
    }

    /** Forgets a class file (it failed, so the next run looks at it again). */
    void forget(String relative) {
        entries.remove(relative);
    }

    /** Writes the record (to a new file, then renamed over the old one). */
    void save() throws IOException {
        Properties p = new Properties();
        entries.forEach(p::setProperty);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "pyrite-maven-plugin instrument: class files settled by the last run (size:mtime)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
