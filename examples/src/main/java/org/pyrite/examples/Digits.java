package org.pyrite.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.pyrite.tensor.Tensor;

/**
 * The UCI optical digits ({@code ../shared/data/uci/digits.csv.gz}: 1,797 rows of 64 pixel values
 * 0..16 of an 8 x 8 image, row-major, then the digit), binarised at 8 of 16 as Pyro's baseline
 * script does, and split into the first {@code trainSize} images and the rest.
 *
 * @param train binarised training images, {@code [trainSize, 64]}
 * @param test binarised held-out images, {@code [rows - trainSize, 64]}
 */
record Digits(Tensor train, Tensor test) {
    static final int PIXELS = 64;

    static Digits load(Path file, int trainSize) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("data file " + file.toAbsolutePath() + " not found; run from the repository root with ../shared"
                    + " beside it, or pass --data PATH");
        }
        double[] pixels = new double[2000 * PIXELS];
        int rows = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.US_ASCII))) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",");
                if (parts.length != PIXELS + 1) {
                    throw new IOException(file + ":" + lineNo + ": " + parts.length + " columns, expected 65 (64 pixels and the digit)");
                }
                if ((rows + 1) * PIXELS > pixels.length) {
                    pixels = java.util.Arrays.copyOf(pixels, pixels.length * 2);
                }
                for (int j = 0; j < PIXELS; j++) {
                    double v;
                    try {
                        v = Double.parseDouble(parts[j].trim());
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ":" + lineNo + ": pixel " + (j + 1) + " is not a number: '" + parts[j] + "'", e);
                    }
                    pixels[rows * PIXELS + j] = v >= 8 ? 1.0 : 0.0;
                }
                rows++;
            }
        }
        if (rows <= trainSize) {
            throw new IOException(file + ": " + rows + " images, need more than the " + trainSize + " used for training");
        }
        Tensor all = Tensor.fromArray(java.util.Arrays.copyOf(pixels, rows * PIXELS), rows, PIXELS);
        return new Digits(all.slice(0, 0, trainSize), all.slice(0, trainSize, rows));
    }
}
