package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramTest {

    @TempDir
    Path dir;

    @Test
    void countsFollowHalfOpenBinsWithTheLastBinClosed() {
        Histogram h = Histogram.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).withBins(5);

        assertThat(h.edges()).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(h.counts()).containsExactly(2, 2, 2, 2, 3);
    }

    @Test
    void valuesOutsideAGivenRangeAreNotCounted() {
        Histogram h = Histogram.of(-1.0, 0.0, 0.25, 0.5, 0.999, 1.0, 1.5).withBins(2).withRange(0.0, 1.0);

        assertThat(h.rangeGiven()).isTrue();
        assertThat(h.counts()).containsExactly(2, 3);
    }

    @Test
    void defaultRangeIsTheDataRangeAndEveryValueIsCounted() {
        SplittableRandom rng = new SplittableRandom(42);
        double[] data = new double[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextGaussian();
        }
        Histogram h = Histogram.of(data).withBins(7);

        assertThat(h.lower()).isEqualTo(Arrays.stream(data).min().orElseThrow());
        assertThat(h.upper()).isEqualTo(Arrays.stream(data).max().orElseThrow());
        assertThat(h.bins()).isEqualTo(7);
        assertThat(Arrays.stream(h.counts()).sum()).isEqualTo(1000.0);
        double[] edges = h.edges();
        double[] counts = h.counts();
        for (int b = 0; b < 7; b++) {
            int bin = b;
            long expected = Arrays.stream(data)
                    .filter(v -> v >= edges[bin] && (bin == 6 ? v <= edges[bin + 1] : v < edges[bin + 1]))
                    .count();
            assertThat(counts[b]).as("bin %d", b).isEqualTo(expected);
        }
    }

    @Test
    void valuesOnInnerEdgesGoToTheUpperBin() {
        // 0.1 steps are not exact in binary: the edges must decide, not the rounding.
        double[] data = new double[11];
        for (int i = 0; i <= 10; i++) {
            data[i] = i * 0.1;
        }
        Histogram h = Histogram.of(data).withBins(10).withRange(0.0, 1.0);
        double[] edges = h.edges();
        double[] counts = h.counts();

        double[] expected = new double[10];
        for (double v : data) {
            int bin = 9;
            while (bin > 0 && v < edges[bin]) {
                bin--;
            }
            expected[bin]++;
        }
        assertThat(counts).containsExactly(expected);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(11.0);
    }

    @Test
    void weightsAreSummedPerBin() {
        Histogram h = Histogram.of(0.1, 0.2, 0.7, 0.9)
                .withRange(0.0, 1.0)
                .withBins(2)
                .withWeights(new double[] {0.5, 0.25, 2.0, 0.0});

        assertThat(h.counts()).containsExactly(0.75, 2.0);
    }

    @Test
    void allEqualValuesGetAUnitWideRange() {
        Histogram h = Histogram.of(3.0, 3.0, 3.0).withBins(1);

        assertThat(h.lower()).isEqualTo(2.5);
        assertThat(h.upper()).isEqualTo(3.5);
        assertThat(h.counts()).containsExactly(3);
    }

    @Test
    void isImmutable() {
        double[] data = {1, 2, 3, 4};
        Histogram h = Histogram.of(data).withBins(2);
        data[0] = 100;
        h.counts()[0] = 42;
        Histogram more = h.withBins(4);

        assertThat(h.counts()).containsExactly(2, 2);
        assertThat(h.bins()).isEqualTo(2);
        assertThat(more.counts()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void writesPngOfTheRequestedSize() throws IOException {
        Path file = dir.resolve("sub/hist.png");
        Histogram.of(1.0, 2.0, 2.5, 3.0, 7.0)
                .withTitle("title")
                .withXLabel("x")
                .withSize(640, 480)
                .writePng(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
    }

    @Test
    void writesPngOfTheDefaultSizeToExactlyThePathGiven() throws IOException {
        Path file = dir.resolve("hist-without-extension");
        Histogram.of(1.0, 2.0, 3.0).writePng(file);

        assertThat(file).exists();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(Histogram.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(Histogram.DEFAULT_HEIGHT);
    }

    @Test
    void writesSvg() throws IOException {
        Path file = dir.resolve("hist.svg");
        Histogram.of(1.0, 2.0, 3.0).withTitle("weights").withWeights(new double[] {1, 2, 3}).writeSvg(file);

        String svg = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<?xml");
        assertThat(svg).contains("<svg");
        assertThat(svg.strip()).endsWith("</svg>");
    }

    @Test
    void rejectsEmptyData() {
        assertThatThrownBy(() -> Histogram.of())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data must not be empty");
    }

    @Test
    void rejectsNaNAndInfiniteData() {
        assertThatThrownBy(() -> Histogram.of(1.0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data[1]")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Histogram.of(Double.NEGATIVE_INFINITY, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data[0]")
                .hasMessageContaining("-Infinity");
    }

    @Test
    void rejectsNullData() {
        assertThatThrownBy(() -> Histogram.of((double[]) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("data");
    }

    @Test
    void rejectsFewerThanOneBin() {
        assertThatThrownBy(() -> Histogram.of(1.0).withBins(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bins must be >= 1, got 0");
    }

    @Test
    void rejectsWeightsOfTheWrongLength() {
        assertThatThrownBy(() -> Histogram.of(1.0, 2.0, 3.0).withWeights(new double[] {1.0, 1.0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights.length must equal data.length (3), got 2");
    }

    @Test
    void rejectsBadWeights() {
        assertThatThrownBy(() -> Histogram.of(1.0, 2.0).withWeights(new double[] {1.0, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights[1]")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Histogram.of(1.0, 2.0).withWeights(new double[] {-0.5, 1.0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights[0]")
                .hasMessageContaining("-0.5");
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> Histogram.of(1.0).withRange(2.0, 2.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range lower must be < upper")
                .hasMessageContaining("2.0");
        assertThatThrownBy(() -> Histogram.of(1.0).withRange(Double.NaN, 2.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range lower")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Histogram.of(1.0).withRange(0.0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range upper")
                .hasMessageContaining("Infinity");
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> Histogram.of(1.0).withSize(0, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("width must be >= 1 pixel, got 0");
        assertThatThrownBy(() -> Histogram.of(1.0).withSize(100, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("height must be >= 1 pixel, got -3");
    }
}
