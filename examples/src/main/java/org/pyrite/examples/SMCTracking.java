package org.pyrite.examples;

import static org.pyrite.Pyrite.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Empirical;
import org.pyrite.distributions.Normal;
import org.pyrite.infer.SMCFilter;
import org.pyrite.infer.SMCProgram;
import org.pyrite.infer.SMCState;
import org.pyrite.tensor.Tensor;

/**
 * Sequential Monte Carlo, the last of the tutorial's next steps: tracking an object that moves at
 * a slowly drifting velocity from noisy measurements of its position. The model is linear and
 * Gaussian, so the Kalman filter gives the exact answer to compare with: the filtering mean and sd
 * of the final position and velocity, and the log evidence of all measurements.
 *
 * <pre>
 * position_0 ~ N(0, 1), velocity_0 ~ N(1, 0.5)
 * position_t ~ N(position_(t-1) + velocity_(t-1), 0.1), velocity_t ~ N(velocity_(t-1), 0.1)
 * measurement_t ~ N(position_t, 0.5)
 * </pre>
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.pyrite.examples.SMCTracking [-Dexec.args="particles steps"]
 * </pre>
 *
 * The measurements are simulated from the model with a fixed seed. Prints one JSON line: SMC's and
 * the Kalman filter's final position and velocity, the Kalman sds, the particles' final effective
 * sample size, both log evidences, the number of resamplings and the seconds taken.
 */
public final class SMCTracking {
    static final double POSITION_NOISE = 0.1;
    static final double VELOCITY_NOISE = 0.1;
    static final double MEASUREMENT_NOISE = 0.5;

    private SMCTracking() {}

    /** The tracker, vectorized over the particles: each state tensor holds one value per particle. */
    static final class Tracker implements SMCProgram<Void, Double> {
        @Override
        public void init(SMCState state, Void none) {
            state.put("position", sample("position_0", Normal.of(0.0, 1.0)));
            state.put("velocity", sample("velocity_0", Normal.of(1.0, 0.5)));
        }

        @Override
        public void step(SMCState state, Double measurement) {
            Tensor velocity = state.get("velocity");
            Tensor position = sample("position", Normal.of(state.get("position").add(velocity), POSITION_NOISE));
            state.put("velocity", sample("velocity", Normal.of(velocity, VELOCITY_NOISE)));
            state.put("position", position);
            sample("measurement", Normal.of(position, MEASUREMENT_NOISE), measurement);
        }
    }

    /** Measurements simulated from the model. */
    static double[] simulate(int steps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double position = gaussian(rng);
        double velocity = 1.0 + 0.5 * gaussian(rng);
        double[] y = new double[steps];
        for (int t = 0; t < steps; t++) {
            position += velocity + POSITION_NOISE * gaussian(rng);
            velocity += VELOCITY_NOISE * gaussian(rng);
            y[t] = position + MEASUREMENT_NOISE * gaussian(rng);
        }
        return y;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /**
     * The Kalman filter for the state (position, velocity): {position mean, velocity mean,
     * position sd, velocity sd, log evidence}.
     */
    static double[] kalman(double[] ys) {
        double m0 = 0;
        double m1 = 1;
        double p00 = 1;
        double p01 = 0;
        double p11 = 0.25;
        double logZ = 0;
        for (double y : ys) {
            // Predict with F = [[1, 1], [0, 1]]: P <- F P F^T + diag(q_p^2, q_v^2).
            m0 += m1;
            double n00 = p00 + 2 * p01 + p11 + POSITION_NOISE * POSITION_NOISE;
            double n01 = p01 + p11;
            double n11 = p11 + VELOCITY_NOISE * VELOCITY_NOISE;
            // Update with H = [1, 0].
            double s = n00 + MEASUREMENT_NOISE * MEASUREMENT_NOISE;
            logZ += -0.5 * Math.log(2 * Math.PI * s) - (y - m0) * (y - m0) / (2 * s);
            double k0 = n00 / s;
            double k1 = n01 / s;
            double innovation = y - m0;
            m0 += k0 * innovation;
            m1 += k1 * innovation;
            p00 = n00 - k0 * n00;
            p01 = n01 - k0 * n01;
            p11 = n11 - k1 * n01;
        }
        return new double[] {m0, m1, Math.sqrt(p00), Math.sqrt(p11), logZ};
    }

    public static void main(String[] args) {
        int particles = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        long start = System.nanoTime();
        double[] measurements = simulate(steps, 2026);
        Pyrite.setRngSeed(0);
        SMCFilter<Void, Double> filter = new SMCFilter<>(new Tracker(), particles, 0);
        filter.init(null);
        for (double y : measurements) {
            filter.step(y);
        }
        Map<String, Empirical> marginals = filter.getEmpirical();
        double[] exact = kalman(measurements);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("particles", particles);
        json.put("steps", steps);
        json.put("smc_position", marginals.get("position").mean().item());
        json.put("kalman_position", exact[0]);
        json.put("kalman_position_sd", exact[2]);
        json.put("smc_velocity", marginals.get("velocity").mean().item());
        json.put("kalman_velocity", exact[1]);
        json.put("kalman_velocity_sd", exact[3]);
        json.put("final_ess", filter.effectiveSampleSize());
        json.put("smc_log_evidence", filter.logEvidence());
        json.put("kalman_log_evidence", exact[4]);
        json.put("resamplings", filter.resamplings());
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }
}
