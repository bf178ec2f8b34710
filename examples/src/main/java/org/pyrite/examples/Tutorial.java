package org.pyrite.examples;

import static org.pyrite.Pyrite.condition;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.optim.Adam;
import org.pyrite.tensor.Tensor;

/**
 * Pyro's tutorial "Inference in Pyro: From Stochastic Functions to Marginal Distributions", every
 * cell in order, in plain Java.
 *
 * <p>Two cells are done right where the printed tutorial is not: In [12]'s closed form uses the
 * model's noise (0.75), not unit noise, and a standard deviation rather than a variance, so the
 * exact posterior is Normal(9.14, 0.6); In [13] keeps {@code b} positive with a constraint rather
 * than {@code abs}. In [14] uses Adam with lr 0.01 for 2,000 steps, as Pyro's current tutorial
 * does (the printed text shows SGD with lr 0.001 for 1,000 steps), and reports {@code a} and
 * {@code b} averaged over the last 500 steps (their last values are reported too): across seeds
 * the last iterate of {@code a} scatters with a standard deviation of about 0.045, the average
 * with about 0.024.
 *
 * <p>Run with {@code ./run-tutorial.sh [output-folder]}; plots go to {@code pyrite-output/tutorial}
 * unless a folder is given. The last line printed is one JSON object with the key figures.
 */
public final class Tutorial {
    static final double GUESS = TutorialRun.GUESS;
    static final double MEASUREMENT = TutorialRun.MEASUREMENT;
    static final double NOISE = TutorialRun.NOISE;

    private Tutorial() {}

    // In [2]
    /** The scale model: a prior over the weight and a noisy measurement of it. */
    static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, NOISE));
    }

    // In [7]
    /** Arguments of the deferred conditioned model. */
    record MeasuredGuess(double measurement, double guess) {}

    static Tensor deferredConditionedScale(MeasuredGuess a) {
        return condition(Tutorial::scale, Map.of("measurement", a.measurement())).call(a.guess());
    }

    // In [8]
    static Tensor scaleObs(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 1.0), Tensor.scalar(MEASUREMENT));
    }

    // In [9]
    static Tensor scale2(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        Tensor tolerance = sample("tolerance", Normal.of(0.0, 1.0)).abs();
        return sample("measurement", Normal.of(weight, tolerance));
    }

    // In [11]
    static Tensor scalePriorGuide(double guess) {
        return sample("weight", Normal.of(guess, 1.0));
    }

    // In [12], corrected: the conjugate posterior for noise NOISE and a unit-scale prior.
    static Tensor scalePosteriorGuide(MeasuredGuess a) {
        double n = 1.0;
        double precision = 1.0 + n / (NOISE * NOISE);
        double mean = (a.guess() + a.measurement() / (NOISE * NOISE)) / precision;
        return sample("weight", Normal.of(mean, 1.0 / Math.sqrt(precision)));
    }

    // In [13], with b kept positive by a constraint.
    static Tensor scaleParametrizedGuide(double guess) {
        Tensor a = param("a", Tensor.scalar(guess + Rng.current().gaussian()));
        Tensor b = param("b", Tensor.scalar(1.0), Constraints.positive());
        return sample("weight", Normal.of(a, b));
    }

    /** Arguments: an output folder for the plots, and {@code --backend cpu|tensorflow} for the SVI cell. */
    public static void main(String[] args) throws IOException {
        String[] rest = SviBackend.rest(args);
        TutorialRun.run(new TutorialRun.Models() {
            public Tensor scale(double guess) {
                return Tutorial.scale(guess);
            }

            public Tensor deferredConditionedScale(MeasuredGuess a) {
                return Tutorial.deferredConditionedScale(a);
            }

            public Tensor scaleObs(double guess) {
                return Tutorial.scaleObs(guess);
            }

            public Tensor scale2(double guess) {
                return Tutorial.scale2(guess);
            }

            public Tensor scalePriorGuide(double guess) {
                return Tutorial.scalePriorGuide(guess);
            }

            public Tensor scalePosteriorGuide(MeasuredGuess a) {
                return Tutorial.scalePosteriorGuide(a);
            }

            public Tensor scaleParametrizedGuide(double guess) {
                return Tutorial.scaleParametrizedGuide(guess);
            }

            public String paramA() {
                return "a";
            }

            public String paramB() {
                return "b";
            }
        }, Path.of(rest.length > 0 ? rest[0] : "pyrite-output/tutorial").toAbsolutePath(), SviBackend.of(args));
    }
}
