package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/**
 * SMC on a linear-Gaussian state-space model (a local-level tracker) against the Kalman filter:
 * {@code x_0 ~ N(0, 1)}, {@code x_t ~ N(x_(t-1), Q)}, {@code y_t ~ N(x_t, R)}, 25 observations.
 * The Kalman filter gives the exact log evidence {@code sum_t log N(y_t; m_t|t-1, P_t|t-1 + R^2)} and
 * the filtering mean of {@code x_T}.
 *
 * <p>Tolerances: each check runs the filter {@value #REPLICATES} times with different seeds and
 * uses the replicates' own spread {@code s}: the mean over replicates must lie within
 * {@code 5 s / sqrt(REPLICATES)} of the exact value, plus, for the log evidence, {@code s^2 / 2}, the
 * downward bias of the log of an unbiased evidence estimate (Jensen, to second order).
 */
class SMCFilterTest {
    static final double Q = 0.5;
    static final double R = 1.0;
    static final int T = 25;
    static final int REPLICATES = 10;
    static final int PARTICLES = 2000;

    /** The tracker: a random walk observed with noise. */
    static final class LocalLevel implements SMCProgram<Void, Double> {
        @Override
        public void init(SMCState state, Void none) {
            state.put("x", sample("x_init", Normal.of(0.0, 1.0)));
        }

        @Override
        public void step(SMCState state, Double y) {
            Tensor x = sample("x", Normal.of(state.get("x"), Q));
            sample("y", Normal.of(x, R), y);
            state.put("x", x);
        }
    }

    /**
     * The locally optimal proposal {@code p(x_t | x_(t-1), y_t)}: Gaussian with precision
     * {@code 1/Q^2 + 1/R^2}; the incremental weight is then {@code p(y_t | x_(t-1))}.
     */
    static final class OptimalProposal implements SMCProgram<Void, Double> {
        @Override
        public void init(SMCState state, Void none) {
            sample("x_init", Normal.of(0.0, 1.0));
        }

        @Override
        public void step(SMCState state, Double y) {
            double var = 1.0 / (1.0 / (Q * Q) + 1.0 / (R * R));
            Tensor mean = state.get("x").div(Q * Q).add(y / (R * R)).mul(var);
            sample("x", Normal.of(mean, Math.sqrt(var)));
        }
    }

    static double[] observations() {
        SplittableRandom rng = new SplittableRandom(2026);
        double[] y = new double[T];
        double x = gaussian(rng);
        for (int t = 0; t < T; t++) {
            x += Q * gaussian(rng);
            y[t] = x + R * gaussian(rng);
        }
        return y;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** {log evidence, filtering mean of x_T} by the Kalman filter. */
    static double[] kalman(double[] ys) {
        return kalman(ys, R);
    }

    /** The same with measurement noise {@code r}. */
    static double[] kalman(double[] ys, double r) {
        double m = 0;
        double p = 1;
        double logZ = 0;
        for (double y : ys) {
            p += Q * Q;
            double s = p + r * r;
            logZ += -0.5 * Math.log(2 * Math.PI * s) - (y - m) * (y - m) / (2 * s);
            double k = p / s;
            m += k * (y - m);
            p *= 1 - k;
        }
        return new double[] {logZ, m};
    }

    private static void checkAgainstKalman(SMCProgram<Void, Double> guide) {
        double[] ys = observations();
        double[] exact = kalman(ys);
        double[] logZ = new double[REPLICATES];
        double[] mean = new double[REPLICATES];
        for (int r = 0; r < REPLICATES; r++) {
            Pyrite.setRngSeed(100 + r);
            SMCFilter<Void, Double> filter = new SMCFilter<>(new LocalLevel(), guide, PARTICLES, 0, 0.5);
            filter.init(null);
            for (double y : ys) {
                filter.step(y);
            }
            logZ[r] = filter.logEvidence();
            mean[r] = filter.getEmpirical().get("x").mean().item();
        }
        double sZ = sd(logZ);
        assertThat(average(logZ)).as("log evidence, replicate sd %.4f", sZ)
                .isCloseTo(exact[0], within(5 * sZ / Math.sqrt(REPLICATES) + sZ * sZ / 2));
        double sM = sd(mean);
        assertThat(average(mean)).as("filtering mean of x_T, replicate sd %.4f", sM)
                .isCloseTo(exact[1], within(5 * sM / Math.sqrt(REPLICATES)));
    }

    @Test
    void bootstrapFilterMatchesTheKalmanFilter() {
        checkAgainstKalman(null);
    }

    @Test
    void guidedFilterMatchesTheKalmanFilter() {
        checkAgainstKalman(new OptimalProposal());
    }

    /**
     * The tracker with three measurements a step in a plate of its own (maxPlateNesting 1: the
     * particles take batch dimension -2, the state has shape [particles, 1]). Three measurements
     * with noise R are one of their mean with noise R / sqrt(3), times a factor free of the state:
     * {@code sum_i log N(y_i; x, R) = log N(ybar; x, R / sqrt 3) - log(2 pi R^2) - log(3) / 2 - SS / (2 R^2)}.
     */
    static final class ThreeMeasurements implements SMCProgram<Void, Tensor> {
        @Override
        public void init(SMCState state, Void none) {
            state.put("x", sample("x_init", Normal.of(0.0, 1.0)));
        }

        @Override
        public void step(SMCState state, Tensor ys) {
            Tensor x = sample("x", Normal.of(state.get("x"), Q));
            try (org.pyrite.handlers.PlateMessenger data = Pyrite.plate("data", 3)) {
                sample("y", Normal.of(x, R), ys);
            }
            state.put("x", x);
        }
    }

    @Test
    void particlesLeftOfTheModelsOwnPlatesMatchTheKalmanFilter() {
        double[] flat = observations();
        int steps = flat.length / 3;
        double[] means = new double[steps];
        double constant = 0;
        for (int t = 0; t < steps; t++) {
            double m = (flat[3 * t] + flat[3 * t + 1] + flat[3 * t + 2]) / 3;
            double ss = 0;
            for (int i = 0; i < 3; i++) {
                ss += (flat[3 * t + i] - m) * (flat[3 * t + i] - m);
            }
            means[t] = m;
            constant += -Math.log(2 * Math.PI * R * R) - 0.5 * Math.log(3) - ss / (2 * R * R);
        }
        double exact = kalman(means, R / Math.sqrt(3))[0] + constant;
        double[] logZ = new double[REPLICATES];
        for (int r = 0; r < REPLICATES; r++) {
            Pyrite.setRngSeed(200 + r);
            SMCFilter<Void, Tensor> filter = new SMCFilter<>(new ThreeMeasurements(), 1000, 1);
            filter.init(null);
            assertThat(filter.state().get("x").shape()).containsExactly(1000, 1);
            for (int t = 0; t < steps; t++) {
                filter.step(Tensor.of(flat[3 * t], flat[3 * t + 1], flat[3 * t + 2]));
            }
            logZ[r] = filter.logEvidence();
        }
        double s = sd(logZ);
        assertThat(average(logZ)).as("log evidence, replicate sd %.4f", s)
                .isCloseTo(exact, within(5 * s / Math.sqrt(REPLICATES) + s * s / 2));
    }

    @Test
    void tooSmallAMaxPlateNestingIsAnErrorNamingTheSite() {
        // maxPlateNesting 0 but a plate inside: the particles take dim -1, the plate of 3 goes left of them, and the data do not fit.
        SMCFilter<Void, Tensor> filter = new SMCFilter<>(new ThreeMeasurements(), 10, 0);
        assertThatThrownBy(() -> {
            filter.init(null);
            filter.step(Tensor.of(0, 0, 0));
        }).hasMessageContaining("site 'y'").hasMessageContaining("'data'");
    }

    @Test
    void resamplesOnlyWhenTheEssFallsBelowTheThreshold() {
        Pyrite.setRngSeed(5);
        SMCFilter<Void, Double> filter = new SMCFilter<>(new LocalLevel(), 500, 0);
        filter.init(null);
        assertThat(filter.resamplings()).isZero();
        // An observation far in the tail leaves few particles with weight: the filter resamples.
        filter.step(6.0);
        assertThat(filter.resamplings()).isEqualTo(1);
        assertThat(filter.effectiveSampleSize()).isEqualTo(500.0, within(1e-9));
        // A threshold of 1e-9 never resamples.
        SMCFilter<Void, Double> lax = new SMCFilter<>(new LocalLevel(), null, 500, 0, 1e-9);
        lax.init(null);
        lax.step(6.0);
        assertThat(lax.resamplings()).isZero();
        assertThat(lax.effectiveSampleSize()).isLessThan(250.0);
    }

    @Test
    void systematicResamplingKeepsEachParticleFloorOrCeilOfItsShare() {
        // Points (j + 0.5) / 4 = 0.125, 0.375, 0.625, 0.875 on cumulative weights 0.5, 0.75, 1, 1.
        assertThat(SMCFilter.systematic(new double[] {0.5, 0.25, 0.25, 0.0}, 0.5)).containsExactly(0, 0, 1, 2);
        // Cumulative 0.1, 0.2, 1: points 1/6, 1/2, 5/6 take particles 1, 2, 2; points 0.33, 0.66, 0.997 (u = 0.99)
        // take 2, 2, 2. Particle 1's share 0.3 gives it floor (0) or ceil (1) copies, particle 2's 2.4 two or three.
        assertThat(SMCFilter.systematic(new double[] {0.1, 0.1, 0.8}, 0.5)).containsExactly(1, 2, 2);
        assertThat(SMCFilter.systematic(new double[] {0.1, 0.1, 0.8}, 0.99)).containsExactly(2, 2, 2);
    }

    /** A guide that writes the state. */
    static final class WritingGuide implements SMCProgram<Void, Double> {
        @Override
        public void init(SMCState state, Void none) {
            sample("x_init", Normal.of(0.0, 1.0));
        }

        @Override
        public void step(SMCState state, Double y) {
            state.put("x", sample("x", Normal.of(state.get("x"), Q)));
        }
    }

    @Test
    void aGuideMayNotWriteTheStateAndAFailedStepChangesNothing() {
        Pyrite.setRngSeed(6);
        SMCFilter<Void, Double> filter = new SMCFilter<>(new LocalLevel(), new WritingGuide(), 100, 0);
        filter.init(null);
        Tensor before = filter.state().get("x");
        double[] weightsBefore = filter.logWeights();
        assertThatThrownBy(() -> filter.step(0.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the guide tried to write 'x'");
        assertThat(filter.state().get("x")).isSameAs(before);
        assertThat(filter.logWeights()).containsExactly(weightsBefore);
    }

    /** A model whose observation no particle can explain. */
    static final class Impossible implements SMCProgram<Void, Double> {
        @Override
        public void init(SMCState state, Void none) {
            state.put("x", sample("x_init", Normal.of(0.0, 1.0)));
        }

        @Override
        public void step(SMCState state, Double y) {
            Pyrite.factor("never", Tensor.full(Double.NEGATIVE_INFINITY, state.numParticles()));
        }
    }

    @Test
    void everyParticleOfWeightZeroIsAnErrorNamingTheSite() {
        Pyrite.setRngSeed(7);
        SMCFilter<Void, Double> filter = new SMCFilter<>(new Impossible(), 50, 0);
        filter.init(null);
        assertThatThrownBy(() -> filter.step(0.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("every particle has weight zero after site 'never'");
    }

    @Test
    void misuseIsRefused() {
        SMCFilter<Void, Double> filter = new SMCFilter<>(new LocalLevel(), 10, 0);
        assertThatThrownBy(() -> filter.step(0.0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("before init");
        assertThatThrownBy(() -> new SMCFilter<>(new LocalLevel(), null, 10, 0, 0.0)).hasMessageContaining("essThreshold");
        assertThatThrownBy(() -> new SMCFilter<>(new LocalLevel(), 0, 0)).hasMessageContaining("numParticles must be >= 1");
        filter.init(null);
        assertThatThrownBy(() -> filter.state().get("z")).hasMessageContaining("no value 'z'");
    }

    private static double average(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        double m = average(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
