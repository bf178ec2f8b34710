package org.pyrite.handlers;

import java.util.Map;
import java.util.function.Supplier;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * Runs a model with its enumerated discrete sites set from their posterior given everything else
 * (Pyro's {@code infer_discrete}): the model runs once under parallel enumeration (hidden from
 * outer handlers), the trace is contracted and decoded ({@link EnumeratedTerms#decode}), and the
 * model runs again with those values, and with its other latent sites as the first run drew
 * them. {@code Poutine.inferDiscrete} wraps this as a model.
 *
 * <pre>{@code
 * Trace viterbi = Poutine.inferDiscrete(trained, -1, true).getTrace(data);   // MAP assignment
 * }</pre>
 */
public final class InferDiscrete {
    private InferDiscrete() {}

    /**
     * Runs {@code body} (a model call) with its enumerated sites decoded: the jointly most probable
     * values when {@code map}, otherwise one draw from their exact posterior; returns what the
     * second run returned.
     */
    public static <R> R run(Supplier<R> body, int firstAvailableDim, boolean map) {
        Trace first;
        try (Autograd.Scope noGrad = Autograd.noGrad();
                Messenger hide = BlockMessenger.hideAll().enter();
                TraceMessenger tracer = new TraceMessenger().enter();
                Messenger enumerate = new EnumMessenger(firstAvailableDim).enter()) {
            body.get();
            first = tracer.trace();
        }
        Map<String, Tensor> decoded;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            decoded = EnumeratedTerms.of(first, -firstAvailableDim - 1).decode(map);
        }
        try (Messenger replay = new DiscreteReplayMessenger(decoded, first).enter()) {
            return body.get();
        }
    }
}
