package org.pyrite.plot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * Writes an XChart chart to exactly the path given (XChart's file-name methods would append
 * an extension), creating missing parent directories.
 */
final class ChartFiles {

    private ChartFiles() {
    }

    static void writePng(IChart chart, Path file) throws IOException {
        write(chart, file, "png");
    }

    static void writeSvg(IChart chart, Path file) throws IOException {
        write(chart, file, "svg");
    }

    private static void write(IChart chart, Path file, String format) throws IOException {
        Objects.requireNonNull(file, "file must not be null");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartEncoder.saveChart(chart, out, format);
        }
    }
}
