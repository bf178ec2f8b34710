package org.pyrite.infer.autoguide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;
import static org.pyrite.infer.autoguide.Conjugate.Y;
import static org.pyrite.infer.autoguide.Conjugate.YL;
import static org.pyrite.infer.autoguide.Conjugate.fit;
import static org.pyrite.infer.autoguide.Conjugate.fitMap;
import static org.pyrite.infer.autoguide.Conjugate.klMvn;
import static org.pyrite.infer.autoguide.Conjugate.klNormal;
import static org.pyrite.infer.autoguide.Conjugate.localCovariance;
import static org.pyrite.infer.autoguide.Conjugate.localMean;
import static org.pyrite.infer.autoguide.Conjugate.localPrecision;
import static org.pyrite.infer.autoguide.Conjugate.normalMean;
import static org.pyrite.infer.autoguide.Conjugate.normalSd;
import static org.pyrite.infer.autoguide.Conjugate.withStore;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.MultivariateNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.Predictive;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.TraceMeanFieldELBO;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Autoguides on models with plates: data in a plate, local latents in a plate, subsampled local
 * latents, vectorized particles, the mean-field ELBO and Predictive.
 *
 * <p>Fit criteria: KL below 0.01 nats to the target, as in {@link AutoNormalTest}. Observed over
 * seeds 1-12: 2-d latent with a plate of data, 2.7e-4 to 3.2e-3 (one particle); the same with
 * {@code TraceMeanFieldELBO}, 2.0e-4 to 2.2e-3; local latents (5 coordinates) with four vectorized
 * particles, 1.7e-4 to 1.5e-3 (AutoNormal, against the best mean-field Gaussian) and 6.7e-4 to
 * 2.3e-3 (AutoMultivariateNormal, against the posterior); subsampled local latents (6 coordinates,
 * half of them per step), four vectorized particles, 1.3e-3 to 2.6e-3: all at least 3 times inside.
 * MAP and Laplace fits are exact-gradient fits, as in {@link AutoDeltaTest}: within 1e-14 over
 * seeds 1-12 (subsampled: 1e-12), stated tolerance 1e-6.
 */
@SuppressWarnings("try") // plate scopes are used for their effect, not referenced
class PlatesTest {
    private static final double KL_BOUND = 0.01;
    private static final double MODE_TOL = 1e-6;

    @Test
    void aTwoDimensionalLatentWithAPlateOfData() {
        withStore(() -> {
            AutoNormal<Tensor> guide = fit(Conjugate::plateModel, new AutoNormal<>(Conjugate::plateModel), Y, 3000, 1, 1);
            ParamStore store = ParamStore.current();
            double[] loc = store.get("AutoNormal.locs.mu").toArray();
            double[] scale = store.get("AutoNormal.scales.mu").toArray();
            double sd = normalSd(Y);
            assertThat(klNormal(loc[0], scale[0], normalMean(Y, 0), sd) + klNormal(loc[1], scale[1], normalMean(Y, 1), sd))
                    .as("KL(q || posterior)").isLessThan(KL_BOUND);
            // A global site sits in no plate: the guide samples it outside the data plate.
            assertThat(guide.latentSite("mu").plates()).isEmpty();
        });
    }

    @Test
    void theMeanFieldElboUsesTheAnalyticKlOfAutoNormalsRealSites() {
        withStore(() -> {
            fit(Conjugate::normalModel, new AutoNormal<>(Conjugate::normalModel), Y, 3000, new TraceMeanFieldELBO(), 2);
            ParamStore store = ParamStore.current();
            double[] loc = store.get("AutoNormal.locs.mu").toArray();
            double[] scale = store.get("AutoNormal.scales.mu").toArray();
            double sd = normalSd(Y);
            assertThat(klNormal(loc[0], scale[0], normalMean(Y, 0), sd) + klNormal(loc[1], scale[1], normalMean(Y, 1), sd))
                    .as("KL(q || posterior)").isLessThan(KL_BOUND);
        });
        // The guide's site is Normal(loc, scale).toEvent(1), a pair the KL registry knows.
        withStore(() -> {
            Trace g = Poutine.trace(new AutoNormal<>(Conjugate::normalModel)).getTrace(Y);
            Trace m = Poutine.trace(Poutine.replay(Conjugate::normalModel, g)).getTrace(Y);
            assertThat(org.pyrite.distributions.KL.isRegistered(g.site("mu").distribution(), m.site("mu").distribution())).isTrue();
        });
    }

    // ---- local latents z_i in the plate "data" (Conjugate.localModel): a 5-d Gaussian posterior

    @Test
    void autoNormalFindsTheBestMeanFieldGaussianForLocalLatents() {
        withStore(() -> {
            AutoNormal<Tensor> guide = fit(Conjugate::localModel, new AutoNormal<>(Conjugate::localModel), YL, 3000,
                    new TraceELBO(4, true), 3);
            assertThat(guide.latentSite("z").plates()).extracting(PlateFrame::name).containsExactly("data");
            // For a Gaussian target the best mean-field Gaussian has the exact means and variances 1 / P_ii.
            double[] mean = localMean(YL).toArray();
            double[] p = localPrecision(YL).toArray();
            ParamStore store = ParamStore.current();
            double kl = klNormal(store.get("AutoNormal.locs.mu").item(), store.get("AutoNormal.scales.mu").item(), mean[0],
                    1 / Math.sqrt(p[0]));
            double[] zLoc = store.get("AutoNormal.locs.z").toArray();
            double[] zScale = store.get("AutoNormal.scales.z").toArray();
            assertThat(zLoc).hasSize(4);
            for (int i = 0; i < 4; i++) {
                kl += klNormal(zLoc[i], zScale[i], mean[i + 1], 1 / Math.sqrt(p[(i + 1) * 5 + i + 1]));
            }
            assertThat(kl).as("KL(q || best mean-field Gaussian)").isLessThan(KL_BOUND);
        });
    }

    @Test
    void autoMultivariateNormalRecoversTheJointPosteriorOfGlobalAndLocalLatents() {
        withStore(() -> {
            AutoMultivariateNormal<Tensor> guide = fit(Conjugate::localModel, new AutoMultivariateNormal<>(Conjugate::localModel), YL,
                    3000, new TraceELBO(4, true), 4);
            assertThat(guide.latentDim()).isEqualTo(5);
            MultivariateNormal q = guide.getPosterior();
            assertThat(klMvn(q.loc().detach(), q.covariance().detach(), localMean(YL), localCovariance(YL)))
                    .as("KL(q || posterior)").isLessThan(KL_BOUND);
        });
    }

    @Test
    void mapAndLaplaceWithLocalLatents() {
        withStore(() -> {
            AutoDelta<Tensor> guide = fitMap(Conjugate::localModel, new AutoDelta<>(Conjugate::localModel), YL, 1500, 5);
            Map<String, Tensor> map = guide.median();
            double[] mean = localMean(YL).toArray();
            assertThat(map.get("mu").item()).isCloseTo(mean[0], within(MODE_TOL));
            assertThat(map.get("z").toArray()).containsExactly(java.util.Arrays.copyOfRange(mean, 1, 5), within(MODE_TOL));
        });
        withStore(() -> {
            AutoLaplaceApproximation<Tensor> guide = fitMap(Conjugate::localModel, new AutoLaplaceApproximation<>(Conjugate::localModel),
                    YL, 1500, 6);
            MultivariateNormal q = guide.laplaceApproximation(YL).getPosterior();
            assertThat(q.loc().toArray()).containsExactly(localMean(YL).toArray(), within(MODE_TOL));
            assertThat(q.covariance().toArray()).containsExactly(localCovariance(YL).toArray(), within(1e-12));
        });
    }

    @Test
    void vectorizedParticlesPutTheParticleDimensionLeftOfThePlates() {
        withStore(() -> {
            AutoDiagonalNormal<Tensor> guide = new AutoDiagonalNormal<>(Conjugate::localModel);
            guide.median(YL);
            Trace t;
            try (PlateMessenger particles = new PlateMessenger("particles", 3, 3, -2, true).enter()) {
                t = Poutine.trace(guide).getTrace(YL);
            }
            assertThat(t.site("_AutoDiagonalNormal_latent").value().shape()).containsExactly(3, 1, 5);
            assertThat(t.site("mu").value().shape()).containsExactly(3, 1);
            assertThat(t.site("z").value().shape()).containsExactly(3, 4);
            assertThat(t.site("z").frames()).extracting(PlateFrame::name).containsExactly("data", "particles");
            // Row r of z is slice 1..4 of particle r's latent vector.
            Tensor latent = t.site("_AutoDiagonalNormal_latent").value();
            assertThat(t.site("z").value().select(0, 2).toArray()).containsExactly(latent.select(0, 2).select(0, 0).slice(0, 1, 5).toArray());
        });
    }

    // ---- subsampled local latents: z_i ~ N(0, 1), y_i ~ N(z_i, 1), i in plate("data", 6, 3); posterior N(y_i / 2, 1 / 2)

    static final Tensor YS = Tensor.of(0.5, -0.3, 1.2, 0.8, 0.1, -1.0);

    static Tensor subsampledModel(Tensor y) {
        try (PlateMessenger p = plate("data", y.size(0), 3)) {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            return sample("y", Normal.of(z, 1.0), y.index(0, p.subsample()));
        }
    }

    @Test
    void subsampledLocalLatentsGetFullSizeParamsAndTheirPosteriors() {
        withStore(() -> {
            AutoNormal<Tensor> guide = fit(PlatesTest::subsampledModel, new AutoNormal<>(PlatesTest::subsampledModel), YS, 3000,
                    new TraceELBO(4, true), 7);
            ParamStore store = ParamStore.current();
            double[] loc = store.get("AutoNormal.locs.z").toArray();
            double[] scale = store.get("AutoNormal.scales.z").toArray();
            assertThat(loc).hasSize(6);
            double kl = 0;
            for (int i = 0; i < 6; i++) {
                kl += klNormal(loc[i], scale[i], YS.toArray()[i] / 2, Math.sqrt(0.5));
            }
            assertThat(kl).as("KL(q || posterior), all six z").isLessThan(KL_BOUND);
            assertThat(guide.median().get("z").shape()).containsExactly(6);
        });
        withStore(() -> {
            AutoDelta<Tensor> guide = fitMap(PlatesTest::subsampledModel, new AutoDelta<>(PlatesTest::subsampledModel), YS, 1500, 8);
            assertThat(guide.median().get("z").toArray()).containsExactly(YS.div(2).toArray(), within(MODE_TOL));
        });
    }

    static Tensor twoLocalsModel(Tensor y) {
        try (PlateMessenger p = plate("data", y.size(0), 3)) {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            Tensor w = sample("w", Normal.of(z, 1.0));
            return sample("y", Normal.of(w, 1.0), y.index(0, p.subsample()));
        }
    }

    @Test
    void oneMiniBatchPerCallSharedByTheGuidesSitesAndReplayedByTheModel() {
        withStore(() -> {
            AutoNormal<Tensor> guide = new AutoNormal<>(PlatesTest::twoLocalsModel,
                    InitStrategy.initToValue(Map.of("z", Tensor.of(1.0, 2.0, 3.0)), InitStrategy.initToFeasible()));
            Pyrite.setRngSeed(9);
            Trace g = Poutine.trace(guide).getTrace(YS);
            // The prototype's 3 values, repeated to the plate's full size.
            assertThat(ParamStore.current().get("AutoNormal.locs.z").toArray()).containsExactly(1.0, 2.0, 3.0, 1.0, 2.0, 3.0);
            assertThat(g.names().stream().filter("data"::equals)).hasSize(1);
            assertThat(g.site("data").type()).isEqualTo(Message.Type.SUBSAMPLE);
            int[] idx = java.util.Arrays.stream(g.site("data").value().toArray()).mapToInt(v -> (int) v).toArray();
            // Both local sites use the mini-batch's rows of their params, scaled by 6 / 3.
            Tensor zLoc = ParamStore.current().get("AutoNormal.locs.z");
            Normal zq = (Normal) g.site("z").distribution();   // toEvent(0) of a Normal is the Normal
            assertThat(zq.loc().toArray()).containsExactly(zLoc.index(0, idx).toArray());
            assertThat(g.site("z").scale()).isEqualTo(2.0);
            assertThat(g.site("w").scale()).isEqualTo(2.0);
            Trace m = Poutine.trace(Poutine.replay(PlatesTest::twoLocalsModel, g)).getTrace(YS);
            assertThat(m.site("y").value().toArray()).containsExactly(YS.index(0, idx).toArray());
            assertThat(m.site("z").value().toArray()).containsExactly(g.site("z").value().toArray());
        });
    }

    @Test
    void jointGuidesRefuseSubsampledLocalLatentsAndSequentialSubsamplingIsRefused() {
        withStore(() -> assertThatThrownBy(() -> new AutoMultivariateNormal<>(PlatesTest::subsampledModel).call(YS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latent site 'z'").hasMessageContaining("subsampled plate 'data'").hasMessageContaining("AutoNormal"));
        Model<Tensor, Tensor> sequential = y -> {
            Pyrite.plate("rows", 4, 2, i -> sample("z_" + i, Normal.of(0.0, 1.0)));
            return y;
        };
        withStore(() -> assertThatThrownBy(() -> new AutoNormal<>(sequential).call(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subsampled sequential plate 'rows'"));
    }

    @Test
    void predictiveDrawsTheGuidesPosterior() {
        withStore(() -> {
            AutoNormal<Tensor> guide = fit(Conjugate::plateModel, new AutoNormal<>(Conjugate::plateModel), Y, 300, 1, 10);
            Pyrite.setRngSeed(11);
            Tensor draws = new Predictive<>(Conjugate::plateModel, guide, 400).returnSites("mu").call(Y).get("mu");
            // Pyro's shape: mu, a 2-vector outside the model's one plate, gets a size-1 dimension for it.
            assertThat(draws.shape()).containsExactly(400, 1, 2);
            // The mean of 400 draws from N(loc, scale) is within 4 standard errors of loc.
            double[] loc = ParamStore.current().get("AutoNormal.locs.mu").toArray();
            double[] scale = ParamStore.current().get("AutoNormal.scales.mu").toArray();
            double[] mean = draws.mean(0).toArray();
            for (int j = 0; j < 2; j++) {
                assertThat(mean[j]).isCloseTo(loc[j], within(4 * scale[j] / Math.sqrt(400)));
            }
        });
    }
}
