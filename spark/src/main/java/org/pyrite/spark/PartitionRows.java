package org.pyrite.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One partition's rows, cached on its executor for the whole of a data-parallel fit (rows are
 * numbered in partition order; the driver knows where each partition's numbers start).
 */
record PartitionRows(int partition, List<Row> rows) implements Serializable {
}
