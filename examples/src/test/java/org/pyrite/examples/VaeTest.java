package org.pyrite.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.Pyrite;
import org.pyrite.params.ParamStore;

/** The VAE on the UCI digits: its held-out ELBO rises epoch by epoch, and the example writes its pictures and JSON line. */
class VaeTest {
    private static final Path DATA = Path.of("../../shared/data/uci/digits.csv.gz");

    @TempDir
    Path out;

    /**
     * Over the first 6 epochs (seed 0) each epoch's held-out ELBO per image must beat the one
     * before by more than 3 standard errors of the difference (each estimate is the mean of 10
     * single-particle ELBOs; their standard errors were 0.007-0.017 while the smallest rise seen
     * over seeds 0..3 in these epochs was 0.13, so a learning network passes and a stalled or
     * diverging one does not).
     */
    @Test
    void heldOutElboRisesOverTheFirstEpochs() throws IOException {
        Pyrite.setRngSeed(0);
        Digits data = Digits.load(DATA, Vae.TRAIN);
        assertThat(data.train().shape()).containsExactly(1500, 64);
        assertThat(data.test().shape()).containsExactly(297, 64);
        Vae.Result r = ParamStore.scope(new ParamStore(), () -> new Vae().train(data, 6));
        double[] elbo = r.testElboPerImage();
        double[] se = r.testElboStandardError();
        for (int e = 1; e < elbo.length; e++) {
            double noise = 3 * Math.hypot(se[e], se[e - 1]);
            assertThat(elbo[e] - elbo[e - 1]).as("rise of the held-out ELBO from epoch %d to %d", e, e + 1).isGreaterThan(noise);
        }
        assertThat(r.stepNanos()).hasSize(6 * 12);
        assertThat(elbo[0]).as("an untrained VAE is far from the -23 Pyro reaches").isLessThan(-27);
    }

    @Test
    void mainWritesBothPicturesAndEndsWithItsJsonLine() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Vae.main(new String[] {"--epochs", "1", "--data", DATA.toString(), "--out", out.toString()});
        } finally {
            System.setOut(original);
        }
        String[] lines = buffer.toString(StandardCharsets.UTF_8).strip().split("\n");
        String last = lines[lines.length - 1];
        assertThat(last).startsWith("{\"test_elbo_per_image\": ").contains("\"step_us_median\": ", "\"epochs\": 1",
                "\"backend\": \"cpu\"", "\"seconds\": ").endsWith("}");
        var recon = ImageIO.read(out.resolve("reconstructions.png").toFile());
        var samples = ImageIO.read(out.resolve("samples.png").toFile());
        assertThat(recon.getWidth()).isEqualTo(16 * 64 + 17 * 4);
        assertThat(recon.getHeight()).isEqualTo(2 * 64 + 3 * 4);
        assertThat(samples.getWidth()).isEqualTo(samples.getHeight()).isEqualTo(8 * 64 + 9 * 4);
        assertThat(Files.size(out.resolve("samples.png"))).isPositive();
    }

    @Test
    void badOptionsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> Vae.main(new String[] {"--backend", "gpu"}))
                .hasMessageContaining("--backend gpu").hasMessageContaining("use cpu or tensorflow");
        assertThatThrownBy(() -> Vae.main(new String[] {"--epochs"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Vae.main(new String[] {"--epochs", "0"})).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Vae.main(new String[] {"--data", "no/such/digits.csv.gz"}))
                .isInstanceOf(IOException.class).hasMessageContaining("not found");
    }
}
