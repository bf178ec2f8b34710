package org.pyrite.examples;

import static org.pyrite.Pyrite.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.infer.EmpiricalMarginal;
import org.pyrite.infer.RejectionSampling;
import org.pyrite.tensor.Tensor;

/**
 * Rejection sampling, the first of the tutorial's next steps: exact draws from the tutorial's
 * scale model conditioned on a measurement of 9.5 (guess 8.5). The likelihood
 * {@code N(9.5; weight, 0.75)} is at most {@code 1 / (0.75 sqrt(2 pi))}, at {@code weight = 9.5}: that
 * is the bound. A prior draw is accepted with probability {@code likelihood / bound}, so the
 * accepted weights are exact posterior draws, N(9.14, 0.6), and the acceptance rate times the
 * bound estimates the evidence, {@code N(9.5; 8.5, 1.25)}.
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.pyrite.examples.RejectionSamplingScale [-Dexec.args=samples]
 * </pre>
 *
 * Prints one JSON line: the draws' mean and sd beside the exact ones, the acceptance rate, the log
 * evidence beside the exact one, and the seconds taken.
 */
public final class RejectionSamplingScale {
    private RejectionSamplingScale() {}

    static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long start = System.nanoTime();
        Pyrite.setRngSeed(0);
        Model<Double, Tensor> conditioned = Pyrite.condition(RejectionSamplingScale::scale, Map.of("measurement", 9.5));
        double logBound = -Math.log(0.75) - 0.5 * Math.log(2 * Math.PI);
        RejectionSampling.Result result = new RejectionSampling<>(conditioned, logBound, samples).run(8.5);
        EmpiricalMarginal weight = new EmpiricalMarginal(result.posterior(), "weight");

        double exactVar = 1.0 / (1.0 + 1.0 / (0.75 * 0.75));
        double exactMean = exactVar * (8.5 + 9.5 / (0.75 * 0.75));
        double evidenceSd = Math.sqrt(1.0 + 0.75 * 0.75);
        double exactLogEvidence = -Math.log(evidenceSd) - 0.5 * Math.log(2 * Math.PI) - 0.5 * Math.pow((9.5 - 8.5) / evidenceSd, 2);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", samples);
        json.put("weight_mean", weight.mean().item());
        json.put("weight_sd", Math.sqrt(weight.variance().item()));
        json.put("exact_mean", exactMean);
        json.put("exact_sd", Math.sqrt(exactVar));
        json.put("acceptance_rate", result.acceptanceRate());
        json.put("log_evidence", result.logEvidence());
        json.put("exact_log_evidence", exactLogEvidence);
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }
}
