package org.pyrite.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.ELBO;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.TraceMeanFieldELBO;
import org.pyrite.infer.autoguide.AutoDelta;
import org.pyrite.infer.autoguide.AutoDiagonalNormal;
import org.pyrite.infer.autoguide.AutoMultivariateNormal;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.optim.ClippedAdam;
import org.pyrite.optim.Optimizer;
import org.pyrite.optim.SGD;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Autoguides, ELBOs and optimizers compiled: three compiled steps equal three CPU steps from the
 * same seed (losses and every param) within 1e-10.
 */
class CompiledGuidesTest {
    private static final CompiledLogisticTest.Data DATA = CompiledLogisticTest.data(300, 3, 300);
    private static final Model<CompiledLogisticTest.Data, ?> MODEL = CompiledLogisticTest::model;

    @Test
    void autoDiagonalNormal() {
        same(AutoDiagonalNormal::new, new TraceELBO(), () -> new Adam(0.05));
    }

    @Test
    void autoMultivariateNormal() {
        same(AutoMultivariateNormal::new, new TraceELBO(), () -> new Adam(0.05));
    }

    @Test
    void autoDelta() {
        same(AutoDelta::new, new TraceELBO(), () -> new Adam(0.05));
    }

    @Test
    void autoNormalWithTraceMeanFieldElboAndClippedAdam() {
        same(AutoNormal::new, new TraceMeanFieldELBO(), () -> new ClippedAdam(0.05, 1.0, 0.99));
    }

    @Test
    void sgdWithMomentumAndTwoParticles() {
        same(AutoNormal::new, new TraceELBO(2), () -> new SGD(0.001, 0.9));
    }

    /** A model written for vectorized particles: its batch dimension is a plate. */
    static Tensor plateModel(Tensor data) {
        Tensor mu = sample("mu", Normal.of(0.0, 10.0));
        Tensor log = sample("logSigma", Normal.of(0.0, 1.0));
        try (PlateMessenger p = plate("obs", data.size(0))) {
            return sample("x", Normal.of(mu, log.exp()), data);
        }
    }

    private static final Tensor OBSERVED = Tensor.of(1.2, 0.3, 2.5, 1.9, 0.7, 1.1, 3.0, 1.6);

    @Test
    void vectorizedParticles() {
        sameOn(CompiledGuidesTest::plateModel, OBSERVED, AutoNormal::new, new TraceELBO(4, true), new Adam(0.05),
                new Adam(0.05));
    }

    @Test
    void vectorizedParticlesWithTraceMeanFieldElbo() {
        sameOn(CompiledGuidesTest::plateModel, OBSERVED, AutoDiagonalNormal::new, new TraceMeanFieldELBO(3, true),
                new Adam(0.05), new Adam(0.05));
    }

    private static void same(Function<Model<CompiledLogisticTest.Data, ?>, Model<CompiledLogisticTest.Data, ?>> guideOf, ELBO elbo,
                             java.util.function.Supplier<Optimizer<?>> optimizer) {
        sameOn(MODEL, DATA, guideOf, elbo, optimizer.get(), optimizer.get());
    }

    private static <A> void sameOn(Model<A, ?> model, A data, Function<Model<A, ?>, Model<A, ?>> guideOf, ELBO elbo,
                                   Optimizer<?> cpuOptimizer, Optimizer<?> tfOptimizer) {
        List<Double> cpu = run(model, data, guideOf, elbo, cpuOptimizer, false);
        List<Double> tf = run(model, data, guideOf, elbo, tfOptimizer, true);
        assertThat(tf).hasSameSizeAs(cpu);
        for (int i = 0; i < cpu.size(); i++) {
            assertThat(tf.get(i)).as("value " + i).isCloseTo(cpu.get(i), within(1e-10));
        }
    }

    private static <A> List<Double> run(Model<A, ?> model, A data, Function<Model<A, ?>, Model<A, ?>> guideOf, ELBO elbo,
                                        Optimizer<?> optimizer, boolean compiled) {
        ParamStore store = new ParamStore();
        List<Double> out = new ArrayList<>();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Pyrite.setRngSeed(9);
            Model<A, ?> guide = guideOf.apply(model);
            if (compiled) {
                try (CompiledSVI<A> svi = CompiledSVI.compile(model, guide, optimizer, elbo, data)) {
                    Pyrite.setRngSeed(9);
                    for (int t = 0; t < 3; t++) {
                        out.add(svi.step(data));
                    }
                }
            } else {
                SVI<A> svi = new SVI<>(model, guide, optimizer, elbo);
                svi.evaluateLoss(data);
                Pyrite.setRngSeed(9);
                for (int t = 0; t < 3; t++) {
                    out.add(svi.step(data));
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
