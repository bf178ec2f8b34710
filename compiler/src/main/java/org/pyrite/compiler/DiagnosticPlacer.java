package org.pyrite.compiler;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.pyrite.agent.Diagnostic;

/**
 * Finds the tree a finding of the agent's checks is about, so javac can report it with a line
 * and a column: the draw or call on the finding's line, the {@code @Sample} local, the field, or
 * the method itself. The finding names the method (a lambda's body by its compiled name,
 * {@code lambda$scale$0}) and the line; the search stays inside that method's source.
 *
 * <p>javac empties a class's tree once it has written its class file, so the trees are taken
 * when the class has been attributed, before the code is lowered.
 */
final class DiagnosticPlacer {
    private final ClassTree cls;
    private final CompilationUnitTree unit;
    private final List<Placeable> placeables = new ArrayList<>();

    /** A tree findings may be placed at, with the method it is in ({@code ""} for the class's own members) and its lines. */
    private record Placeable(String method, Tree tree, long firstLine, long lastLine) {
    }

    /**
     * Takes the trees of one class (not of its nested classes, which have class files of their own).
     *
     * @param trees javac's trees
     * @param classPath the class, attributed
     */
    DiagnosticPlacer(Trees trees, TreePath classPath) {
        this.cls = (ClassTree) classPath.getLeaf();
        this.unit = classPath.getCompilationUnit();
        SourcePositions positions = trees.getSourcePositions();
        SourceLines lines = SourceLines.of(unit);
        for (Tree member : cls.getMembers()) {
            String method = member instanceof MethodTree m ? m.getName().toString() : "";
            new TreeScanner<Void, Void>() {
                @Override
                public Void scan(Tree tree, Void unused) {
                    if (tree == null || tree instanceof ClassTree) {
                        return null;
                    }
                    long start = positions.getStartPosition(unit, tree);
                    long end = positions.getEndPosition(unit, tree);
                    if (start >= 0 && (tree instanceof MethodTree || tree instanceof VariableTree
                            || tree instanceof MethodInvocationTree)) {
                        placeables.add(new Placeable(method, tree, lines.line(start),
                                lines.line(Math.max(start, end))));
                    }
                    return super.scan(tree, unused);
                }
            }.scan(member, null);
        }
    }

    /** The class's tree (emptied once its class file is written, but still where findings about it go). */
    ClassTree classTree() {
        return cls;
    }

    /** The compilation unit of the class. */
    CompilationUnitTree unit() {
        return unit;
    }

    /**
     * The tree to report a finding at.
     *
     * @param d a finding about the class
     * @return the tree: never null (the class itself when nothing closer is found)
     */
    Tree place(Diagnostic d) {
        String method = sourceMethod(d.method());
        Tree declaration = first(p -> p.method().equals(method) && p.tree() instanceof MethodTree, -1);
        if (declaration != null && (d.check() == Diagnostic.Check.GUIDE_SIGNATURE
                || d.check() == Diagnostic.Check.UNKNOWN_MODEL)) {
            return declaration;
        }
        Predicate<Tree> wanted = preferred(d);
        Tree found = first(p -> p.method().equals(method) && wanted.test(p.tree()), d.line());
        if (found == null) {
            found = first(p -> p.method().equals(method) && !(p.tree() instanceof MethodTree), d.line());
        }
        return found != null ? found : declaration != null ? declaration : cls;
    }

    /**
     * The first accepted tree that starts on {@code line}, else the innermost whose lines include
     * it; with {@code line} -1, the first accepted tree.
     */
    private Tree first(Predicate<Placeable> accept, int line) {
        Placeable around = null;
        for (Placeable p : placeables) {
            if (!accept.test(p)) {
                continue;
            }
            if (line < 0 || p.firstLine() == line) {
                return p.tree();
            }
            if (p.firstLine() <= line && line <= p.lastLine()) {
                around = p;
            }
        }
        return around == null ? null : around.tree();
    }

    /** The kind of tree a check's findings are about. */
    private static Predicate<Tree> preferred(Diagnostic d) {
        return switch (d.check()) {
            case NOT_A_DRAW, SAMPLE_OUTSIDE_MODEL, BAD_PARAM -> t -> t instanceof VariableTree;
            case RANDOMNESS -> t -> t instanceof MethodInvocationTree c && name(c).equals(calledName(d.message()));
            default -> t -> t instanceof MethodInvocationTree c && (name(c).equals("sample") || name(c).equals("rsample"));
        };
    }

    /** {@code nextGaussian} of a message starting {@code Random.nextGaussian() inside ...}. */
    private static String calledName(String message) {
        int paren = message.indexOf("()");
        String call = paren < 0 ? message : message.substring(0, paren);
        return call.substring(call.lastIndexOf('.') + 1);
    }

    private static String name(MethodInvocationTree c) {
        Tree select = c.getMethodSelect();
        if (select instanceof MemberSelectTree m) {
            return m.getIdentifier().toString();
        }
        return select instanceof IdentifierTree id ? id.getName().toString() : "";
    }

    /** The source method of a compiled one: a lambda's body ({@code lambda$scale$0}) belongs to {@code scale}. */
    private static String sourceMethod(String compiledName) {
        if (!compiledName.startsWith("lambda$")) {
            return compiledName;
        }
        String rest = compiledName.substring("lambda$".length());
        return rest.contains("$") ? rest.substring(0, rest.indexOf('$')) : rest;
    }
}
