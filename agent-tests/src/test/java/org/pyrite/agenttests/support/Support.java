package org.pyrite.agenttests.support;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.ModelRegistry;

/** Helpers shared by the agent's integration tests. */
public final class Support {
    private Support() {
    }

    /** The shaded agent jar (set by the failsafe configuration). */
    public static Path agentJar() {
        String p = System.getProperty("pyrite.agent.jar");
        if (p == null) {
            throw new IllegalStateException("system property pyrite.agent.jar is not set (run through Maven failsafe)");
        }
        return Path.of(p);
    }

    /** The test class path, as Maven gave it to this JVM. */
    public static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** The bytes of a class file as compiled (read from the test class path, never transformed). */
    public static byte[] classFile(Class<?> type) {
        return classFile(type.getName());
    }

    public static byte[] classFile(String className) {
        try (InputStream in = Support.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + className);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agent's report on a class, which must have been loaded. */
    public static ClassReport report(String className) {
        return ModelRegistry.forClass(className).orElseThrow(() -> new AssertionError("the agent did not see " + className));
    }

    /** Loads (so the agent sees it) and returns the report of a fixture class. */
    public static ClassReport report(Class<?> loaded) {
        return report(loaded.getName());
    }

    /** The diagnostics of one check in a class's report. */
    public static List<Diagnostic> findings(Class<?> type, Diagnostic.Check check) {
        return report(type).diagnostics().stream().filter(d -> d.check() == check).toList();
    }

    /**
     * A class loader that defines the given fixture classes itself, from their class files, so the
     * agent transforms a fresh copy each time; everything else comes from the test class loader.
     */
    public static ClassLoader isolated(String... classNames) {
        List<String> names = List.of(classNames);
        return new ClassLoader("isolated", Support.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (names.contains(name)) {
                        Class<?> c = findLoadedClass(name);
                        if (c == null) {
                            byte[] b = classFile(name);
                            c = defineClass(name, b, 0, b.length);
                        }
                        return c;
                    }
                    return super.loadClass(name, resolve);
                }
            }
        };
    }

    /** Runs {@code body} with System.err captured; returns what it printed and the body's value. */
    public static <T> Captured<T> captureErr(Supplier<T> body) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            T value = body.get();
            return new Captured<>(value, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    /** A value and the text printed while computing it. */
    public record Captured<T>(T value, String text) {
    }

    /** The outcome of a child JVM. */
    public record Exit(int code, String out, String err) {
        public String lastOutLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }

        /** The lines of standard output and standard error that contain {@code WARNING}. */
        public List<String> warnings() {
            return (out + "\n" + err).lines().filter(l -> l.contains("WARNING")).toList();
        }
    }

    /**
     * Writes an executable jar that starts {@code mainClass} with the agent as its
     * {@code Launcher-Agent-Class}: a manifest only, whose {@code Class-Path} names the agent jar
     * and the test class path.
     */
    public static Path launcherJar(Path dir, String mainClass) {
        List<String> classPath = new ArrayList<>();
        classPath.add(agentJar().toUri().toString());
        for (String entry : testClassPath().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(Path.of(entry).toUri().toString());
            }
        }
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, mainClass);
        a.put(new Attributes.Name("Launcher-Agent-Class"), "org.pyrite.agent.PyriteAgent");
        a.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path jar = dir.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return jar;
    }

    /** Runs {@code java ARGS} in a child process and waits for it (two minutes at most). */
    public static Exit java(List<String> args, Path workDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        try {
            File out = File.createTempFile("jvm", ".out");
            File err = File.createTempFile("jvm", ".err");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out).redirectError(err).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM timed out: " + cmd);
            }
            Exit e = new Exit(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
            out.delete();
            err.delete();
            return e;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
