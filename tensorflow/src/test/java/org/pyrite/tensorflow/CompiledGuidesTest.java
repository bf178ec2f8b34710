package org.pyrite.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.infer.ELBO;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.TraceMeanFieldELBO;
import org.pyrite.infer.autoguide.AutoDelta;
import org.pyrite.infer.autoguide.AutoDiagonalNormal;
import org.pyrite.infer.autoguide.AutoMultivariateNormal;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.ClippedAdam;
import org.pyrite.optim.Optimizer;
import org.pyrite.optim.SGD;
import org.pyrite.params.ParamStore;

/**
 * Autoguides, ELBOs and optimizers compiled: three compiled steps equal three CPU steps from the
 * same seed (losses and every param) within 1e-10.
 */
class CompiledGuidesTest {
    private static final CompiledLogisticTest.Data DATA = CompiledLogisticTest.data(300, 3, 300);
    private static final Model<CompiledLogisticTest.Data, ?> MODEL = CompiledLogisticTest::model;

    @Test
    void autoDiagonalNormal() {
        same(AutoDiagonalNormal::new, new TraceELBO(), () -> new org.pyrite.optim.Adam(0.05));
    }

    @Test
    void autoMultivariateNormal() {
        same(AutoMultivariateNormal::new, new TraceELBO(), () -> new org.pyrite.optim.Adam(0.05));
    }

    @Test
    void autoDelta() {
        same(AutoDelta::new, new TraceELBO(), () -> new org.pyrite.optim.Adam(0.05));
    }

    @Test
    void autoNormalWithTraceMeanFieldElboAndClippedAdam() {
        same(AutoNormal::new, new TraceMeanFieldELBO(), () -> new ClippedAdam(0.05, 1.0, 0.99));
    }

    @Test
    void sgdWithMomentumAndTwoParticles() {
        same(AutoNormal::new, new TraceELBO(2), () -> new SGD(0.001, 0.9));
    }

    private static void same(Function<Model<CompiledLogisticTest.Data, ?>, Model<CompiledLogisticTest.Data, ?>> guideOf, ELBO elbo,
                             java.util.function.Supplier<Optimizer<?>> optimizer) {
        List<Double> cpu = run(guideOf, elbo, optimizer.get(), false);
        List<Double> tf = run(guideOf, elbo, optimizer.get(), true);
        assertThat(tf).hasSameSizeAs(cpu);
        for (int i = 0; i < cpu.size(); i++) {
            assertThat(tf.get(i)).as("value " + i).isCloseTo(cpu.get(i), within(1e-10));
        }
    }

    private static List<Double> run(Function<Model<CompiledLogisticTest.Data, ?>, Model<CompiledLogisticTest.Data, ?>> guideOf,
                                    ELBO elbo, Optimizer<?> optimizer, boolean compiled) {
        ParamStore store = new ParamStore();
        List<Double> out = new ArrayList<>();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Pyrite.setRngSeed(9);
            Model<CompiledLogisticTest.Data, ?> guide = guideOf.apply(MODEL);
            if (compiled) {
                try (CompiledSVI<CompiledLogisticTest.Data> svi = CompiledSVI.compile(MODEL, guide, optimizer, elbo, DATA)) {
                    Pyrite.setRngSeed(9);
                    for (int t = 0; t < 3; t++) {
                        out.add(svi.step(DATA));
                    }
                }
            } else {
                SVI<CompiledLogisticTest.Data> svi = new SVI<>(MODEL, guide, optimizer, elbo);
                svi.evaluateLoss(DATA);
                Pyrite.setRngSeed(9);
                for (int t = 0; t < 3; t++) {
                    out.add(svi.step(DATA));
                }
            }
            for (String name : store.names()) {
                for (double v : store.unconstrained(name).toArray()) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
