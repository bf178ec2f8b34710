package org.pyrite.examples;

import static org.pyrite.Pyrite.condition;
import static org.pyrite.Pyrite.intervene;
import static org.pyrite.Pyrite.setRngSeed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.distributions.Normal;
import org.pyrite.examples.Tutorial.MeasuredGuess;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.EmpiricalMarginal;
import org.pyrite.infer.Importance;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.TracePosterior;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.plot.Histogram;
import org.pyrite.plot.LinePlot;
import org.pyrite.tensor.Tensor;

/**
 * The cells of Pyro's tutorial "Inference in Pyro: From Stochastic Functions to Marginal
 * Distributions", run against one set of models: the plain-Java ones of {@link Tutorial} or the
 * annotated ones of {@link AnnotatedTutorial}. Both print the same lines and the same JSON keys.
 */
final class TutorialRun {
    static final double GUESS = 8.5;
    static final double MEASUREMENT = 9.5;
    static final double NOISE = 0.75;

    private TutorialRun() {}

    /** The tutorial's models and guides, and the names of the guide's two params. */
    interface Models {
        Tensor scale(double guess);

        Tensor deferredConditionedScale(MeasuredGuess args);

        Tensor scaleObs(double guess);

        Tensor scale2(double guess);

        Tensor scalePriorGuide(double guess);

        Tensor scalePosteriorGuide(MeasuredGuess args);

        Tensor scaleParametrizedGuide(double guess);

        /** The param-store name of the guide's location. */
        String paramA();

        /** The param-store name of the guide's scale. */
        String paramB();
    }

    /** Runs every cell against {@code m}, writes the plots into {@code out} and prints the JSON line last. */
    static void run(Models m, Path out) throws IOException {
        run(m, out, SviBackend.CPU);
    }

    /** As {@link #run(Models, Path)}, with the SVI cell's steps on {@code backend}. */
    static void run(Models m, Path out, SviBackend backend) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(out);
        setRngSeed(0);
        Map<String, Object> json = new LinkedHashMap<>();

        // In [3]-[5]: importance sampling with the prior, and the marginal of the return value.
        Importance<Double, Tensor> posterior = new Importance<>(m::scale, 100);
        EmpiricalMarginal marginal = new EmpiricalMarginal(posterior.run(GUESS));
        double[] prior = draws(marginal, 100);
        histogram(prior, "P(measurement | guess)", out.resolve("in05-prior-measurement.png"));
        json.put("prior_measurement_mean", mean(prior));
        json.put("prior_measurement_sd", sd(prior));
        cell(5, "100 draws of P(measurement | guess=8.5): mean %.3f, sd %.3f (exact 8.5, 1.25)", mean(prior), sd(prior));

        // In [6]-[7]: conditioning is a higher-order function, and can be deferred.
        Model<Double, Tensor> conditioned = condition(m::scale, Map.of("measurement", MEASUREMENT));
        Tensor returned = conditioned.call(GUESS);
        cell(6, "condition(scale, {measurement: 9.5}) returns %.1f", returned.item());
        Trace deferred = Poutine.trace(m::deferredConditionedScale).getTrace(new MeasuredGuess(MEASUREMENT, GUESS));
        cell(7, "deferred conditioning: measurement observed=%s, value %.1f",
                deferred.site("measurement").isObserved(), deferred.site("measurement").value().item());

        // In [8]: an inline observation.
        Trace obs = Poutine.trace(m::scaleObs).getTrace(GUESS);
        cell(8, "inline obs: measurement observed=%s, value %.1f", obs.site("measurement").isObserved(),
                obs.site("measurement").value().item());

        // In [9]: condition composes; the three forms agree. intervene is Pyro's do.
        double[] lp = new double[3];
        Model<Double, Tensor> c1 = condition(condition(m::scale2, Map.of("weight", 9.2)), Map.of("measurement", 9.5));
        Model<Double, Tensor> c2 = condition(condition(m::scale2, Map.of("measurement", 9.5)), Map.of("weight", 9.2));
        Model<Double, Tensor> c3 = condition(m::scale2, Map.of("weight", 9.2, "measurement", 9.5));
        int k = 0;
        for (Model<Double, Tensor> c : java.util.List.of(c1, c2, c3)) {
            lp[k++] = Poutine.trace(Poutine.seed(c, 1)).getTrace(GUESS).logProbSum().item();
        }
        Trace intervened = Poutine.trace(intervene(m::scale2, Map.of("weight", 9.2))).getTrace(GUESS);
        cell(9, "three conditioned forms, same seed: log p = %.6f, %.6f, %.6f; intervene(weight=9.2): "
                + "weight site sampled %.3f (counterfactual), measurement %.3f drawn around 9.2",
                lp[0], lp[1], lp[2], intervened.site("weight").value().item(), intervened.site("measurement").value().item());

        // In [10]: importance on the conditioned model, marginal of the weight.
        TracePosterior conditionedPosterior = new Importance<>(conditioned, 10_000).run(GUESS);
        EmpiricalMarginal weight = new EmpiricalMarginal(conditionedPosterior, "weight");
        double weightMean = weight.mean().item();
        double weightSd = weight.stddev().item();
        histogram(draws(weight, 1000), "P(weight | measurement, guess)", out.resolve("in10-importance-prior.png"));
        json.put("importance_weight_mean", weightMean);
        json.put("importance_weight_sd", weightSd);
        json.put("log_evidence", conditionedPosterior.logNormalizer());
        json.put("log_evidence_exact", Normal.of(GUESS, Math.sqrt(1 + NOISE * NOISE)).logProb(MEASUREMENT).item());
        cell(10, "importance, 10,000 prior samples: weight mean %.4f, sd %.4f, ESS %.0f, log evidence %.5f",
                weightMean, weightSd, conditionedPosterior.effectiveSampleSize(), conditionedPosterior.logNormalizer());

        // In [11]: the prior as an explicit guide.
        TracePosterior priorGuided = new Importance<>(conditioned, m::scalePriorGuide, 100).run(GUESS);
        EmpiricalMarginal priorGuidedWeight = new EmpiricalMarginal(priorGuided, "weight");
        histogram(draws(priorGuidedWeight, 100), "P(weight | measurement, guess), prior guide", out.resolve("in11-prior-guide.png"));
        cell(11, "importance with the prior guide, 100 samples: weight mean %.3f", priorGuidedWeight.mean().item());

        // In [12]: the exact posterior as the guide (corrected closed form): every weight is equal.
        TracePosterior exact = new Importance<>(m::deferredConditionedScale, m::scalePosteriorGuide, 100)
                .run(new MeasuredGuess(MEASUREMENT, GUESS));
        EmpiricalMarginal exactWeight = new EmpiricalMarginal(exact, "weight");
        histogram(draws(exactWeight, 100), "P(weight | measurement, guess), exact guide", out.resolve("in12-exact-guide.png"));
        cell(12, "importance with the exact posterior guide: ESS %.1f of 100 (equal weights), weight mean %.3f",
                exact.effectiveSampleSize(), exactWeight.mean().item());

        // In [13]-[14]: a parametrized guide fitted by SVI (Adam, lr 0.01, 2,000 steps).
        ParamStore store = new ParamStore();
        int steps = 2000;
        int averaged = 500;
        double[] losses = new double[steps];
        double aMean = 0;
        double bMean = 0;
        try (ParamStore.Scope s = ParamStore.use(store);
             SviBackend.Steps<Double> svi = backend.svi(conditioned, m::scaleParametrizedGuide, new Adam(0.01), new TraceELBO(), GUESS)) {
            for (int t = 0; t < steps; t++) {
                losses[t] = svi.step(GUESS);
                if (t >= steps - averaged) {
                    // Polyak-Ruppert averaging: the mean of the last iterates is a steadier
                    // estimate of the optimum than the last iterate alone.
                    aMean += store.get(m.paramA()).item() / averaged;
                    bMean += store.get(m.paramB()).item() / averaged;
                }
            }
        }
        double a = store.get(m.paramA()).item();
        double b = store.get(m.paramB()).item();
        LinePlot.create().withTitle("SVI loss (Adam, lr 0.01)").withXLabel("step").withYLabel("-ELBO")
                .withSeries("loss", losses).writePng(out.resolve("in14-svi-loss.png"));
        json.put("svi_a", aMean);
        json.put("svi_b", bMean);
        json.put("svi_a_last", a);
        json.put("svi_b_last", b);
        cell(14, "SVI, 2,000 Adam steps (lr 0.01): a = %.4f, b = %.4f averaged over the last 500 steps, %.4f and %.4f at the "
                + "last step (exact 9.14, 0.6); mean loss of the last 200 steps %.4f",
                aMean, bMean, a, b, mean(java.util.Arrays.copyOfRange(losses, losses.length - 200, losses.length)));

        // In [15]: the trained guide as the proposal, 10 samples.
        EmpiricalMarginal guided;
        try (ParamStore.Scope s = ParamStore.use(store)) {
            guided = new EmpiricalMarginal(new Importance<>(conditioned, m::scaleParametrizedGuide, 10).run(GUESS), "weight");
        }
        histogram(draws(guided, 100), "P(weight | measurement, guess), trained guide", out.resolve("in15-trained-guide.png"));
        json.put("guided_importance_weight_mean", guided.mean().item());
        cell(15, "importance with the trained guide, 10 samples: weight mean %.3f", guided.mean().item());

        // In [16]: sampling the trained guide directly.
        double[] direct = new double[100];
        try (ParamStore.Scope s = ParamStore.use(store)) {
            for (int i = 0; i < direct.length; i++) {
                direct[i] = m.scaleParametrizedGuide(GUESS).item();
            }
        }
        histogram(direct, "P(weight | measurement, guess), guide samples", out.resolve("in16-guide-samples.png"));
        cell(16, "100 draws of the trained guide: mean %.3f, sd %.3f", mean(direct), sd(direct));

        json.put("analytic_mean", 9.14);
        json.put("analytic_sd", 0.6);
        json.put("backend", backend.jsonName());
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println("plots written to " + out);
        System.out.println(JsonLine.of(json));
    }

    private static double[] draws(EmpiricalMarginal marginal, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = marginal.sample().item();
        }
        return d;
    }

    private static void histogram(double[] data, String title, Path file) throws IOException {
        Histogram.of(data).withTitle(title).withRange(5.0, 12.0).withBins(10).withXLabel("value").withYLabel("count")
                .writePng(file);
    }

    private static void cell(int n, String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, "In [%d]: " + format, prepend(n, values)));
    }

    private static Object[] prepend(int n, Object[] values) {
        Object[] all = new Object[values.length + 1];
        all[0] = n;
        System.arraycopy(values, 0, all, 1, values.length);
        return all;
    }

    static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    static double sd(double[] xs) {
        double m = mean(xs);
        double s = 0;
        for (double x : xs) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (xs.length - 1));
    }
}
