package org.pyrite.spark;

import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * Where Pyrite's Spark jobs run: a {@link SparkSession} inside this JVM ({@code local[*]}) unless
 * a master is named, with Spark's logging kept quiet.
 *
 * <pre>{@code
 * SparkSession spark = PyriteSpark.session();                       // local[*], or -Dspark.master
 * SparkSession spark = PyriteSpark.session("spark://head:7077");    // a standalone cluster
 * SparkSession spark = PyriteSpark.session(PyriteSpark.master(args)); // --master X on the command line
 * }</pre>
 *
 * <p>A local master ({@code local}, {@code local[n]}, {@code local[*]}) binds the driver to the
 * loopback address and runs without the web UI, so a laptop or CI run opens no port to the
 * network. Any other master ({@code spark://host:port}, {@code yarn}, {@code k8s://...}) is passed
 * to Spark unchanged: the cluster's own configuration ({@code spark-defaults.conf},
 * {@code HADOOP_CONF_DIR} for YARN) applies, and the application jar with Pyrite and the model
 * classes must reach the executors, as for any Spark job ({@code spark-submit}, or
 * {@code spark.jars}).
 */
public final class PyriteSpark {
    /** The master used when none is given: every core of this machine, inside this JVM. */
    public static final String DEFAULT_MASTER = "local[*]";

    private PyriteSpark() {}

    /**
     * The session for the master in system property {@code spark.master} (as {@code spark-submit}
     * sets it), or {@value #DEFAULT_MASTER}; an active session is reused.
     */
    public static SparkSession session() {
        return session(System.getProperty("spark.master", DEFAULT_MASTER));
    }

    /**
     * The session for {@code master}. If a session is already active it is returned when it runs
     * on that master, and refused otherwise (Spark runs one context per JVM).
     */
    public static SparkSession session(String master) {
        Objects.requireNonNull(master, "master");
        if (master.isBlank()) {
            throw new IllegalArgumentException("the Spark master is empty; give local[*], local[n], spark://host:port or yarn");
        }
        QuietLogging.install();
        SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
        if (active != null) {
            String running = active.sparkContext().master();
            if (!running.equals(master)) {
                throw new IllegalStateException("a Spark session on master '" + running + "' is already running in this JVM, and Spark "
                        + "runs one at a time; stop it (spark.stop()) before asking for master '" + master + "'");
            }
            return active;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("pyrite").master(master);
        if (isLocal(master)) {
            builder.config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false");
        }
        return builder.getOrCreate();
    }

    /**
     * The master named by {@code --master X} or {@code --master=X} in command-line arguments, else
     * system property {@code spark.master}, else {@value #DEFAULT_MASTER}.
     */
    public static String master(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--master")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--master needs a value: local[*], local[n], spark://host:port or yarn");
                }
                return args[i + 1];
            }
            if (args[i].startsWith("--master=")) {
                return args[i].substring("--master=".length());
            }
        }
        return System.getProperty("spark.master", DEFAULT_MASTER);
    }

    /** Whether {@code master} runs inside this JVM. */
    public static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[") || master.startsWith("local-cluster[");
    }
}
