package org.pyrite.infer.autoguide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.sample;
import static org.pyrite.infer.autoguide.Conjugate.Y;
import static org.pyrite.infer.autoguide.Conjugate.withStore;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Poisson;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** Clear errors: each names the site, param or argument and says what to do. */
class AutoGuideErrorsTest {
    private static final List<Function<Model<Tensor, Tensor>, AutoGuide<Tensor>>> ALL = List.of(AutoDelta::new, AutoNormal::new,
            AutoDiagonalNormal::new, AutoMultivariateNormal::new, AutoLaplaceApproximation::new);

    static Tensor discreteModel(Tensor y) {
        Tensor mu = sample("mu", Normal.of(0.0, 1.0));
        Tensor k = sample("k", Poisson.of(3.0));
        return sample("y", Normal.of(mu.add(k), 1.0), y);
    }

    @Test
    void aDiscreteLatentSiteIsRefusedByName() {
        for (Function<Model<Tensor, Tensor>, AutoGuide<Tensor>> make : ALL) {
            withStore(() -> {
                AutoGuide<Tensor> guide = make.apply(AutoGuideErrorsTest::discreteModel);
                SVI<Tensor> svi = new SVI<>(AutoGuideErrorsTest::discreteModel, guide, new Adam(0.01), new TraceELBO());
                assertThatThrownBy(() -> svi.step(Tensor.scalar(1.0))).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(guide.getClass().getSimpleName())
                        .hasMessageContaining("latent site 'k'")
                        .hasMessageContaining("discrete support")
                        .hasMessageContaining("by hand");
                assertThat(ParamStore.current().size()).isZero();
            });
        }
    }

    @Test
    void aSupportWithoutABijectionIsRefusedByName() {
        Model<Tensor, Tensor> model = d -> sample("cov", new PositiveDefiniteOnly());
        withStore(() -> assertThatThrownBy(() -> new AutoNormal<>(model, InitStrategy.initToValue(
                java.util.Map.of("cov", Tensor.eye(2)))).call(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latent site 'cov'").hasMessageContaining("positive definite"));
    }

    @Test
    void askingForResultsBeforeTheModelWasTracedSaysHow() {
        AutoNormal<Tensor> guide = new AutoNormal<>(Conjugate::normalModel);
        assertThatThrownBy(guide::median).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AutoNormal has not seen its model yet").hasMessageContaining("median(args)");
        assertThatThrownBy(() -> guide.quantiles(0.5)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(guide::latentSites).isInstanceOf(IllegalStateException.class);
        withStore(() -> {
            // median(args) traces the model and reads the (initial) params.
            assertThat(guide.median(Y).get("mu").shape()).containsExactly(2);
            assertThatThrownBy(() -> guide.latentSite("nu")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'nu'").hasMessageContaining("did you mean 'mu'");
        });
    }

    @Test
    void aParamOfAnotherShapeLeftInTheStoreIsNamed() {
        Model<Tensor, Tensor> threeD = d -> sample("mu", Normal.of(0.0, 1.0).expand(3).toEvent(1));
        withStore(() -> {
            new AutoNormal<>(Conjugate::normalModel).call(Y);
            assertThatThrownBy(() -> new AutoNormal<>(threeD).call(null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("param 'AutoNormal.locs.mu'").hasMessageContaining("[2]").hasMessageContaining("[3]")
                    .hasMessageContaining("another prefix");
        });
    }

    @Test
    void aJointGuideNeedsALatentSite() {
        Model<Tensor, Tensor> observedOnly = y -> sample("y", Normal.of(0.0, 1.0), y);
        withStore(() -> assertThatThrownBy(() -> new AutoDiagonalNormal<>(observedOnly).call(Tensor.scalar(0.3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no latent sample sites"));
        // Mean-field guides of such a model are empty, not an error: the model may still have params.
        withStore(() -> assertThat(new AutoNormal<>(observedOnly).call(Tensor.scalar(0.3))).isEmpty());
    }

    @Test
    void badArgumentsAreRefused() {
        withStore(() -> {
            AutoNormal<Tensor> guide = new AutoNormal<>(Conjugate::normalModel);
            guide.call(Y);
            assertThatThrownBy(() -> guide.quantiles(0.0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("strictly between 0 and 1");
            assertThatThrownBy(() -> guide.quantiles(1.5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> guide.quantiles()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one probability");
            AutoDiagonalNormal<Tensor> joint = new AutoDiagonalNormal<>(Conjugate::normalModel);
            joint.call(Y);
            assertThatThrownBy(() -> joint.unpackLatent(Tensor.zeros(3))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[..., 2]");
        });
        assertThatThrownBy(() -> new AutoNormal<>(Conjugate::normalModel, InitStrategy.initToMedian(), 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initScale");
        assertThatThrownBy(() -> new AutoDelta<>(Conjugate::normalModel, InitStrategy.initToMedian(), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new AutoDelta<Tensor>(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("model");
    }

    @Test
    void deterministicAndObservedSitesAreNotLatent() {
        Model<Tensor, Tensor> model = y -> {
            Tensor mu = sample("mu", Normal.of(0.0, 1.0));
            Pyrite.deterministic("twice", mu.mul(2.0));
            return sample("y", Normal.of(mu, 1.0), y);
        };
        withStore(() -> {
            AutoNormal<Tensor> guide = new AutoNormal<>(model);
            assertThat(guide.median(Tensor.scalar(0.5))).containsOnlyKeys("mu");
            assertThat(guide.prototypeTrace().names()).containsExactly("mu", "twice", "y");
        });
    }

    /** A distribution over symmetric positive-definite matrices, for a support with no bijection. */
    static final class PositiveDefiniteOnly extends Distribution {
        @Override
        public int[] batchShape() {
            return new int[0];
        }

        @Override
        public int[] eventShape() {
            return new int[] {2, 2};
        }

        @Override
        public Constraint support() {
            return Constraints.positiveDefinite();
        }

        @Override
        public Tensor mean() {
            return Tensor.eye(2);
        }

        @Override
        public Tensor variance() {
            return Tensor.ones(2, 2);
        }

        @Override
        public Tensor sample(int... sampleShape) {
            return Tensor.eye(2).expand(shape(sampleShape));
        }

        @Override
        protected Tensor logProbUnchecked(Tensor value) {
            return Tensor.scalar(0.0);
        }

        @Override
        public Distribution expand(int... batchShape) {
            throw new UnsupportedOperationException();
        }
    }
}
