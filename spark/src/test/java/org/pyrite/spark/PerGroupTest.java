package org.pyrite.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pyrite.tensor.Tensor;

class PerGroupTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    private static final SparkModel<Regressions.Data, Tensor> MODEL = Regressions::model;

    /** The columns that describe the fit (not its wall time), by group and site. */
    private static Map<String, List<Object>> byGroupAndSite(List<Row> rows) {
        Map<String, List<Object>> out = new HashMap<>();
        for (Row r : rows) {
            List<Object> values = new ArrayList<>();
            for (String c : new String[] {"method", "mean", "sd", "q05", "median", "q95", "n_eff", "r_hat", "final_loss", "rows", "error"}) {
                values.add(r.get(r.fieldIndex(c)));
            }
            out.put(r.getString(0) + "/" + r.getString(r.fieldIndex("site")), values);
        }
        return out;
    }

    /** The rows of each group, as a driver-side loop over groups would see them. */
    private static Map<String, List<Row>> groups(Dataset<Row> data) {
        Map<String, List<Row>> groups = new HashMap<>();
        for (Row r : data.collectAsList()) {
            groups.computeIfAbsent(r.getString(0), g -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static List<Row> fitEachAlone(PerGroup<Regressions.Data> fit, Dataset<Row> data) {
        List<Row> alone = new ArrayList<>();
        groups(data).forEach((g, rows) -> alone.addAll(fit.fitGroup(rows, "g")));
        return alone;
    }

    @Test
    void sviPerGroupOnExecutorsEqualsFittingEachGroupAloneWithTheSameSeed() {
        Dataset<Row> data = spark.createDataFrame(Regressions.rows(6, 40, 1), Regressions.SCHEMA).repartition(3);
        PerGroup<Regressions.Data> fit = PerGroup.svi(MODEL, Regressions.Data::of, 600, 0.05).seed(7).orderedBy("i");

        List<Row> distributed = fit.fit(data, "g").collectAsList();
        List<Row> alone = fitEachAlone(fit, data);

        assertThat(distributed).hasSize(6 * 3); // six groups, three scalar sites each
        assertThat(byGroupAndSite(distributed)).isEqualTo(byGroupAndSite(alone));
        for (Row r : distributed) {
            assertThat(r.isNullAt(r.fieldIndex("error"))).isTrue();
            assertThat(r.getDouble(r.fieldIndex("final_loss"))).isFinite();
            if (r.getString(r.fieldIndex("site")).equals("slope")) {
                // The true slope is 0.5 * g; the fitted posterior must cover it (4 posterior sds).
                double truth = 0.5 * Integer.parseInt(r.getString(0).substring(1));
                double mean = r.getDouble(r.fieldIndex("mean"));
                double sd = r.getDouble(r.fieldIndex("sd"));
                assertThat(Math.abs(mean - truth)).as("group %s", r.getString(0)).isLessThan(4 * sd);
                assertThat(r.getDouble(r.fieldIndex("q05"))).isLessThan(r.getDouble(r.fieldIndex("median")));
                assertThat(r.getDouble(r.fieldIndex("median"))).isLessThan(r.getDouble(r.fieldIndex("q95")));
            }
        }
    }

    @Test
    void anotherSeedGivesOtherDraws() {
        Dataset<Row> data = spark.createDataFrame(Regressions.rows(2, 30, 2), Regressions.SCHEMA);
        List<Row> a = PerGroup.svi(MODEL, Regressions.Data::of, 50, 0.05).seed(1).orderedBy("i").fit(data, "g").collectAsList();
        List<Row> b = PerGroup.svi(MODEL, Regressions.Data::of, 50, 0.05).seed(2).orderedBy("i").fit(data, "g").collectAsList();
        assertThat(byGroupAndSite(a)).isNotEqualTo(byGroupAndSite(b));
    }

    @Test
    void nutsPerGroupEqualsFittingEachGroupAloneAndReportsDiagnostics() {
        Dataset<Row> data = spark.createDataFrame(Regressions.rows(2, 30, 3), Regressions.SCHEMA).repartition(2);
        PerGroup<Regressions.Data> fit = PerGroup.nuts(MODEL, Regressions.Data::of, 150, 150, 2).seed(3).orderedBy("i");

        List<Row> distributed = fit.fit(data, "g").collectAsList();

        assertThat(byGroupAndSite(distributed)).isEqualTo(byGroupAndSite(fitEachAlone(fit, data)));
        assertThat(distributed).hasSize(2 * 3);
        for (Row r : distributed) {
            assertThat(r.getString(r.fieldIndex("method"))).isEqualTo("nuts");
            assertThat(r.getDouble(r.fieldIndex("n_eff"))).isGreaterThan(20);
            assertThat(r.getDouble(r.fieldIndex("r_hat"))).isBetween(0.9, 1.1);
            assertThat(r.isNullAt(r.fieldIndex("final_loss"))).isTrue();
        }
    }

    @Test
    void aGroupWhoseFitThrowsGetsARowWithTheErrorAndNoOtherGroupIsLost() {
        List<Row> rows = new ArrayList<>(Regressions.rows(4, 25, 4));
        rows.add(RowFactory.create("g2", 99, 0.5, Double.NaN)); // g2 cannot be turned into data
        Dataset<Row> data = spark.createDataFrame(rows, Regressions.SCHEMA).repartition(2);

        List<Row> out = PerGroup.svi(MODEL, Regressions.Data::of, 100, 0.05).orderedBy("i").fit(data, "g").collectAsList();

        Map<String, List<Row>> byGroup = new HashMap<>();
        out.forEach(r -> byGroup.computeIfAbsent(r.getString(0), g -> new ArrayList<>()).add(r));
        assertThat(byGroup.keySet()).containsExactlyInAnyOrder("g0", "g1", "g2", "g3");
        Row failed = byGroup.get("g2").get(0);
        assertThat(byGroup.get("g2")).hasSize(1);
        assertThat(failed.isNullAt(failed.fieldIndex("site"))).isTrue();
        assertThat(failed.getString(failed.fieldIndex("error"))).contains("IllegalArgumentException").contains("has no y");
        assertThat(failed.getInt(failed.fieldIndex("rows"))).isEqualTo(26);
        for (String g : List.of("g0", "g1", "g3")) {
            assertThat(byGroup.get(g)).hasSize(3).allSatisfy(r -> assertThat(r.isNullAt(r.fieldIndex("error"))).isTrue());
        }
    }

    @Test
    void aCompositeKeyFitsEachCombinationAsAGroup() {
        List<Row> rows = new ArrayList<>();
        for (Row r : Regressions.rows(2, 20, 6)) {
            for (String region : new String[] {"north", "south"}) {
                rows.add(RowFactory.create(r.getString(0), r.getInt(1), r.getDouble(2), r.getDouble(3), region));
            }
        }
        org.apache.spark.sql.types.StructType schema = Regressions.SCHEMA.add("region", org.apache.spark.sql.types.DataTypes.StringType);
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        PerGroup<Regressions.Data> fit = PerGroup.svi(MODEL, Regressions.Data::of, 30, 0.05).orderedBy("i").partitions(3);

        List<Row> out = fit.fit(data, "g", "region").collectAsList();

        assertThat(out).hasSize(4 * 3);
        assertThat(out.get(0).schema().fieldNames()).startsWith("g", "region", "method", "site");
        Set<String> keys = new HashSet<>();
        out.forEach(r -> keys.add(r.getString(0) + "/" + r.getString(1)));
        assertThat(keys).containsExactlyInAnyOrder("g0/north", "g0/south", "g1/north", "g1/south");
        // Same rows, different key: different seeds, so different draws.
        Map<String, Double> slopeMean = new HashMap<>();
        out.stream().filter(r -> r.getString(r.fieldIndex("site")).equals("slope"))
                .forEach(r -> slopeMean.put(r.getString(0) + "/" + r.getString(1), r.getDouble(r.fieldIndex("mean"))));
        assertThat(slopeMean.get("g1/north")).isNotEqualTo(slopeMean.get("g1/south"));
        List<Row> mixed = data.collectAsList().subList(0, 2); // one row of each region
        assertThatThrownBy(() -> fit.fitGroup(mixed, "g", "region")).hasMessageContaining("not one group")
                .hasMessageContaining("'region'");
    }

    @Test
    void unknownColumnsAreNamed() {
        Dataset<Row> data = spark.createDataFrame(Regressions.rows(1, 5, 5), Regressions.SCHEMA);
        PerGroup<Regressions.Data> fit = PerGroup.svi(MODEL, Regressions.Data::of, 10, 0.05);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fit.fit(data, "store"))
                .hasMessageContaining("no column 'store'").hasMessageContaining("g, i, x, y");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fit.orderedBy("t").fit(data, "g"))
                .hasMessageContaining("no column 't'");
    }
}
