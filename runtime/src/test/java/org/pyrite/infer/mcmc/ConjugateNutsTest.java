package org.pyrite.infer.mcmc;

import static org.pyrite.Pyrite.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Beta;
import org.pyrite.distributions.Binomial;
import org.pyrite.distributions.Gamma;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Poisson;
import org.pyrite.tensor.Tensor;

/**
 * NUTS and HMC on conjugate models with closed-form posteriors; means and sds are checked within
 * 4 Monte Carlo standard errors from the draws' ESS ({@link PosteriorCheck}).
 */
class ConjugateNutsTest {
    static final Tensor Y = Tensor.of(0.8, 1.9, 1.2, 2.6, 0.4, 1.5, 2.2, 1.1);

    /** mu ~ N(0, 2), y_i ~ N(mu, 1): posterior N(sum y / (n + 1/4), 1 / (n + 1/4)). */
    static Tensor normalNormal(Tensor y) {
        Tensor mu = sample("mu", Normal.of(0.0, 2.0));
        return sample("y", Normal.of(mu, 1.0).expand(y.size(0)).toEvent(1), y);
    }

    /** p ~ Beta(2, 3), k ~ Binomial(20, p) with k = 14: posterior Beta(16, 9). */
    static Tensor betaBinomial(Double k) {
        Tensor p = sample("p", Beta.of(2.0, 3.0));
        return sample("k", Binomial.probs(20.0, p), k);
    }

    /** rate ~ Gamma(3, 2), counts ~ Poisson(rate): posterior Gamma(3 + sum, 2 + n). */
    static Tensor gammaPoisson(Tensor counts) {
        Tensor rate = sample("rate", Gamma.of(3.0, 2.0));
        return sample("counts", Poisson.of(rate).expand(counts.size(0)).toEvent(1), counts);
    }

    static List<double[]> chains(List<Tensor> perChain) {
        List<double[]> out = new ArrayList<>();
        for (Tensor t : perChain) {
            out.add(t.toArray());
        }
        return out;
    }

    private static <A> Map<String, List<Tensor>> run(HamiltonianKernel<A, ?> kernel, A args) {
        Pyrite.setRngSeed(7);
        MCMC<A> mcmc = new MCMC<>(kernel, 1000, 500).numChains(2);
        mcmc.run(args);
        return mcmc.samplesByChain();
    }

    @Test
    void normalNormalWithNuts() {
        double prec = Y.size(0) + 0.25;
        Map<String, List<Tensor>> s = run(new NUTS<>(ConjugateNutsTest::normalNormal), Y);
        PosteriorCheck.assertMoments("mu", chains(s.get("mu")), Y.sum().item() / prec, Math.sqrt(1 / prec));
    }

    @Test
    void normalNormalWithHmc() {
        double prec = Y.size(0) + 0.25;
        Map<String, List<Tensor>> s = run(new HMC<>(ConjugateNutsTest::normalNormal).trajectoryLength(1.5), Y);
        PosteriorCheck.assertMoments("mu", chains(s.get("mu")), Y.sum().item() / prec, Math.sqrt(1 / prec));
    }

    private static void checkBeta(Map<String, List<Tensor>> s) {
        double a = 16;
        double b = 9;
        double mean = a / (a + b);
        double sd = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
        PosteriorCheck.assertMoments("p", chains(s.get("p")), mean, sd);
    }

    @Test
    void betaBinomialWithNuts() {
        checkBeta(run(new NUTS<>((Model<Double, Tensor>) ConjugateNutsTest::betaBinomial), 14.0));
    }

    @Test
    void betaBinomialWithHmc() {
        checkBeta(run(new HMC<>((Model<Double, Tensor>) ConjugateNutsTest::betaBinomial), 14.0));
    }

    private static void checkGamma(Map<String, List<Tensor>> s, Tensor counts) {
        double shape = 3 + counts.sum().item();
        double rate = 2 + counts.size(0);
        PosteriorCheck.assertMoments("rate", chains(s.get("rate")), shape / rate, Math.sqrt(shape) / rate);
    }

    @Test
    void gammaPoissonWithNuts() {
        Tensor counts = Tensor.of(2, 4, 3, 0, 5, 1);
        checkGamma(run(new NUTS<>(ConjugateNutsTest::gammaPoisson), counts), counts);
    }

    @Test
    void gammaPoissonWithHmc() {
        Tensor counts = Tensor.of(2, 4, 3, 0, 5, 1);
        checkGamma(run(new HMC<>(ConjugateNutsTest::gammaPoisson), counts), counts);
    }
}
