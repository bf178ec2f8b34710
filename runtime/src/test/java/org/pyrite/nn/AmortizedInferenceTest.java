package org.pyrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.module;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.TraceMeanFieldELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/** Networks trained by SVI: an amortized posterior with a closed form, and a maximum-likelihood fit of XOR. */
class AmortizedInferenceTest {
    /**
     * {@code z_i ~ Normal(0, 1)}, {@code x_i ~ Normal(z_i, 1)}: the posterior of each {@code z_i} is
     * {@code Normal(x_i / 2, sqrt(1/2))}. The guide is a {@code Linear(1, 2)} network from {@code x_i}
     * to the loc and log-scale of {@code q(z_i | x_i)}; that family holds the exact posterior
     * (weights 1/2 and 0, biases 0 and log sqrt(1/2)), so SVI must find it whatever the data.
     */
    static final class Conjugate {
        final Linear encoder = new Linear(1, 2);

        Tensor model(Tensor x) {
            try (PlateMessenger p = plate("data", x.size(0))) {
                Tensor z = sample("z", Normal.of(0.0, 1.0));
                return sample("x", Normal.of(z, 1.0), x);
            }
        }

        Tensor guide(Tensor x) {
            module("encoder", encoder);
            try (PlateMessenger p = plate("data", x.size(0))) {
                Tensor h = encoder.forward(x.unsqueeze(1));
                return sample("z", Normal.of(h.select(1, 0), h.select(1, 1).exp()));
            }
        }

        /** The guide's loc and scale for one observation {@code x}. */
        double[] posterior(double x) {
            try (Autograd.Scope s = Autograd.noGrad()) {
                double[] h = encoder.forward(Tensor.of(x)).toArray();
                return new double[] {h[0], Math.exp(h[1])};
            }
        }
    }

    /**
     * 200 observations, analytic KL (TraceMeanFieldELBO), Adam lr 0.02 for 3,000 steps, guide outputs
     * averaged over the last 1,000 steps. The tolerance 0.02 is 5 times the largest deviation measured
     * over seeds 0..9 while writing this test (mean at x = 2 within 0.0024 of 1, at x = -3 within
     * 0.0040 of -1.5; sd within 0.0038 of 0.7071), so it leaves room for other seeds, while a guide that ignored x (mean 0) or kept its
     * prior scale (sd 1) misses it by far.
     */
    @Test
    void anAmortizedGuideLearnsTheExactPosteriorOfEachObservation() {
        Pyrite.setRngSeed(0);
        Tensor x = Normal.of(0.0, Math.sqrt(2.0)).sample(200);
        Conjugate c = new Conjugate();
        double mean2 = 0;
        double sd2 = 0;
        double meanNeg = 0;
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            SVI<Tensor> svi = new SVI<>(c::model, c::guide, new Adam(0.02), new TraceMeanFieldELBO());
            for (int t = 0; t < 3000; t++) {
                svi.step(x);
                if (t >= 2000) {
                    double[] q = c.posterior(2.0);
                    mean2 += q[0] / 1000;
                    sd2 += q[1] / 1000;
                    meanNeg += c.posterior(-3.0)[0] / 1000;
                }
            }
        }
        assertThat(mean2).isCloseTo(1.0, within(0.02));
        assertThat(meanNeg).isCloseTo(-1.5, within(0.02));
        assertThat(sd2).isCloseTo(Math.sqrt(0.5), within(0.02));
    }

    /**
     * XOR, 25 copies of each of the four points, fitted by maximum likelihood (the model's only
     * unknowns are the network's params; the guide is empty). A linear classifier cannot do better
     * than probability 1/2 everywhere, a loss of 100 log 2 = 69.3; a 2-8-1 tanh network separates
     * the points, and its loss after 1,500 Adam steps (lr 0.05) must be below 2, that is an average
     * probability above 0.98 on the right label.
     */
    @Test
    void aSmallNetworkLearnsXorBySvi() {
        Pyrite.setRngSeed(1);
        double[][] xs = new double[100][];
        double[] ys = new double[100];
        for (int i = 0; i < 100; i++) {
            int a = i % 2;
            int b = (i / 2) % 2;
            xs[i] = new double[] {a, b};
            ys[i] = a ^ b;
        }
        Tensor x = Tensor.of(xs);
        Tensor y = Tensor.of(ys);
        Sequential net = new Sequential(new Linear(2, 8), Activation.TANH, new Linear(8, 1));
        double loss = Double.NaN;
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            SVI<Tensor> svi = new SVI<>(in -> {
                module("net", net);
                try (PlateMessenger p = plate("data", 100)) {
                    return sample("y", Bernoulli.logits(net.forward(in).squeeze(1)), y);
                }
            }, in -> null, new Adam(0.05), new TraceELBO());
            double first = svi.step(x);
            assertThat(first).as("a fresh network is near chance").isGreaterThan(50);
            for (int t = 0; t < 1500; t++) {
                loss = svi.step(x);
            }
        }
        assertThat(loss).isLessThan(2.0);
    }
}
