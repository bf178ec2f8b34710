package org.pyrite.examples;

import static org.pyrite.Pyrite.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.infer.IndependentMH;
import org.pyrite.infer.mcmc.Diagnostics;
import org.pyrite.tensor.Tensor;

/**
 * Independent Metropolis-Hastings, another of the tutorial's next steps, on the tutorial's scale
 * model conditioned on a measurement of 9.5: the proposal is the tutorial's guide
 * {@code weight ~ N(9.0, 1.0)}, independent of the chain's state, and a proposal is taken with
 * probability {@code min(1, w' / w)} of the importance weights {@code p / q}. The chain's draws
 * approach the exact posterior N(9.14, 0.6); the acceptance rate says how well the guide covers it.
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.pyrite.examples.IndependentMHScale [-Dexec.args=samples]
 * </pre>
 *
 * Prints one JSON line: the chain's mean and sd beside the exact ones, the acceptance rate, the
 * bulk effective sample size of the weight, and the seconds taken.
 */
public final class IndependentMHScale {
    private IndependentMHScale() {}

    static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    static Tensor guide(double guess) {
        return sample("weight", Normal.of(9.0, 1.0));
    }

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long start = System.nanoTime();
        Pyrite.setRngSeed(0);
        Model<Double, Tensor> conditioned = Pyrite.condition(IndependentMHScale::scale, Map.of("measurement", 9.5));
        IndependentMH.Result chain = new IndependentMH<>(conditioned, IndependentMHScale::guide, samples, 1_000).run(8.5);
        double[] w = chain.posterior().values("weight").toArray();
        double mean = 0;
        for (double v : w) {
            mean += v / w.length;
        }
        double ss = 0;
        for (double v : w) {
            ss += (v - mean) * (v - mean);
        }
        double exactVar = 1.0 / (1.0 + 1.0 / (0.75 * 0.75));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", samples);
        json.put("weight_mean", mean);
        json.put("weight_sd", Math.sqrt(ss / (w.length - 1)));
        json.put("exact_mean", exactVar * (8.5 + 9.5 / (0.75 * 0.75)));
        json.put("exact_sd", Math.sqrt(exactVar));
        json.put("acceptance_rate", chain.acceptanceRate());
        json.put("n_eff", Diagnostics.effectiveSampleSize(new double[][] {w}));
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }
}
