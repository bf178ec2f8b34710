package org.pyrite.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** Logistic regression with AutoNormal, compiled: full batch and subsampled plates. */
class CompiledLogisticTest {
    record Data(Tensor x, Tensor y, int batch) {}

    static Tensor model(Data d) {
        int dims = d.x().size(1);
        Tensor w = sample("w", Normal.of(Tensor.zeros(dims), Tensor.ones(dims)).toEvent(1));
        try (PlateMessenger p = plate("data", d.x().size(0), d.batch())) {
            Tensor x = d.x();
            Tensor y = d.y();
            if (d.batch() < d.x().size(0)) {
                int[] idx = p.subsample();
                x = x.index(0, idx);
                y = y.index(0, idx);
            }
            return sample("y", Bernoulli.logits(x.matmul(w)), y);
        }
    }

    static Data data(int n, int dims, int batch) {
        Rng rng = Rng.seeded(3);
        double[] w = new double[dims];
        for (int j = 0; j < dims; j++) {
            w[j] = rng.gaussian();
        }
        double[] xs = new double[n * dims];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < dims; j++) {
                xs[i * dims + j] = rng.gaussian();
                dot += xs[i * dims + j] * w[j];
            }
            ys[i] = rng.uniform() < 1 / (1 + Math.exp(-dot)) ? 1 : 0;
        }
        return new Data(Tensor.fromArray(xs, n, dims), Tensor.of(ys), batch);
    }

    @Test
    void oneCompiledStepEqualsOneCpuStepWithAutoNormal() {
        Data d = data(500, 4, 500);
        double[] cpu = steps(d, false);
        double[] tf = steps(d, true);
        assertThat(tf).containsExactly(cpu, within(1e-10));
    }

    @Test
    void subsampledStepsDrawFreshIndicesAsTheCpuDoes() {
        Data d = data(500, 4, 50);
        double[] cpu = steps(d, false);
        double[] tf = steps(d, true);
        assertThat(tf).containsExactly(cpu, within(1e-10));
    }

    /**
     * Three steps from seed 5 after the params were created (compiling creates them with one CPU
     * run, which draws AutoNormal's initial values; the CPU SVI's first step would draw those and
     * its first noise from one stream, so both sides start stepping from a fresh seed); the losses,
     * then the guide's params after them.
     */
    private static double[] steps(Data d, boolean compiled) {
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Pyrite.setRngSeed(5);
            AutoNormal<Data> guide = new AutoNormal<>(CompiledLogisticTest::model);
            double[] out = new double[3 + 8];
            if (compiled) {
                try (CompiledSVI<Data> svi = CompiledSVI.compile(CompiledLogisticTest::model, guide, new Adam(0.05), new TraceELBO(), d)) {
                    Pyrite.setRngSeed(5);
                    for (int t = 0; t < 3; t++) {
                        out[t] = svi.step(d);
                    }
                }
            } else {
                SVI<Data> svi = new SVI<>(CompiledLogisticTest::model, guide, new Adam(0.05), new TraceELBO());
                svi.evaluateLoss(d);
                Pyrite.setRngSeed(5);
                for (int t = 0; t < 3; t++) {
                    out[t] = svi.step(d);
                }
            }
            int k = 3;
            for (String name : store.names()) {
                for (double v : store.unconstrained(name).toArray()) {
                    out[k++] = v;
                }
            }
            assertThat(k).isEqualTo(out.length);
            return out;
        }
    }
}
