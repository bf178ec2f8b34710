package org.pyrite.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.Pyrite;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

class ParamStoreTest {
    @TempDir
    Path dir;

    @Test
    void paramInitializesOnFirstCallAndReturnsTheStoredValueAfter() {
        ParamStore store = new ParamStore();
        ParamStore.scope(store, () -> {
            assertThat(Pyrite.param("a", Tensor.scalar(1.0)).item()).isEqualTo(1.0);
            assertThat(Pyrite.param("a", Tensor.scalar(5.0)).item()).as("init is ignored once the param exists").isEqualTo(1.0);
            assertThat(Pyrite.param("a").item()).isEqualTo(1.0);
            return null;
        });
        assertThat(store.names()).containsExactly("a");
    }

    @Test
    void constrainedParamsAreStoredUnconstrained() {
        ParamStore store = new ParamStore();
        Tensor b = store.getOrInit("b", () -> Tensor.scalar(2.0), Constraints.positive());
        assertThat(b.item()).isCloseTo(2.0, within(1e-15));
        assertThat(store.unconstrained("b").item()).isCloseTo(Math.log(2.0), within(1e-15));
        store.setUnconstrained("b", Tensor.scalar(-50.0));
        assertThat(store.get("b").item()).as("any unconstrained value maps into the support").isGreaterThan(0.0);
        Tensor p = store.getOrInit("p", () -> Tensor.scalar(0.25), Constraints.unitInterval());
        assertThat(p.item()).isCloseTo(0.25, within(1e-15));
        assertThat(store.unconstrained("p").item()).isCloseTo(Math.log(0.25 / 0.75), within(1e-12));
    }

    @Test
    void anInitialValueOutsideTheConstraintIsAnError() {
        ParamStore store = new ParamStore();
        assertThatThrownBy(() -> store.getOrInit("b", () -> Tensor.scalar(-1.0), Constraints.positive()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("param 'b'").hasMessageContaining("positive");
        assertThat(store.contains("b")).isFalse();
    }

    @Test
    void scopesKeepModelsApart() {
        ParamStore one = new ParamStore();
        ParamStore two = new ParamStore();
        ParamStore.scope(one, () -> Pyrite.param("a", Tensor.scalar(1.0)));
        ParamStore.scope(two, () -> Pyrite.param("a", Tensor.scalar(2.0)));
        assertThat(one.get("a").item()).isEqualTo(1.0);
        assertThat(two.get("a").item()).isEqualTo(2.0);
        assertThat(ParamStore.current()).isNotSameAs(one).isNotSameAs(two);
    }

    @Test
    void unknownNamesAreReportedWithASuggestion() {
        ParamStore store = new ParamStore();
        store.getOrInit("loc", () -> Tensor.scalar(0.0), null);
        assertThatThrownBy(() -> store.get("lco")).hasMessageContaining("no param named 'lco'").hasMessageContaining("did you mean 'loc'?");
    }

    @Test
    void saveAndLoadRoundTripExactly() throws IOException {
        ParamStore store = new ParamStore();
        store.getOrInit("a", () -> Tensor.scalar(0.1), null);
        store.getOrInit("b", () -> Tensor.of(1.0, 2.0, 3.0), Constraints.positive());
        store.getOrInit("p", () -> Tensor.of(new double[][] {{0.2, 0.3}, {0.9, 0.5}}), Constraints.unitInterval());
        store.getOrInit("s", () -> Tensor.of(0.2, 0.3, 0.5), Constraints.simplex());
        store.getOrInit("g", () -> Tensor.scalar(3.0), Constraints.greaterThan(1.5));
        Path file = dir.resolve("params.bin");
        store.save(file);
        ParamStore loaded = new ParamStore();
        loaded.load(file);
        assertThat(loaded.names()).containsExactlyElementsOf(store.names());
        for (String n : store.names()) {
            assertThat(loaded.unconstrained(n).toArray()).as(n).containsExactly(store.unconstrained(n).toArray());
            assertThat(loaded.unconstrained(n).shape()).isEqualTo(store.unconstrained(n).shape());
            assertThat(loaded.constraint(n).describe()).isEqualTo(store.constraint(n).describe());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left behind").containsExactly("params.bin");
        }
    }

    @Test
    void aTruncatedFileIsRefusedAndTheStoreIsUntouched() throws IOException {
        ParamStore store = new ParamStore();
        store.getOrInit("a", () -> Tensor.of(1.0, 2.0), null);
        Path file = dir.resolve("params.bin");
        store.save(file);
        byte[] bytes = Files.readAllBytes(file);
        ParamStore target = new ParamStore();
        target.getOrInit("keep", () -> Tensor.scalar(7.0), null);
        for (int cut : new int[] {0, 5, 12, bytes.length / 2, bytes.length - 1}) {
            Path truncated = dir.resolve("cut" + cut + ".bin");
            Files.write(truncated, Arrays.copyOf(bytes, cut));
            assertThatThrownBy(() -> target.load(truncated)).isInstanceOf(IOException.class);
            assertThat(target.names()).containsExactly("keep");
            assertThat(target.get("keep").item()).isEqualTo(7.0);
        }
    }

    @Test
    void aCorruptByteIsRefusedByTheChecksum() throws IOException {
        ParamStore store = new ParamStore();
        store.getOrInit("a", () -> Tensor.of(1.0, 2.0), null);
        Path file = dir.resolve("params.bin");
        store.save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 12] ^= 0x01; // a bit inside the last value
        Files.write(file, bytes);
        ParamStore target = new ParamStore();
        assertThatThrownBy(() -> target.load(file)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
        assertThat(target.size()).isZero();
    }

    @Test
    void aFileOfAnotherKindIsRefused() throws IOException {
        Path file = dir.resolve("other.bin");
        Files.writeString(file, "not a param file at all, but long enough");
        assertThatThrownBy(() -> new ParamStore().load(file)).isInstanceOf(IOException.class).hasMessageContaining("not a Pyrite param-store file");
    }

    @Test
    void savingOverAnExistingFileReplacesIt() throws IOException {
        Path file = dir.resolve("params.bin");
        ParamStore first = new ParamStore();
        first.getOrInit("a", () -> Tensor.scalar(1.0), null);
        first.save(file);
        ParamStore second = new ParamStore();
        second.getOrInit("z", () -> Tensor.scalar(2.0), null);
        second.save(file);
        ParamStore loaded = new ParamStore();
        loaded.load(file);
        assertThat(loaded.names()).containsExactly("z");
    }
}
