package org.pyrite.agent.description;

/**
 * One scope range of a {@code @Sample} local (a local assigned in several places may have several).
 *
 * @param explicitName {@code @Sample("...")}, or empty
 * @param localName the local's name, or {@code #slot} when the class file does not name it
 * @param line the line of the assignment that starts the range, else the method's first line
 * @param assignment what that assignment stores
 */
public record SampleLocal(String explicitName, String localName, int line, Assignment assignment) {

    /** What the assignment that starts a {@code @Sample} local's range stores. */
    public enum Assignment {
        /** A draw, {@code dist.sample()} (every branch of a conditional expression is one). */
        DRAW,
        /** {@code null}: the local is declared early and assigned a draw later. */
        NULL,
        /** Anything else. */
        OTHER,
        /** No assignment starts the range (a local declared without a value). */
        NONE
    }

    /**
     * The site name the local gives: {@code @Sample("...")}, else the local's name.
     *
     * @return the name
     */
    public String siteName() {
        return explicitName.isEmpty() ? localName : explicitName;
    }
}
