package org.pyrite.examples;

import static org.pyrite.Pyrite.module;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.nn.Activation;
import org.pyrite.nn.Linear;
import org.pyrite.nn.Sequential;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * A variational autoencoder on the UCI digits, set up as Pyro's baseline script
 * ({@code ../shared/baselines/pyro-scripts/vae_digits.py}) so the figures compare: pixels
 * binarised at 8 of 16; latent {@code z ~ Normal(0, I)} of 10 dimensions; a decoder 10-128-64 with
 * softplus and a sigmoid output giving Bernoulli probabilities of the 64 pixels; an encoder
 * 64-128-(10 loc, 10 log-scale) with softplus; a plate over the 1,500 training images fed
 * minibatches of 128 of a fresh permutation each epoch (12 steps per epoch, the last of 92);
 * Adam lr 1e-3; 30 epochs; the last 297 images held out. The held-out ELBO per image is the mean
 * of 10 single-particle ELBO estimates on the 297 images, over 297.
 *
 * <p>The encoder is one {@code Linear(128, 20)} head whose first 10 outputs are the loc and the
 * last 10 the log-scale: the same function and the same initial distribution as Pyro's two
 * {@code Linear(128, 10)} heads (both draw from {@code U(-1/sqrt(128), 1/sqrt(128))}). The
 * decoder's sigmoid is folded into the likelihood, {@code Bernoulli.logits}, which is the same
 * density computed without rounding probabilities to 0 or 1.
 *
 * <p>With {@code --backend tensorflow} every training step is one TensorFlow graph run
 * ({@code CompiledSVI}). A compiled graph has fixed shapes and holds the arguments it was
 * compiled with, so it cannot take a new minibatch tensor, nor a short last one, each step: it
 * holds the whole training set instead, and the plate {@code plate("data", 1500, 128)} draws 128
 * indices for each step (a uniformly random subset, fed to the graph) which select the
 * minibatch's rows inside the graph. An "epoch" there is {@code ceil(1500 / 128) = 12} such
 * steps: the same number of steps and the same ELBO scale ({@code 1500 / 128} per image) as the
 * CPU path, but each minibatch is drawn independently (an image can be seen twice in an epoch, or
 * not at all) rather than walking a permutation, and every batch has 128 images. Both batchings
 * give unbiased estimates of the same ELBO's gradient. The held-out ELBO, the reconstructions and
 * the samples are computed on the CPU either way, from the trained params the compiled step
 * writes back to the param store.
 *
 * <p>Writes {@code reconstructions.png} (held-out digits above their reconstructions) and
 * {@code samples.png} (64 digits decoded from prior draws) into {@code pyrite-output/vae/}, and
 * ends with one JSON line. Options: {@code --epochs N}, {@code --seed S}, {@code --data PATH},
 * {@code --out DIR}, {@code --backend cpu|tensorflow}.
 */
public final class Vae {
    static final int Z = 10;
    static final int HIDDEN = 128;
    static final int BATCH = 128;
    static final int TRAIN = 1500;

    /**
     * The images a step sees, standing for a plate of {@code n} images of which {@code batch} are
     * in the step: {@code x} is either the minibatch itself ({@code batch} rows, chosen by the
     * caller: the CPU path's permutation, or the whole held-out set) or all {@code n} images, of
     * which the plate's subsample picks the minibatch (the compiled path, whose graph holds its
     * arguments).
     */
    record Batch(Tensor x, int n, int batch) {
        Batch {
            int rows = x.size(0);
            if (batch < 1 || batch > n || (rows != batch && rows != n)) {
                throw new IllegalArgumentException("a VAE batch of " + batch + " images standing for " + n + " needs x with " + batch
                        + " rows (the minibatch itself) or " + n + " rows (all images, the plate picking the minibatch), got "
                        + rows + " rows");
            }
        }

        /** A minibatch of {@code x.size(0)} images chosen by the caller, standing for {@code n}. */
        static Batch of(Tensor x, int n) {
            return new Batch(x, n, x.size(0));
        }

        /** The rows of this step: {@code x} itself, or the rows the plate's subsample names. */
        Tensor rows(PlateMessenger plate) {
            return x.size(0) == batch ? x : x.index(0, plate.subsample());
        }
    }

    final Sequential encoder = new Sequential(new Linear(Digits.PIXELS, HIDDEN), Activation.SOFTPLUS, new Linear(HIDDEN, 2 * Z));
    final Sequential decoder = new Sequential(new Linear(Z, HIDDEN), Activation.SOFTPLUS, new Linear(HIDDEN, Digits.PIXELS));

    /** p(x | z) p(z): each image's pixels Bernoulli with probabilities decoded from its latent. */
    Tensor model(Batch b) {
        module("decoder", decoder);
        int m = b.batch();
        try (PlateMessenger data = plate("data", b.n(), m)) {
            Tensor z = sample("z", Normal.of(Tensor.zeros(m, Z), Tensor.ones(m, Z)).toEvent(1));
            return sample("x", Bernoulli.logits(decoder.forward(z)).toEvent(1), b.rows(data));
        }
    }

    /** q(z | x): a diagonal Normal whose loc and scale the encoder computes from the image. */
    Tensor guide(Batch b) {
        module("encoder", encoder);
        try (PlateMessenger data = plate("data", b.n(), b.batch())) {
            Tensor h = encoder.forward(b.rows(data));
            return sample("z", Normal.of(h.slice(1, 0, Z), h.slice(1, Z, 2 * Z).exp()).toEvent(1));
        }
    }

    /** What a training run produced. */
    record Result(double[] testElboPerImage, double[] testElboStandardError, long[] stepNanos, double seconds) {
        double stepMicrosMedian() {
            long[] s = stepNanos.clone();
            Arrays.sort(s);
            int n = s.length;
            return (n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0) / 1e3;
        }
    }

    /** {@link #train(Digits, int, SviBackend)} on the CPU backend. */
    Result train(Digits data, int epochs) {
        return train(data, epochs, SviBackend.CPU);
    }

    /**
     * Trains for {@code epochs} on {@code data} in the current param store, the steps on
     * {@code backend}, drawing from the current thread's generator (seed it first for a
     * reproducible run), and returns the held-out ELBO per image after each epoch (computed on the
     * CPU whichever backend trains) and every step's time.
     */
    Result train(Digits data, int epochs, SviBackend backend) {
        long start = System.nanoTime();
        int n = data.train().size(0);
        // The compiled graph holds its arguments: all n images, the plate drawing each step's 128.
        Batch all = new Batch(data.train(), n, Math.min(BATCH, n));
        Batch test = Batch.of(data.test(), data.test().size(0));
        // Evaluates only (its optimizer is unused): the params are in the store on either backend.
        SVI<Batch> evaluator = new SVI<>(this::model, this::guide, new Adam(1e-3), new TraceELBO());
        List<Long> nanos = new ArrayList<>();
        double[] elbo = new double[epochs];
        double[] se = new double[epochs];
        try (SviBackend.Steps<Batch> svi = backend.svi(this::model, this::guide, new Adam(1e-3), new TraceELBO(), all)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (backend == SviBackend.CPU) {
                    int[] perm = permutation(n);
                    for (int i = 0; i < n; i += BATCH) {
                        Tensor xb = data.train().index(0, Arrays.copyOfRange(perm, i, Math.min(n, i + BATCH)));
                        long t0 = System.nanoTime();
                        svi.step(Batch.of(xb, n));
                        nanos.add(System.nanoTime() - t0);
                    }
                } else {
                    for (int i = 0; i < n; i += BATCH) {
                        long t0 = System.nanoTime();
                        svi.step(all);
                        nanos.add(System.nanoTime() - t0);
                    }
                }
                double[] losses = new double[10];
                double mean = 0;
                for (int k = 0; k < losses.length; k++) {
                    losses[k] = evaluator.evaluateLoss(test) / test.n();
                    mean += losses[k] / losses.length;
                }
                double ss = 0;
                for (double l : losses) {
                    ss += (l - mean) * (l - mean);
                }
                elbo[epoch] = -mean;
                se[epoch] = Math.sqrt(ss / (losses.length - 1) / losses.length);
            }
        }
        return new Result(elbo, se, nanos.stream().mapToLong(Long::longValue).toArray(), (System.nanoTime() - start) / 1e9);
    }

    /** A uniformly random permutation of {@code 0..n-1} from Pyrite's seeded generator (Fisher-Yates). */
    static int[] permutation(int n) {
        Rng rng = Rng.current();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (rng.uniform() * (i + 1));
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Pixel probabilities of the reconstructions of {@code x}: decoded from the encoder's loc. */
    Tensor reconstruct(Tensor x) {
        try (Autograd.Scope s = Autograd.noGrad()) {
            Tensor loc = module("encoder", encoder).forward(x).slice(1, 0, Z);
            return module("decoder", decoder).forward(loc).sigmoid();
        }
    }

    /** Pixel probabilities of {@code count} digits decoded from prior draws. */
    Tensor sampleDigits(int count) {
        try (Autograd.Scope s = Autograd.noGrad()) {
            Tensor z = Normal.of(Tensor.zeros(count, Z), Tensor.ones(count, Z)).sample();
            return module("decoder", decoder).forward(z).sigmoid();
        }
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Options o = Options.parse(args);
        Pyrite.setRngSeed(o.seed);
        Digits data = Digits.load(o.data, TRAIN);
        System.out.printf(Locale.ROOT, "data: %d training and %d held-out images from %s%n", data.train().size(0),
                data.test().size(0), o.data);
        try (ParamStore.Scope scope = ParamStore.use(new ParamStore())) {
            Vae vae = new Vae();
            Result r = vae.train(data, o.epochs, o.backend);
            for (int e = 0; e < o.epochs; e++) {
                System.out.printf(Locale.ROOT, "epoch %2d  held-out ELBO per image %.3f (standard error %.3f)%n", e + 1,
                        r.testElboPerImage()[e], r.testElboStandardError()[e]);
            }
            Path recon = o.out.resolve("reconstructions.png");
            Path samples = o.out.resolve("samples.png");
            Tensor originals = data.test().slice(0, 0, 16);
            double[][] pairs = new double[32][];
            Tensor rec = vae.reconstruct(originals);
            for (int i = 0; i < 16; i++) {
                pairs[i] = originals.select(0, i).toArray();
                pairs[16 + i] = rec.select(0, i).toArray();
            }
            DigitImages.write(recon, pairs, 16, 8);
            Tensor drawn = vae.sampleDigits(64);
            double[][] grid = new double[64][];
            for (int i = 0; i < 64; i++) {
                grid[i] = drawn.select(0, i).toArray();
            }
            DigitImages.write(samples, grid, 8, 8);
            System.out.println("wrote " + recon + " and " + samples);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("test_elbo_per_image", r.testElboPerImage()[o.epochs - 1]);
            json.put("test_elbo_standard_error", r.testElboStandardError()[o.epochs - 1]);
            json.put("step_us_median", r.stepMicrosMedian());
            json.put("steps", r.stepNanos().length);
            json.put("epochs", o.epochs);
            json.put("backend", o.backend.jsonName());
            json.put("seed", o.seed);
            json.put("pyro_test_elbo_per_image", "[-23.04, -22.38]");
            json.put("pyro_step_us_median", "[2345, 3232]");
            json.put("seconds", (System.nanoTime() - start) / 1e9);
            System.out.println(JsonLine.of(json));
        }
    }

    /** The command line. */
    private static final class Options {
        int epochs = 30;
        long seed = 0;
        Path data = Path.of("../shared/data/uci/digits.csv.gz");
        Path out = Path.of("pyrite-output/vae");
        SviBackend backend = SviBackend.CPU;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value; options: --epochs N, --seed S, --data PATH,"
                            + " --out DIR, --backend cpu|tensorflow");
                }
                String v = args[++i];
                switch (a) {
                    case "--epochs" -> o.epochs = positive(a, v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--data" -> o.data = Path.of(v);
                    case "--out" -> o.out = Path.of(v);
                    case "--backend" -> o.backend = SviBackend.of(new String[] {a, v});
                    default -> throw new IllegalArgumentException("unknown option " + a + "; options: --epochs N, --seed S,"
                            + " --data PATH, --out DIR, --backend cpu|tensorflow");
                }
            }
            return o;
        }

        private static int positive(String option, String v) {
            int n = Integer.parseInt(v);
            if (n <= 0) {
                throw new IllegalArgumentException(option + " must be positive, got " + v);
            }
            return n;
        }
    }
}
