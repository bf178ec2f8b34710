package org.pyrite.spark;

import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pyrite.distributions.HalfNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.tensor.Tensor;

/** A per-group linear regression and its synthetic data, shared by the tests. */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
final class Regressions {
    static final StructType SCHEMA = new StructType().add("g", DataTypes.StringType, false).add("i", DataTypes.IntegerType, false)
            .add("x", DataTypes.DoubleType, false).add("y", DataTypes.DoubleType, false);

    private Regressions() {}

    /** One group's data. */
    record Data(Tensor x, Tensor y) {
        static Data of(List<Row> rows) {
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rows.get(i).getDouble(2);
                y[i] = rows.get(i).getDouble(3);
                if (Double.isNaN(y[i])) {
                    throw new IllegalArgumentException("row " + rows.get(i) + " has no y");
                }
            }
            return new Data(Tensor.of(x), Tensor.of(y));
        }
    }

    /** {@code y ~ Normal(a + b x, sigma)}, {@code a, b ~ Normal(0, 5)}, {@code sigma ~ HalfNormal(1)}. */
    static Tensor model(Data d) {
        Tensor a = sample("intercept", Normal.of(0.0, 5.0));
        Tensor b = sample("slope", Normal.of(0.0, 5.0));
        Tensor sigma = sample("sigma", HalfNormal.of(1.0));
        try (PlateMessenger p = plate("data", d.x().size(0))) {
            return sample("y", Normal.of(a.add(b.mul(d.x())), sigma), d.y());
        }
    }

    /** {@code groups} groups of {@code n} rows, slope {@code 0.5 * g}, intercept 1, noise 0.3; rows shuffled. */
    static List<Row> rows(int groups, int n, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < n; i++) {
                double x = r.nextGaussian();
                rows.add(RowFactory.create("g" + g, i, x, 1.0 + 0.5 * g * x + 0.3 * r.nextGaussian()));
            }
        }
        java.util.Collections.shuffle(rows, r);
        return rows;
    }
}
