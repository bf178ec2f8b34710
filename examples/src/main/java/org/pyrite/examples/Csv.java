package org.pyrite.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the numeric CSV files of {@code ../shared/data} (no header, comma-separated). */
final class Csv {
    private Csv() {}

    /** All rows; every row must have as many columns as the first. */
    static double[][] read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("data file " + file.toAbsolutePath() + " not found; run from the repository root with ../shared beside it,"
                    + " or pass the file's path as the first argument");
        }
        List<double[]> rows = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(file)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            String[] parts = text.split(",");
            double[] row = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    row[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + line + ": column " + (i + 1) + " is not a number: '" + parts[i] + "'", e);
                }
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IOException(file + ":" + line + ": " + row.length + " columns, the first row has " + rows.get(0).length);
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }
}
