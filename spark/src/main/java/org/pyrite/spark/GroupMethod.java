package org.pyrite.spark;

import java.io.Serializable;
import org.pyrite.Model;

/**
 * How one group's posterior is fitted ({@link SviMethod}, {@link NutsMethod}). It runs on the
 * thread of the executor's task, in a fresh param store and with the group's own seeded generator,
 * both installed by {@link PerGroup} before the call.
 */
interface GroupMethod extends Serializable {
    /** Fits {@code model} to {@code args} and returns its posterior draws. */
    <A> GroupPosterior fit(Model<A, ?> model, A args);

    /** The method as the output's {@code method} column names it. */
    String name();
}
