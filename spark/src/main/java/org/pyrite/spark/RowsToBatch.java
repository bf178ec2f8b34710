package org.pyrite.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Turns rows into a data-parallel model's argument: the rows of a mini-batch held by one
 * partition (or, on one machine, all the rows), with the data set's size and how many of these
 * rows the model's plate subsamples. The model declares {@code plate(name, fullSize, subsampleSize)}
 * and indexes its rows with the plate's {@code subsample()}.
 *
 * <pre>{@code
 * RowsToBatch<Batch> toBatch = (rows, n, k) -> Batch.of(rows, n, k);
 * static Tensor model(Batch b) {
 *     Tensor w = sample("w", ...);
 *     try (PlateMessenger data = plate("data", b.fullSize(), b.subsampleSize())) {
 *         int[] idx = data.subsample();
 *         return sample("y", Bernoulli.logits(b.x().index(0, idx).matmul(w)), b.y().index(0, idx));
 *     }
 * }
 * }</pre>
 *
 * @param <B> the model's argument type
 */
@FunctionalInterface
public interface RowsToBatch<B> extends Serializable {
    /** The argument for {@code rows}, of a data set of {@code fullSize} rows, of which the plate takes {@code subsampleSize}. */
    B convert(List<Row> rows, int fullSize, int subsampleSize);
}
