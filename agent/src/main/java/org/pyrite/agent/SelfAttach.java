package org.pyrite.agent;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Self-attach: loads the Pyrite agent into the running JVM without {@code -javaagent}, through
 * the JDK's attach API (module {@code jdk.attach}), for {@link PyriteAgent#install()}.
 *
 * <p>A JVM may attach to itself only when started with {@code -Djdk.attach.allowAttachSelf=true};
 * otherwise a short-lived helper JVM ({@link #main}) attaches to it. Either way the JVM loads the
 * jar's {@code Agent-Class} in the system class loader and calls its {@code agentmain} with
 * {@link #HANDOFF}, which only hands the {@link Instrumentation} over; the copy of the agent that
 * asked, which may live in another class loader (as in JShell), then installs itself with it.
 *
 * <p>Java 21 and later print a warning when an agent is loaded into a running JVM that was not
 * started with {@code -XX:+EnableDynamicAgentLoading} (JEP 451; a later release will refuse), so
 * programs that self-attach should be started with that flag (Java 17 accepts it too).
 */
final class SelfAttach {
    /** The agent argument that makes {@code agentmain} hand its instrumentation over and do nothing else. */
    static final String HANDOFF = "org.pyrite.agent.self-attach";

    private static final String ADVICE = "start the JVM with -javaagent:pyrite-agent.jar instead, or, to attach from "
            + "inside it, with -XX:+EnableDynamicAgentLoading and the jdk.attach module";
    private static final long HELPER_SECONDS = 60;

    /** Set in the system class loader's copy of this class, by {@code agentmain}. */
    private static volatile Instrumentation handedOver;

    private SelfAttach() {
    }

    static void receive(Instrumentation inst) {
        handedOver = inst;
    }

    /**
     * Loads the agent into this JVM and returns the instrumentation the JVM gave it.
     *
     * @return the JVM's instrumentation
     * @throws IllegalStateException when the JVM cannot load an agent into itself, with what to do
     */
    static Instrumentation attach() {
        Path home = codeSource();
        Path jar = agentJar(home);
        String pid = Long.toString(ProcessHandle.current().pid());
        if (Boolean.parseBoolean(System.getProperty("jdk.attach.allowAttachSelf"))) {
            try {
                load(pid, jar);
            } catch (Exception | LinkageError e) {
                throw new IllegalStateException("the Pyrite agent could not attach itself to this JVM (" + e + "); " + ADVICE, e);
            }
        } else {
            runHelper(home, pid, jar);
        }
        Instrumentation inst = fetch();
        if (inst == null) {
            throw new IllegalStateException("the Pyrite agent was loaded into this JVM from " + jar + ", but its Agent-Class "
                    + "handed no instrumentation over; " + ADVICE);
        }
        return inst;
    }

    /**
     * The helper JVM's entry point: attaches to a JVM and loads an agent jar into it with
     * {@link #HANDOFF}. Exits with status 1, the reason on standard error, when that fails.
     *
     * @param args the process id of the JVM and the agent jar
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -cp pyrite-agent.jar " + SelfAttach.class.getName() + " PID AGENT_JAR");
            System.exit(2);
        }
        try {
            load(args[0], Path.of(args[1]));
        } catch (Exception | LinkageError e) {
            System.err.println(e);
            System.exit(1);
        }
    }

    private static void load(String pid, Path jar) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            vm.loadAgent(jar.toString(), HANDOFF);
        } finally {
            vm.detach();
        }
    }

    private static void runHelper(Path home, String pid, Path jar) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", home.toString(), SelfAttach.class.getName(), pid, jar.toString());
        String output;
        int status;
        try {
            Process helper = new ProcessBuilder(command).redirectErrorStream(true).start();
            helper.getOutputStream().close();
            if (!helper.waitFor(HELPER_SECONDS, TimeUnit.SECONDS)) {
                helper.destroyForcibly();
                throw new IllegalStateException("the Pyrite agent could not attach itself to this JVM: the helper JVM that "
                        + "attaches it did not finish in " + HELPER_SECONDS + " s (" + String.join(" ", command) + "); " + ADVICE);
            }
            // The helper prints a line or two at most, well within the pipe's buffer, so it never blocks on it.
            output = new String(helper.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            status = helper.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("the Pyrite agent could not start the helper JVM that attaches it ("
                    + String.join(" ", command) + "): " + e + "; " + ADVICE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Pyrite agent attached itself to this JVM", e);
        }
        if (status != 0) {
            throw new IllegalStateException("the Pyrite agent could not attach itself to this JVM: "
                    + (output.isEmpty() ? "the helper JVM exited with status " + status : output) + "; " + ADVICE);
        }
    }

    /** The instrumentation {@code agentmain} handed over, which happened in the system class loader. */
    private static Instrumentation fetch() {
        try {
            Class<?> there = Class.forName(SelfAttach.class.getName(), true, ClassLoader.getSystemClassLoader());
            if (there == SelfAttach.class) {
                return handedOver;
            }
            Method read = there.getDeclaredMethod("handedOver");
            read.setAccessible(true);
            return (Instrumentation) read.invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("the Pyrite agent was loaded into this JVM but its instrumentation cannot be "
                    + "read from the system class loader (" + e + "); " + ADVICE, e);
        }
    }

    @SuppressWarnings("unused") // read reflectively by fetch() from a copy of this class in another loader
    private static Instrumentation handedOver() {
        return handedOver;
    }

    /** The jar or folder this class was loaded from. */
    private static Path codeSource() {
        CodeSource source = SelfAttach.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            throw new IllegalStateException("the Pyrite agent cannot attach itself: it was not loaded from a jar or folder ("
                    + (source == null ? "no code source" : source.getLocation()) + "); " + ADVICE);
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the Pyrite agent cannot attach itself: bad code source " + source.getLocation(), e);
        }
    }

    /**
     * The agent jar itself when this class came from one that names {@link PyriteAgent} as its
     * {@code Agent-Class}; otherwise (a folder of classes, as in an IDE, or a jar that bundles the
     * agent) a temporary jar holding only such a manifest, the classes coming from the class path.
     */
    private static Path agentJar(Path home) {
        String agent = PyriteAgent.class.getName();
        if (Files.isRegularFile(home)) {
            try (JarFile jar = new JarFile(home.toFile())) {
                Manifest mf = jar.getManifest();
                if (mf != null && agent.equals(mf.getMainAttributes().getValue("Agent-Class"))) {
                    return home;
                }
            } catch (IOException e) {
                throw new IllegalStateException("the Pyrite agent cannot attach itself: cannot read " + home + ": " + e, e);
            }
        }
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(new Attributes.Name("Agent-Class"), agent);
        a.put(new Attributes.Name("Can-Redefine-Classes"), "true");
        a.put(new Attributes.Name("Can-Retransform-Classes"), "true");
        try {
            Path jar = Files.createTempFile("pyrite-agent", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
                j.flush();
            }
            return jar;
        } catch (IOException e) {
            throw new IllegalStateException("the Pyrite agent cannot attach itself: cannot write its manifest jar: " + e, e);
        }
    }
}
