package org.pyrite.tensor;

import org.pyrite.concurrent.ChunkPool;

/**
 * The storage of a CPU matrix made of rows picked from another ({@code x.index(0, rows)}), kept
 * as the source and the row numbers until something needs the values laid out.
 *
 * <p>Why: a minibatch is gathered to be multiplied by a weight vector, and writing the gathered
 * copy (160 KB for 1,000 rows of 20) cost as much as the product itself: the fresh array is
 * cold memory the JVM must zero before the copy overwrites it. A matrix-vector product reads the
 * rows in place instead (in both directions, so the backward pass does not copy them either); any
 * other operation asks for {@link #data()}, which gathers once and keeps the result.
 */
final class RowGather {
    /** Entries copied per chunk of a gather spread over {@link ChunkPool}. */
    private static final int GRAIN = 8192;
    /** What a gather costs per entry, learned by the pool to decide when a second thread pays. */
    private static final ChunkPool.Work WORK = new ChunkPool.Work("row gather");

    private final double[] source;
    private final int rowLength;
    private final int[] rows;
    /** The gathered rows, once asked for; volatile so a second thread sees the filled array. */
    private volatile double[] gathered;

    /** Rows {@code rows} (owned, not copied) of the row-major {@code source} with rows of {@code rowLength}. */
    RowGather(double[] source, int rowLength, int[] rows) {
        this.source = source;
        this.rowLength = rowLength;
        this.rows = rows;
    }

    double[] source() {
        return source;
    }

    int rowLength() {
        return rowLength;
    }

    /** The row numbers in the source (owned by this object: read, never write). */
    int[] rows() {
        return rows;
    }

    /** This matrix's rows of the same source: row numbers composed, nothing copied. */
    RowGather select(int[] picked) {
        int[] composed = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            composed[i] = rows[picked[i]];
        }
        return new RowGather(source, rowLength, composed);
    }

    /** The rows laid out row-major, gathered on the first call. */
    double[] data() {
        double[] out = gathered;
        if (out == null) {
            // Two threads may both gather; each gets a complete array with the same values.
            out = gather();
            gathered = out;
        }
        return out;
    }

    private double[] gather() {
        double[] out = new double[rows.length * rowLength];
        ChunkPool.KERNELS.forEachChunk(WORK, rowLength, rows.length, Math.max(1, GRAIN / Math.max(rowLength, 1)), (c, from, to) -> {
            for (int r = from; r < to; r++) {
                System.arraycopy(source, rows[r] * rowLength, out, r * rowLength, rowLength);
            }
        });
        return out;
    }
}
