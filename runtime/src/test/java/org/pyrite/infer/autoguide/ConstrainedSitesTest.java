package org.pyrite.infer.autoguide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;
import static org.pyrite.infer.autoguide.Conjugate.withStore;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Beta;
import org.pyrite.distributions.Dirichlet;
import org.pyrite.distributions.Gamma;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.TransformedDistribution;
import org.pyrite.distributions.Uniform;
import org.pyrite.distributions.transforms.LowerCholeskyTransform;
import org.pyrite.distributions.transforms.StickBreakingTransform;
import org.pyrite.distributions.transforms.Transform;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Every autoguide respects site supports through the bijections: unit interval, interval,
 * simplex (K coordinates from K - 1), lower-Cholesky (n x n from n (n + 1) / 2), batched positive.
 * The log-densities are checked against the change-of-variables formula computed independently.
 */
class ConstrainedSitesTest {
    static Tensor model(Tensor y) {
        Tensor p = sample("p", Beta.of(2.0, 2.0));
        Tensor u = sample("u", Uniform.of(-1.0, 3.0));
        Tensor w = sample("w", Dirichlet.of(1.0, 2.0, 3.0));
        Tensor l = sample("L", new TransformedDistribution(Normal.of(Tensor.zeros(2, 2), 1.0).toEvent(2), new LowerCholeskyTransform()));
        Tensor r = sample("r", Gamma.of(2.0, 1.0).expand(2));
        Tensor mean = p.add(u).add(w.select(0, 0)).add(l.select(0, 0).select(0, 0)).add(r.sum());
        sample("y", Normal.of(mean, 1.0), y);
        return mean;
    }

    private static final Tensor Y = Tensor.scalar(4.0);

    @Test
    void unconstrainedShapesDropTheRedundantCoordinates() {
        withStore(() -> {
            AutoDiagonalNormal<Tensor> guide = new AutoDiagonalNormal<>(ConstrainedSitesTest::model);
            guide.median(Y);
            Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
            for (LatentSite s : guide.latentSites()) {
                shapes.put(s.name(), s.unconstrainedShape());
            }
            assertThat(shapes).containsOnlyKeys("p", "u", "w", "L", "r");
            assertThat(shapes.get("p")).isEmpty();
            assertThat(shapes.get("w")).containsExactly(2);
            assertThat(shapes.get("L")).containsExactly(3);
            assertThat(shapes.get("r")).containsExactly(2);
            assertThat(guide.latentSite("L").unconstrainedEventDim()).isEqualTo(1);
            assertThat(guide.latentDim()).isEqualTo(1 + 1 + 2 + 3 + 2);
        });
    }

    @Test
    void everyGuideSamplesInsideTheSupportsAndTrainsWithoutErrors() {
        List<Function<Model<Tensor, Tensor>, AutoGuide<Tensor>>> guides = List.of(AutoDelta::new, AutoNormal::new,
                AutoDiagonalNormal::new, AutoMultivariateNormal::new, AutoLaplaceApproximation::new);
        for (Function<Model<Tensor, Tensor>, AutoGuide<Tensor>> make : guides) {
            withStore(() -> {
                AutoGuide<Tensor> guide = make.apply(ConstrainedSitesTest::model);
                Pyrite.setRngSeed(12);
                SVI<Tensor> svi = new SVI<>(ConstrainedSitesTest::model, guide, new Adam(0.05), new TraceELBO());
                for (int t = 0; t < 20; t++) {
                    assertThat(svi.step(Y)).as(guide.getClass().getSimpleName()).isFinite();
                }
                Trace t = Poutine.trace(guide).getTrace(Y);
                for (LatentSite s : guide.latentSites()) {
                    Tensor v = t.site(s.name()).value();
                    assertThat(v.shape()).as(s.name()).containsExactly(s.shape());
                    assertThat(s.support().check(v).min().item()).as("%s draw of %s in support", guide, s.name()).isEqualTo(1.0);
                    Tensor median = guide.median().get(s.name());
                    assertThat(s.support().check(median).min().item()).as("%s median of %s in support", guide, s.name()).isEqualTo(1.0);
                }
                assertThat(guide.quantiles(0.1, 0.9).get("L").shape()).containsExactly(2, 2, 2);
            });
        }
    }

    @Test
    void autoNormalDensitiesFollowTheChangeOfVariables() {
        withStore(() -> {
            AutoNormal<Tensor> guide = new AutoNormal<>(ConstrainedSitesTest::model);
            Pyrite.setRngSeed(13);
            Trace t = Poutine.trace(guide).getTrace(Y);
            ParamStore store = ParamStore.current();
            check(t.site("w"), store, guide, new StickBreakingTransform());
            check(t.site("L"), store, guide, new PackedLowerCholeskyTransform());
        });
    }

    /** log q(v) = log N(T^-1 v; loc, scale) - log|det J_T(T^-1 v)|. */
    private static void check(Site site, ParamStore store, AutoNormal<Tensor> guide, Transform t) {
        Tensor v = site.value();
        Tensor x = t.inverse(v);
        double expected = Normal.of(store.get(guide.locName(site.name())), store.get(guide.scaleName(site.name())))
                .logProb(x).sum().item() - t.logAbsDetJacobian(x, v).item();
        assertThat(site.logProbSum().item()).as(site.name()).isCloseTo(expected, within(1e-10));
    }

    @Test
    void autoDiagonalNormalDensityIsTheJointNormalMinusEveryJacobian() {
        withStore(() -> {
            AutoDiagonalNormal<Tensor> guide = new AutoDiagonalNormal<>(ConstrainedSitesTest::model);
            Pyrite.setRngSeed(14);
            Trace t = Poutine.trace(guide).getTrace(Y);
            Tensor latent = t.site("_AutoDiagonalNormal_latent").value();
            ParamStore store = ParamStore.current();
            double expected = Normal.of(store.get("AutoDiagonalNormal.loc"), store.get("AutoDiagonalNormal.scale"))
                    .logProb(latent).sum().item();
            for (Map.Entry<String, Tensor> e : guide.unpackLatent(latent).entrySet()) {
                LatentSite s = guide.latentSite(e.getKey());
                Tensor x = e.getValue();
                expected -= s.transform().logAbsDetJacobian(x, s.constrain(x)).sum().item();
            }
            assertThat(t.logProbSum().item()).isCloseTo(expected, within(1e-10));
        });
    }

    @Test
    void packedLowerCholeskyCoordinatesFillTheTriangleRowByRow() {
        PackedLowerCholeskyTransform t = new PackedLowerCholeskyTransform();
        Tensor x = Tensor.of(0.0, 2.0, Math.log(3.0));       // (0,0), (1,0), (1,1)
        Tensor l = t.forward(x);
        assertThat(l.toArray()).containsExactly(new double[] {1.0, 0.0, 2.0, 3.0}, within(1e-15));
        assertThat(t.inverse(l).toArray()).containsExactly(x.toArray(), within(1e-15));
        assertThat(t.logAbsDetJacobian(x, l).item()).isCloseTo(Math.log(3.0), within(1e-15));
        assertThat(t.forwardShape(new int[] {5, 6})).containsExactly(5, 3, 3);
        assertThat(t.inverseShape(new int[] {5, 3, 3})).containsExactly(5, 6);
        Tensor batch = Tensor.of(new double[][] {{0.0, 1.0, 0.0}, {1.0, 0.0, 1.0}});
        assertThat(t.forward(batch).shape()).containsExactly(2, 2, 2);
        assertThat(t.logAbsDetJacobian(batch, t.forward(batch)).toArray()).containsExactly(0.0, 2.0);
    }
}
