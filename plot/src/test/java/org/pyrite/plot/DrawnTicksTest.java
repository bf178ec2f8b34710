package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.internal.chartpart.XChartTickProbe;
import org.knowm.xchart.internal.chartpart.XChartTickProbe.DrawnAxis;

/**
 * Writes line plots and histograms of many shapes and sizes to PNG and checks, on what XChart
 * actually drew, the ticks the plot chose: XChart drew exactly them, at their places; they are
 * two to ten multiples of a 1, 2 or 5 step inside the data range and reaching to within a step
 * of its ends (one tick only where no finer step fits); the ink of neighbouring drawn labels is
 * at least an em apart across, half an em up; a horizontal label XChart leaves off because it
 * would stick out of the picture is at an end.
 */
class DrawnTicksTest {

    /** The data range each axis must cover, for one plot. */
    private record Case(Supplier<TickedChart> chart, int width, int height,
                        double xLo, double xHi, double yLo, double yHi) {
    }

    @TempDir
    Path dir;

    static Stream<Arguments> plots() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] loss = new double[2000];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = 1.45 + 7 * Math.exp(-i / 50.0) * rng.nextDouble() + 0.1 * rng.nextGaussian();
        }
        double[] normals = new double[1000];
        for (int i = 0; i < normals.length; i++) {
            normals[i] = 9.1 + 0.6 * rng.nextGaussian();
        }
        double[] tiny = {0, 0.3e-9, 0.7e-9, 1e-9};
        double[] nearOne = {1, 1 + 0.4e-9, 1 + 1e-9};
        double[] huge = {1e300, 2.5e300, 3e300};
        double[] widest = {-1.7e308, 0, 1.7e308};
        double[] negative = {-31_000, -27_500, -20_250};
        return Stream.of(
                plot("2,000-step SVI loss", 800, 600, () -> LinePlot.create().withTitle("SVI loss")
                        .withXLabel("step").withYLabel("-ELBO").withSeries("loss", loss), 0, 1999, min(loss), max(loss)),
                plot("SVI loss, small", 400, 300, () -> LinePlot.create().withXLabel("step")
                        .withSeries("loss", loss), 0, 1999, min(loss), max(loss)),
                plot("SVI loss, short and wide", 1600, 250, () -> LinePlot.create().withXLabel("step")
                        .withSeries("loss", loss), 0, 1999, min(loss), max(loss)),
                plot("SVI loss, tall and narrow", 260, 900, () -> LinePlot.create()
                        .withSeries("loss", loss), 0, 1999, min(loss), max(loss)),
                plot("one point", 800, 600, () -> LinePlot.create().withSeries("p", new double[] {3.0}),
                        -0.5, 0.5, 2.85, 3.15),
                plot("constant series", 800, 600, () -> LinePlot.create().withSeries("c", new double[] {7, 7, 7, 7}),
                        0, 3, 6.65, 7.35),
                plot("negative ranges", 640, 480, () -> LinePlot.create()
                        .withSeries("n", new double[] {-9, -5, -2}, negative), -9, -2, -31_000, -20_250),
                plot("1e-9 wide near zero", 800, 600, () -> LinePlot.create().withSeries("t", tiny, tiny), 0, 1e-9, 0, 1e-9),
                plot("1e-9 wide near one", 800, 600, () -> LinePlot.create().withSeries("t", nearOne, nearOne),
                        1, 1 + 1e-9, 1, 1 + 1e-9),
                plot("huge values", 800, 600, () -> LinePlot.create().withSeries("h", huge, huge), 1e300, 3e300, 1e300, 3e300),
                plot("nearly all doubles", 800, 600, () -> LinePlot.create().withSeries("w", widest, widest),
                        -1.7e308, 1.7e308, -1.7e308, 1.7e308),
                plot("two series", 800, 600, () -> LinePlot.create()
                        .withSeries("a", new double[] {0, 10, 20}, new double[] {8.5, 9.0, 9.1})
                        .withSeries("b", new double[] {0, 10, 20}, new double[] {1.0, 0.8, 0.6}), 0, 20, 0.6, 9.1),
                plot("tutorial histogram", 800, 600, () -> Histogram.of(normals).withTitle("P(weight)")
                        .withRange(5, 12).withXLabel("value"), 5, 12, 0, Double.NaN),
                plot("histogram, small", 300, 200, () -> Histogram.of(normals).withBins(30), min(normals), max(normals),
                        0, Double.NaN),
                plot("histogram of one value", 800, 600, () -> Histogram.of(4.0), 3.5, 4.5, 0, 1),
                plot("histogram, negative", 500, 400, () -> Histogram.of(negative).withBins(3), -31_000, -20_250, 0, Double.NaN));
    }

    /** A case; a histogram's count axis runs from 0 to its highest bar (pass NaN for that). */
    private static Arguments plot(String name, int width, int height, Supplier<Object> plot,
                                  double xLo, double xHi, double yLo, double yHi) {
        Object p = plot.get();
        Supplier<TickedChart> chart = p instanceof LinePlot l
                ? () -> l.withSize(width, height).chart()
                : () -> ((Histogram) p).withSize(width, height).chart();
        double top = Double.isNaN(yHi) ? highestCount((Histogram) p) : yHi;
        return Arguments.of(Named.of(name, new Case(chart, width, height, xLo, xHi, yLo, top)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plots")
    void drawsTheChosenTicksReadably(Case c) throws IOException {
        TickedChart ticked = c.chart().get();
        ChartFiles.writePng(ticked.chart(), dir.resolve("plot.png"));

        checkHorizontal(ticked, c.width(), c.xLo(), c.xHi());
        checkVertical(ticked, c.yLo(), c.yHi());
    }

    /** Every plot of a few shapes at picture sizes from 200 x 150 to 2000 x 900. */
    static Stream<Arguments> sizes() {
        SplittableRandom rng = new SplittableRandom(23);
        double[] loss = new double[2000];
        double[] normals = new double[1000];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = 1.45 + 7 * Math.exp(-i / 50.0) * rng.nextDouble() + 0.1 * rng.nextGaussian();
        }
        for (int i = 0; i < normals.length; i++) {
            normals[i] = -4e4 + 3e3 * rng.nextGaussian();
        }
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int width : new int[] {200, 300, 450, 640, 800, 1200, 2000}) {
            for (int height : new int[] {150, 200, 260, 400, 600, 900}) {
                cases.add(plot("loss " + width + " x " + height, width, height, () -> LinePlot.create().withTitle("SVI loss")
                        .withXLabel("step").withYLabel("-ELBO").withSeries("loss", loss), 0, 1999, min(loss), max(loss)));
                cases.add(plot("histogram " + width + " x " + height, width, height, () -> Histogram.of(normals)
                        .withBins(40).withXLabel("value"), min(normals), max(normals), 0, Double.NaN));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void drawsTheChosenTicksReadablyAtAnySize(Case c) throws IOException {
        drawsTheChosenTicksReadably(c);
    }

    @Test
    void aShortVerticalAxisTakesXChartsStepEvenWithElevenTicks() throws IOException {
        // At 210 pixels the y tick space is just under 160: XChart steps by 2 on 0 to 21.5.
        TickedChart ticked = LinePlot.create().withSeries("s", new double[] {0, 10, 21.5}).withSize(640, 210).chart();
        ChartFiles.writePng(ticked.chart(), dir.resolve("short.png"));

        assertThat(ticked.chart().plotArea().yTickSpace()).isLessThan(XChartTickRules.SHORT_Y_AXIS_PX);
        assertThat(ticked.yTicks().labels()).containsExactly("0", "2", "4", "6", "8", "10", "12", "14", "16", "18", "20");
        checkVertical(ticked, 0, 21.5);
        checkHorizontal(ticked, 640, 0, 2);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aMillionPointLineAndHistogramGetReadableTicks() throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        double[] walk = new double[1_000_000];
        for (int i = 1; i < walk.length; i++) {
            walk[i] = walk[i - 1] + rng.nextGaussian();
        }
        TickedChart line = LinePlot.create().withXLabel("step").withSeries("walk", walk).chart();
        ChartFiles.writePng(line.chart(), dir.resolve("walk.png"));
        checkHorizontal(line, LinePlot.DEFAULT_WIDTH, 0, 999_999);
        checkVertical(line, min(walk), max(walk));
        assertThat(line.xTicks().labels()).as("thousands grouped").anyMatch(label -> label.matches("\\d{3},000"));

        Histogram walkHistogram = Histogram.of(walk).withBins(50);
        TickedChart histogram = walkHistogram.chart();
        ChartFiles.writePng(histogram.chart(), dir.resolve("walk-histogram.png"));
        checkHorizontal(histogram, Histogram.DEFAULT_WIDTH, min(walk), max(walk));
        checkVertical(histogram, 0, highestCount(walkHistogram));
    }

    private void checkHorizontal(TickedChart ticked, int pictureWidth, double lo, double hi) {
        Ticks chosen = ticked.xTicks();
        DrawnAxis drawn = XChartTickProbe.x(ticked.chart());
        double tickSpace = 0.92 * drawn.bounds().getWidth();
        Font font = ticked.chart().getStyler().getAxisTickLabelsFont();
        if (chosen.count() == 1) {
            checkNoFinerStepFits(chosen, lo, hi, tickSpace, font);
        } else {
            checkNiceAndCovering(chosen, lo, hi);
            assertThat(chosen.count()).as("ticks on x").isLessThanOrEqualTo(NiceTicks.MAX_TICKS);
        }
        assertThat(drawn.labels()).as("labels XChart drew on x").isEqualTo(chosen.labels());
        // XChart draws a horizontal label only if it lies wholly inside the picture; a label
        // that would not is left off (only ever at an end), the tick itself stays.
        List<Integer> labelled = new ArrayList<>();
        for (int i = 0; i < chosen.count(); i++) {
            double expected = (drawn.bounds().getWidth() - tickSpace) / 2 + chosen.fraction(i) * tickSpace;
            assertThat(drawn.locations().get(i)).as("x tick %s", chosen.labels().get(i)).isCloseTo(expected, within(0.01));
            double left = drawn.bounds().getX() + drawn.locations().get(i) - width(font, chosen.labels().get(i)) / 2;
            if (left > 0 && left + width(font, chosen.labels().get(i)) < pictureWidth) {
                labelled.add(i);
            } else {
                assertThat(i).as("x label %s sticks out of the picture", chosen.labels().get(i)).isIn(0, chosen.count() - 1);
            }
        }
        assertThat(labelled).as("x labels drawn of %s", chosen).hasSizeGreaterThanOrEqualTo(Math.min(2, chosen.count()));
        for (int k = 0; k + 1 < labelled.size(); k++) {
            int i = labelled.get(k);
            int j = labelled.get(k + 1);
            double rightOfThis = drawn.locations().get(i) + width(font, chosen.labels().get(i)) / 2;
            double leftOfNext = drawn.locations().get(j) - width(font, chosen.labels().get(j)) / 2;
            assertThat(leftOfNext - rightOfThis).as("gap between x labels %s and %s", chosen.labels().get(i),
                    chosen.labels().get(j)).isGreaterThanOrEqualTo(font.getSize2D());
        }
    }

    private void checkVertical(TickedChart ticked, double lo, double hi) {
        Ticks chosen = ticked.yTicks();
        DrawnAxis drawn = XChartTickProbe.y(ticked.chart());
        double tickSpace = 0.92 * drawn.bounds().getHeight();
        checkNiceAndCovering(chosen, lo, hi);
        boolean shortAxis = tickSpace < XChartTickRules.SHORT_Y_AXIS_PX;
        assertThat(chosen.count()).as("ticks on y").isLessThanOrEqualTo(shortAxis ? TickedChart.SHORT_Y_AXIS_MAX_TICKS : NiceTicks.MAX_TICKS);
        assertThat(drawn.labels()).as("labels XChart drew on y").isEqualTo(chosen.labels());
        Font font = ticked.chart().getStyler().getAxisTickLabelsFont();
        for (int i = 0; i < chosen.count(); i++) {
            double expected = (drawn.bounds().getHeight() - tickSpace) / 2 + chosen.fraction(i) * tickSpace;
            assertThat(drawn.locations().get(i)).as("y tick %s", chosen.labels().get(i)).isCloseTo(expected, within(0.01));
        }
        for (int i = 0; i + 1 < chosen.count(); i++) {
            double topOfThis = drawn.locations().get(i) + height(font, chosen.labels().get(i)) / 2;
            double bottomOfNext = drawn.locations().get(i + 1) - height(font, chosen.labels().get(i + 1)) / 2;
            assertThat(bottomOfNext - topOfThis).as("gap between y labels %s and %s", chosen.labels().get(i),
                    chosen.labels().get(i + 1)).isGreaterThanOrEqualTo(shortAxis ? TickedChart.SHORT_Y_AXIS_GAP_PX : font.getSize2D() / 2);
        }
    }

    /** Multiples of a 1, 2 or 5 step, inside [lo, hi], reaching to within a step of each end. */
    private static void checkNiceAndCovering(Ticks ticks, double lo, double hi) {
        assertThat(ticks.count()).as("tick count of %s", ticks).isGreaterThanOrEqualTo(2);
        BigDecimal step = ticks.step();
        BigDecimal mantissa = step.scaleByPowerOfTen(-TickFormat.exponent(step)).stripTrailingZeros();
        assertThat(mantissa).as("step %s", step).isIn(BigDecimal.ONE, BigDecimal.valueOf(2), BigDecimal.valueOf(5));
        List<BigDecimal> values = ticks.values();
        // Ticks a millionth of the range outside an end count as on it (2.85 for a minimum of 2.85).
        BigDecimal slack = new BigDecimal(hi).subtract(new BigDecimal(lo)).multiply(new BigDecimal("1e-6"));
        for (int i = 0; i < values.size(); i++) {
            assertThat(values.get(i).remainder(step).signum()).as("%s is a multiple of %s", values.get(i), step).isZero();
            assertThat(values.get(i)).isBetween(new BigDecimal(lo).subtract(slack), new BigDecimal(hi).add(slack));
            if (i > 0) {
                assertThat(values.get(i).subtract(values.get(i - 1))).isEqualByComparingTo(step);
            }
        }
        assertThat(values.get(0).subtract(new BigDecimal(lo))).as("first tick %s above %s", values.get(0), lo).isLessThan(step);
        assertThat(new BigDecimal(hi).subtract(values.get(values.size() - 1))).as("last tick below %s", hi).isLessThan(step);
    }

    /**
     * One tick is right only if every finer nice step with two ticks or more in the range puts
     * two labels closer than an em (or ticks closer than four).
     */
    private static void checkNoFinerStepFits(Ticks one, double lo, double hi, double tickSpace, Font font) {
        assertThat(one.values().get(0)).isBetween(new BigDecimal(lo), new BigDecimal(hi));
        BigDecimal span = new BigDecimal(hi).subtract(new BigDecimal(lo));
        BigDecimal step = one.step();
        for (int finer = 0; finer < 12; finer++) {
            int e = TickFormat.exponent(step);
            int m = step.scaleByPowerOfTen(-e).intValue();
            step = m == 1 ? new BigDecimal("5").scaleByPowerOfTen(e - 1)
                    : m == 2 ? BigDecimal.ONE.scaleByPowerOfTen(e) : new BigDecimal("2").scaleByPowerOfTen(e);
            Ticks ticks = NiceTicks.multiplesInside(new BigDecimal(lo), new BigDecimal(hi), step, 1000);
            if (ticks.count() < 2) {
                continue;
            }
            double spacing = step.divide(span, MathContext.DECIMAL64).doubleValue() * tickSpace;
            boolean crowded = spacing < 4 * font.getSize2D();
            for (int i = 0; i + 1 < ticks.count() && !crowded; i++) {
                crowded = spacing - (width(font, ticks.labels().get(i)) + width(font, ticks.labels().get(i + 1))) / 2
                        < font.getSize2D();
            }
            assertThat(crowded).as("step %s would have fit instead of the one tick %s", step, one).isTrue();
        }
    }

    private static double highestCount(Histogram histogram) {
        return max(histogram.counts());
    }

    private static Rectangle2D ink(Font font, String label) {
        return new TextLayout(label, font, new FontRenderContext(null, true, false)).getOutline(null).getBounds();
    }

    private static double width(Font font, String label) {
        return ink(font, label).getWidth();
    }

    private static double height(Font font, String label) {
        return ink(font, label).getHeight();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
