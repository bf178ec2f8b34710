package org.pyrite.examples;

import static org.pyrite.Pyrite.condition;
import static org.pyrite.Pyrite.intervene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.pyrite.Poutine;
import org.pyrite.annotations.Guide;
import org.pyrite.annotations.Model;
import org.pyrite.annotations.Param;
import org.pyrite.annotations.Sample;
import org.pyrite.annotations.constraints.Positive;
import org.pyrite.distributions.Normal;
import org.pyrite.examples.Tutorial.MeasuredGuess;
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
    public static final class ScaleModels implements TutorialRun.Models {
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

        @Override
        public String paramA() {
            return "ScaleModels.a";
        }

        @Override
        public String paramB() {
            return "ScaleModels.b";
        }
    }

    public static void main(String[] args) throws IOException {
        ScaleModels m = new ScaleModels();
        requireAgent(m);
        TutorialRun.run(m, Path.of(args.length > 0 ? args[0] : "pyrite-output/annotated-tutorial").toAbsolutePath());
    }

    /** Stops with a clear message when the agent has not rewritten the models. */
    static void requireAgent(ScaleModels m) {
        if (!Poutine.trace(m::scale).getTrace(GUESS).contains("weight")) {
            throw new IllegalStateException("AnnotatedTutorial needs the Pyrite agent, which turns its @Sample locals into "
                    + "sites; without it they are plain draws. Run ./run-annotated-tutorial.sh, or java "
                    + "-javaagent:agent/target/pyrite-agent-VERSION.jar -cp ... org.pyrite.examples.AnnotatedTutorial");
        }
    }
}
