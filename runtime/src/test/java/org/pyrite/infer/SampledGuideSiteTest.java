package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;
import static org.pyrite.infer.TraceEnumELBOTest.MU3;
import static org.pyrite.infer.TraceEnumELBOTest.PARALLEL;
import static org.pyrite.infer.TraceEnumELBOTest.T23;
import static org.pyrite.infer.TraceEnumELBOTest.logNormal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Normal;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * {@link TraceEnumELBO} with a discrete site the guide samples (no enumeration, no
 * reparameterization) upstream of a site the model enumerates: the score-function gradient is
 * unbiased (its mean over 4,000 seeds within four standard errors of the exact gradient of
 * sum_z q(z) [log p(z) + log sum_w p(w | z) p(y | z, w) - log q(z)], by finite differences).
 */
class SampledGuideSiteTest {
    private static final double THETA = -0.4;

    @AfterEach
    void clear() {
        Pyrite.clearParamStore();
    }

    static Object model(Object args) {
        Tensor z = sample("z", Bernoulli.probs(0.3));
        Tensor w = sample("w", Categorical.probs(Vindex.rows(Tensor.of(T23), z)), PARALLEL);
        sample("y", Normal.of(Vindex.rows(Tensor.of(MU3), w).add(z), 1.0), Tensor.scalar(1.3));
        return null;
    }

    static Object guide(Object args) {
        sample("z", Bernoulli.logits(param("theta", Tensor.scalar(THETA))));
        return null;
    }

    static double exactElbo(double theta) {
        double q1 = 1 / (1 + Math.exp(-theta));
        double elbo = 0;
        for (int z = 0; z < 2; z++) {
            double q = z == 1 ? q1 : 1 - q1;
            double marginal = 0;
            for (int w = 0; w < 3; w++) {
                marginal += T23[z][w] * Math.exp(logNormal(1.3, MU3[w] + z, 1.0));
            }
            elbo += q * (Math.log(z == 1 ? 0.3 : 0.7) + Math.log(marginal) - Math.log(q));
        }
        return elbo;
    }

    @Test
    void theScoreFunctionGradientIsUnbiased() {
        double h = 1e-6;
        double exact = (exactElbo(THETA + h) - exactElbo(THETA - h)) / (2 * h);
        TraceEnumELBO elbo = new TraceEnumELBO(0);
        int n = 4000;
        double sum = 0;
        double sumSq = 0;
        double lossSum = 0;
        double lossSq = 0;
        for (int i = 0; i < n; i++) {
            Pyrite.setRngSeed(500 + i);
            ELBO.Estimate e = elbo.estimate(SampledGuideSiteTest::model, SampledGuideSiteTest::guide, null, i == 0);
            double g = -Autograd.grad(e.surrogate(), ParamStore.current().unconstrained("theta"))[0].item();
            sum += g;
            sumSq += g * g;
            lossSum += e.loss();
            lossSq += e.loss() * e.loss();
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq - n * mean * mean) / (n - 1) / n);
        assertThat(mean).isCloseTo(exact, within(4 * se));
        // The value is unbiased too (exact given z), within four of its standard errors.
        double lossMean = lossSum / n;
        double lossSe = Math.sqrt((lossSq - n * lossMean * lossMean) / (n - 1) / n);
        assertThat(-lossMean).isCloseTo(exactElbo(THETA), within(4 * lossSe));
    }
}
