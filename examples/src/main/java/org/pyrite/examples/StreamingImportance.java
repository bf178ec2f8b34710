package org.pyrite.examples;

import static org.pyrite.Pyrite.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.infer.EmpiricalMarginal;
import org.pyrite.infer.Importance;
import org.pyrite.infer.TracePosterior;
import org.pyrite.tensor.Tensor;

/**
 * Ten million importance samples of the tutorial's conditioned model in a 2 GiB heap: the
 * streaming form ({@code Importance.keepingOnly}) keeps each sample's log weight and the value of
 * {@code weight} (16 bytes a sample) where whole traces take about 500 bytes each.
 *
 * <pre>
 * java -Xmx2g -cp ... org.pyrite.examples.StreamingImportance [samples] [threads]
 * </pre>
 *
 * Prints one JSON line: the posterior mean and standard deviation of the weight (exact: 9.14 and
 * 0.6), the effective sample size, the log evidence, the heap limit and the seconds taken.
 */
public final class StreamingImportance {
    private StreamingImportance() {}

    static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        Pyrite.setRngSeed(0);
        Model<Double, Tensor> conditioned = Pyrite.condition(StreamingImportance::scale, Map.of("measurement", 9.5));
        TracePosterior posterior = new Importance<>(conditioned, samples).keepingOnly("weight").parallelism(threads).run(8.5);
        EmpiricalMarginal weight = new EmpiricalMarginal(posterior, "weight");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", samples);
        json.put("threads", threads);
        json.put("weight_mean", weight.mean().item());
        json.put("weight_sd", Math.sqrt(weight.variance().item()));
        json.put("effective_sample_size", posterior.effectiveSampleSize());
        json.put("log_evidence", posterior.logNormalizer());
        json.put("max_heap_mb", (double) (Runtime.getRuntime().maxMemory() >> 20));
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }
}
