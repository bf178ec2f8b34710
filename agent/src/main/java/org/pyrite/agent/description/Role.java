package org.pyrite.agent.description;

/** What a method is to Pyrite. */
public enum Role {
    /** Neither a model nor a guide. */
    NONE,
    /** A {@code @Model} method. */
    MODEL,
    /** A {@code @Guide} method. */
    GUIDE
}
