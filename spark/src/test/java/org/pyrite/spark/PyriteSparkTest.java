package org.pyrite.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class PyriteSparkTest {
    @Test
    void theMasterComesFromTheCommandLineElseLocalStar() {
        assertThat(PyriteSpark.master(new String[] {"--master", "spark://head:7077"})).isEqualTo("spark://head:7077");
        assertThat(PyriteSpark.master(new String[] {"x", "--master=yarn"})).isEqualTo("yarn");
        if (System.getProperty("spark.master") == null) {
            assertThat(PyriteSpark.master(new String[] {"x"})).isEqualTo("local[*]");
        }
        assertThatThrownBy(() -> PyriteSpark.master(new String[] {"--master"})).hasMessageContaining("--master needs a value");
        assertThat(PyriteSpark.isLocal("local[*]")).isTrue();
        assertThat(PyriteSpark.isLocal("local")).isTrue();
        assertThat(PyriteSpark.isLocal("yarn")).isFalse();
        assertThat(PyriteSpark.isLocal("spark://h:7077")).isFalse();
    }

    @Test
    void aLocalSessionIsOnLoopbackWithoutUiAndSparkLogsOnlyErrors() {
        SparkSession spark = TestSpark.session();
        assertThat(spark.conf().get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
        assertThat(spark.conf().get("spark.ui.enabled")).isEqualTo("false");
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        assertThat(context.getConfiguration().getName()).isEqualTo("pyrite-spark-quiet");
        assertThat(LogManager.getLogger("org.apache.spark.SparkContext").getLevel()).isEqualTo(Level.ERROR);
        assertThat(LogManager.getLogger("com.example.App").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void anotherMasterWhileASessionRunsIsRefusedWithWhatToDo() {
        TestSpark.session();
        assertThatThrownBy(() -> PyriteSpark.session("local[1]")).hasMessageContaining("master 'local[2]' is already running")
                .hasMessageContaining("spark.stop()");
        assertThat(PyriteSpark.session(TestSpark.MASTER)).isSameAs(TestSpark.session());
        assertThatThrownBy(() -> PyriteSpark.session(" ")).hasMessageContaining("master is empty");
    }
}
