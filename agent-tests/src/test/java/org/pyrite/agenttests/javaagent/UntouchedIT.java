package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.pyrite.agent.PyriteAgent;
import org.pyrite.agenttests.support.Support;

/** Classes that do not use Pyrite's annotations leave the agent byte-identical. */
class UntouchedIT {
    private static final String PLAIN = "org.pyrite.agenttests.fixtures.Plain";
    private static final String NAMING = "org.pyrite.agenttests.fixtures.Naming";

    @Test
    void onlyAnnotatedClassesChange() throws Exception {
        Instrumentation inst = PyriteAgent.instrumentation();
        Map<String, byte[]> seen = new ConcurrentHashMap<>();
        // Retransformation-capable like the agent's and added after it, so it receives the agent's output
        // (the JVM runs transformers that cannot retransform before those that can).
        ClassFileTransformer recorder = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
                if (name != null && name.startsWith("org/pyrite/agenttests/fixtures/")) {
                    seen.put(name.replace('/', '.'), bytes.clone());
                }
                return null;
            }
        };
        inst.addTransformer(recorder, true);
        try {
            Class.forName(PLAIN, false, Support.isolated(PLAIN));
            Class.forName(NAMING, false, Support.isolated(NAMING));
        } finally {
            inst.removeTransformer(recorder);
        }

        assertThat(seen.get(PLAIN)).isEqualTo(Support.classFile(PLAIN));
        assertThat(seen.get(NAMING)).isNotNull().isNotEqualTo(Support.classFile(NAMING));
    }
}
