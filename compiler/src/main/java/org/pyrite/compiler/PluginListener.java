package org.pyrite.compiler;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.core.ClassFileChecks;
import org.pyrite.agent.core.Prefilter;
import org.pyrite.agent.core.SampleRecorder;
import org.pyrite.agent.core.TypeHierarchy;

/**
 * Follows the compilation: after attribution of a top-level class it finds the class's
 * {@code @Sample} locals; after each class file is written it records them in it, then runs the
 * agent's checks on that class file and reports their findings at the trees they are about.
 */
final class PluginListener implements TaskListener {
    private final JavacTask task;
    private final Trees trees;
    private final Map<String, List<PendingLocal>> pending = new HashMap<>();
    private final Map<String, DiagnosticPlacer> placers = new HashMap<>();
    /** Errors found so far, reported when the compilation ends: an error reported at once would stop javac from writing (and so checking) the classes after it. */
    private final List<Runnable> errors = new ArrayList<>();
    private ClassFiles files;
    private boolean refused;

    PluginListener(JavacTask task) {
        this.task = task;
        this.trees = Trees.instance(task);
    }

    @Override
    public void finished(TaskEvent e) {
        if (e.getKind() == TaskEvent.Kind.ANALYZE && e.getTypeElement() != null) {
            analyzed(e.getTypeElement(), e.getCompilationUnit());
        } else if (e.getKind() == TaskEvent.Kind.GENERATE && e.getTypeElement() != null) {
            generated(e.getTypeElement(), e.getCompilationUnit());
        } else if (e.getKind() == TaskEvent.Kind.COMPILATION) {
            errors.forEach(Runnable::run);
            errors.clear();
        }
    }

    private void analyzed(TypeElement type, CompilationUnitTree unit) {
        TreePath path = trees.getPath(type);
        if (path == null) {
            return;
        }
        SampleLocalFinder.Found found = SampleLocalFinder.find(trees, task.getElements(), path);
        pending.putAll(found.locals());
        found.classes().forEach((name, classPath) -> placers.put(name, new DiagnosticPlacer(trees, classPath)));
    }

    /** The file manager, reached once; when javac keeps it closed, one error says how to open it. */
    private boolean canWrite(DiagnosticPlacer at) {
        if (files != null) {
            return true;
        }
        if (refused) {
            return false;
        }
        try {
            files = new ClassFiles(JavacAccess.fileManager(task));
            return true;
        } catch (IllegalStateException ex) {
            refused = true;
            trees.printMessage(Kind.ERROR, ex.getMessage(), at.classTree(), at.unit());
            return false;
        }
    }

    private void generated(TypeElement type, CompilationUnitTree unit) {
        String binaryName = task.getElements().getBinaryName(type).toString();
        List<PendingLocal> locals = pending.remove(binaryName);
        DiagnosticPlacer placer = placers.remove(binaryName);
        if (placer == null || !canWrite(placer)) {
            return;
        }
        try {
            byte[] classFile = files.written(binaryName);
            if (classFile == null || !Prefilter.mentionsAnnotations(classFile)) {
                return;
            }
            if (locals != null) {
                classFile = record(binaryName, classFile, locals, placer);
            }
            report(ClassFileChecks.run(classFile, TypeHierarchy.of(files::lookup)), placer);
        } catch (IOException ex) {
            trees.printMessage(Kind.ERROR, "Pyrite could not read or rewrite the class file of " + binaryName + ": " + ex,
                    placer.classTree(), placer.unit());
        }
    }

    /** Writes the records into the class file; returns the class file as it now is. */
    private byte[] record(String binaryName, byte[] classFile, List<PendingLocal> locals, DiagnosticPlacer placer)
            throws IOException {
        SampleRecorder.Result r = SampleRecorder.record(classFile, locals.stream().map(PendingLocal::toRecord).toList());
        for (String missed : r.unmatched()) {
            trees.printMessage(Kind.WARNING, "Pyrite could not find the code of @Sample local " + missed + " in "
                    + binaryName + ".class, so the agent will not see it as a site; compile with line numbers (javac's "
                    + "default, or -g)", placer.classTree(), placer.unit());
        }
        if (r.classFile() == null) {
            return classFile;
        }
        files.rewrite(binaryName, r.classFile());
        return r.classFile();
    }

    /** The agent's findings as javac's: errors fail the build, warnings are warnings; facts (info) stay the agent's. */
    private void report(List<Diagnostic> findings, DiagnosticPlacer placer) {
        for (Diagnostic d : findings) {
            Kind kind = switch (d.severity()) {
                case ERROR -> Kind.ERROR;
                case WARNING -> Kind.WARNING;
                case INFO -> null;
            };
            if (kind == Kind.ERROR) {
                errors.add(() -> trees.printMessage(Kind.ERROR, d.message(), placer.place(d), placer.unit()));
            } else if (kind != null) {
                trees.printMessage(kind, d.message(), placer.place(d), placer.unit());
            }
        }
    }
}
