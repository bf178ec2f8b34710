package org.pyrite.tensor;

import java.util.Arrays;

/**
 * Static helpers for tensor shapes, which Pyrite passes around as plain {@code int[]} (row-major,
 * outermost dimension first, {@code new int[0]} for a scalar).
 *
 * <p>Broadcasting follows numpy/torch: shapes are aligned on their trailing dimensions, and two
 * sizes are compatible when they are equal or one of them is 1.
 *
 * <pre>{@code
 * int[] s = Shape.broadcast(new int[] {3, 1}, new int[] {4}); // [3, 4]
 * }</pre>
 */
public final class Shape {
    /** The shape of a scalar. Never mutate it. */
    static final int[] SCALAR = new int[0];

    private Shape() {}

    /** Number of elements of a tensor with this shape (1 for a scalar). */
    public static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Whether two shapes are equal. A plain loop: shapes have a handful of entries, and
     * {@code Arrays.equals} on them showed up at 2% of a small model's SVI step (its vectorized
     * mismatch search does not pay off below a few dozen entries).
     */
    static boolean same(int[] a, int[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** The broadcast of two shapes; throws {@link IllegalArgumentException} naming both when they don't fit. */
    public static int[] broadcast(int[] a, int[] b) {
        if (same(a, b)) {
            return a;
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + toString(a) + " and " + toString(b)
                        + " cannot be broadcast together (dimension " + (i - rank) + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** The broadcast of any number of shapes. */
    public static int[] broadcast(int[]... shapes) {
        int[] out = SCALAR;
        for (int[] s : shapes) {
            out = broadcast(out, s);
        }
        return out;
    }

    /** Whether {@code from} broadcasts to exactly {@code to}. */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        int off = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[i + off]) {
                return false;
            }
        }
        return true;
    }

    /** Row-major strides of a contiguous tensor of this shape. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Normalizes a possibly negative dimension index against a rank, with a clear error when out of range. */
    public static int normalizeDim(int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IllegalArgumentException("dimension " + dim + " is out of range for a tensor of rank " + rank);
        }
        return d;
    }

    /** {@code a} followed by {@code b}. */
    public static int[] concat(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return SCALAR; // the scalar path concatenates empty shapes on every draw
        }
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The dimensions {@code [from, to)} of a shape. */
    public static int[] slice(int[] shape, int from, int to) {
        return Arrays.copyOfRange(shape, from, to);
    }

    /** Shape printed as {@code [2, 3]}, {@code []} for a scalar. */
    public static String toString(int[] shape) {
        return Arrays.toString(shape);
    }

    static int[] checkedCopy(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + toString(shape));
            }
        }
        return shape.length == 0 ? SCALAR : shape.clone();
    }
}
