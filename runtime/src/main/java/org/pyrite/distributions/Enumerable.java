package org.pyrite.distributions;

import org.pyrite.tensor.Tensor;

/**
 * A distribution with a finite support that can be listed (Pyro's {@code has_enumerate_support}),
 * so that a site drawing from it can be summed out exactly by parallel enumeration.
 *
 * <pre>{@code
 * Tensor values = Categorical.probs(0.2, 0.3, 0.5).enumerateSupport();   // [0, 1, 2]
 * }</pre>
 *
 * <p>Only distributions with an event shape {@code []} implement it: the support of one batch entry
 * is listed once, and broadcasting takes care of the batch.
 */
public interface Enumerable {
    /** The values of the support of one batch entry, in increasing order, as a 1-d tensor. */
    Tensor enumerateSupport();

    /** The names of the distributions that implement this interface, for error messages. */
    static String implementations() {
        return "Bernoulli, Categorical";
    }
}
