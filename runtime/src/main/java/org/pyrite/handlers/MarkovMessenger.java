package org.pyrite.handlers;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Marks a chain of steps as Markov (Pyro's {@code pyro.markov}): a site may depend on the sites of
 * its own step and of the {@code history} steps before it, and on nothing older. Parallel
 * enumeration ({@link EnumMessenger}) uses that to reuse the dimensions of enumerated sites that
 * have left the window, so a chain of any length needs only {@code history + 1} enumeration
 * dimensions.
 *
 * <pre>{@code
 * Poutine.markov(data.length, t -> {
 *     x[0] = sample("x_" + t, Categorical.probs(Vindex.rows(trans, x[0])), Map.of("enumerate", "parallel"));
 *     sample("y_" + t, Normal.of(Vindex.rows(locs, x[0]), 1.0), data[t]);
 * });
 * }</pre>
 *
 * <p>Each sample site it sees carries, under the infer key {@value #SCOPE_KEY}, the names of the
 * sites in its window (an outer Markov context adds its own window to an inner one's).
 */
public final class MarkovMessenger extends Messenger {
    /** Infer key under which a site lists the sites it may depend on (a {@code Set<String>}). */
    public static final String SCOPE_KEY = "_markov_scope";

    private final int history;
    private final ArrayDeque<Set<String>> window = new ArrayDeque<>();

    /** A chain whose steps depend on the {@code history} steps before them (1 for a first-order chain). */
    public MarkovMessenger(int history) {
        if (history < 0) {
            throw new IllegalArgumentException("markov: history must be >= 0, got " + history);
        }
        this.history = history;
    }

    /** Starts the next step: sites from here on belong to it, and the oldest step leaves the window. */
    public void step() {
        window.addLast(new HashSet<>());
        while (window.size() > history + 1) {
            window.removeFirst();
        }
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE) {
            return;
        }
        if (window.isEmpty()) {
            step();
        }
        window.peekLast().add(msg.name());
        @SuppressWarnings("unchecked")
        Set<String> scope = (Set<String>) msg.infer().get(SCOPE_KEY);
        Set<String> merged = scope == null ? new HashSet<>() : new HashSet<>(scope);
        for (Set<String> step : window) {
            merged.addAll(step);
        }
        msg.infer().put(SCOPE_KEY, merged);
    }

    @Override
    protected String describe() {
        return "markov (history " + history + ")";
    }
}
