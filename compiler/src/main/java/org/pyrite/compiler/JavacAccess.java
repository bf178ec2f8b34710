package org.pyrite.compiler;

import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import javax.tools.JavaFileManager;

/**
 * The two things the plugin needs that javac's public API does not give: the file manager (to
 * read and rewrite the class file javac has just written) and the slot javac gave a local. Both
 * are reached by reflection on javac's own classes, which javac opens to plugins on the processor
 * path when given {@code -XDaccessInternalAPI}.
 */
final class JavacAccess {
    /** What a user must add when javac's internals are closed to the plugin. */
    static final String HOW = "Pyrite's javac plugin needs javac's file manager, which javac opens to a plugin only "
            + "with -XDaccessInternalAPI: compile with -Xplugin:Pyrite -XDaccessInternalAPI (in Maven, both in "
            + "maven-compiler-plugin's <compilerArgs>)";

    private JavacAccess() {
    }

    /**
     * javac's file manager for this compilation.
     *
     * @param task the task the plugin was given
     * @return the file manager
     * @throws IllegalStateException naming the missing option when javac's internals are closed
     */
    static JavaFileManager fileManager(JavacTask task) {
        try {
            Object context = task.getClass().getMethod("getContext").invoke(task);
            Object fm = context.getClass().getMethod("get", Class.class).invoke(context, JavaFileManager.class);
            if (fm == null) {
                throw new IllegalStateException("javac's context holds no file manager");
            }
            return (JavaFileManager) fm;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(HOW, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this javac (" + System.getProperty("java.version") + ") keeps its file manager "
                    + "where Pyrite's plugin does not look: " + e, e);
        }
    }

    /**
     * The slot javac's code generator gave the local a tree declares or names: a
     * {@code VariableTree}'s or an {@code IdentifierTree}'s symbol's {@code adr}. Read after code
     * generation, so that for a lambda's local it is the slot in the lambda's method.
     *
     * @param tree a variable declaration or an identifier naming a local
     * @return the slot, or -1 when javac gave none
     */
    static int slot(Tree tree) {
        try {
            Object sym = tree.getClass().getField("sym").get(tree);
            if (sym == null) {
                return -1;
            }
            return sym.getClass().getField("adr").getInt(sym);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the slot of a local from javac's tree (" + tree.getKind() + "): " + e,
                    e);
        }
    }
}
