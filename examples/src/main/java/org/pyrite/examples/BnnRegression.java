package org.pyrite.examples;

import static org.pyrite.Pyrite.module;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.HalfNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.Predictive;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.nn.Activation;
import org.pyrite.nn.Linear;
import org.pyrite.nn.Sequential;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * A Bayesian neural network for regression on the diabetes data
 * ({@code ../shared/data/uci/diabetes_*}: 442 patients, 10 features, disease progression after a
 * year), features and target standardised with the training rows' mean and sd. The network
 * 10-16-1 with tanh has a {@code Normal(0, 1)} prior on every weight and bias (sample sites
 * {@code bnn.0.weight}, ...), the noise scale a {@code HalfNormal(1)} prior; {@link AutoNormal} is
 * the guide, fitted by SVI (Adam lr 0.01, 4,000 steps) on the first 342 rows. The last 100 rows
 * are held out: 1,000 posterior predictive draws give each one a mean and a 90% band.
 *
 * <p>Prints the held-out RMSE beside that of least squares, the band's coverage of the held-out
 * targets, and ends with one JSON line; writes {@code pyrite-output/bnn/predictive-band.png}.
 */
public final class BnnRegression {
    static final int TRAIN = 342;
    static final int STEPS = 4000;

    /** Standardised features {@code x [n, 10]} and target {@code y [n]}, or {@code y == null} to predict. */
    record Data(Tensor x, Tensor y) {}

    final Sequential net = new Sequential(new Linear(10, 16), Activation.TANH, new Linear(16, 1));

    BnnRegression() {
        net.setPriors(name -> Normal.of(0.0, 1.0));
    }

    Tensor model(Data d) {
        module("bnn", net);
        Tensor sigma = sample("sigma", HalfNormal.of(1.0));
        try (PlateMessenger p = plate("data", d.x().size(0))) {
            Normal lik = Normal.of(net.forward(d.x()).squeeze(1), sigma);
            return d.y() == null ? sample("y", lik) : sample("y", lik, d.y());
        }
    }

    /** What a fit produced on the held-out rows. */
    record Result(double rmse, double leastSquaresRmse, double coverage90, double[] mean, double[] lo, double[] hi, double[] observed,
                  double finalLoss) {}

    static Result fit(Data train, Data test, long seed) {
        Pyrite.setRngSeed(seed);
        BnnRegression bnn = new BnnRegression();
        Model<Data, Tensor> model = bnn::model;
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            AutoNormal<Data> guide = new AutoNormal<>(model);
            SVI<Data> svi = new SVI<>(model, guide, new Adam(0.01), new TraceELBO());
            double loss = 0;
            for (int t = 0; t < STEPS; t++) {
                double l = svi.step(train);
                if (t >= STEPS - 500) {
                    loss += l / 500;
                }
            }
            Tensor draws = new Predictive<>(model, guide, 1000).returnSites("y").call(new Data(test.x(), null)).get("y");
            int m = test.x().size(0);
            double[] mean = draws.mean(0).toArray();
            double[] lo = new double[m];
            double[] hi = new double[m];
            double[] obs = test.y().toArray();
            double sq = 0;
            int inside = 0;
            for (int i = 0; i < m; i++) {
                double[] col = draws.select(1, i).toArray();
                Arrays.sort(col);
                lo[i] = col[(int) Math.floor(0.05 * (col.length - 1))];
                hi[i] = col[(int) Math.ceil(0.95 * (col.length - 1))];
                sq += (mean[i] - obs[i]) * (mean[i] - obs[i]);
                inside += obs[i] >= lo[i] && obs[i] <= hi[i] ? 1 : 0;
            }
            return new Result(Math.sqrt(sq / m), leastSquaresRmse(train, test), (double) inside / m, mean, lo, hi, obs, loss);
        }
    }

    /** The held-out RMSE of least squares with an intercept, solved through the Cholesky factor of the normal equations. */
    static double leastSquaresRmse(Data train, Data test) {
        Tensor a = Tensor.cat(1, Tensor.ones(train.x().size(0), 1), train.x());
        Tensor l = a.transpose().matmul(a).cholesky();
        Tensor rhs = a.transpose().matmul(train.y().unsqueeze(1));
        Tensor beta = l.transpose().triangularSolve(l.triangularSolve(rhs, true), false);
        Tensor b = Tensor.cat(1, Tensor.ones(test.x().size(0), 1), test.x());
        Tensor err = b.matmul(beta).squeeze(1).sub(test.y());
        return Math.sqrt(err.square().mean().item());
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/uci");
        Path out = Path.of(args.length > 1 ? args[1] : "pyrite-output/bnn");
        Data[] split = Diabetes.load(dir, TRAIN);
        Result r = fit(split[0], split[1], 0);
        System.out.printf(Locale.ROOT, "held-out RMSE (standardised target): BNN predictive mean %.3f, least squares %.3f%n", r.rmse(),
                r.leastSquaresRmse());
        System.out.printf(Locale.ROOT, "90%% predictive band covers %.0f%% of the %d held-out targets%n", 100 * r.coverage90(),
                r.observed().length);
        Path png = out.resolve("predictive-band.png");
        PredictiveBandPlot.write(png, r.mean(), r.lo(), r.hi(), r.observed());
        System.out.println("wrote " + png);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("test_rmse", r.rmse());
        json.put("least_squares_test_rmse", r.leastSquaresRmse());
        json.put("coverage_90", r.coverage90());
        json.put("final_loss", r.finalLoss());
        json.put("steps", STEPS);
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(JsonLine.of(json));
    }
}
