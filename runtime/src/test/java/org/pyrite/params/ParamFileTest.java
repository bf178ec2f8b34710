package org.pyrite.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.Pyrite;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * What saving and loading refuse, and how they say it (issue 13, items 6 and 10): values a param
 * cannot hold, names the format cannot hold, targets that cannot be written, and the temporary
 * files a killed save leaves.
 */
class ParamFileTest {
    @TempDir
    Path dir;

    /** The file's bytes with the last value replaced and the checksum recomputed, as a careless tool would write it. */
    private static byte[] withLastValue(byte[] file, double value) {
        byte[] out = file.clone();
        int bodyLength = out.length - 8;
        ByteBuffer.wrap(out).putDouble(bodyLength - 8, value);
        CRC32 crc = new CRC32();
        crc.update(out, 0, bodyLength);
        ByteBuffer.wrap(out).putLong(bodyLength, crc.getValue());
        return out;
    }

    private Path savedAB(double bInit) throws IOException {
        ParamStore store = new ParamStore();
        store.getOrInit("a", () -> Tensor.scalar(0.5), null);
        store.getOrInit("b", () -> Tensor.scalar(bInit), Constraints.positive());
        Path file = dir.resolve("params.bin");
        store.save(file);
        return file;
    }

    // ---- item 6: loading checks each value against its constraint

    @Test
    void aNaNInAPositiveParamIsRefusedNamingItAndNothingIsLoaded() throws IOException {
        Path file = savedAB(2.0);
        Files.write(file, withLastValue(Files.readAllBytes(file), Double.NaN));
        ParamStore target = new ParamStore();
        target.getOrInit("keep", () -> Tensor.scalar(7.0), null);
        target.getOrInit("a", () -> Tensor.scalar(-3.0), null);
        assertThatThrownBy(() -> target.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("param 'b'")
                .hasMessageContaining("NaN")
                .hasMessageContaining("the param store was not changed");
        assertThat(target.names()).as("'a', valid and before 'b' in the file, was not loaded either").containsExactly("keep", "a");
        assertThat(target.get("a").item()).isEqualTo(-3.0);
    }

    @Test
    void aFiniteValueWhoseImageLeavesTheConstraintIsRefused() throws IOException {
        // exp(-1e300) is 0.0: finite in the file, but not a positive value.
        Path file = savedAB(2.0);
        Files.write(file, withLastValue(Files.readAllBytes(file), -1e300));
        assertThatThrownBy(() -> new ParamStore().load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("param 'b' has the value 0.0 (unconstrained -1.0E300), outside its constraint positive");
    }

    @Test
    void anInfiniteRealParamIsRefused() throws IOException {
        ParamStore store = new ParamStore();
        store.getOrInit("w", () -> Tensor.of(1.0, 2.0, 3.0), null);
        Path file = dir.resolve("w.bin");
        store.save(file);
        Files.write(file, withLastValue(Files.readAllBytes(file), Double.NEGATIVE_INFINITY));
        assertThatThrownBy(() -> new ParamStore().load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("param 'w' has the value -Infinity (unconstrained) at element 2, which is not finite");
    }

    // ---- item 10: names, targets, temporary files

    @Test
    void aNameTooLongForTheFileFormatIsRefusedWithTheLimit() {
        ParamStore store = new ParamStore();
        String ascii = "x".repeat(65_536);
        assertThatThrownBy(() -> store.getOrInit(ascii, () -> Tensor.scalar(1.0), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536 bytes").hasMessageContaining("65535 bytes a param-store file can record");
        // Bytes, not characters: 30,000 euro signs are 90,000 bytes in the format's encoding.
        String euros = "\u20ac".repeat(30_000);
        assertThatThrownBy(() -> store.getOrInit(euros, () -> Tensor.scalar(1.0), null)).hasMessageContaining("90000 bytes");
        String longest = "x".repeat(65_535);
        store.getOrInit(longest, () -> Tensor.scalar(1.0), null);
        assertThat(store.names()).containsExactly(longest);
    }

    @Test
    void aLongestNameRoundTrips() throws IOException {
        ParamStore store = new ParamStore();
        String longest = "y".repeat(65_535);
        store.getOrInit(longest, () -> Tensor.scalar(1.5), null);
        Path file = dir.resolve("long.bin");
        store.save(file);
        ParamStore loaded = new ParamStore();
        loaded.load(file);
        assertThat(loaded.get(longest).item()).isEqualTo(1.5);
    }

    @Test
    void savingToAFolderSaysSoAndNamesIt() throws IOException {
        ParamStore store = new ParamStore();
        store.getOrInit("a", () -> Tensor.scalar(1.0), null);
        Path folder = Files.createDirectory(dir.resolve("models"));
        assertThatThrownBy(() -> store.save(folder)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot save params to " + folder + ": it is a folder")
                .hasMessageNotContaining(".tmp");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void savingUnderAFileSaysWhichParentIsAFile() throws IOException {
        ParamStore store = new ParamStore();
        store.getOrInit("a", () -> Tensor.scalar(1.0), null);
        Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path file = notAFolder.resolve("run1").resolve("params.bin");
        assertThatThrownBy(() -> store.save(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot save params to " + file + ": " + notAFolder + " is a file, not a folder");
        assertThat(Files.readString(notAFolder)).isEqualTo("hello");
    }

    @Test
    void savingIntoAReadOnlyFolderNamesTheTargetNotItsTemporarySibling() throws Exception {
        ParamStore store = new ParamStore();
        store.getOrInit("a", () -> Tensor.scalar(1.0), null);
        Path folder = Files.createDirectory(dir.resolve("readonly"));
        Path file = folder.resolve("params.bin");
        try (ReadOnly ro = ReadOnly.make(folder)) {
            assertThatThrownBy(() -> store.save(file)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot save params to " + file + ": no file can be created in the folder " + folder)
                    .hasMessageContaining("make the folder writable")
                    .hasMessageNotContaining(".tmp");
        }
        assertThat(folder).isEmptyDirectory();
    }

    /**
     * A folder no file can be created in, for the length of a test: permissions for a normal user;
     * for root, whom permissions do not stop, the immutable attribute. A system with neither
     * cannot run the test, and it is skipped rather than passed.
     */
    private static final class ReadOnly implements AutoCloseable {
        private final Path folder;
        private final boolean immutable;

        private ReadOnly(Path folder, boolean immutable) {
            this.folder = folder;
            this.immutable = immutable;
        }

        static ReadOnly make(Path folder) throws Exception {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (!canCreateIn(folder)) {
                return new ReadOnly(folder, false);
            }
            boolean immutable = run("chattr", "+i", folder.toString());
            ReadOnly ro = new ReadOnly(folder, immutable);
            if (!immutable || canCreateIn(folder)) {
                ro.close();
                Assumptions.abort("cannot make a folder read-only here (root without chattr)");
            }
            return ro;
        }

        private static boolean canCreateIn(Path folder) {
            try {
                Files.delete(Files.createTempFile(folder, "probe", ""));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean run(String... command) throws InterruptedException {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor() == 0;
            } catch (IOException e) {
                return false; // no such program
            }
        }

        @Override
        public void close() throws Exception {
            if (immutable && !run("chattr", "-i", folder.toString())) {
                throw new IllegalStateException("could not undo chattr +i on " + folder);
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void temporaryFilesOfAKilledSaveAreRemovedByTheNextSave() throws IOException {
        Path file = savedAB(2.0);
        byte[] complete = Files.readAllBytes(file);
        // What a save killed at three moments leaves: part of the file, nothing yet, all but the rename.
        Path partial = Files.write(dir.resolve("params.bin8034871623.tmp"), Arrays.copyOf(complete, complete.length / 2));
        Path empty = Files.write(dir.resolve("params.bin1.tmp"), new byte[0]);
        Path whole = Files.write(dir.resolve("params.bin77.tmp"), complete);
        // Files that merely look alike are not the save's to remove.
        Path foreign = Files.writeString(dir.resolve("params.bin42.tmp"), "someone else's notes");
        Path otherTarget = Files.write(dir.resolve("other.bin5.tmp"), complete);
        Path named = Files.write(dir.resolve("params.binx5.tmp"), complete);

        ParamStore store = new ParamStore();
        store.load(file);
        store.save(file);

        assertThat(partial).doesNotExist();
        assertThat(empty).doesNotExist();
        assertThat(whole).doesNotExist();
        assertThat(foreign).exists();
        assertThat(otherTarget).exists();
        assertThat(named).exists();
        ParamStore loaded = new ParamStore();
        loaded.load(file);
        assertThat(loaded.get("b").item()).isEqualTo(2.0);
    }

    @Test
    void paramWithoutAnInitialValueSaysHowToGiveOne() {
        ParamStore store = new ParamStore();
        store.getOrInit("nape", () -> Tensor.scalar(1.0), null);
        ParamStore.scope(store, () -> {
            assertThatThrownBy(() -> Pyrite.param("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("param 'nope' does not exist yet and no initial value was given")
                    .hasMessageContaining("param(\"nope\", Tensor.scalar(0.0))")
                    .hasMessageContaining("did you mean 'nape'?");
            return null;
        });
        assertThat(store.names()).containsExactly("nape");
    }
}
