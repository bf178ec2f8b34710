package org.pyrite.infer.mcmc;

import static org.pyrite.Pyrite.sample;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.MultivariateNormal;
import org.pyrite.tensor.Tensor;

/**
 * A 3-D Normal latent with a dense covariance (correlations 0.9, -0.5, -0.3 and sds 1, 2, 0.5),
 * conditioned on nothing: the posterior is the prior. Each coordinate's mean and sd are checked
 * within 4 Monte Carlo standard errors from the ESS ({@link PosteriorCheck}).
 */
class DenseNormalTest {
    static final Tensor LOC = Tensor.of(1.0, -2.0, 0.5);
    static final double[] SD = {1.0, 2.0, 0.5};
    static final double[][] CORR = {{1, 0.9, -0.5}, {0.9, 1, -0.3}, {-0.5, -0.3, 1}};

    static Tensor covariance() {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                c[i][k] = CORR[i][k] * SD[i] * SD[k];
            }
        }
        return Tensor.of(c);
    }

    static Tensor model(Void v) {
        return sample("x", MultivariateNormal.withCovariance(LOC, covariance()));
    }

    private static void check(HamiltonianKernel<Void, ?> kernel) {
        Pyrite.setRngSeed(11);
        MCMC<Void> mcmc = new MCMC<>(kernel, 1000, 500).numChains(2);
        mcmc.run(null);
        List<Tensor> perChain = mcmc.samplesByChain().get("x");
        for (int i = 0; i < 3; i++) {
            List<double[]> coordinate = new ArrayList<>();
            for (Tensor c : perChain) {
                coordinate.add(c.select(1, i).toArray());
            }
            PosteriorCheck.assertMoments("x[" + i + "]", coordinate, LOC.toArray()[i], SD[i]);
        }
    }

    @Test
    void nutsWithDenseMass() {
        check(new NUTS<>(DenseNormalTest::model).denseMass(true));
    }

    @Test
    void nutsWithDiagonalMass() {
        check(new NUTS<>(DenseNormalTest::model));
    }

    @Test
    void hmcWithDenseMass() {
        // Not Pyro's default length 2 pi: with a metric that whitens a Gaussian, 2 pi is one full
        // period of the dynamics, and every trajectory ends where it began.
        check(new HMC<>(DenseNormalTest::model).denseMass(true).trajectoryLength(2.0));
    }
}
