package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {
    /**
     * The build runs the tests twice, without and with {@code --add-modules jdk.incubator.vector},
     * and names the kernels each run must get; without this check both runs could test the scalar
     * kernels and the vector ones never.
     */
    @Test
    void theKernelsAreTheOnesThisJvmShouldGet() {
        String expected = System.getProperty("pyrite.test.kernels");
        Assumptions.assumeTrue(expected != null, "run outside the build: no expectation set");
        assertThat(ActiveKernels.KERNELS.name()).isEqualTo(expected);
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()).isEqualTo(expected.equals("vector"));
    }

    /**
     * Only the classes in src/vector/java (compiled with the module) may name the incubating API:
     * a reference from any other class would fail to load on a JVM without the module.
     */
    @Test
    void noMainSourceNamesTheIncubatingModule() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            java.util.List<java.nio.file.Path> naming = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return java.nio.file.Files.readString(f).contains("jdk.incubator.vector.");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(java.util.stream.Collectors.toList());
            assertThat(naming).isEmpty();
        }
        assertThat(java.nio.file.Path.of("src/vector/java/org/pyrite/tensor/VectorKernels.java")).exists();
    }

    @Test
    void simdFalseAsksForTheScalarKernels() {
        assertThat(ActiveKernels.choose("false")).isSameAs(ScalarKernels.INSTANCE);
    }

    @Test
    void aBadSimdSettingIsRefusedByName() {
        assertThatThrownBy(() -> ActiveKernels.choose("yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pyrite.cpu.simd").hasMessageContaining("'yes'");
    }
}
