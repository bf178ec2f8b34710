package org.pyrite.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pyrite.plot.BarChart;

/** Draws the chart of {@code benchmarks/RESULTS.md}: Pyro's and Pyrite's times per operation, log scale. */
public final class ResultsChart {
    private ResultsChart() {}

    /** Arguments: the CSV {@code report.py} writes (label;pyro_us;pyrite_us per line) and the PNG to write. */
    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        String[] labels = new String[lines.size()];
        double[] pyro = new double[lines.size()];
        double[] pyrite = new double[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] p = lines.get(i).split(";");
            labels[i] = p[0];
            pyro[i] = Double.parseDouble(p[1]);
            pyrite[i] = Double.parseDouble(p[2]);
        }
        BarChart.of(labels).withSeries("Pyro 1.8.6", pyro).withSeries("Pyrite", pyrite).withLogScale(true)
                .withTitle("Time per operation, Pyrite vs Pyro (lower is better)").withYLabel("microseconds")
                .writePng(Path.of(args[1]));
    }
}
