package org.pyrite.agent.description;

import java.util.List;

/**
 * Which branches of a method depend on a sampled value, from a data-flow over its locals and stack.
 *
 * @param analysis whether that data-flow ran
 * @param branches the branches and loop conditions whose condition depends on a sampled value, in code order
 */
public record Structure(Analysis analysis, List<Branch> branches) {

    /** Whether the data-flow ran. */
    public enum Analysis {
        /** It ran: {@link #branches} is complete. */
        DONE,
        /** It could not run on this method; its structure is unknown. */
        FAILED,
        /** Not asked for (the method is not the body of a model or guide). */
        SKIPPED
    }

    /** The structure of a method the data-flow was not asked about. */
    public static final Structure SKIPPED = new Structure(Analysis.SKIPPED, List.of());

    /** Copies the list. */
    public Structure {
        branches = List.copyOf(branches);
    }

    /**
     * A branch (or loop condition) whose condition depends on a sampled value.
     *
     * @param line its source line
     * @param loopCondition whether it decides whether a loop goes on
     */
    public record Branch(int line, boolean loopCondition) {
    }
}
