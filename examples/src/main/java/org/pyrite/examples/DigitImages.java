package org.pyrite.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Grids of 8 x 8 digit images as grey-scale PNGs: ink (value 1) black on white, each pixel drawn as a square. */
final class DigitImages {
    private static final int SIDE = 8;
    private static final int GAP = 4;

    private DigitImages() {}

    /**
     * Writes {@code images} (each 64 values in [0, 1], row-major) in a grid of {@code cols}
     * columns, each image pixel drawn {@code zoom} x {@code zoom}, to {@code file}.
     */
    static void write(Path file, double[][] images, int cols, int zoom) throws IOException {
        int rows = (images.length + cols - 1) / cols;
        int cell = SIDE * zoom;
        int width = cols * cell + (cols + 1) * GAP;
        int height = rows * cell + (rows + 1) * GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int[] white = new int[width * height];
        java.util.Arrays.fill(white, 0xFFFFFF);
        img.setRGB(0, 0, width, height, white, 0, width);
        for (int k = 0; k < images.length; k++) {
            if (images[k].length != SIDE * SIDE) {
                throw new IllegalArgumentException("image " + k + " has " + images[k].length + " values, expected 64");
            }
            int x0 = GAP + (k % cols) * (cell + GAP);
            int y0 = GAP + (k / cols) * (cell + GAP);
            for (int p = 0; p < SIDE * SIDE; p++) {
                double v = Math.max(0.0, Math.min(1.0, images[k][p]));
                int grey = (int) Math.round(255 * (1 - v));
                int rgb = (grey << 16) | (grey << 8) | grey;
                int px = x0 + (p % SIDE) * zoom;
                int py = y0 + (p / SIDE) * zoom;
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        img.setRGB(px + dx, py + dy, rgb);
                    }
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM for " + file);
        }
    }
}
