package org.pyrite.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The rows {@link PerGroup} returns: the key columns, then the columns of one site component or of a failure. */
final class SummaryRows {
    private static final int VALUE_COLUMNS = 13;

    private SummaryRows() {}

    /** The output schema for groups keyed by {@code keySchema}'s columns. */
    static StructType schema(StructType keySchema) {
        StructType s = keySchema;
        s = s.add("method", DataTypes.StringType, false)
                .add("site", DataTypes.StringType, true)
                .add("mean", DataTypes.DoubleType, true)
                .add("sd", DataTypes.DoubleType, true)
                .add("q05", DataTypes.DoubleType, true)
                .add("median", DataTypes.DoubleType, true)
                .add("q95", DataTypes.DoubleType, true)
                .add("n_eff", DataTypes.DoubleType, true)
                .add("r_hat", DataTypes.DoubleType, true)
                .add("final_loss", DataTypes.DoubleType, true)
                .add("rows", DataTypes.IntegerType, false)
                .add("seconds", DataTypes.DoubleType, false)
                .add("error", DataTypes.StringType, true);
        return s;
    }

    static Row component(StructType schema, Row key, String method, ComponentStats c, Double nEff, Double rHat, Double finalLoss, int rows,
            double seconds) {
        return row(schema, key, method, c.name(), c.mean(), c.sd(), c.q05(), c.median(), c.q95(), nEff, rHat, finalLoss, rows, seconds, null);
    }

    static Row failure(StructType schema, Row key, String method, int rows, double seconds, Throwable e) {
        String message = e.getClass().getName() + ": " + e.getMessage();
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message += " (caused by " + cause.getClass().getName() + ": " + cause.getMessage() + ")";
        }
        return row(schema, key, method, null, null, null, null, null, null, null, null, null, rows, seconds, message);
    }

    private static Row row(StructType schema, Row key, Object... values) {
        Object[] all = new Object[key.length() + VALUE_COLUMNS];
        for (int i = 0; i < key.length(); i++) {
            all[i] = key.get(i);
        }
        System.arraycopy(values, 0, all, key.length(), VALUE_COLUMNS);
        return new GenericRowWithSchema(all, schema);
    }
}
