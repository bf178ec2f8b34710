package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.Pyrite.sample;
import static org.pyrite.infer.TraceEnumELBOTest.PI3;
import static org.pyrite.infer.TraceEnumELBOTest.Q3;
import static org.pyrite.infer.TraceEnumELBOTest.SD2;
import static org.pyrite.infer.TraceEnumELBOTest.T23;
import static org.pyrite.infer.TraceEnumELBOTest.TRANS;
import static org.pyrite.infer.TraceEnumELBOTest.U_GIVEN_C;
import static org.pyrite.infer.TraceEnumELBOTest.Y6;
import static org.pyrite.infer.TraceEnumELBOTest.Y_AB;
import static org.pyrite.infer.TraceEnumELBOTest.logNormal;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.handlers.Trace;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * {@code Poutine.inferDiscrete}: the MAP assignment equals the argmax over every joint assignment,
 * and posterior draws match the exact posterior frequencies by a chi-square test at level 0.001
 * (critical values of the chi-square distribution for the degrees of freedom stated), and along a
 * 300-step chain it is the path a hand-written Viterbi finds.
 */
class InferDiscreteTest {
    private static final double[] MU3 = {-1.0, 0.5, 2.0};

    @AfterEach
    void clear() {
        Pyrite.clearParamStore();
    }

    private static double hmmLogJoint(int[] x) {
        double lp = 0;
        for (int t = 0; t < x.length; t++) {
            lp += Math.log(t == 0 ? PI3[x[t]] : TRANS[x[t - 1]][x[t]]) + logNormal(Y6[t], MU3[x[t]], 1.0);
        }
        return lp;
    }

    private static int[] hmmConfig(int c) {
        int[] x = new int[Y6.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = c % 3;
            c /= 3;
        }
        return x;
    }

    @Test
    void mapOfAMarkovChainIsTheBruteForceArgmax() {
        int configs = (int) Math.pow(3, Y6.length);
        int best = 0;
        for (int c = 1; c < configs; c++) {
            if (hmmLogJoint(hmmConfig(c)) > hmmLogJoint(hmmConfig(best))) {
                best = c;
            }
        }
        Trace t = Poutine.inferDiscrete(TraceEnumELBOTest::hmm, -1, true).getTrace(Tensor.of(MU3));
        int[] expected = hmmConfig(best);
        for (int i = 0; i < Y6.length; i++) {
            assertThat(t.site("x_" + i).value().item()).as("x_%d", i).isEqualTo(expected[i]);
            assertThat(t.site("x_" + i).value().rank()).isZero();
        }
        // Not the trivial answer: the most probable path is not the per-step most probable states.
        assertThat(expected).isNotEqualTo(new int[] {0, 0, 0, 0, 0, 0});
    }

    @Test
    void mapInNestedPlatesIsTheBruteForceArgmax() {
        double[] m = {0.4, -0.9};
        double bestLp = Double.NEGATIVE_INFINITY;
        int[] best = null;
        for (int c = 0; c < 2; c++) {
            for (int us = 0; us < 9; us++) {
                int[] u = {us % 3, us / 3};
                for (int vs = 0; vs < 64; vs++) {
                    double lp = Math.log(c == 1 ? 0.4 : 0.6);
                    for (int a = 0; a < 2; a++) {
                        lp += Math.log(U_GIVEN_C[c][u[a]]);
                        for (int b = 0; b < 3; b++) {
                            int v = (vs >> (a * 3 + b)) & 1;
                            lp += Math.log(v == 1 ? Q3[u[a]] : 1 - Q3[u[a]]) + logNormal(Y_AB[b][a], m[v] + u[a], 1.0);
                        }
                    }
                    if (lp > bestLp) {
                        bestLp = lp;
                        best = new int[] {c, u[0], u[1], vs};
                    }
                }
            }
        }
        Trace t = Poutine.inferDiscrete(TraceEnumELBOTest::nested, -3, true).getTrace(Tensor.of(m));
        assertThat(t.site("c").value().item()).isEqualTo(best[0]);
        assertThat(t.site("u").value().shape()).containsExactly(2);
        assertThat(t.site("u").value().toArray()).containsExactly(best[1], best[2]);
        Tensor v = t.site("v").value();
        assertThat(v.shape()).containsExactly(3, 2);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                assertThat(v.toArray()[b * 2 + a]).as("v[%d][%d]", b, a).isEqualTo((best[3] >> (a * 3 + b)) & 1);
            }
        }
    }

    @Test
    void drawsOfAChainOfTwoMatchTheExactPosterior() {
        double[] p = new double[6];
        double total = 0;
        for (int z1 = 0; z1 < 2; z1++) {
            for (int z2 = 0; z2 < 3; z2++) {
                p[z1 * 3 + z2] = (z1 == 1 ? 0.3 : 0.7) * T23[z1][z2] * Math.exp(logNormal(1.3, MU3[z2], SD2[z1]));
                total += p[z1 * 3 + z2];
            }
        }
        Pyrite.setRngSeed(17);
        int n = 4000;
        int[] counts = new int[6];
        Poutine.TracedModel<Tensor, Object> sampler = Poutine.inferDiscrete(TraceEnumELBOTest::chainOfTwo, -1, false);
        for (int i = 0; i < n; i++) {
            Trace t = sampler.getTrace(Tensor.of(MU3));
            counts[(int) t.site("z1").value().item() * 3 + (int) t.site("z2").value().item()]++;
        }
        // 5 degrees of freedom: the 0.001 critical value is 20.515.
        assertThat(chiSquare(counts, p, total, n)).isLessThan(20.515);
    }

    @Test
    void drawsAlongAMarkovChainMatchTheExactPosteriorOfAPair() {
        double[] p = new double[9];
        double total = 0;
        int configs = (int) Math.pow(3, Y6.length);
        for (int c = 0; c < configs; c++) {
            int[] x = hmmConfig(c);
            double w = Math.exp(hmmLogJoint(x));
            p[x[2] * 3 + x[3]] += w;
            total += w;
        }
        Pyrite.setRngSeed(23);
        int n = 4000;
        int[] counts = new int[9];
        Poutine.TracedModel<Tensor, Object> sampler = Poutine.inferDiscrete(TraceEnumELBOTest::hmm, -1, false);
        for (int i = 0; i < n; i++) {
            Trace t = sampler.getTrace(Tensor.of(MU3));
            counts[(int) t.site("x_2").value().item() * 3 + (int) t.site("x_3").value().item()]++;
        }
        // 8 degrees of freedom (cells of probability zero would be dropped; there are none): 26.124.
        assertThat(chiSquare(counts, p, total, n)).isLessThan(26.124);
    }

    /** A 300-step chain with noisy emissions: many steps where the path differs from per-step argmaxes. */
    @Test
    void mapOfALongChainIsTheViterbiPathComputedByHand() {
        int length = 300;
        double[] y = new double[length];
        SplittableRandom rng = new SplittableRandom(9);
        int state = 0;
        for (int t = 0; t < length; t++) {
            if (rng.nextDouble() < 0.2) {
                state = rng.nextInt(3);
            }
            y[t] = MU3[state] + 1.5 * (rng.nextDouble() * 2 - 1);
        }
        Model<Tensor, Object> model = mu -> {
            Tensor[] x = {Tensor.scalar(0.0)};
            Poutine.markov(length, t -> {
                Tensor probs = t == 0 ? Tensor.of(PI3) : Vindex.rows(Tensor.of(TRANS), x[0]);
                x[0] = sample("x_" + t, Categorical.probs(probs), TraceEnumELBOTest.PARALLEL);
                sample("y_" + t, Normal.of(Vindex.rows(mu, x[0]), 1.0),
                        Tensor.scalar(y[t]));
            });
            return null;
        };
        // Viterbi in plain doubles.
        double[][] score = new double[length][3];
        int[][] back = new int[length][3];
        for (int k = 0; k < 3; k++) {
            score[0][k] = Math.log(PI3[k]) + logNormal(y[0], MU3[k], 1.0);
        }
        for (int t = 1; t < length; t++) {
            for (int k = 0; k < 3; k++) {
                int best = 0;
                for (int j = 1; j < 3; j++) {
                    if (score[t - 1][j] + Math.log(TRANS[j][k]) > score[t - 1][best] + Math.log(TRANS[best][k])) {
                        best = j;
                    }
                }
                back[t][k] = best;
                score[t][k] = score[t - 1][best] + Math.log(TRANS[best][k]) + logNormal(y[t], MU3[k], 1.0);
            }
        }
        int[] path = new int[length];
        for (int k = 1; k < 3; k++) {
            path[length - 1] = score[length - 1][k] > score[length - 1][path[length - 1]] ? k : path[length - 1];
        }
        for (int t = length - 1; t > 0; t--) {
            path[t - 1] = back[t][path[t]];
        }
        Trace map = Poutine.inferDiscrete(model, -1, true).getTrace(Tensor.of(MU3));
        int differsFromLocalArgmax = 0;
        for (int t = 0; t < length; t++) {
            assertThat(map.site("x_" + t).value().item()).as("x_%d", t).isEqualTo(path[t]);
            int local = 0;
            for (int k = 1; k < 3; k++) {
                local = logNormal(y[t], MU3[k], 1.0) > logNormal(y[t], MU3[local], 1.0) ? k : local;
            }
            differsFromLocalArgmax += local != path[t] ? 1 : 0;
        }
        assertThat(differsFromLocalArgmax).isGreaterThan(10);
    }

    private static double chiSquare(int[] counts, double[] weights, double total, int n) {
        double chi = 0;
        for (int i = 0; i < counts.length; i++) {
            double expected = n * weights[i] / total;
            chi += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        return chi;
    }
}
