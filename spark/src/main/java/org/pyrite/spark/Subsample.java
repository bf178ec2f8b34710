package org.pyrite.spark;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.pyrite.distributions.Rng;

/** The mini-batch of a data-parallel SVI step: a uniformly random subset of the row indices, ascending. */
final class Subsample {
    private Subsample() {}

    /** {@code k} distinct indices of {@code 0..n-1}, ascending, drawn from a generator seeded with {@code seed}. */
    static int[] draw(long seed, int n, int k) {
        if (k == n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        UniformRandomProvider rng = Rng.seeded(seed).provider();
        // Floyd's algorithm: k draws, each index equally likely to be in the set.
        boolean[] taken = new boolean[n];
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            taken[taken[t] ? j : t] = true;
        }
        int[] out = new int[k];
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (taken[i]) {
                out[p++] = i;
            }
        }
        return out;
    }
}
