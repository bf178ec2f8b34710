package org.pyrite.infer.autoguide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.sample;
import static org.pyrite.infer.autoguide.Conjugate.COUNTS;
import static org.pyrite.infer.autoguide.Conjugate.POST_RATE;
import static org.pyrite.infer.autoguide.Conjugate.POST_SHAPE;
import static org.pyrite.infer.autoguide.Conjugate.YC;
import static org.pyrite.infer.autoguide.Conjugate.correlatedCovariance;
import static org.pyrite.infer.autoguide.Conjugate.correlatedMean;
import static org.pyrite.infer.autoguide.Conjugate.fitMap;
import static org.pyrite.infer.autoguide.Conjugate.withStore;

import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.MultivariateNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Trace;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * AutoLaplaceApproximation: the MAP stage has exact gradients (a point mass samples nothing), so
 * the mode is found to within 1e-14 over seeds 1-12 (see {@link Conjugate#EXACT_DECAY}); 1e-6 is
 * the stated tolerance. For a Gaussian model the negative log joint is quadratic, so its Hessian
 * is the posterior precision exactly, wherever it is taken: the covariance must match the closed
 * form to rounding (1e-12 on entries of size 0.5).
 */
class AutoLaplaceApproximationTest {
    private static final double MODE_TOL = 1e-6;

    @Test
    void theLaplaceCovarianceOfAGaussianModelIsTheExactPosteriorCovariance() {
        withStore(() -> {
            AutoLaplaceApproximation<Tensor> guide = new AutoLaplaceApproximation<>(Conjugate::correlatedModel);
            // Before any fitting: the Hessian of a quadratic does not depend on where it is taken.
            MultivariateNormal before = guide.laplaceApproximation(YC).getPosterior();
            assertThat(before.covariance().toArray()).containsExactly(correlatedCovariance(YC).toArray(), within(1e-12));

            fitMap(Conjugate::correlatedModel, guide, YC, 1500, 1);
            assertThat(ParamStore.current().names()).containsExactly("AutoLaplaceApproximation.loc");
            assertThat(guide.median().get("z").toArray()).containsExactly(correlatedMean(YC).toArray(), within(MODE_TOL));
            AutoMultivariateNormal<Tensor> laplace = guide.laplaceApproximation(YC);
            MultivariateNormal q = laplace.getPosterior();
            assertThat(q.loc().toArray()).containsExactly(correlatedMean(YC).toArray(), within(MODE_TOL));
            assertThat(q.covariance().toArray()).containsExactly(correlatedCovariance(YC).toArray(), within(1e-12));
            // The Gaussian guide reads no params and samples like any AutoMultivariateNormal.
            Trace t = Poutine.trace(laplace).getTrace(YC);
            assertThat(t.names()).containsExactly("_AutoMultivariateNormal_latent", "z");
            assertThat(ParamStore.current().size()).isEqualTo(1);
        });
    }

    @Test
    void aPositiveSiteIsApproximatedInUnconstrainedSpace() {
        withStore(() -> {
            AutoLaplaceApproximation<Tensor> guide = fitMap(Conjugate::countModel,
                    new AutoLaplaceApproximation<>(Conjugate::countModel), COUNTS, 1500, 2);
            // u = log rate has density prop. to exp(a u - b e^u) for the Gamma(a, b) posterior: mode
            // log(a / b), and curvature b e^u = a there, so variance 1/a.
            assertThat(guide.median().get("rate").item()).isCloseTo(POST_SHAPE / POST_RATE, within(MODE_TOL));
            MultivariateNormal q = guide.laplaceApproximation(COUNTS).getPosterior();
            assertThat(q.loc().item()).isCloseTo(Math.log(POST_SHAPE / POST_RATE), within(MODE_TOL));
            // At a mode error eps the curvature is a e^eps: the variance is off by a relative eps.
            assertThat(q.covariance().item()).isCloseTo(1 / POST_SHAPE, within(2 * MODE_TOL / POST_SHAPE));
        });
    }

    @Test
    void aHessianThatIsNotPositiveDefiniteIsAnError() {
        // x ~ N(0, 1) with a factor exp(x^2): the negative log joint is -x^2 / 2, curvature -1.
        org.pyrite.Model<Tensor, Tensor> model = d -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            Pyrite.factor("bump", x.square());
            return x;
        };
        withStore(() -> {
            AutoLaplaceApproximation<Tensor> guide = new AutoLaplaceApproximation<>(model, InitStrategy.initToFeasible());
            assertThatThrownBy(() -> guide.laplaceApproximation(null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not positive definite").hasMessageContaining("not at a mode");
        });
    }
}
