package org.pyrite.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.RewrittenClass;
import org.pyrite.agent.core.Prefilter;
import org.pyrite.agent.core.TypeHierarchy;

/**
 * Rewrites the compiled classes of a project in place, as the Pyrite agent rewrites them when
 * they load, for builds and deployments where no agent may run: every {@code @Sample} draw
 * becomes a named site, every {@code @Param} read goes through the param store. The agent's
 * checks run on each class and their findings are logged with {@code File.java:line}; an error
 * fails the build. Classes not changed since the last run are skipped; a rewritten class is
 * marked and never rewritten twice.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.pyrite</groupId>
 *   <artifactId>pyrite-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>instrument</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 *
 * For test classes, bind a second execution to {@code process-test-classes} with
 * {@code <classesDirectory>${project.build.testOutputDirectory}</classesDirectory>}.
 */
@Mojo(name = "instrument", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public final class InstrumentMojo extends AbstractMojo {

    /** The directory of class files to rewrite. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    /** Where the classes' dependencies are, to tell which classes are distributions and which fields are params. */
    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true, required = true)
    private List<String> classpathElements;

    /** Class files to consider, by path prefix inside the directory ({@code org/example/}); all when empty. */
    @Parameter
    private List<String> includes = new ArrayList<>();

    /** Whether an error found by the checks fails the build (it does by default). */
    @Parameter(property = "pyrite.failOnError", defaultValue = "true")
    private boolean failOnError;

    /** Skips the goal. */
    @Parameter(property = "pyrite.instrument.skip", defaultValue = "false")
    private boolean skip;

    /** The record of the last run, by which unchanged classes are skipped. */
    @Parameter(defaultValue = "${project.build.directory}/pyrite", required = true)
    private File recordDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("[pyrite] instrument skipped");
            return;
        }
        Path dir = classesDirectory.toPath();
        if (!Files.isDirectory(dir)) {
            getLog().info("[pyrite] no classes in " + dir + ": nothing to instrument");
            return;
        }
        long started = System.nanoTime();
        try (URLClassLoader deps = new URLClassLoader(urls(), ClassLoader.getPlatformClassLoader())) {
            Path recordFile = recordDirectory.toPath().resolve("instrument-" + dir.getFileName() + ".properties");
            RunRecord record = RunRecord.load(recordFile);
            Counts counts = instrument(dir, types(dir, deps), record);
            record.save();
            getLog().info("[pyrite] " + counts.rewritten + " of " + counts.annotated + " classes using Pyrite's annotations "
                    + "rewritten in " + dir.getFileName() + ", " + counts.skipped + " unchanged since the last run skipped"
                    + (counts.failed.isEmpty() ? "" : ", " + counts.failed.size() + " with errors") + " ("
                    + (System.nanoTime() - started) / 1_000_000 + " ms)");
            if (!counts.failed.isEmpty()) {
                throw new MojoFailureException("Pyrite found errors in " + String.join(", ", counts.failed)
                        + " (listed above with File.java:line); fix them, or set <failOnError>false</failOnError> to "
                        + "rewrite what can be rewritten and keep going");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("[pyrite] could not instrument " + dir + ": " + e, e);
        }
    }

    /** How a run went. */
    private static final class Counts {
        int annotated;
        int rewritten;
        int skipped;
        final List<String> failed = new ArrayList<>();
    }

    private Counts instrument(Path dir, TypeHierarchy types, RunRecord record) throws IOException {
        Counts counts = new Counts();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace(File.separatorChar, '/');
            if (!includes.isEmpty() && includes.stream().noneMatch(rel::startsWith)) {
                continue;
            }
            if (record.unchanged(rel, f)) {
                counts.skipped++;
                continue;
            }
            byte[] bytes = Files.readAllBytes(f);
            if (!Prefilter.mentionsAnnotations(bytes)) {
                record.settled(rel, f);
                continue;
            }
            counts.annotated++;
            RewrittenClass r = RewrittenClass.of(bytes, types, false);
            log(r.report());
            boolean failed = r.report().outcome() == ClassReport.Outcome.NOT_TRANSFORMED
                    || failOnError && !r.report().errors().isEmpty();
            if (failed) {
                counts.failed.add(r.report().className());
                record.forget(rel);
                continue;
            }
            if (r.classFile() != null) {
                Files.write(f, r.classFile());
                counts.rewritten++;
            }
            record.settled(rel, f);
        }
        return counts;
    }

    private void log(ClassReport report) {
        for (Diagnostic d : report.diagnostics()) {
            switch (d.severity()) {
                case ERROR -> getLog().error("[pyrite] " + d);
                case WARNING -> getLog().warn("[pyrite] " + d);
                case INFO -> getLog().debug("[pyrite] " + d);
            }
        }
    }

    private URL[] urls() throws MojoExecutionException {
        List<URL> out = new ArrayList<>();
        for (String e : classpathElements) {
            try {
                out.add(Path.of(e).toUri().toURL());
            } catch (MalformedURLException ex) {
                throw new MojoExecutionException("[pyrite] bad class path entry " + e + ": " + ex, ex);
            }
        }
        return out.toArray(URL[]::new);
    }

    /** Class files by internal name: the directory's own first, then the dependencies'. */
    private static TypeHierarchy types(Path dir, URLClassLoader deps) {
        return TypeHierarchy.of(name -> {
            Path f = dir.resolve(name + ".class");
            try {
                if (Files.isRegularFile(f)) {
                    return Files.readAllBytes(f);
                }
                try (InputStream in = deps.getResourceAsStream(name + ".class")) {
                    return in == null ? null : in.readAllBytes();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("[pyrite] cannot read the class file of " + name, e);
            }
        });
    }
}
