package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @TempDir
    Path dir;

    private static final double[] LOSSES = {10.0, 7.5, 6.0, 5.2, 5.0, 4.9};

    @Test
    void writesPngOfTheRequestedSize() throws IOException {
        Path file = dir.resolve("elbo.png");
        LinePlot.create()
                .withTitle("ELBO")
                .withXLabel("step")
                .withYLabel("loss")
                .withSeries("loss", LOSSES)
                .withSize(500, 300)
                .writePng(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(500);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    @Test
    void writesPngOfTheDefaultSizeWithSeveralSeries() throws IOException {
        Path file = dir.resolve("a/b/params.png");
        LinePlot.create()
                .withSeries("a", new double[] {0, 10, 20}, new double[] {8.5, 9.0, 9.1})
                .withSeries("b", new double[] {0, 10, 20}, new double[] {1.0, 0.8, 0.6})
                .writePng(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(LinePlot.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(LinePlot.DEFAULT_HEIGHT);
    }

    @Test
    void writesASinglePoint() throws IOException {
        Path file = dir.resolve("one.png");
        LinePlot.create().withSeries("one", new double[] {3.0}).writePng(file);

        assertThat(ImageIO.read(file.toFile())).isNotNull();
    }

    @Test
    void writesSvg() throws IOException {
        Path file = dir.resolve("elbo.svg");
        LinePlot.create().withTitle("ELBO").withSeries("loss", LOSSES).writeSvg(file);

        String svg = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<?xml");
        assertThat(svg).contains("<svg");
        assertThat(svg.strip()).endsWith("</svg>");
    }

    @Test
    void keepsSeriesInOrderAndIsImmutable() {
        LinePlot one = LinePlot.create().withSeries("first", LOSSES);
        LinePlot two = one.withSeries("second", LOSSES);

        assertThat(one.seriesNames()).containsExactly("first");
        assertThat(two.seriesNames()).containsExactly("first", "second");
    }

    @Test
    void refusesToWriteWithoutSeries() {
        assertThatThrownBy(() -> LinePlot.create().writePng(dir.resolve("empty.png")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one series");
    }

    @Test
    void rejectsEmptyAndNonFiniteValues() {
        assertThatThrownBy(() -> LinePlot.create().withSeries("loss", new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y must not be empty");
        assertThatThrownBy(() -> LinePlot.create().withSeries("loss", new double[] {1.0, 2.0, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y[2]")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> LinePlot.create()
                        .withSeries("loss", new double[] {Double.POSITIVE_INFINITY}, new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x[0]")
                .hasMessageContaining("Infinity");
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThatThrownBy(() -> LinePlot.create().withSeries("s", new double[] {1, 2, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y.length must equal x.length (3), got 2");
    }

    @Test
    void rejectsBlankAndDuplicateNames() {
        assertThatThrownBy(() -> LinePlot.create().withSeries(" ", LOSSES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must not be blank");
        assertThatThrownBy(() -> LinePlot.create().withSeries("loss", LOSSES).withSeries("loss", LOSSES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name 'loss' is already used");
        assertThatThrownBy(() -> LinePlot.create().withSeries(null, LOSSES))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
    }
}
