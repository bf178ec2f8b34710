package org.pyrite.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Turns rows of a data set (one group's rows, or one partition's share of a mini-batch) into the
 * argument a model takes, on the executor that holds them.
 *
 * <pre>{@code
 * RowsToArgs<Regression.Data> toData = rows -> Regression.Data.of(rows, "x", "y");
 * }</pre>
 *
 * @param <A> the model's argument type
 */
@FunctionalInterface
public interface RowsToArgs<A> extends Serializable {
    /** The model's argument for these rows (never empty), in the order given. */
    A convert(List<Row> rows);
}
