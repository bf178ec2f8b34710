package org.pyrite.compiler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.agent.Instrument;
import org.pyrite.handlers.Trace;

/**
 * A fixture source compiled by the javac beside the JVM running the tests (17, or 25 when
 * {@code agent.test.jvm} says so), in a process of its own as a user runs it, with or without
 * the plugin on its processor path, then rewritten by the agent's
 * build-time {@link Instrument} and loaded, so a test can trace its models.
 */
final class FixtureBuild {
    private final Path classes;
    private final boolean success;
    private final String diagnostics;
    private final String instrumentOutput;

    private FixtureBuild(Path classes, boolean success, String diagnostics, String instrumentOutput) {
        this.classes = classes;
        this.success = success;
        this.diagnostics = diagnostics;
        this.instrumentOutput = instrumentOutput;
    }

    /** The test class path, as Maven gave it to this JVM. */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** A fixture's source file, from the test resources. */
    static Path source(String simpleName) {
        URL u = FixtureBuild.class.getResource("/fixtures/" + simpleName + ".java");
        if (u == null) {
            throw new IllegalStateException("no fixture " + simpleName);
        }
        try {
            return Path.of(u.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles fixtures into {@code dir}.
     *
     * @param plugin whether to run {@code -Xplugin:Pyrite}
     * @param options more javac options ({@code -g}, ...)
     */
    static FixtureBuild compile(Path dir, boolean plugin, List<String> options, String... fixtures) {
        List<String> args = new ArrayList<>(List.of(javac().toString(), "-d", dir.toString(), "-cp", testClassPath(),
                "--release", "17", "-proc:none", "-XDrawDiagnostics"));
        if (plugin) {
            args.addAll(List.of("-processorpath", testClassPath(), "-Xplugin:" + PyritePlugin.NAME, "-XDaccessInternalAPI"));
        }
        args.addAll(options);
        for (String f : fixtures) {
            args.add(source(f).toString());
        }
        try {
            Path log = Files.createTempFile("javac", ".log");
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("javac timed out: " + args);
            }
            String out = Files.readString(log);
            Files.delete(log);
            return new FixtureBuild(dir, p.exitValue() == 0, out, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The javac beside the java running the tests. */
    static Path javac() {
        return Path.of(System.getProperty("java.home"), "bin", "javac");
    }

    /** Rewrites the compiled classes as build-time {@code Instrument} does; returns this build with its output. */
    FixtureBuild instrument() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int status = Instrument.run(new String[] {classes.toString()}, ps, ps);
        String text = buf.toString(StandardCharsets.UTF_8);
        if (status != 0) {
            throw new AssertionError("Instrument failed (" + status + "):\n" + text);
        }
        return new FixtureBuild(classes, success, diagnostics, text);
    }

    boolean success() {
        return success;
    }

    /** What javac printed, in its raw form ({@code -XDrawDiagnostics}: {@code File.java:line:column: kind: key: args}). */
    String diagnostics() {
        return diagnostics;
    }

    /**
     * javac's diagnostics of one kind, each a line of {@link #diagnostics()}
     * ({@code File.java:14:24: compiler.warn.proc.messager: ...}).
     *
     * @param kind {@code error} or {@code warning}
     */
    List<String> messages(String kind) {
        String key = switch (kind) {
            case "error" -> ": compiler.err.";
            case "warning" -> ": compiler.warn.";
            default -> throw new IllegalArgumentException("kind " + kind + ": error or warning");
        };
        return diagnostics.lines().filter(l -> l.contains(key)).toList();
    }

    String instrumentOutput() {
        return instrumentOutput;
    }

    Path classes() {
        return classes;
    }

    /** The class file of a compiled fixture. */
    byte[] classFile(String binaryName) {
        try {
            return Files.readAllBytes(classes.resolve(binaryName.replace('.', '/') + ".class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Traces one run of a fixture's model method, called on a new instance with one argument. */
    Trace trace(String className, String method, Class<?> argType, Object arg) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> c = loader.loadClass(className);
            Object instance = c.getConstructor().newInstance();
            Method m = c.getMethod(method, argType);
            Model<Object, Object> model = a -> {
                try {
                    return m.invoke(instance, a);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
            return Poutine.trace(model).getTrace(arg);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

}
