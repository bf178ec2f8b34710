package org.pyrite.params;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.tensor.Tensor;

/**
 * {@code kill -9} during a save, for real: another JVM saves a 24 MB store over and over and is
 * killed while a temporary file exists. The file must still load (the old or the new content,
 * never a mix), and the next save must remove what the killed one left (issue 13, item 10: five
 * such files, 24 MB, used to stay).
 */
class KilledSaveTest {
    static final int VALUES = 3_000_000;

    @TempDir
    Path dir;

    /** The other JVM: saves {@code args[0]} until killed; value {@code i} of round {@code r} is {@code r + i}. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        double[] values = new double[VALUES];
        for (int round = 0;; round++) {
            for (int i = 0; i < VALUES; i++) {
                values[i] = round + i;
            }
            ParamStore store = new ParamStore();
            store.set("w", Tensor.fromArray(values, VALUES), null);
            store.save(file);
        }
    }

    @Test
    void aSaveKilledMidwayLeavesALoadableFileAndItsTemporaryIsRemovedNextTime() throws Exception {
        Path file = dir.resolve("params.bin");
        List<Path> left = List.of();
        for (int attempt = 0; attempt < 10 && left.isEmpty(); attempt++) {
            Process saver = startSaver(file);
            try {
                waitFor(() -> Files.exists(file) && !temporaries().isEmpty(), saver);
            } finally {
                saver.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                assertThat(saver.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            left = temporaries();
            ParamStore loaded = new ParamStore();
            loaded.load(file);
            double[] w = loaded.get("w").toArray();
            double round = w[0];
            assertThat(w).hasSize(VALUES);
            assertThat(w[VALUES - 1]).as("one round's values, not a mix").isEqualTo(round + VALUES - 1);
        }
        assertThat(left).as("no attempt killed the saver while it wrote a temporary file").isNotEmpty();

        ParamStore store = new ParamStore();
        store.getOrInit("a", () -> Tensor.scalar(1.0), null);
        store.save(file);
        assertThat(temporaries()).as("the next save removed what the killed one left").isEmpty();
    }

    private Process startSaver(Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, KilledSaveTest.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("saver.log").toFile()).start();
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("params\\.bin\\d+\\.tmp")).toList();
        }
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private void waitFor(Condition condition, Process saver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (!saver.isAlive()) {
                throw new AssertionError("the saver exited: " + Files.readString(dir.resolve("saver.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the saver wrote no temporary file within 60 s");
            }
            Thread.sleep(1);
        }
    }
}
