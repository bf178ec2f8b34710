package org.pyrite.benchmarks;

import static org.pyrite.Pyrite.module;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.pyrite.distributions.Bernoulli;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.nn.Activation;
import org.pyrite.nn.Linear;
import org.pyrite.nn.Sequential;
import org.pyrite.tensor.Tensor;

/**
 * The VAE of {@code org.pyrite.examples.Vae} (and of Pyro's {@code vae_digits.py}), for timing its
 * SVI step: encoder 64-128-(10, 10) and decoder 10-128-64 with softplus, Bernoulli likelihood
 * over 64 binarised pixels, a plate of 1,500 images fed minibatches of 128.
 */
final class VaeModels {
    static final int Z = 10;
    static final int HIDDEN = 128;

    /**
     * The images a step sees, standing for a plate of {@code n} images of which {@code batch} are
     * in the step: {@code x} is the minibatch itself ({@code batch} rows) or all {@code n} images,
     * of which the plate's subsample picks the step's rows (the compiled step's form: its graph
     * holds its arguments, so the minibatch is chosen inside it).
     */
    record Batch(Tensor x, int n, int batch) {
        /** A minibatch of {@code x.size(0)} images standing for {@code n}. */
        Batch(Tensor x, int n) {
            this(x, n, x.size(0));
        }

        Tensor rows(PlateMessenger plate) {
            return x.size(0) == batch ? x : x.index(0, plate.subsample());
        }
    }

    final Sequential encoder = new Sequential(new Linear(64, HIDDEN), Activation.SOFTPLUS, new Linear(HIDDEN, 2 * Z));
    final Sequential decoder = new Sequential(new Linear(Z, HIDDEN), Activation.SOFTPLUS, new Linear(HIDDEN, 64));

    Tensor model(Batch b) {
        module("decoder", decoder);
        int m = b.batch();
        try (PlateMessenger data = plate("data", b.n(), m)) {
            Tensor z = sample("z", Normal.of(Tensor.zeros(m, Z), Tensor.ones(m, Z)).toEvent(1));
            return sample("x", Bernoulli.logits(decoder.forward(z)).toEvent(1), b.rows(data));
        }
    }

    Tensor guide(Batch b) {
        module("encoder", encoder);
        try (PlateMessenger data = plate("data", b.n(), b.batch())) {
            Tensor h = encoder.forward(b.rows(data));
            return sample("z", Normal.of(h.slice(1, 0, Z), h.slice(1, Z, 2 * Z).exp()).toEvent(1));
        }
    }

    /** The first {@code rows} images of the digits file, pixels binarised at 8 of 16, as {@code [rows, 64]}. */
    static Tensor digits(Path file, int rows) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null && lines.size() < rows; line = in.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        if (lines.size() < rows) {
            throw new IOException(file + ": " + lines.size() + " images, need " + rows);
        }
        double[] px = new double[rows * 64];
        for (int i = 0; i < rows; i++) {
            String[] parts = lines.get(i).split(",");
            for (int j = 0; j < 64; j++) {
                px[i * 64 + j] = Double.parseDouble(parts[j].trim()) >= 8 ? 1.0 : 0.0;
            }
        }
        return Tensor.fromArray(px, rows, 64);
    }
}
