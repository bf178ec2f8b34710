package org.pyrite.compiler;

import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import org.pyrite.agent.description.RecordedLocal;

/**
 * A {@code @Sample} local found in the attributed trees, waiting for code generation to give it
 * a slot: the trees of its declaration and of each assignment, with their source lines.
 */
final class PendingLocal {
    private final String name;
    private final int line;
    private final int column;
    private final String value;
    private final String obs;
    private final List<String> indexedBy;
    private final List<Assignment> assignments = new ArrayList<>();

    /** One assignment: the tree whose symbol holds the slot, and the lines of its statement. */
    private record Assignment(Tree slotTree, int firstLine, int lastLine) {
    }

    PendingLocal(String name, int line, int column, String value, String obs, List<String> indexedBy) {
        this.name = name;
        this.line = line;
        this.column = column;
        this.value = value;
        this.obs = obs;
        this.indexedBy = List.copyOf(indexedBy);
    }

    String name() {
        return name;
    }

    int line() {
        return line;
    }

    void assignedAt(Tree slotTree, int firstLine, int lastLine) {
        assignments.add(new Assignment(slotTree, firstLine, lastLine));
    }

    /** The record, with the slots javac gave; an assignment without a slot (dead code javac dropped) is left out. */
    RecordedLocal toRecord() {
        List<RecordedLocal.Store> stores = new ArrayList<>();
        for (Assignment a : assignments) {
            int slot = JavacAccess.slot(a.slotTree());
            if (slot >= 0) {
                stores.add(new RecordedLocal.Store(slot, a.firstLine(), a.lastLine()));
            }
        }
        return new RecordedLocal(name, line, column, value, obs, indexedBy, stores);
    }
}
