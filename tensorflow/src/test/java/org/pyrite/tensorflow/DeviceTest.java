package org.pyrite.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;

/** Placing the compiled step on a device: the CPU always, the GPU when the build and the host have one. */
class DeviceTest {
    @Test
    void theTutorialCompiledOnTheCpuDeviceLandsOnThePosterior() {
        assertThat(fitOn("/CPU:0")).containsExactly(new double[] {9.14, 0.6}, within(0.05));
    }

    @Test
    void theTutorialCompiledOnTheGpuLandsOnThePosterior() {
        assumeTrue(TensorFlowDevices.hasGpu(), "no GPU: TensorFlow could not place a node on /GPU:0 (this build's native"
                + " classifier is linux-x86_64 unless built with -Pgpu, and the host needs CUDA 12 and cuDNN 9)");
        assertThat(fitOn("/GPU:0")).containsExactly(new double[] {9.14, 0.6}, within(0.05));
    }

    @Test
    void aDeviceTensorFlowLacksIsAnErrorSayingWhatTheHostNeeds() {
        assumeTrue(!TensorFlowDevices.hasGpu(), "a GPU is present, so /GPU:0 is not a missing device here");
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            assertThatThrownBy(() -> CompiledSVI.compile(CompiledTutorialTest.CONDITIONED, CompiledTutorialTest::guide, new Adam(0.01),
                    new TraceELBO(), 8.5, "/GPU:0"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("device '/GPU:0'").hasMessageContaining("-Pgpu").hasMessageContaining("CUDA 12");
        }
        assertThat(CompiledSVI.openCount()).isZero();
    }

    /** The tutorial's 2,000 steps on {@code device}; a and b averaged over the last 500. */
    private static double[] fitOn(String device) {
        Pyrite.setRngSeed(2);
        ParamStore store = new ParamStore();
        double a = 0;
        double b = 0;
        try (ParamStore.Scope s = ParamStore.use(store);
             CompiledSVI<Double> svi = CompiledSVI.compile(CompiledTutorialTest.CONDITIONED, CompiledTutorialTest::guide, new Adam(0.01),
                     new TraceELBO(), 8.5, device)) {
            assertThat(svi.device()).isEqualTo(device);
            for (int t = 0; t < 2000; t++) {
                svi.step(8.5);
                if (t >= 1500) {
                    a += store.get("a").item() / 500;
                    b += store.get("b").item() / 500;
                }
            }
        }
        return new double[] {a, b};
    }
}
