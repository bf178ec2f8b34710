package org.pyrite.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pyrite.Pyrite;
import org.pyrite.infer.Importance;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.tensor.Tensor;

/**
 * What a user's program costs in a fresh JVM, before the JIT and the heap have settled (JMH's
 * warm-up hides this; users meet it). Run once per JVM by {@code benchmarks/cold-start.sh}:
 * <ul>
 *   <li>{@code importance}: rounds of 10,000-sample importance runs of the tutorial's conditioned
 *       model for {@link #SECONDS} seconds;
 *   <li>{@code svi}: blocks of 2,000 SVI steps (scale model, Adam) for {@link #SECONDS} seconds.
 * </ul>
 * Prints one CSV line: mode, the first round's milliseconds (the first 10,000 samples, or the
 * first 2,000 steps), the median of the rounds in the last second, and the seconds from the start
 * of the first round until a round first ran within 1.5 times that median.
 */
public final class ColdStart {
    static final double SECONDS = 6.0;

    private ColdStart() {}

    public static void main(String[] args) {
        if (args.length != 1 || !List.of("importance", "svi").contains(args[0])) {
            throw new IllegalArgumentException("usage: ColdStart importance|svi");
        }
        Pyrite.setRngSeed(0);
        Round round;
        if (args[0].equals("importance")) {
            Importance<Double, Tensor> importance = new Importance<>(ScaleModels.CONDITIONED, 10_000);
            round = () -> importance.run(ScaleModels.GUESS);
        } else {
            SVI<Double> svi = new SVI<>(ScaleModels.CONDITIONED, ScaleModels::guide, new Adam(0.01), new TraceELBO());
            round = () -> {
                for (int t = 0; t < 2_000; t++) {
                    svi.step(ScaleModels.GUESS);
                }
            };
        }
        List<long[]> rounds = new ArrayList<>(); // {start, end} in nanoseconds
        long start = System.nanoTime();
        long end = start + (long) (SECONDS * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            round.run();
            rounds.add(new long[] {t0, System.nanoTime()});
        }
        double[] lastSecond = rounds.stream().filter(r -> r[0] >= end - 1_000_000_000L).mapToDouble(r -> (r[1] - r[0]) / 1e6)
                .sorted().toArray();
        double steady = lastSecond[lastSecond.length / 2];
        double settled = Double.NaN;
        for (long[] r : rounds) {
            if ((r[1] - r[0]) / 1e6 <= 1.5 * steady) {
                settled = (r[1] - start) / 1e9;
                break;
            }
        }
        double first = (rounds.get(0)[1] - rounds.get(0)[0]) / 1e6;
        System.out.println(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%d", args[0], first, steady, settled, rounds.size()));
        if (Boolean.getBoolean("coldstart.rounds")) {
            System.err.println(Arrays.toString(rounds.stream().mapToDouble(r -> (r[1] - r[0]) / 1e6).toArray()));
        }
    }

    @FunctionalInterface
    private interface Round {
        void run();
    }
}
