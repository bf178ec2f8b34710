package org.pyrite.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.module;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.nn.Activation;
import org.pyrite.nn.Linear;
import org.pyrite.nn.Sequential;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Neural networks registered with {@code Pyrite.module} compiled: their parameters become the
 * step's graph variables, and a small amortized model (a VAE's shape: encoder and decoder
 * networks, a subsampled plate whose indices select the data's rows inside the graph, a
 * {@code Bernoulli.logits} likelihood) steps as on the CPU.
 */
class CompiledModuleTest {
    private static final int N = 200;
    private static final int PIXELS = 6;
    private static final int LATENT = 2;

    /** All {@code N} rows of binary data; the plate's subsample of {@code batch} picks each step's rows. */
    record Data(Tensor x, int batch) {}

    static final class Net {
        final Sequential encoder = new Sequential(new Linear(PIXELS, 5), Activation.RELU, new Linear(5, 2 * LATENT));
        final Sequential decoder = new Sequential(new Linear(LATENT, 5), Activation.SOFTPLUS, new Linear(5, PIXELS));

        Tensor model(Data d) {
            module("decoder", decoder);
            try (PlateMessenger p = plate("data", N, d.batch())) {
                Tensor z = sample("z", Normal.of(Tensor.zeros(d.batch(), LATENT), Tensor.ones(d.batch(), LATENT)).toEvent(1));
                return sample("x", Bernoulli.logits(decoder.forward(z)).toEvent(1), d.x().index(0, p.subsample()));
            }
        }

        Tensor guide(Data d) {
            module("encoder", encoder);
            try (PlateMessenger p = plate("data", N, d.batch())) {
                Tensor h = encoder.forward(d.x().index(0, p.subsample()));
                return sample("z", Normal.of(h.slice(1, 0, LATENT), h.slice(1, LATENT, 2 * LATENT).exp()).toEvent(1));
            }
        }
    }

    static Data data() {
        Rng rng = Rng.seeded(11);
        double[] x = new double[N * PIXELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform() < 0.3 + 0.4 * ((i / PIXELS) % 2) ? 1 : 0;
        }
        return new Data(Tensor.fromArray(x, N, PIXELS), 40);
    }

    /**
     * Three compiled steps against three CPU steps from the same seeds: the losses, then every
     * param. Within 1e-10 as the other compiled-step tests: float64 on both sides, the same
     * subsample indices and noise, so only the order of rounding differs (losses of about 900,
     * params of order 1; seen at most 6e-17 apart, and 1e-10 is about a thousand ulps of the
     * losses), while a subsample not fed, a param not bound to its variable (Adam at lr 0.01 moves
     * every param by about 0.01 a step) or a wrong kernel would move them by 1e-3 or more.
     */
    @Test
    void moduleParamsAreGraphVariablesAndStepAsOnTheCpu() {
        Data d = data();
        double[] cpu = steps(d, false);
        double[] tf = steps(d, true);
        assertThat(tf).containsExactly(cpu, within(1e-10));
    }

    private static double[] steps(Data d, boolean compiled) {
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            Pyrite.setRngSeed(2);
            Net net = new Net();
            List<Double> out = new ArrayList<>();
            if (compiled) {
                try (CompiledSVI<Data> svi = CompiledSVI.compile(net::model, net::guide, new Adam(0.01), new TraceELBO(), d)) {
                    assertThat(svi.params()).containsExactly("encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias",
                            "decoder.0.weight", "decoder.0.bias", "decoder.2.weight", "decoder.2.bias");
                    Pyrite.setRngSeed(5);
                    for (int t = 0; t < 3; t++) {
                        out.add(svi.step(d));
                    }
                }
            } else {
                SVI<Data> svi = new SVI<>(net::model, net::guide, new Adam(0.01), new TraceELBO());
                Pyrite.setRngSeed(5);
                for (int t = 0; t < 3; t++) {
                    out.add(svi.step(d));
                }
            }
            for (String name : store.names()) {
                for (double v : store.unconstrained(name).toArray()) {
                    out.add(v);
                }
            }
            assertThat(out).hasSize(3 + (6 * 5 + 5 + 5 * 4 + 4) + (2 * 5 + 5 + 5 * 6 + 6));
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
