package org.pyrite.spark;

import org.apache.spark.sql.SparkSession;

/** The one {@code local[2]} session every test class of this module shares (Spark runs one per JVM; starting one takes seconds). */
final class TestSpark {
    static final String MASTER = "local[2]";

    private TestSpark() {}

    static SparkSession session() {
        return PyriteSpark.session(MASTER);
    }
}
