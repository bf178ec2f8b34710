package org.pyrite.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pyrite.Model;
import org.pyrite.params.ParamStore;

/**
 * What an executor keeps between the steps of a data-parallel fit, per fit and partition: the
 * guide it built (an autoguide traces the model once, at its first call) and the param store
 * holding the params it receives each step. Tasks of one partition run one step after another,
 * so one state is used by one task at a time; it is locked anyway, in case Spark re-runs a task.
 */
final class ExecutorState {
    private static final Map<String, ExecutorState> STATES = new ConcurrentHashMap<>();

    final Model<?, ?> guide;
    final ParamStore store = new ParamStore();
    boolean ready;
    boolean checked;

    private ExecutorState(Model<?, ?> guide) {
        this.guide = guide;
    }

    /** The state of fit {@code runId} for {@code partition} on this JVM, made with {@code guide} if missing. */
    static ExecutorState of(String runId, int partition, java.util.function.Supplier<Model<?, ?>> guide) {
        return STATES.computeIfAbsent(runId + "#" + partition, k -> new ExecutorState(guide.get()));
    }

    /** Drops every state of fit {@code runId} on this JVM. */
    static void forget(String runId) {
        STATES.keySet().removeIf(k -> k.startsWith(runId + "#"));
    }
}
