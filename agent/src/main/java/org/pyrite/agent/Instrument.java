package org.pyrite.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pyrite.agent.core.Prefilter;
import org.pyrite.agent.core.TypeHierarchy;

/**
 * Build-time instrumentation: rewrites compiled classes in place with the same transformation
 * the agent applies at load time, for places where no agent may run. A rewritten class is
 * marked and never rewritten again (not by a second run, nor by the agent).
 *
 * <pre>
 * java -cp pyrite-agent.jar org.pyrite.agent.Instrument [--fatal] [--include org/example/]
 *      [--classpath DEPENDENCIES] target/classes
 * </pre>
 *
 * <p>In a Maven build, run it in the {@code process-classes} phase with exec-maven-plugin:
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>org.codehaus.mojo</groupId>
 *   <artifactId>exec-maven-plugin</artifactId>
 *   <executions><execution>
 *     <id>pyrite-instrument</id>
 *     <phase>process-classes</phase>
 *     <goals><goal>exec</goal></goals>
 *     <configuration>
 *       <executable>java</executable>
 *       <arguments>
 *         <argument>-cp</argument><classpath/>
 *         <argument>org.pyrite.agent.Instrument</argument>
 *         <argument>${project.build.outputDirectory}</argument>
 *       </arguments>
 *     </configuration>
 *   </execution></executions>
 * </plugin>
 * }</pre>
 * (with {@code pyrite-agent} among the project's dependencies, scope {@code provided}).
 *
 * <p>Every finding is printed with its {@code File.java:line}. The exit status is 1 when a class
 * could not be rewritten, or, with {@code --fatal}, when any class has an error; 2 for bad usage.
 */
public final class Instrument {
    private Instrument() {
    }

    /**
     * Runs the tool and exits with its status when it is not 0.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the tool.
     *
     * @param args see the class documentation
     * @param out where the summary goes
     * @param err where findings and errors go
     * @return the exit status: 0 fine, 1 a class could not be rewritten (or had an error, with
     *     {@code --fatal}), 2 bad usage
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean fatal = Boolean.getBoolean(AgentOptions.FATAL);
        List<Path> dirs = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        List<URL> classpath = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--fatal")) {
                fatal = true;
            } else if ((a.equals("--include") || a.equals("--classpath")) && i + 1 < args.length) {
                String v = args[++i];
                if (a.equals("--include")) {
                    includes.add(v.replace('.', '/'));
                } else {
                    for (String p : v.split(File.pathSeparator)) {
                        if (!p.isBlank()) {
                            try {
                                classpath.add(Path.of(p).toUri().toURL());
                            } catch (MalformedURLException e) {
                                err.println("[pyrite-instrument] bad class path entry " + p + ": " + e.getMessage());
                                return 2;
                            }
                        }
                    }
                }
            } else if (a.startsWith("--")) {
                err.println("usage: java -cp pyrite-agent.jar org.pyrite.agent.Instrument [--fatal] [--include PACKAGE/]... "
                        + "[--classpath PATH] CLASSES_DIR...");
                return 2;
            } else {
                dirs.add(Path.of(a));
            }
        }
        if (dirs.isEmpty()) {
            err.println("usage: java -cp pyrite-agent.jar org.pyrite.agent.Instrument [--fatal] [--include PACKAGE/]... "
                    + "[--classpath PATH] CLASSES_DIR...");
            return 2;
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                err.println("[pyrite-instrument] not a directory: " + d);
                return 2;
            }
        }
        try (URLClassLoader deps = new URLClassLoader(classpath.toArray(URL[]::new), Instrument.class.getClassLoader())) {
            TypeHierarchy types = TypeHierarchy.of(name -> {
                for (Path d : dirs) {
                    Path f = d.resolve(name + ".class");
                    if (Files.isRegularFile(f)) {
                        try {
                            return Files.readAllBytes(f);
                        } catch (IOException e) {
                            return null;
                        }
                    }
                }
                try (InputStream in = deps.getResourceAsStream(name + ".class")) {
                    return in == null ? null : in.readAllBytes();
                } catch (IOException e) {
                    return null;
                }
            });
            int rewritten = 0;
            int seen = 0;
            int failed = 0;
            for (Path d : dirs) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(d)) {
                    files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
                }
                for (Path f : files) {
                    String rel = d.relativize(f).toString().replace(File.separatorChar, '/');
                    if (!includes.isEmpty() && includes.stream().noneMatch(rel::startsWith)) {
                        continue;
                    }
                    byte[] bytes = Files.readAllBytes(f);
                    if (!Prefilter.mentionsAnnotations(bytes)) {
                        continue;
                    }
                    seen++;
                    RewrittenClass r = RewrittenClass.of(bytes, types, false);
                    Loud.tell(r.report(), false, err);
                    boolean bad = r.report().outcome() == ClassReport.Outcome.NOT_TRANSFORMED
                            || fatal && !r.report().errors().isEmpty();
                    if (bad) {
                        failed++;
                        continue;
                    }
                    if (r.classFile() != null) {
                        Files.write(f, r.classFile());
                        rewritten++;
                    }
                }
            }
            out.println("[pyrite-instrument] " + rewritten + " of " + seen + " classes using Pyrite's annotations rewritten"
                    + (failed > 0 ? ", " + failed + " failed" : ""));
            return failed > 0 ? 1 : 0;
        } catch (IOException e) {
            err.println("[pyrite-instrument] " + e);
            return 1;
        }
    }
}
