package org.pyrite.infer.autoguide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;
import static org.pyrite.infer.autoguide.InitStrategy.initToFeasible;
import static org.pyrite.infer.autoguide.InitStrategy.initToMean;
import static org.pyrite.infer.autoguide.InitStrategy.initToMedian;
import static org.pyrite.infer.autoguide.InitStrategy.initToUniform;
import static org.pyrite.infer.autoguide.InitStrategy.initToValue;
import static org.pyrite.infer.autoguide.Conjugate.withStore;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Beta;
import org.pyrite.distributions.Cauchy;
import org.pyrite.distributions.Dirichlet;
import org.pyrite.distributions.Gamma;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.TransformedDistribution;
import org.pyrite.distributions.Uniform;
import org.pyrite.distributions.transforms.LowerCholeskyTransform;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** Init strategies: each value is exact (closed form) or reproduced from the same seeded draws. */
@SuppressWarnings("try") // InitMessenger scopes are used for their effect, not referenced
class InitStrategyTest {
    @Test
    void feasibleIsZeroInUnconstrainedSpace() {
        InitStrategy f = initToFeasible();
        assertThat(f.init("a", Normal.of(3.0, 2.0).expand(2)).toArray()).containsExactly(0.0, 0.0);
        assertThat(f.init("b", Gamma.of(2.0, 1.0)).item()).isEqualTo(1.0);
        assertThat(f.init("c", Uniform.of(-1.0, 3.0)).item()).isCloseTo(1.0, within(1e-15));
        assertThat(f.init("d", Beta.of(2.0, 5.0)).item()).isEqualTo(0.5);
        assertThat(f.init("e", Dirichlet.of(1.0, 2.0, 3.0)).toArray()).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
                within(1e-15));
        TransformedDistribution cholesky = new TransformedDistribution(Normal.of(Tensor.zeros(2, 2), 1.0).toEvent(2),
                new LowerCholeskyTransform());
        assertThat(f.init("f", cholesky).toArray()).containsExactly(1.0, 0.0, 0.0, 1.0);
    }

    @Test
    void meanFallsBackToTheMedianWhereItIsUndefined() {
        InitStrategy m = initToMean();
        assertThat(m.init("a", Normal.of(2.0, 1.0).expand(3)).toArray()).containsExactly(2.0, 2.0, 2.0);
        assertThat(m.init("b", Gamma.of(3.0, 2.0)).item()).isEqualTo(1.5);
        assertThat(m.init("c", Dirichlet.of(1.0, 3.0)).toArray()).containsExactly(0.25, 0.75);
        // A Cauchy has no mean (NaN): the median of 15 draws instead.
        Pyrite.setRngSeed(7);
        double v = m.init("d", Cauchy.of(1.0, 1.0)).item();
        Pyrite.setRngSeed(7);
        assertThat(v).isEqualTo(sortedDraws(Cauchy.of(1.0, 1.0).sample(15))[7]);
    }

    @Test
    void medianIsTheMiddleOfFifteenPriorDrawsPerElement() {
        Normal prior = Normal.of(Tensor.of(5.0, -5.0), Tensor.scalar(1.0));
        Pyrite.setRngSeed(8);
        Tensor v = initToMedian().init("a", prior);
        Pyrite.setRngSeed(8);
        Tensor draws = prior.sample(15);
        assertThat(v.toArray()).containsExactly(sortedDraws(draws.select(1, 0))[7], sortedDraws(draws.select(1, 1))[7]);
        // Three draws: the middle one.
        Pyrite.setRngSeed(9);
        double three = initToMedian(3).init("b", Gamma.of(2.0, 1.0)).item();
        Pyrite.setRngSeed(9);
        assertThat(three).isEqualTo(sortedDraws(Gamma.of(2.0, 1.0).sample(3))[1]);
        // The median of a multivariate distribution is undefined: its mean.
        assertThat(initToMedian().init("c", Dirichlet.of(1.0, 1.0, 2.0)).toArray()).containsExactly(0.25, 0.25, 0.5);
        assertThatThrownBy(() -> initToMedian(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numSamples");
    }

    private static double[] sortedDraws(Tensor draws) {
        double[] d = draws.toArray();
        Arrays.sort(d);
        return d;
    }

    @Test
    void uniformStaysWithinTheRadiusInUnconstrainedSpace() {
        Pyrite.setRngSeed(10);
        double[] rates = initToUniform(0.5).init("r", Gamma.of(2.0, 1.0).expand(200)).toArray();
        for (double r : rates) {
            assertThat(Math.log(r)).isBetween(-0.5, 0.5);
        }
        assertThat(Arrays.stream(rates).map(Math::log).max().getAsDouble()).as("spread over the radius").isGreaterThan(0.4);
        assertThatThrownBy(() -> initToUniform(0.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radius");
    }

    static Tensor model(Tensor ignored) {
        sample("rate", Gamma.of(2.0, 1.0));
        return sample("mu", Normal.of(0.0, 1.0).expand(2).toEvent(1));
    }

    @Test
    void valuesAreUsedByNameAndTheRestFallsBack() {
        InitStrategy s = initToValue(Map.of("mu", Tensor.of(0.5, -0.5)), initToMean());
        assertThat(s.init("mu", Normal.of(0.0, 1.0).expand(2).toEvent(1)).toArray()).containsExactly(0.5, -0.5);
        assertThat(s.init("rate", Gamma.of(2.0, 1.0)).item()).isEqualTo(2.0);
        withStore(() -> {
            // Through a guide: the locs start at the given values, mapped to unconstrained space.
            AutoNormal<Tensor> guide = new AutoNormal<>(InitStrategyTest::model, initToValue(Map.of("rate", 3.0, "mu", Tensor.of(1.0, 2.0))));
            guide.call(null);
            ParamStore store = ParamStore.current();
            assertThat(store.get("AutoNormal.locs.rate").item()).isCloseTo(Math.log(3.0), within(1e-15));
            assertThat(store.get("AutoNormal.locs.mu").toArray()).containsExactly(1.0, 2.0);
            assertThat(guide.latentSite("rate").initValue().item()).isEqualTo(3.0);
        });
        withStore(() -> {
            AutoDiagonalNormal<Tensor> guide = new AutoDiagonalNormal<>(InitStrategyTest::model,
                    initToValue(Map.of("rate", Math.E, "mu", Tensor.of(1.0, 2.0))));
            guide.call(null);
            assertThat(ParamStore.current().get("AutoDiagonalNormal.loc").toArray()).containsExactly(new double[] {1.0, 1.0, 2.0},
                    within(1e-15));
        });
    }

    @Test
    void aValueOfTheWrongShapeOrOutsideTheSupportNamesTheSite() {
        Model<Tensor, Tensor> model = InitStrategyTest::model;
        withStore(() -> assertThatThrownBy(() -> new AutoNormal<>(model, initToValue(Map.of("mu", Tensor.of(1, 2, 3)))).call(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site 'mu'").hasMessageContaining("[3]").hasMessageContaining("[2]"));
        withStore(() -> assertThatThrownBy(() -> new AutoDelta<>(model, initToValue(Map.of("rate", -1.0))).call(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site 'rate'").hasMessageContaining("outside the support").hasMessageContaining("positive"));
        assertThatThrownBy(() -> initToValue(Map.of("x", "one"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site 'x'");
    }

    @Test
    void initMessengerSetsLatentSitesAndLeavesObservedOnes() {
        Model<Tensor, Tensor> model = y -> {
            Tensor mu = sample("mu", Normal.of(4.0, 1.0));
            return sample("y", Normal.of(mu, 1.0), y);
        };
        try (InitMessenger init = new InitMessenger(initToMean()).enter()) {
            assertThat(model.call(Tensor.scalar(9.0)).item()).isEqualTo(9.0);
        }
        try (InitMessenger init = new InitMessenger(initToMean()).enter()) {
            assertThat(sample("mu", Normal.of(4.0, 1.0)).item()).isEqualTo(4.0);
        }
    }
}
