package org.pyrite.compiler;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import org.pyrite.agent.core.SampleRecorder;

/**
 * Follows the compilation: after attribution of a top-level class it finds the class's
 * {@code @Sample} locals; after each class file is written it records them in it.
 */
final class PluginListener implements TaskListener {
    private final JavacTask task;
    private final Trees trees;
    private final Map<String, List<PendingLocal>> pending = new HashMap<>();
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
        }
    }

    private void analyzed(TypeElement type, CompilationUnitTree unit) {
        TreePath path = trees.getPath(type);
        if (path == null) {
            return;
        }
        Map<String, List<PendingLocal>> found = SampleLocalFinder.find(trees, task.getElements(), path);
        if (found.isEmpty() || !canWrite(path)) {
            return;
        }
        pending.putAll(found);
    }

    /** The file manager, reached once; when javac keeps it closed, one error says how to open it. */
    private boolean canWrite(TreePath at) {
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
            trees.printMessage(Kind.ERROR, ex.getMessage(), at.getLeaf(), at.getCompilationUnit());
            return false;
        }
    }

    private void generated(TypeElement type, CompilationUnitTree unit) {
        String binaryName = task.getElements().getBinaryName(type).toString();
        List<PendingLocal> locals = pending.remove(binaryName);
        if (locals == null || files == null) {
            return;
        }
        TreePath path = trees.getPath(type);
        try {
            byte[] classFile = files.written(binaryName);
            if (classFile == null) {
                return;
            }
            SampleRecorder.Result r = SampleRecorder.record(classFile, locals.stream().map(PendingLocal::toRecord).toList());
            if (r.classFile() != null) {
                files.rewrite(binaryName, r.classFile());
            }
            for (String missed : r.unmatched()) {
                trees.printMessage(Kind.WARNING, "Pyrite could not find the code of @Sample local " + missed + " in "
                        + binaryName + ".class, so the agent will not see it as a site; compile with line numbers (javac's "
                        + "default, or -g)", path.getLeaf(), unit);
            }
        } catch (IOException ex) {
            trees.printMessage(Kind.ERROR, "Pyrite could not record the @Sample locals of " + binaryName + " in its class file: "
                    + ex, path.getLeaf(), unit);
        }
    }


}
