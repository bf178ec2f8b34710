package org.pyrite.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.tensorflow.types.TFloat64;

/**
 * No native object outlives its step: JavaCPP counts the native pointers it holds (each TensorFlow
 * tensor made or fetched is one until closed), and the count stays flat over thousands of
 * compiled steps. The long resident-set soak (a million steps) is in benchmarks/.
 */
class LeakCheckTest {
    @Test
    void theCountOfLiveNativePointersSeesAnUnclosedTensor() {
        TensorFlowNative.require();
        // The first tensor made in a JVM also sets up what later ones share: make and close one first.
        TFloat64.scalarOf(0.0).close();
        long before = Pointer.totalCount();
        List<TFloat64> open = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            open.add(TFloat64.scalarOf(i));
        }
        long during = Pointer.totalCount();
        open.forEach(TFloat64::close);
        assertThat(during - before).isGreaterThanOrEqualTo(100);
        assertThat(Pointer.totalCount()).isLessThanOrEqualTo(before);
    }

    @Test
    void compiledStepsLeaveNoTensorAndNoSessionOpen() {
        int openBefore = CompiledSVI.openCount();
        Pyrite.setRngSeed(1);
        try (ParamStore.Scope s = ParamStore.use(new ParamStore());
             CompiledSVI<Double> svi = CompiledSVI.compile(CompiledTutorialTest.CONDITIONED, CompiledTutorialTest::guide, new Adam(0.01),
                     new TraceELBO(), 8.5)) {
            svi.run(500, 8.5);
            long before = Pointer.totalCount();
            svi.run(5000, 8.5);
            // Each step makes one fed tensor and fetches four: 25,000 if none were closed.
            assertThat(Pointer.totalCount() - before).isLessThanOrEqualTo(10);
            assertThat(CompiledSVI.openCount()).isEqualTo(openBefore + 1);
        }
        assertThat(CompiledSVI.openCount()).isEqualTo(openBefore);
    }
}
