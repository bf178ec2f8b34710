package org.pyrite.diagnostics;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" suggestions for site and param names, by edit distance: the one rule the runtime's
 * errors and the agent's load-time checks share (the agent jar carries a relocated copy of this
 * class, so that it needs nothing of the runtime on the class path it runs from).
 */
public final class Names {
    private Names() {}

    /**
     * The closest of {@code known} to {@code name}, if it is within an edit distance of half the
     * length of {@code name} (at least 2): far enough to catch a typo or a swapped pair of letters,
     * near enough not to suggest an unrelated name.
     *
     * @param name the name that matched nothing
     * @param known the names it could have meant
     * @return the suggestion, or empty when none is close
     */
    public static Optional<String> closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best == null || bestDistance > Math.max(2, name.length() / 2)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /**
     * {@code "; did you mean 'x'?"} for the {@link #closest} of {@code known} to {@code name}, else
     * the empty string.
     *
     * @param name the name that matched nothing
     * @param known the names it could have meant
     * @return a clause to append to an error message
     */
    public static String didYouMean(String name, Collection<String> known) {
        return closest(name, known).map(best -> "; did you mean '" + best + "'?").orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
