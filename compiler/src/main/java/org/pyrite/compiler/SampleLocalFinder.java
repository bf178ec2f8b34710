package org.pyrite.compiler;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Finds the {@code @Sample} locals of one top-level class's attributed trees (its nested classes
 * and lambdas included), each with every assignment, grouped by the class whose class file will
 * hold their code (a lambda's code stays in its class).
 */
final class SampleLocalFinder extends TreePathScanner<Void, Void> {
    static final String SAMPLE = "org.pyrite.annotations.Sample";
    private static final String ANNOTATIONS = "org.pyrite.annotations.";

    private final Trees trees;
    private final Elements elements;
    private final CompilationUnitTree unit;
    private final SourcePositions positions;
    private final SourceLines lines;
    private final Deque<String> classes = new ArrayDeque<>();
    private final Map<Element, PendingLocal> locals = new HashMap<>();
    private final Map<String, List<PendingLocal>> byClass = new LinkedHashMap<>();
    private final Map<String, TreePath> classPaths = new LinkedHashMap<>();
    private final Set<String> usingAnnotations = new HashSet<>();

    /**
     * What a top-level class holds.
     *
     * @param locals the {@code @Sample} locals of each class, by binary name, in source order
     * @param classes the path to the tree of each class that uses Pyrite's annotations, by binary
     *     name (javac forgets them once it has lowered the code, before the class files are
     *     written); the other classes are never looked at again
     */
    record Found(Map<String, List<PendingLocal>> locals, Map<String, TreePath> classes) {
    }

    private SampleLocalFinder(Trees trees, Elements elements, CompilationUnitTree unit) {
        this.trees = trees;
        this.elements = elements;
        this.unit = unit;
        this.positions = trees.getSourcePositions();
        this.lines = SourceLines.of(unit);
    }

    /**
     * The classes and {@code @Sample} locals under {@code path}.
     *
     * @param trees javac's trees
     * @param elements javac's elements
     * @param path a top-level class
     * @return what it holds
     */
    static Found find(Trees trees, Elements elements, TreePath path) {
        SampleLocalFinder f = new SampleLocalFinder(trees, elements, path.getCompilationUnit());
        f.scan(path, null);
        f.classPaths.keySet().retainAll(f.usingAnnotations);
        return new Found(f.byClass, f.classPaths);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        String name = e instanceof TypeElement t ? elements.getBinaryName(t).toString() : "?";
        classes.push(name);
        classPaths.put(name, getCurrentPath());
        try {
            return super.visitClass(tree, unused);
        } finally {
            classes.pop();
        }
    }

    @Override
    public Void visitAnnotation(AnnotationTree tree, Void unused) {
        TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), tree.getAnnotationType()));
        if (type instanceof DeclaredType d && d.asElement() instanceof TypeElement t
                && t.getQualifiedName().toString().startsWith(ANNOTATIONS)) {
            usingAnnotations.add(classes.peek());
        }
        return super.visitAnnotation(tree, unused);
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        AnnotationMirror sample = e == null || !isLocal(e.getKind()) ? null : sampleOf(e);
        if (sample != null) {
            long start = positions.getStartPosition(unit, tree);
            PendingLocal local = new PendingLocal(tree.getName().toString(), line(start),
                    (int) lines.column(start), string(sample, "value"), string(sample, "obs"), strings(sample));
            locals.put(e, local);
            byClass.computeIfAbsent(classes.peek(), k -> new ArrayList<>()).add(local);
            if (tree.getInitializer() != null) {
                local.assignedAt(tree, line(start), line(positions.getEndPosition(unit, tree)));
            }
        }
        return super.visitVariable(tree, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (tree.getVariable() instanceof IdentifierTree id) {
            PendingLocal local = locals.get(trees.getElement(new TreePath(getCurrentPath(), id)));
            if (local != null) {
                local.assignedAt(id, line(positions.getStartPosition(unit, tree)),
                        line(positions.getEndPosition(unit, tree)));
            }
        }
        return super.visitAssignment(tree, unused);
    }

    private int line(long position) {
        return (int) lines.line(position);
    }

    private static boolean isLocal(ElementKind kind) {
        return kind == ElementKind.LOCAL_VARIABLE || kind == ElementKind.RESOURCE_VARIABLE;
    }

    static AnnotationMirror sampleOf(Element e) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(SAMPLE)) {
                return m;
            }
        }
        return null;
    }

    private static String string(AnnotationMirror m, String key) {
        AnnotationValue v = value(m, key);
        return v == null ? "" : String.valueOf(v.getValue());
    }

    private static List<String> strings(AnnotationMirror m) {
        AnnotationValue v = value(m, "indexedBy");
        List<String> out = new ArrayList<>();
        if (v != null && v.getValue() instanceof List<?> list) {
            for (Object o : list) {
                out.add(String.valueOf(((AnnotationValue) o).getValue()));
            }
        }
        return out;
    }

    private static AnnotationValue value(AnnotationMirror m, String key) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(key)) {
                return e.getValue();
            }
        }
        return null;
    }

}
