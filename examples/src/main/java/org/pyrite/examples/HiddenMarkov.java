package org.pyrite.examples;

import static org.pyrite.Pyrite.sample;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Dirichlet;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceEnumELBO;
import org.pyrite.infer.autoguide.AutoDelta;
import org.pyrite.infer.autoguide.InitStrategy;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * A 3-state hidden Markov model with Gaussian emissions, the model of Pyro's HMM example and of
 * {@code ../shared/baselines/pyro-scripts/enum_gmm_hmm.py}: a sequence of 1,000 steps drawn with a
 * fixed seed from known parameters (emission means -3, 0, 3, sd 1; 0.95 on the transition
 * diagonal, 0.025 elsewhere; a uniform start), the hidden states summed out by parallel
 * enumeration along a {@code Poutine.markov} chain (two enumeration dims for the whole chain),
 * {@link AutoDelta} over the transition rows and the means, Adam lr 0.05; then the Viterbi path
 * by {@code Poutine.inferDiscrete} with MAP.
 *
 * <p>States are named by the order of their fitted emission means (a mixture's labels are defined
 * only up to permutation); started at the prior means (-1, 0, 1), the fit keeps that order.
 * Ends with one JSON line: {@code transition_error_max} (largest absolute error of the fitted
 * transition matrix), {@code viterbi_accuracy} (share of steps whose Viterbi state is the true
 * one), {@code us_per_step_median}, {@code seconds}.
 */
public final class HiddenMarkov {
    static final int STATES = 3;
    static final int STEPS = 300;
    static final double[] MEANS = {-3.0, 0.0, 3.0};

    private HiddenMarkov() {}

    static Object model(Tensor obs) {
        Tensor prior = Tensor.eye(STATES).mul(0.9).add(0.1);
        Tensor probs = sample("probs", Dirichlet.of(prior).toEvent(1));
        Tensor locs = sample("locs", Normal.of(Tensor.of(-1.0, 0.0, 1.0), 5.0).toEvent(1));
        Tensor[] x = {Tensor.scalar(0.0)};
        double[] y = obs.toArray();
        Poutine.markov(y.length, t -> {
            x[0] = sample("x_" + t, Categorical.probs(Vindex.rows(probs, x[0])), Map.of("enumerate", "parallel"));
            sample("y_" + t, Normal.of(Vindex.rows(locs, x[0]), 1.0), Tensor.scalar(y[t]));
        });
        return null;
    }

    /** A synthetic sequence: the hidden states and the observations. */
    record Sequence(int[] states, Tensor obs) {}

    static double[][] trueTransition() {
        double[][] trans = new double[STATES][STATES];
        for (double[] row : trans) {
            Arrays.fill(row, 0.025);
        }
        for (int i = 0; i < STATES; i++) {
            trans[i][i] = 0.95;
        }
        return trans;
    }

    static Sequence simulate(int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] trans = trueTransition();
        int[] s = new int[length];
        double[] y = new double[length];
        s[0] = rng.nextInt(STATES);
        for (int t = 1; t < length; t++) {
            double u = rng.nextDouble();
            int next = 0;
            double acc = trans[s[t - 1]][0];
            while (u >= acc && next < STATES - 1) {
                acc += trans[s[t - 1]][++next];
            }
            s[t] = next;
        }
        for (int t = 0; t < length; t++) {
            y[t] = MEANS[s[t]] + gaussian(rng);
        }
        return new Sequence(s, Tensor.of(y));
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: one standard normal from two uniforms.
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** What a fit produced: the fitted transition matrix, the Viterbi path and the median step time. */
    record Fit(double[][] transition, int[] viterbi, double usPerStep, double finalLoss) {}

    static Fit fit(Tensor obs, long seed, int steps) {
        Pyrite.setRngSeed(seed);
        Model<Tensor, Object> model = HiddenMarkov::model;
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            // Started at the prior means, so the states keep the order of the prior's emission means.
            AutoDelta<Tensor> guide = new AutoDelta<>(Poutine.block(model, m -> m.name().startsWith("x_")), InitStrategy.initToMean());
            SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.05), new TraceEnumELBO(0));
            long[] nanos = new long[steps];
            double loss = Double.NaN;
            for (int t = 0; t < steps; t++) {
                long t0 = System.nanoTime();
                loss = svi.step(obs);
                nanos[t] = System.nanoTime() - t0;
                if (t % 50 == 0 || t == steps - 1) {
                    System.out.printf(Locale.ROOT, "step %3d  loss %.2f%n", t, loss);
                }
            }
            double[] p = guide.median().get("probs").toArray();
            int[] label = rankOf(guide.median().get("locs").toArray());
            double[][] transition = new double[STATES][STATES];
            for (int i = 0; i < STATES; i++) {
                for (int j = 0; j < STATES; j++) {
                    transition[label[i]][label[j]] = p[i * STATES + j];
                }
            }
            Trace guideTrace = Poutine.trace(guide).getTrace(obs);
            Trace map = Poutine.inferDiscrete(Poutine.replay(model, guideTrace), -1, true).getTrace(obs);
            int[] viterbi = new int[obs.numel()];
            for (int t = 0; t < viterbi.length; t++) {
                viterbi[t] = label[(int) map.site("x_" + t).value().item()];
            }
            long[] timed = Arrays.copyOfRange(nanos, Math.min(2, steps - 1), steps);
            Arrays.sort(timed);
            return new Fit(transition, viterbi, timed[timed.length / 2] / 1e3, loss);
        }
    }

    /**
     * Each fitted state's rank by its emission mean: states are named by the order of their means,
     * as the true ones are (-3, 0, 3), since a mixture's labels are only defined up to permutation.
     */
    static int[] rankOf(double[] means) {
        int[] rank = new int[means.length];
        for (int i = 0; i < means.length; i++) {
            for (int j = 0; j < means.length; j++) {
                rank[i] += means[j] < means[i] || (means[j] == means[i] && j < i) ? 1 : 0;
            }
        }
        return rank;
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        int length = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Sequence seq = simulate(length, 0);
        Fit fit = fit(seq.obs(), 0, STEPS);
        double[][] truth = trueTransition();
        double error = 0;
        System.out.println("fitted transition matrix (truth 0.95 on the diagonal, 0.025 elsewhere):");
        for (int i = 0; i < STATES; i++) {
            System.out.printf(Locale.ROOT, "  %.4f %.4f %.4f%n", fit.transition()[i][0], fit.transition()[i][1], fit.transition()[i][2]);
            for (int j = 0; j < STATES; j++) {
                error = Math.max(error, Math.abs(fit.transition()[i][j] - truth[i][j]));
            }
        }
        int correct = 0;
        for (int t = 0; t < length; t++) {
            correct += fit.viterbi()[t] == seq.states()[t] ? 1 : 0;
        }
        double accuracy = (double) correct / length;
        System.out.printf(Locale.ROOT, "transition error max %.4f, Viterbi accuracy %.3f, %.0f us per step (median; Pyro 867,000 us)%n",
                error, accuracy, fit.usPerStep());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("transition_error_max", error);
        json.put("viterbi_accuracy", accuracy);
        json.put("final_loss", fit.finalLoss());
        json.put("us_per_step_median", fit.usPerStep());
        json.put("pyro_us_per_step", 867000.0);
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }
}
