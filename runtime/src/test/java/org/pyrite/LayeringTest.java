package org.pyrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Layers only look down (DESIGN §1): each package of the runtime may use the packages of lower
 * layers only, never one of its own layer or above, so there is no cycle between packages. The
 * check reads the main sources' code (comments and string literals removed, so a Javadoc link or a
 * class named in a message does not count) for imports and fully qualified names of Pyrite's
 * packages. A new package must be given its layer here.
 */
class LayeringTest {
    /** Each package's layer: a package may use only packages of a lower layer. */
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("org.pyrite.context", 0),
            Map.entry("org.pyrite.diagnostics", 0),
            Map.entry("org.pyrite.concurrent", 1),
            Map.entry("org.pyrite.tensor", 2),
            Map.entry("org.pyrite.distributions.constraints", 3),
            Map.entry("org.pyrite.distributions.transforms", 4),
            Map.entry("org.pyrite.distributions", 5),
            Map.entry("org.pyrite.handlers", 6),
            Map.entry("org.pyrite.params", 6),
            Map.entry("org.pyrite.nn", 6),
            Map.entry("org.pyrite", 7),
            Map.entry("org.pyrite.optim", 7),
            Map.entry("org.pyrite.infer", 8),
            Map.entry("org.pyrite.infer.autoguide", 9),
            Map.entry("org.pyrite.infer.mcmc", 10));

    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.pyrite((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package (org\\.pyrite[a-z0-9.]*);", Pattern.MULTILINE);

    @Test
    void everyPackageUsesOnlyLowerLayers() throws IOException {
        List<String> violations = new ArrayList<>();
        TreeSet<String> packagesSeen = new TreeSet<>();
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(file);
                Matcher pm = PACKAGE.matcher(source);
                if (!pm.find()) {
                    continue;
                }
                String pkg = pm.group(1);
                packagesSeen.add(pkg);
                Integer layer = LAYER.get(pkg);
                if (layer == null) {
                    violations.add(file + ": package " + pkg + " has no layer in LayeringTest");
                    continue;
                }
                String code = COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ");
                Matcher m = REFERENCE.matcher(code);
                TreeSet<String> used = new TreeSet<>();
                while (m.find()) {
                    used.add("org.pyrite" + m.group(1));
                }
                used.remove(pkg);
                for (String other : used) {
                    Integer otherLayer = LAYER.get(other);
                    if (otherLayer == null || otherLayer >= layer) {
                        violations.add(file.getFileName() + " (" + pkg + ", layer " + layer + ") uses " + other + " (layer "
                                + otherLayer + ")");
                    }
                }
            }
        }
        assertThat(packagesSeen).as("the sources were found and read").contains("org.pyrite.tensor", "org.pyrite.infer");
        assertThat(violations).isEmpty();
    }
}
