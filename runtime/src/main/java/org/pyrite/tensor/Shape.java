package org.pyrite.tensor;

import java.math.BigInteger;
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

    /**
     * The most elements a tensor holds, {@code 2^31 - 1}: element counts, like the lengths of the
     * Java arrays behind CPU tensors, are {@code int}s. Every shape is checked against it where it
     * is made ({@link #check}), so that {@link #numel} never wraps around.
     */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE;

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

    /**
     * The broadcast of two shapes; throws {@link IllegalArgumentException} naming both when they
     * don't fit, or when their broadcast has more than {@link #MAX_ELEMENTS} elements.
     */
    public static int[] broadcast(int[] a, int[] b) {
        if (same(a, b)) {
            return a;
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + toString(a) + " and " + toString(b)
                        + " cannot be broadcast together (dimension " + (i - rank) + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
            count = times(count, out[i]);
        }
        if (count > MAX_ELEMENTS) {
            throw new IllegalArgumentException("shapes " + toString(a) + " and " + toString(b) + " broadcast to "
                    + toString(out) + ", which " + tooMany(out));
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

    /**
     * Checks a shape where it is made: throws {@link IllegalArgumentException}, naming {@code what}
     * made it, the shape and the limit, when a dimension is negative or when it has more than
     * {@link #MAX_ELEMENTS} elements. Returns the shape itself.
     *
     * <pre>{@code
     * int[] out = Shape.check("matmul", Shape.concat(batch, new int[] {n, m}));
     * }</pre>
     */
    public static int[] check(String what, int[] shape) {
        String problem = problem(shape);
        if (problem != null) {
            throw new IllegalArgumentException(what + ": shape " + toString(shape) + " " + problem);
        }
        return shape;
    }

    /**
     * What is wrong with a shape, for a message that goes on from "shape [..] ": a negative
     * dimension, or more than {@link #MAX_ELEMENTS} elements (the exact count and the limit);
     * {@code null} when nothing is.
     */
    public static String problem(int[] shape) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                return "has a negative dimension (" + d + "); sizes must be >= 0";
            }
            count = times(count, d);
        }
        return count > MAX_ELEMENTS ? tooMany(shape) : null;
    }

    /** A {@link #check checked} copy of a shape the caller may still change. */
    static int[] checkedCopy(String what, int[] shape) {
        return shape.length == 0 ? SCALAR : check(what, shape.clone());
    }

    /**
     * {@code count * d} for an element count so far and a dimension {@code d >= 0}, saturating:
     * once past {@link #MAX_ELEMENTS} it stays there (no long overflow however many dimensions
     * follow), unless a later dimension is 0.
     */
    private static long times(long count, int d) {
        return count > MAX_ELEMENTS ? (d == 0 ? 0 : count) : count * d;
    }

    /** The end of the message for a shape with too many elements: the exact count and the limit. */
    private static String tooMany(int[] shape) {
        BigInteger count = BigInteger.ONE;
        for (int d : shape) {
            count = count.multiply(BigInteger.valueOf(d));
        }
        return "has " + count + " elements, more than the " + MAX_ELEMENTS + " (2^31 - 1) a tensor can hold; split the "
                + "work into smaller tensors (fewer draws per call, a smaller batch)";
    }
}
