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
