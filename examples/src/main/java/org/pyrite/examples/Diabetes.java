package org.pyrite.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.pyrite.tensor.Tensor;

/**
 * The diabetes data ({@code diabetes_data_raw.csv.gz}: 442 rows of 10 space-separated raw
 * features; {@code diabetes_target.csv.gz}: the target), split into the first {@code trainSize}
 * rows and the rest, every column standardised with the training rows' mean and sd.
 */
final class Diabetes {
    private Diabetes() {}

    /** {@code [train, test]}. */
    static BnnRegression.Data[] load(Path dir, int trainSize) throws IOException {
        List<double[]> x = read(dir.resolve("diabetes_data_raw.csv.gz"));
        List<double[]> y = read(dir.resolve("diabetes_target.csv.gz"));
        if (x.size() != y.size() || x.size() <= trainSize) {
            throw new IOException(dir + ": " + x.size() + " feature rows and " + y.size() + " targets; need the same number, more than "
                    + trainSize);
        }
        int n = x.size();
        int d = x.get(0).length;
        double[] xs = new double[n * d];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            if (x.get(i).length != d || y.get(i).length != 1) {
                throw new IOException(dir + ": row " + (i + 1) + " has " + x.get(i).length + " features and " + y.get(i).length
                        + " targets; expected " + d + " and 1");
            }
            System.arraycopy(x.get(i), 0, xs, i * d, d);
            ys[i] = y.get(i)[0];
        }
        standardise(xs, n, d, trainSize);
        standardise(ys, n, 1, trainSize);
        Tensor xt = Tensor.fromArray(xs, n, d);
        Tensor yt = Tensor.of(ys);
        return new BnnRegression.Data[] {
            new BnnRegression.Data(xt.slice(0, 0, trainSize), yt.slice(0, 0, trainSize)),
            new BnnRegression.Data(xt.slice(0, trainSize, n), yt.slice(0, trainSize, n))};
    }

    private static void standardise(double[] v, int n, int d, int trainSize) {
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < trainSize; i++) {
                mean += v[i * d + j] / trainSize;
            }
            double ss = 0;
            for (int i = 0; i < trainSize; i++) {
                ss += (v[i * d + j] - mean) * (v[i * d + j] - mean);
            }
            double sd = Math.sqrt(ss / (trainSize - 1));
            for (int i = 0; i < n; i++) {
                v[i * d + j] = (v[i * d + j] - mean) / sd;
            }
        }
    }

    private static List<double[]> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("data file " + file.toAbsolutePath() + " not found; run from the repository root with ../shared"
                    + " beside it, or pass the data folder as the first argument");
        }
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.US_ASCII))) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                double[] row = new double[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    try {
                        row[j] = Double.parseDouble(parts[j]);
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ":" + lineNo + ": column " + (j + 1) + " is not a number: '" + parts[j] + "'", e);
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
