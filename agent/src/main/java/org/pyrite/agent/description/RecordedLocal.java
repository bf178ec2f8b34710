package org.pyrite.agent.description;

import java.util.List;

/**
 * A {@code @Sample} local as Pyrite's javac plugin reads it from the source, to be recorded in the
 * class file ({@code @CompiledSample}) where javac would lose it.
 *
 * @param name the local's name
 * @param line the source line of its declaration
 * @param column the source column of its declaration
 * @param value {@code @Sample(value)} as written, or empty
 * @param obs {@code @Sample(obs)} as written, or empty
 * @param indexedBy {@code @Sample(indexedBy)} as written
 * @param stores its assignments (the declaration's initializer, then each {@code x = ...}), in source order
 */
public record RecordedLocal(String name, int line, int column, String value, String obs, List<String> indexedBy,
        List<Store> stores) {

    /** Copies the lists. */
    public RecordedLocal {
        indexedBy = List.copyOf(indexedBy);
        stores = List.copyOf(stores);
    }

    /**
     * One assignment of the local, as the compiled code stores it.
     *
     * @param slot the local's slot in the method that holds the code (javac's, after lambdas became methods)
     * @param firstLine the first source line of the assignment's statement
     * @param lastLine its last source line
     */
    public record Store(int slot, int firstLine, int lastLine) {
    }
}
