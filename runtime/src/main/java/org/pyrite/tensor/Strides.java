package org.pyrite.tensor;

/** Index arithmetic shared by the CPU backend's loops over broadcast and permuted row-major arrays. */
final class Strides {
    private Strides() {}

    /** Strides for reading a tensor of shape {@code in} broadcast to {@code out}: 0 along broadcast dimensions. */
    static int[] broadcast(int[] in, int[] out) {
        int[] s = new int[out.length];
        int[] own = Shape.strides(in);
        int off = out.length - in.length;
        for (int i = 0; i < in.length; i++) {
            s[i + off] = in[i] == 1 ? 0 : own[i];
        }
        return s;
    }

    /** Steps a row-major odometer over {@code shape}, returning the updated offset under {@code strides}. */
    static int advance(int[] idx, int[] shape, int[] strides, int offset) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d]++;
            offset += strides[d];
            if (idx[d] < shape[d]) {
                return offset;
            }
            offset -= strides[d] * shape[d];
            idx[d] = 0;
        }
        return offset;
    }
}
