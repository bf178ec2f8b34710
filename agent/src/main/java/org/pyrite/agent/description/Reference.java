package org.pyrite.agent.description;

/**
 * A name written in an annotation ({@code indexedBy}, {@code obs}), resolved where the draw is.
 *
 * @param name the name as written, trimmed
 * @param type the type of the local, parameter or field it names, as written in source
 *     ({@code int}, {@code double[]}, {@code org.pyrite.tensor.Tensor}); null when it names nothing
 * @param uncapturedIn when the draw is in a lambda body and the name is a local of the method that
 *     creates the lambda, which the lambda does not capture: that method's name; null otherwise
 */
public record Reference(String name, String type, String uncapturedIn) {

    /**
     * Whether the name was found.
     *
     * @return true when {@link #type} is known
     */
    public boolean resolved() {
        return type != null;
    }
}
