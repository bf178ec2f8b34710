package org.pyrite.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Keeps Spark from filling the user's console. Spark logs through Log4j 2 and, when Log4j has no
 * configuration of the application's, installs its own at INFO, which prints dozens of lines at
 * start-up. Before the first session starts, and only when the application has configured no
 * logging of its own, this installs a configuration that prints warnings and errors of the
 * application, and only errors of Spark, Hadoop and their libraries. An application that ships a
 * {@code log4j2.xml} (or sets {@code -Dlog4j2.configurationFile}) keeps it untouched; so does one
 * run with {@code -Dpyrite.spark.logging=spark} (Spark's own defaults).
 */
final class QuietLogging {
    /** The system property that, set to {@code spark}, leaves Spark's own logging configuration. */
    static final String PROPERTY = "pyrite.spark.logging";
    private static final String[] NOISY = {"org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty",
            "org.apache.parquet", "org.apache.orc", "org.apache.ivy", "org.apache.zookeeper"};

    private QuietLogging() {}

    /** Installs the quiet configuration unless the application configured logging itself. */
    static synchronized void install() {
        String mode = System.getProperty(PROPERTY, "quiet");
        if (mode.equals("spark")) {
            return;
        }
        if (!mode.equals("quiet")) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be 'quiet' (the default) or 'spark' (Spark's own logging), got '"
                    + mode + "'");
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        if (!(context.getConfiguration() instanceof DefaultConfiguration)) {
            return; // the application's own configuration (or ours, installed before)
        }
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("pyrite-spark-quiet");
        b.add(b.newAppender("stderr", "Console").addAttribute("target", "SYSTEM_ERR")
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss} %p %c{1}: %m%n%ex")));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("stderr")));
        for (String name : NOISY) {
            b.add(b.newLogger(name, Level.ERROR));
        }
        Configurator.reconfigure(b.build());
    }
}
