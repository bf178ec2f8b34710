package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agenttests.support.Support;
import org.pyrite.tensor.Tensor;

/**
 * A record-pattern switch is no loop, though javac jumps back to its dispatch when a nested
 * pattern fails. Record patterns need Java 21 source: the fixture is compiled only when Maven runs
 * on a JDK 21 or later (the java21-fixtures profile), so on the Java 17 default build these tests
 * are skipped, and covered by a build run with a newer JDK (JAVA_HOME=... mvn verify).
 */
class RecordPatternsIT {
    private static final String FIXTURE = "org.pyrite.agenttests.fixtures21.RecordPatterns";

    @BeforeEach
    void needsJava21() {
        assumeThat(Runtime.version().feature()).as("record patterns need Java 21; this JVM is %s", Runtime.version())
                .isGreaterThanOrEqualTo(21);
        // The fixture is compiled only when Maven itself runs on JDK 21+: tests run on a newer JVM
        // by a Maven on 17 (.ci/run's Java 25 step, -Dagent.test.jvm) do not have it.
        assumeThat(RecordPatternsIT.class.getClassLoader().getResource(FIXTURE.replace('.', '/') + ".class"))
                .as("the record-pattern fixture was compiled (Maven on JDK 21 or later)").isNotNull();
    }

    private static Object shape(String record, Object... values) throws ReflectiveOperationException {
        Class<?> c = Class.forName(FIXTURE + "$" + record);
        return c.getConstructors()[0].newInstance(values);
    }

    @Test
    void aSiteInACaseOfARecordPatternSwitchIsNoSiteInALoop() throws ReflectiveOperationException {
        Class<?> fixture = Class.forName(FIXTURE);
        List<Diagnostic> inLoop = Support.findings(fixture, Check.SITE_IN_LOOP);

        assertThat(inLoop).extracting(Diagnostic::line).doesNotContain(33, 37);
        Method model = fixture.getMethod("model", Class.forName(FIXTURE + "$Shape"));
        Model<Object, Object> m = shape -> {
            try {
                return model.invoke(null, shape);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        };
        assertThat(Poutine.trace(m).getTrace(shape("Wide", 4.0)).names()).containsExactly("x");
        assertThat(((Tensor) Poutine.trace(m).getTrace(shape("Narrow", 4.0, 1e-9)).returnValue()).item())
                .isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(Poutine.trace(m).getTrace(shape("Narrow", 4.0, 1.0)).names()).containsExactly("y");
    }

    @Test
    void aLoopAroundAPatternSwitchIsStillALoopAndTheAdviceNamesItsCounter() throws ClassNotFoundException {
        List<Diagnostic> inLoop = Support.findings(Class.forName(FIXTURE), Check.SITE_IN_LOOP);

        assertThat(inLoop).extracting(Diagnostic::location).containsExactly("RecordPatterns.java:49", "RecordPatterns.java:50");
        assertThat(inLoop).allSatisfy(d -> assertThat(d.message()).contains("'z' is inside a loop",
                "indexedBy = \"k\") appends the loop variable k"));
    }
}
