package org.pyrite.examples;

import static org.pyrite.Pyrite.condition;
import static org.pyrite.Pyrite.intervene;
import static org.pyrite.Pyrite.setRngSeed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.pyrite.Poutine;
import org.pyrite.annotations.Guide;
import org.pyrite.annotations.Model;
import org.pyrite.annotations.Param;
import org.pyrite.annotations.Sample;
import org.pyrite.annotations.constraints.Positive;
import org.pyrite.dist.Normal;
import org.pyrite.examples.Tutorial.MeasuredGuess;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.EmpiricalMarginal;
import org.pyrite.infer.Importance;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.TracePosterior;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.plot.Histogram;
import org.pyrite.plot.LinePlot;
import org.pyrite.tensor.Tensor;

/**
 * {@link Tutorial}, cell for cell, in the annotated style: models and guides are ordinary methods
 * of {@link ScaleModels} whose {@code @Sample} locals draw with {@code dist.sample()} and whose
 * guide reads {@code @Param} fields. The Pyrite agent rewrites them when the class loads into
 * {@code Pyrite.sample(name, dist)} and {@code Pyrite.param(name, init, constraint)}, so every
 * handler (condition, intervene, trace, replay) and every inference sees the same named sites as
 * in the plain-Java tutorial. Conditioning, interventions and the inference drivers stay plain Java
 * calls: they are higher-order functions on models, which the annotated style does not replace.
 *
 * <p>It needs the agent: {@code ./run-annotated-tutorial.sh [output-folder]} builds it and runs
 * {@code java -javaagent:agent/target/pyrite-agent-VERSION.jar ... org.pyrite.examples.AnnotatedTutorial}.
 * Without the agent it stops with an error that says so. The last line printed is the same JSON
 * object as {@link Tutorial}'s, with the same keys.
 */
public final class AnnotatedTutorial {
    static final double GUESS = Tutorial.GUESS;
    static final double MEASUREMENT = Tutorial.MEASUREMENT;
    static final double NOISE = Tutorial.NOISE;

    private AnnotatedTutorial() {}

    /** The tutorial's models and guides (DESIGN §3, second listing). */
    public static final class ScaleModels {
        private final Random init = new Random(0);
        /**
         * In [13]: the guide's location, initialized near the guess; stored as "ScaleModels.a". The
         * initial value is drawn once, when the models are created: a draw inside the guide would be
         * randomness that bypasses the handlers, which the agent reports as an error.
         */
        @Param Tensor a = Tensor.scalar(GUESS + init.nextGaussian());
        /** In [13]: the guide's scale, kept positive by a constraint; stored as "ScaleModels.b". */
        @Param(constraint = Positive.class) Tensor b = Tensor.scalar(1.0);
        /** In [8]: the observed measurement. */
        final Tensor measured = Tensor.scalar(MEASUREMENT);

        // In [2]
        /** The scale model: a prior over the weight and a noisy measurement of it. */
        @Model
        public Tensor scale(double guess) {
            @Sample Tensor weight = Normal.of(guess, 1.0).sample();
            @Sample Tensor measurement = Normal.of(weight, NOISE).sample();
            return measurement;
        }

        // In [7]: conditioning deferred to the call, a plain-Java composition of the model above.
        @Model
        public Tensor deferredConditionedScale(MeasuredGuess args) {
            return condition(this::scale, Map.of("measurement", args.measurement())).call(args.guess());
        }

        // In [8]: an inline observation, the annotated way.
        @Model
        public Tensor scaleObs(double guess) {
            @Sample Tensor weight = Normal.of(guess, 1.0).sample();
            @Sample(obs = "measured") Tensor measurement = Normal.of(weight, 1.0).sample();
            return measurement;
        }

        // In [9]
        @Model
        public Tensor scale2(double guess) {
            @Sample Tensor weight = Normal.of(guess, 1.0).sample();
            @Sample Tensor tolerance = Normal.of(0.0, 1.0).sample();
            @Sample Tensor measurement = Normal.of(weight, tolerance.abs()).sample();
            return measurement;
        }

        // In [11]: the prior as a guide; the measurement is conditioned whenever it is used.
        @Guide(model = "scale", observed = "measurement")
        public Tensor scalePriorGuide(double guess) {
            @Sample Tensor weight = Normal.of(guess, 1.0).sample();
            return weight;
        }

        // In [12], corrected: the conjugate posterior for noise NOISE and a unit-scale prior.
        @Guide(model = "deferredConditionedScale")
        public Tensor scalePosteriorGuide(MeasuredGuess args) {
            double precision = 1.0 + 1.0 / (NOISE * NOISE);
            double mean = (args.guess() + args.measurement() / (NOISE * NOISE)) / precision;
            @Sample Tensor weight = Normal.of(mean, 1.0 / Math.sqrt(precision)).sample();
            return weight;
        }

        // In [13]: the parametrized guide; a and b are read through the param store.
        @Guide(model = "scale", observed = "measurement")
        public Tensor scaleParametrizedGuide(double guess) {
            @Sample Tensor weight = Normal.of(a, b).sample();
            return weight;
        }
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        ScaleModels m = new ScaleModels();
        requireAgent(m);
        Path out = Path.of(args.length > 0 ? args[0] : "pyrite-output/annotated-tutorial").toAbsolutePath();
        Files.createDirectories(out);
        setRngSeed(0);
        Map<String, Object> json = new LinkedHashMap<>();

        // In [3]-[5]: importance sampling with the prior, and the marginal of the return value.
        Importance<Double, Tensor> posterior = new Importance<>(m::scale, 100);
        EmpiricalMarginal marginal = new EmpiricalMarginal(posterior.run(GUESS));
        double[] prior = draws(marginal, 100);
        histogram(prior, "P(measurement | guess)", out.resolve("in05-prior-measurement.png"));
        json.put("prior_measurement_mean", Tutorial.mean(prior));
        json.put("prior_measurement_sd", Tutorial.sd(prior));
        cell(5, "100 draws of P(measurement | guess=8.5): mean %.3f, sd %.3f (exact 8.5, 1.25)", Tutorial.mean(prior),
                Tutorial.sd(prior));

        // In [6]-[7]: conditioning is a higher-order function, and can be deferred.
        org.pyrite.Model<Double, Tensor> conditioned = condition(m::scale, Map.of("measurement", MEASUREMENT));
        cell(6, "condition(scale, {measurement: 9.5}) returns %.1f", conditioned.call(GUESS).item());
        Trace deferred = Poutine.trace(m::deferredConditionedScale).getTrace(new MeasuredGuess(MEASUREMENT, GUESS));
        cell(7, "deferred conditioning: measurement observed=%s, value %.1f",
                deferred.site("measurement").isObserved(), deferred.site("measurement").value().item());

        // In [8]: an inline observation (@Sample(obs = "measured")).
        Trace obs = Poutine.trace(m::scaleObs).getTrace(GUESS);
        cell(8, "inline obs: measurement observed=%s, value %.1f", obs.site("measurement").isObserved(),
                obs.site("measurement").value().item());

        // In [9]: condition composes; the three forms agree. intervene is Pyro's do.
        double[] lp = new double[3];
        List<org.pyrite.Model<Double, Tensor>> forms = List.of(
                condition(condition(m::scale2, Map.of("weight", 9.2)), Map.of("measurement", 9.5)),
                condition(condition(m::scale2, Map.of("measurement", 9.5)), Map.of("weight", 9.2)),
                condition(m::scale2, Map.of("weight", 9.2, "measurement", 9.5)));
        for (int k = 0; k < 3; k++) {
            lp[k] = Poutine.trace(Poutine.seed(forms.get(k), 1)).getTrace(GUESS).logProbSum().item();
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

        // In [13]-[14]: the parametrized guide fitted by SVI (Adam, lr 0.01, 2,000 steps); a and b are
        // averaged over the last 500 steps, as Tutorial does.
        ParamStore store = new ParamStore();
        int steps = 2000;
        int averaged = 500;
        double[] losses = new double[steps];
        double aMean = 0;
        double bMean = 0;
        try (ParamStore.Scope s = ParamStore.use(store)) {
            SVI<Double> svi = new SVI<>(conditioned, m::scaleParametrizedGuide, new Adam(0.01), new TraceELBO());
            for (int t = 0; t < steps; t++) {
                losses[t] = svi.step(GUESS);
                if (t >= steps - averaged) {
                    aMean += store.get("ScaleModels.a").item() / averaged;
                    bMean += store.get("ScaleModels.b").item() / averaged;
                }
            }
        }
        double a = store.get("ScaleModels.a").item();
        double b = store.get("ScaleModels.b").item();
        LinePlot.create().withTitle("SVI loss (Adam, lr 0.01)").withXLabel("step").withYLabel("-ELBO")
                .withSeries("loss", losses).writePng(out.resolve("in14-svi-loss.png"));
        json.put("svi_a", aMean);
        json.put("svi_b", bMean);
        json.put("svi_a_last", a);
        json.put("svi_b_last", b);
        cell(14, "SVI, 2,000 Adam steps (lr 0.01): ScaleModels.a = %.4f, ScaleModels.b = %.4f averaged over the last 500 "
                + "steps, %.4f and %.4f at the last step (exact 9.14, 0.6); mean loss of the last 200 steps %.4f",
                aMean, bMean, a, b, Tutorial.mean(Arrays.copyOfRange(losses, losses.length - 200, losses.length)));

        // In [15]: the trained guide as the proposal, 10 samples.
        EmpiricalMarginal guided;
        try (ParamStore.Scope s = ParamStore.use(store)) {
            guided = new EmpiricalMarginal(new Importance<>(conditioned, m::scaleParametrizedGuide, 10).run(GUESS), "weight");
        }
        histogram(draws(guided, 100), "P(weight | measurement, guess), trained guide", out.resolve("in15-trained-guide.png"));
        json.put("guided_importance_weight_mean", guided.mean().item());
        cell(15, "importance with the trained guide, 10 samples: weight mean %.3f", guided.mean().item());

        // In [16]: sampling the trained guide directly (a plain method call: its @Param reads use the store).
        double[] direct = new double[100];
        try (ParamStore.Scope s = ParamStore.use(store)) {
            for (int i = 0; i < direct.length; i++) {
                direct[i] = m.scaleParametrizedGuide(GUESS).item();
            }
        }
        histogram(direct, "P(weight | measurement, guess), guide samples", out.resolve("in16-guide-samples.png"));
        cell(16, "100 draws of the trained guide: mean %.3f, sd %.3f", Tutorial.mean(direct), Tutorial.sd(direct));

        json.put("analytic_mean", 9.14);
        json.put("analytic_sd", 0.6);
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println("plots written to " + out);
        System.out.println(toJson(json));
    }

    /** Stops with a clear message when the agent has not rewritten the models. */
    static void requireAgent(ScaleModels m) {
        if (!Poutine.trace(m::scale).getTrace(GUESS).contains("weight")) {
            throw new IllegalStateException("AnnotatedTutorial needs the Pyrite agent, which turns its @Sample locals into "
                    + "sites; without it they are plain draws. Run ./run-annotated-tutorial.sh, or java "
                    + "-javaagent:agent/target/pyrite-agent-VERSION.jar -cp ... org.pyrite.examples.AnnotatedTutorial");
        }
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
        Object[] all = new Object[values.length + 1];
        all[0] = n;
        System.arraycopy(values, 0, all, 1, values.length);
        System.out.println(String.format(Locale.ROOT, "In [%d]: " + format, all));
    }

    private static String toJson(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            Object v = e.getValue();
            String text = v instanceof Double ? String.format(Locale.ROOT, "%.6g", (Double) v) : String.valueOf(v);
            sb.append('"').append(e.getKey()).append("\": ").append(text);
        }
        return sb.append('}').toString();
    }
}
