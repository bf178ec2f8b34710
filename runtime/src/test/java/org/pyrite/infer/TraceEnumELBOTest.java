package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * {@link TraceEnumELBO} with every latent site enumerated in the model and an empty guide: its
 * -loss is the model's log marginal likelihood, checked against the sum over every joint
 * assignment computed in plain doubles, and its gradient against central finite differences.
 */
class TraceEnumELBOTest {
    static final Map<String, Object> PARALLEL = Map.of("enumerate", "parallel");
    private static final double TOL = 1e-10;

    @AfterEach
    void clear() {
        Pyrite.clearParamStore();
    }

    static double logNormal(double y, double mu, double sd) {
        double z = (y - mu) / sd;
        return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
    }

    static double logSumExp(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : xs) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    static <A> double logEvidence(Model<A, ?> model, int maxPlateNesting, A args) {
        ELBO.Estimate e = new TraceEnumELBO(maxPlateNesting).estimate(model, a -> null, args, true);
        return -e.loss();
    }

    // ---------------------------------------------------------------- one site

    static final double[] PI3 = {0.2, 0.3, 0.5};
    static final double[] MU3 = {-1.0, 0.5, 2.0};

    static Object oneSite(Tensor mu) {
        Tensor z = sample("z", Categorical.probs(PI3), PARALLEL);
        sample("y", Normal.of(Vindex.rows(mu, z), 1.0), Tensor.scalar(0.7));
        return null;
    }

    @Test
    void oneSiteIsItsExactMarginal() {
        double[] terms = new double[3];
        for (int z = 0; z < 3; z++) {
            terms[z] = Math.log(PI3[z]) + logNormal(0.7, MU3[z], 1.0);
        }
        assertThat(logEvidence(TraceEnumELBOTest::oneSite, 0, Tensor.of(MU3))).isCloseTo(logSumExp(terms), within(TOL));
    }

    // ---------------------------------------------------------------- a chain of two

    static final double[][] T23 = {{0.1, 0.6, 0.3}, {0.5, 0.25, 0.25}};
    static final double[] SD2 = {0.8, 1.7};

    static Object chainOfTwo(Tensor mu) {
        Tensor z1 = sample("z1", Bernoulli.probs(0.3), PARALLEL);
        Tensor z2 = sample("z2", Categorical.probs(Vindex.rows(Tensor.of(T23), z1)), PARALLEL);
        sample("y", Normal.of(Vindex.rows(mu, z2), Vindex.rows(Tensor.of(SD2), z1)), Tensor.scalar(1.3));
        return null;
    }

    @Test
    void chainOfTwoIsItsExactMarginal() {
        double[] terms = new double[6];
        for (int z1 = 0; z1 < 2; z1++) {
            for (int z2 = 0; z2 < 3; z2++) {
                terms[z1 * 3 + z2] = Math.log(z1 == 1 ? 0.3 : 0.7) + Math.log(T23[z1][z2]) + logNormal(1.3, MU3[z2], SD2[z1]);
            }
        }
        assertThat(logEvidence(TraceEnumELBOTest::chainOfTwo, 0, Tensor.of(MU3))).isCloseTo(logSumExp(terms), within(TOL));
    }

    // ---------------------------------------------------------------- a site in a plate

    static final double[] Y4 = {0.3, -1.2, 2.5, 0.9};

    static Object inPlate(Tensor mu) {
        try (PlateMessenger p = Pyrite.plate("data", 4)) {
            Tensor z = sample("z", Bernoulli.probs(0.35), PARALLEL);
            sample("y", Normal.of(Vindex.rows(mu, z), 1.0), Tensor.of(Y4));
        }
        return null;
    }

    @Test
    void siteInAPlateIsItsExactMarginal() {
        double[] mu = {-0.5, 1.5};
        double total = Double.NEGATIVE_INFINITY;
        double[] all = new double[16];
        for (int config = 0; config < 16; config++) {
            double lp = 0;
            for (int i = 0; i < 4; i++) {
                int z = (config >> i) & 1;
                lp += Math.log(z == 1 ? 0.35 : 0.65) + logNormal(Y4[i], mu[z], 1.0);
            }
            all[config] = lp;
        }
        total = logSumExp(all);
        assertThat(logEvidence(TraceEnumELBOTest::inPlate, 1, Tensor.of(mu))).isCloseTo(total, within(TOL));
    }

    // ---------------------------------------------------------------- nested plates

    static final double[][] U_GIVEN_C = {{0.6, 0.3, 0.1}, {0.2, 0.2, 0.6}};
    static final double[] Q3 = {0.2, 0.5, 0.9};
    static final double[][] Y_AB = {{0.1, 1.4}, {-0.7, 2.2}, {1.0, 0.3}}; // [b][a]

    /** c global; u in plate a (dim -1, size 2) depends on c; v in plates a and b (dim -2, size 3) depends on u. */
    static Object nested(Tensor m) {
        Tensor c = sample("c", Bernoulli.probs(0.4), PARALLEL);
        try (PlateMessenger a = Pyrite.plate("a", 2, 2, -1)) {
            Tensor u = sample("u", Categorical.probs(Vindex.rows(Tensor.of(U_GIVEN_C), c)), PARALLEL);
            try (PlateMessenger b = Pyrite.plate("b", 3, 3, -2)) {
                Tensor v = sample("v", Bernoulli.probs(Vindex.rows(Tensor.of(Q3), u)), PARALLEL);
                sample("y", Normal.of(Vindex.rows(m, v).add(u), 1.0), Tensor.of(Y_AB));
            }
        }
        return null;
    }

    static double nestedBruteForce(double[] m) {
        // 2 (c) x 3^2 (u_a) x 2^6 (v_ab) joint assignments.
        double[] all = new double[2 * 9 * 64];
        int n = 0;
        for (int c = 0; c < 2; c++) {
            for (int us = 0; us < 9; us++) {
                int[] u = {us % 3, us / 3};
                for (int vs = 0; vs < 64; vs++) {
                    double lp = Math.log(c == 1 ? 0.4 : 0.6);
                    for (int a = 0; a < 2; a++) {
                        lp += Math.log(U_GIVEN_C[c][u[a]]);
                        for (int b = 0; b < 3; b++) {
                            int v = (vs >> (a * 3 + b)) & 1;
                            double q = Q3[u[a]];
                            lp += Math.log(v == 1 ? q : 1 - q) + logNormal(Y_AB[b][a], m[v] + u[a], 1.0);
                        }
                    }
                    all[n++] = lp;
                }
            }
        }
        return logSumExp(all);
    }

    @Test
    void nestedPlatesAreTheirExactMarginal() {
        double[] m = {0.4, -0.9};
        assertThat(logEvidence(TraceEnumELBOTest::nested, 2, Tensor.of(m))).isCloseTo(nestedBruteForce(m), within(TOL));
    }

    // ---------------------------------------------------------------- a Markov chain

    static final double[][] TRANS = {{0.8, 0.15, 0.05}, {0.1, 0.7, 0.2}, {0.25, 0.25, 0.5}};
    static final double[] Y6 = {-1.1, -0.4, 0.6, 2.3, 1.8, -0.2};

    static Object hmm(Tensor mu) {
        Tensor[] x = {Tensor.scalar(0.0)};
        Poutine.markov(Y6.length, t -> {
            Tensor probs = t == 0 ? Tensor.of(PI3) : Vindex.rows(Tensor.of(TRANS), x[0]);
            x[0] = sample("x_" + t, Categorical.probs(probs), PARALLEL);
            sample("y_" + t, Normal.of(Vindex.rows(mu, x[0]), 1.0), Tensor.scalar(Y6[t]));
        });
        return null;
    }

    static double hmmBruteForce(double[] mu) {
        int configs = (int) Math.pow(3, Y6.length);
        double[] all = new double[configs];
        for (int c = 0; c < configs; c++) {
            double lp = 0;
            int prev = -1;
            int rest = c;
            for (int t = 0; t < Y6.length; t++) {
                int x = rest % 3;
                rest /= 3;
                lp += Math.log(t == 0 ? PI3[x] : TRANS[prev][x]) + logNormal(Y6[t], mu[x], 1.0);
                prev = x;
            }
            all[c] = lp;
        }
        return logSumExp(all);
    }

    @Test
    void markovChainOfSixIsItsExactMarginalWithTwoDims() {
        assertThat(logEvidence(TraceEnumELBOTest::hmm, 0, Tensor.of(MU3))).isCloseTo(hmmBruteForce(MU3), within(TOL));
        // Dimensions are reused along the chain: no value has more than two enumeration dims.
        Trace t = Poutine.trace(Poutine.enumerate(TraceEnumELBOTest::hmm, -1)).getTrace(Tensor.of(MU3));
        for (Site s : t.sites()) {
            assertThat(s.value().rank()).as(s.name()).isLessThanOrEqualTo(2);
            assertThat(s.logProb().numel()).as(s.name()).isLessThanOrEqualTo(9);
        }
    }

    // ---------------------------------------------------------------- gradients

    @Test
    void gradientsMatchFiniteDifferences() {
        checkGradient(TraceEnumELBOTest::hmm, 0, MU3);
        checkGradient(TraceEnumELBOTest::nested, 2, new double[] {0.4, -0.9});
        checkGradient(TraceEnumELBOTest::chainOfTwo, 0, MU3);
    }

    private static void checkGradient(Model<Tensor, Object> model, int nesting, double[] at) {
        Tensor theta = Tensor.of(at).requiringGrad();
        ELBO.Estimate e = new TraceEnumELBO(nesting).estimate(model, a -> null, theta, true);
        double[] grad = Autograd.grad(e.surrogate(), theta)[0].toArray();
        double h = 1e-5;
        for (int i = 0; i < at.length; i++) {
            double[] up = at.clone();
            double[] down = at.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (logEvidence(model, nesting, Tensor.of(up)) - logEvidence(model, nesting, Tensor.of(down))) / (2 * h);
            // The surrogate is the loss, -log evidence.
            assertThat(-grad[i]).as("d/dtheta_%d", i).isCloseTo(fd, within(1e-7));
        }
    }

    // ---------------------------------------------------------------- a subsampled plate

    @Test
    void aSubsampledPlateScalesTheContractedSumByItsCommonScale() {
        double[] mu = {-0.5, 1.5};
        int[][] drawn = new int[1][];
        Model<Tensor, Object> model = m -> {
            try (PlateMessenger p = Pyrite.plate("data", 4, 2)) {
                drawn[0] = p.subsample();
                Tensor z = sample("z", Bernoulli.probs(0.35), PARALLEL);
                sample("y", Normal.of(Vindex.rows(m, z), 1.0), Tensor.of(Y4).index(0, drawn[0]));
            }
            return null;
        };
        Pyrite.setRngSeed(4);
        double elbo = logEvidence(model, 1, Tensor.of(mu));
        double expected = 0;
        for (int i : drawn[0]) {
            expected += logSumExp(new double[] {Math.log(0.65) + logNormal(Y4[i], mu[0], 1.0), Math.log(0.35) + logNormal(Y4[i], mu[1], 1.0)});
        }
        assertThat(elbo).isCloseTo(2.0 * expected, within(TOL));
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void aSiteReachingPastItsMarkovWindowIsNamed() {
        Model<Tensor, Object> model = mu -> {
            Tensor[] x = {Tensor.scalar(0.0), Tensor.scalar(0.0)};
            Poutine.markov(4, t -> {
                // Depends on the state two steps back, with a window of one step.
                Tensor probs = t < 2 ? Tensor.of(PI3) : Vindex.rows(Tensor.of(TRANS), x[0]);
                x[0] = x[1];
                x[1] = sample("x_" + t, Categorical.probs(probs), PARALLEL);
            });
            return null;
        };
        assertThatThrownBy(() -> logEvidence(model, 0, Tensor.of(MU3)))
                .hasMessageContaining("site 'x_2' depends on enumerated site 'x_0'").hasMessageContaining("markov");
    }

    @Test
    void aSiteWithoutFiniteSupportNamesItAndWhatCanBeEnumerated() {
        Model<Tensor, Object> model = data -> {
            sample("w", Normal.of(0.0, 1.0), PARALLEL);
            return null;
        };
        assertThatThrownBy(() -> logEvidence(model, 0, Tensor.scalar(0.0)))
                .hasMessageContaining("'w'").hasMessageContaining("Normal").hasMessageContaining("Bernoulli, Categorical");
    }

    @Test
    void tooSmallPlateNestingNamesSitePlateAndTheValueThatWorks() {
        assertThatThrownBy(() -> logEvidence(TraceEnumELBOTest::nested, 1, Tensor.of(0.4, -0.9)))
                .hasMessageContaining("'v'").hasMessageContaining("plate 'b'").hasMessageContaining("maxPlateNesting 2");
    }

    @Test
    void aGuideSamplingAnEnumeratedSiteIsNamed() {
        Model<Tensor, Object> guide = data -> sample("z", Categorical.probs(PI3));
        assertThatThrownBy(() -> new TraceEnumELBO(0).estimate(TraceEnumELBOTest::oneSite, guide, Tensor.of(MU3), true))
                .hasMessageContaining("site 'z' is enumerated in the model, but the guide samples it");
    }

    @Test
    void configEnumerateMarksOnlyEnumerableLatentSites() {
        Model<Tensor, Object> model = Poutine.configEnumerate(data -> {
            Tensor z = sample("z", Categorical.probs(PI3));
            sample("y", Normal.of(Vindex.rows(data, z), 1.0), Tensor.scalar(0.7));
            return null;
        });
        assertThat(logEvidence(model, 0, Tensor.of(MU3))).isCloseTo(logEvidence(TraceEnumELBOTest::oneSite, 0, Tensor.of(MU3)),
                within(TOL));
    }
}
