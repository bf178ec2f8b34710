package org.pyrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.module;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceMeanFieldELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * A Bayesian layer is a model whose weights are sample sites, so an autoguide is its guide. With
 * one {@code Linear(1, 1)}, priors {@code Normal(0, 1)} on weight and bias and Gaussian noise of
 * known scale, the posterior is Gaussian in closed form: precision {@code L = I + X^T X / s^2} over
 * (weight, bias), mean {@code L^-1 X^T y / s^2}. A mean-field Gaussian fitted by KL(q || p) to a
 * Gaussian has the exact means and the standard deviations {@code 1 / sqrt(L_ii)}, so
 * {@link AutoNormal} must land on those.
 */
class BayesianLayerTest {
    private static final double NOISE = 0.5;

    /**
     * 40 observations, Adam lr 0.02 for 3,000 steps with analytic KL, the guide's locs and scales
     * averaged over the last 1,000. Tolerances (0.02 for the means, 0.015 for the standard
     * deviations, which are about 0.07) are 5 times the largest deviation measured over seeds 0..9
     * while writing this test (0.0040 and 0.0034); AutoNormal's initial scale 0.1 is outside them.
     */
    @Test
    void autoNormalFitsABayesianLinearLayerToItsClosedFormPosterior() {
        Pyrite.setRngSeed(0);
        int n = 40;
        Tensor x = Normal.of(0.0, 1.0).sample(n).add(0.5);
        Tensor y = x.mul(0.7).sub(0.3).add(Normal.of(0.0, NOISE).sample(n));
        Linear fc = new Linear(1, 1);
        fc.setPriors(name -> Normal.of(0.0, 1.0));

        // Closed form over (w, b): features (x_i, 1).
        double sxx = 0;
        double sx = 0;
        double sxy = 0;
        double sy = 0;
        double[] xv = x.toArray();
        double[] yv = y.toArray();
        for (int i = 0; i < n; i++) {
            sxx += xv[i] * xv[i];
            sx += xv[i];
            sxy += xv[i] * yv[i];
            sy += yv[i];
        }
        double s2 = NOISE * NOISE;
        double a = 1 + sxx / s2;
        double c = sx / s2;
        double d = 1 + n / s2;
        double det = a * d - c * c;
        double wMean = (d * sxy / s2 - c * sy / s2) / det;
        double bMean = (-c * sxy / s2 + a * sy / s2) / det;

        ParamStore store = new ParamStore();
        double wLoc = 0;
        double bLoc = 0;
        double wScale = 0;
        double bScale = 0;
        try (ParamStore.Scope s = ParamStore.use(store)) {
            org.pyrite.Model<Tensor, Tensor> model = in -> {
                module("net", fc);
                try (PlateMessenger p = plate("data", n)) {
                    return sample("y", Normal.of(fc.forward(in.unsqueeze(1)).squeeze(1), NOISE), y);
                }
            };
            AutoNormal<Tensor> guide = new AutoNormal<>(model);
            SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.02), new TraceMeanFieldELBO());
            for (int t = 0; t < 3000; t++) {
                svi.step(x);
                if (t >= 2000) {
                    Map<String, Tensor> med = guide.median();
                    wLoc += med.get("net.weight").item() / 1000;
                    bLoc += med.get("net.bias").item() / 1000;
                    wScale += store.get(guide.scaleName("net.weight")).item() / 1000;
                    bScale += store.get(guide.scaleName("net.bias")).item() / 1000;
                }
            }
        }
        assertThat(store.names()).noneMatch(name -> name.equals("net.weight") || name.equals("net.bias"));
        assertThat(wLoc).isCloseTo(wMean, within(0.02));
        assertThat(bLoc).isCloseTo(bMean, within(0.02));
        assertThat(wScale).isCloseTo(1 / Math.sqrt(a), within(0.015));
        assertThat(bScale).isCloseTo(1 / Math.sqrt(d), within(0.015));
    }
}
