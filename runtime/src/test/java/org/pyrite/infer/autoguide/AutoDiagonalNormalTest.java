package org.pyrite.infer.autoguide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.infer.autoguide.Conjugate.POST_RATE;
import static org.pyrite.infer.autoguide.Conjugate.POST_SHAPE;
import static org.pyrite.infer.autoguide.Conjugate.Y;
import static org.pyrite.infer.autoguide.Conjugate.bestLogNormal;
import static org.pyrite.infer.autoguide.Conjugate.fit;
import static org.pyrite.infer.autoguide.Conjugate.klLogNormalGamma;
import static org.pyrite.infer.autoguide.Conjugate.klNormal;
import static org.pyrite.infer.autoguide.Conjugate.normalMean;
import static org.pyrite.infer.autoguide.Conjugate.normalSd;
import static org.pyrite.infer.autoguide.Conjugate.withStore;

import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Delta;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * AutoDiagonalNormal on a model with a 2-d real site and a positive one, packed into one
 * 3-vector. Criteria as in {@link AutoNormalTest}: KL below 0.01 for the Gaussian part, and excess
 * KL below 0.01 over the best log-normal for the Gamma part; over seeds 1-12 the fits ended at
 * KL 3e-4 to 3.8e-3 and excess KL 1e-6 to 2.5e-3, at least 2.6 times inside.
 */
class AutoDiagonalNormalTest {
    private static final double KL_BOUND = 0.01;

    @Test
    void recoversThePosteriorsOfSitesPackedIntoOneVector() {
        withStore(() -> {
            AutoDiagonalNormal<Tensor> guide = fit(Conjugate::jointModel, new AutoDiagonalNormal<>(Conjugate::jointModel), Y, 3000, 1, 1);
            assertThat(guide.latentDim()).isEqualTo(3);
            ParamStore store = ParamStore.current();
            assertThat(store.names()).containsExactly("AutoDiagonalNormal.loc", "AutoDiagonalNormal.scale");
            // Layout in the model's order: rate (log), then mu.
            double[] loc = store.get("AutoDiagonalNormal.loc").toArray();
            double[] scale = store.get("AutoDiagonalNormal.scale").toArray();
            double sd = normalSd(Y);
            double kl = klNormal(loc[1], scale[1], normalMean(Y, 0), sd) + klNormal(loc[2], scale[2], normalMean(Y, 1), sd);
            assertThat(kl).as("KL(q(mu) || posterior)").isLessThan(KL_BOUND);
            double[] best = bestLogNormal(POST_SHAPE, POST_RATE);
            double excess = klLogNormalGamma(loc[0], scale[0], POST_SHAPE, POST_RATE)
                    - klLogNormalGamma(best[0], best[1], POST_SHAPE, POST_RATE);
            assertThat(excess).as("excess KL of q(rate)").isLessThan(KL_BOUND);

            assertThat(guide.median().get("rate").item()).isCloseTo(Math.exp(loc[0]), within(1e-12));
            Tensor q = guide.quantiles(0.05, 0.95).get("rate");
            double z = 1.6448536269514722;
            assertThat(q.toArray()).containsExactly(new double[] {Math.exp(loc[0] - z * scale[0]), Math.exp(loc[0] + z * scale[0])},
                    within(1e-12));
            assertThat(guide.quantiles(0.05, 0.95).get("mu").shape()).containsExactly(2, 2);
        });
    }

    @Test
    void theJointSiteIsAuxiliaryAndTheSiteDeltasCarryTheJacobian() {
        withStore(() -> {
            AutoDiagonalNormal<Tensor> guide = new AutoDiagonalNormal<>(Conjugate::jointModel);
            Pyrite.setRngSeed(2);
            Trace t = Poutine.trace(guide).getTrace(Y);
            assertThat(t.latentSites()).extracting(Site::name).containsExactly("_AutoDiagonalNormal_latent", "rate", "mu");
            Site latent = t.site("_AutoDiagonalNormal_latent");
            assertThat(latent.infer()).containsEntry("is_auxiliary", Boolean.TRUE);
            assertThat(latent.value().shape()).containsExactly(3);
            assertThat(t.site("rate").distribution()).isInstanceOf(Delta.class);
            double[] x = latent.value().toArray();
            assertThat(t.site("rate").value().item()).isCloseTo(Math.exp(x[0]), within(1e-15));
            assertThat(t.site("mu").value().toArray()).containsExactly(x[1], x[2]);
            // log q = log N(x; loc, scale) - log|d exp(x0)/dx0| = log N(x; loc, scale) - x0: the
            // density of (rate, mu) under the pushed-forward Normal.
            ParamStore store = ParamStore.current();
            double logNormal = Normal.of(store.get("AutoDiagonalNormal.loc"), store.get("AutoDiagonalNormal.scale"))
                    .logProb(latent.value()).sum().item();
            assertThat(t.logProbSum().item()).isCloseTo(logNormal - x[0], within(1e-12));
        });
    }

    @Test
    void unpacksLatentVectorsWithLeadingDimensions() {
        withStore(() -> {
            AutoDiagonalNormal<Tensor> guide = new AutoDiagonalNormal<>(Conjugate::jointModel);
            guide.median(Y);
            Tensor latents = Tensor.of(new double[][] {{0.0, 1.0, 2.0}, {1.0, -1.0, -2.0}});
            var unconstrained = guide.unpackLatent(latents);
            assertThat(unconstrained.get("rate").toArray()).containsExactly(0.0, 1.0);
            assertThat(unconstrained.get("mu").shape()).containsExactly(2, 2);
            var constrained = guide.unpackAndConstrain(latents);
            assertThat(constrained.get("rate").toArray()).containsExactly(new double[] {1.0, Math.E}, within(1e-15));
            assertThat(constrained.get("mu").toArray()).containsExactly(1.0, 2.0, -1.0, -2.0);
        });
    }
}
