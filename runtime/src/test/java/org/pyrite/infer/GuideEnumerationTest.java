package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;
import static org.pyrite.infer.TraceEnumELBOTest.PI3;
import static org.pyrite.infer.TraceEnumELBOTest.logNormal;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * {@link TraceEnumELBO} with the guide enumerating its discrete sites: the ELBO is the exact
 * average over the guide's probabilities, sum_z q(z) [log p(y, z) - log q(z)], per plate entry,
 * checked in plain doubles to 1e-10, with gradients in the guide's logits against finite
 * differences; at the exact posterior it equals the log evidence.
 */
class GuideEnumerationTest {
    private static final double[] MU = {-1.0, 0.5, 2.0};
    private static final double[] Y = {0.7, -1.4, 2.2, 0.1};

    /** One record for model and guide: the guide's logits, one row per data point. */
    record Args(Tensor logits) {}

    static Object model(Args a) {
        try (PlateMessenger p = Pyrite.plate("data", Y.length)) {
            Tensor z = sample("z", Categorical.probs(PI3));
            sample("y", Normal.of(Vindex.rows(Tensor.of(MU), z), 1.0), Tensor.of(Y));
        }
        return null;
    }

    static Object guide(Args a) {
        try (PlateMessenger p = Pyrite.plate("data", Y.length)) {
            sample("z", Categorical.logits(a.logits()));
        }
        return null;
    }

    static double exactElbo(double[][] logits) {
        double elbo = 0;
        for (int i = 0; i < Y.length; i++) {
            double norm = 0;
            for (double l : logits[i]) {
                norm += Math.exp(l);
            }
            for (int z = 0; z < 3; z++) {
                double q = Math.exp(logits[i][z]) / norm;
                elbo += q * (Math.log(PI3[z]) + logNormal(Y[i], MU[z], 1.0) - Math.log(q));
            }
        }
        return elbo;
    }

    private static double elbo(Tensor logits) {
        return -new TraceEnumELBO(1).estimate(GuideEnumerationTest::model, Poutine.configEnumerate(GuideEnumerationTest::guide),
                new Args(logits), true).loss();
    }

    private static final double[][] LOGITS = {{0.3, -0.2, 0.1}, {1.0, 0.0, -1.0}, {-0.5, 0.4, 0.9}, {0.0, 0.0, 0.0}};

    @Test
    void theElboIsTheExactAverageOverTheGuide() {
        assertThat(elbo(Tensor.of(LOGITS))).isCloseTo(exactElbo(LOGITS), within(1e-10));
    }

    @Test
    void atTheExactPosteriorItIsTheLogEvidence() {
        double[][] posterior = new double[Y.length][3];
        double logEvidence = 0;
        for (int i = 0; i < Y.length; i++) {
            double[] terms = new double[3];
            for (int z = 0; z < 3; z++) {
                terms[z] = Math.log(PI3[z]) + logNormal(Y[i], MU[z], 1.0);
                posterior[i][z] = terms[z];
            }
            logEvidence += TraceEnumELBOTest.logSumExp(terms);
        }
        assertThat(elbo(Tensor.of(posterior))).isCloseTo(logEvidence, within(1e-10));
    }

    @Test
    void gradientsInTheGuideLogitsMatchFiniteDifferences() {
        Tensor logits = Tensor.of(LOGITS).requiringGrad();
        ELBO.Estimate e = new TraceEnumELBO(1).estimate(GuideEnumerationTest::model,
                Poutine.configEnumerate(GuideEnumerationTest::guide), new Args(logits), true);
        double[] grad = Autograd.grad(e.surrogate(), logits)[0].toArray();
        double h = 1e-6;
        for (int i = 0; i < Y.length; i++) {
            for (int z = 0; z < 3; z++) {
                double[][] up = copy(LOGITS);
                double[][] down = copy(LOGITS);
                up[i][z] += h;
                down[i][z] -= h;
                double fd = (exactElbo(up) - exactElbo(down)) / (2 * h);
                assertThat(-grad[i * 3 + z]).as("d/dlogits[%d][%d]", i, z).isCloseTo(fd, within(1e-7));
            }
        }
    }

    @Test
    void enumeratingInModelAndGuideAtOnceIsNamed() {
        Model<Args, Object> model = a -> {
            try (PlateMessenger p = Pyrite.plate("data", Y.length)) {
                Tensor z = sample("z", Categorical.probs(PI3));
                Tensor w = sample("w", Categorical.probs(PI3), Map.of("enumerate", "parallel"));
                sample("y", Normal.of(Vindex.rows(Tensor.of(MU), z).add(w), 1.0), Tensor.of(Y));
            }
            return null;
        };
        assertThatThrownBy(() -> new TraceEnumELBO(1).estimate(model, Poutine.configEnumerate(GuideEnumerationTest::guide),
                new Args(Tensor.of(LOGITS)), true)).hasMessageContaining("model site 'w'");
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
