package org.pyrite.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {
    @TempDir
    Path dir;

    @Test
    void writesAPng() throws Exception {
        Path png = dir.resolve("bars.png");
        BarChart.of("a", "b").withSeries("x", new double[] {1, 100}).withSeries("y", new double[] {2, 3})
                .withLogScale(true).withTitle("t").withYLabel("us").writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(600);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> BarChart.of("a").withSeries("x", new double[] {1, 2})).hasMessageContaining("2 values for 1 categories");
        assertThatThrownBy(() -> BarChart.of("a").withSeries("x", new double[] {Double.NaN})).hasMessageContaining("not finite");
        assertThatThrownBy(() -> BarChart.of("a").withSeries("x", new double[] {0}).withLogScale(true).writePng(dir.resolve("z.png")))
                .hasMessageContaining("log scale");
        assertThatThrownBy(() -> BarChart.of("a").writePng(dir.resolve("e.png"))).hasMessageContaining("at least one series");
    }
}
