package org.pyrite.spark;

import java.io.Serializable;

/**
 * One partition's share of a data-parallel SVI step or loss evaluation: its part of each loss
 * estimate, and for a step its part of the gradient of every param the step read (unconstrained,
 * flattened), in the order {@code names}. A partition with no row in the mini-batch has no share
 * ({@link #NONE}).
 */
record ShareGradient(double[] losses, String[] names, double[][] grads) implements Serializable {
    static final ShareGradient NONE = new ShareGradient(null, null, null);

    boolean isNone() {
        return losses == null;
    }
}
