package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stan's windowed schedule and its regularised estimates. */
class WindowedAdaptationTest {
    private static List<Integer> updates(int numWarmup) {
        WindowedAdaptation w = new WindowedAdaptation(numWarmup, 1, false);
        InverseMass m = InverseMass.identity(1, false);
        Random r = new Random(0);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < numWarmup; i++) {
            if (w.learn(new double[] {r.nextGaussian()}, m)) {
                at.add(i);
            }
        }
        return at;
    }

    /** 1,000 warm-up: buffer 75, windows 25, 50, 100, 200 and the last stretched to 500, buffer 50 (Stan's). */
    @Test
    void stansWindowsForAThousandWarmupIterations() {
        assertThat(updates(1000)).containsExactly(99, 149, 249, 449, 949);
    }

    /** Under 150 iterations the buffers are 15 % and 10 %, and one window takes the rest; under 20, none. */
    @Test
    void shortWarmupsShrinkTheBuffers() {
        assertThat(updates(100)).containsExactly(89);
        assertThat(updates(19)).isEmpty();
    }

    /**
     * The estimate is the window's sample variance shrunk toward 1e-3: {@code n/(n+5) var +
     * 1e-3 * 5/(n+5)}, checked on a window of known draws.
     */
    @Test
    void estimateIsRegularisedSampleVariance() {
        WindowedAdaptation w = new WindowedAdaptation(100, 2, true);
        InverseMass m = InverseMass.identity(2, true);
        double[] xs = new double[75];
        Random r = new Random(1);
        for (int i = 0; i < 100; i++) {
            double x = 3 * r.nextGaussian();
            if (i >= 15 && i < 90) {
                xs[i - 15] = x;
            }
            w.learn(new double[] {x, -2 * x}, m);
        }
        double mean = 0;
        for (double x : xs) {
            mean += x / xs.length;
        }
        double var = 0;
        for (double x : xs) {
            var += (x - mean) * (x - mean) / (xs.length - 1);
        }
        int n = xs.length;
        double[][] got = m.matrix();
        assertThat(got[0][0]).isCloseTo(n / (n + 5.0) * var + 1e-3 * 5 / (n + 5.0), within(1e-9));
        assertThat(got[1][1]).isCloseTo(n / (n + 5.0) * 4 * var + 1e-3 * 5 / (n + 5.0), within(1e-9));
        assertThat(got[0][1]).isCloseTo(n / (n + 5.0) * -2 * var, within(1e-9));
    }
}
