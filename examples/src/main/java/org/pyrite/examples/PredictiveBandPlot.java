package org.pyrite.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Held-out cases sorted by predictive mean: the mean and the 90% predictive band as lines, the
 * observed targets as dots, so the band's calibration shows at a glance.
 */
final class PredictiveBandPlot {
    private PredictiveBandPlot() {}

    static void write(Path file, double[] mean, double[] lo, double[] hi, double[] observed) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int m = mean.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> mean[i]));
        double[] rank = new double[m];
        double[][] cols = new double[4][m];
        for (int k = 0; k < m; k++) {
            rank[k] = k + 1;
            cols[0][k] = mean[order[k]];
            cols[1][k] = lo[order[k]];
            cols[2][k] = hi[order[k]];
            cols[3][k] = observed[order[k]];
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title("BNN on diabetes: held-out predictive band")
                .xAxisTitle("held-out case, by predictive mean").yAxisTitle("disease progression (standardised)").build();
        line(chart.addSeries("predictive mean", rank, cols[0]));
        line(chart.addSeries("5%", rank, cols[1])).setLineColor(java.awt.Color.GRAY);
        line(chart.addSeries("95%", rank, cols[2])).setLineColor(java.awt.Color.GRAY);
        XYSeries obs = chart.addSeries("observed", rank, cols[3]);
        obs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        obs.setMarker(SeriesMarkers.CIRCLE);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYSeries line(XYSeries s) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }
}
