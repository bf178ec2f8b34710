package org.pyrite;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.IntConsumer;
import org.pyrite.handlers.BlockMessenger;
import org.pyrite.handlers.ConfigEnumerateMessenger;
import org.pyrite.handlers.EnumMessenger;
import org.pyrite.handlers.InferDiscrete;
import org.pyrite.handlers.MarkovMessenger;
import org.pyrite.handlers.ConditionMessenger;
import org.pyrite.handlers.DataMessenger;
import org.pyrite.handlers.InterveneMessenger;
import org.pyrite.handlers.MaskMessenger;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.handlers.ReplayMessenger;
import org.pyrite.handlers.ScaleMessenger;
import org.pyrite.handlers.SeedMessenger;
import org.pyrite.handlers.SubstituteMessenger;
import org.pyrite.handlers.Trace;
import org.pyrite.handlers.TraceMessenger;
import org.pyrite.handlers.UnconditionMessenger;
import org.pyrite.tensor.Tensor;

/**
 * Effect handlers as higher-order functions on models (Pyro's {@code poutine}): each returns a
 * new model that runs the given one under a handler. They compose freely, and each call of the
 * returned model uses a fresh handler, so a wrapped model may run on several threads at once.
 *
 * <pre>{@code
 * Trace t = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(8.5);
 * Model<Double, Tensor> quiet = Poutine.block(model, "noise");
 * }</pre>
 *
 * <p>Each handler is also a {@link Messenger} usable as a try-with-resources scope (see
 * {@code org.pyrite.handlers}).
 */
public final class Poutine {
    private Poutine() {}

    /** A model whose calls can be traced. */
    public static <A, R> TracedModel<A, R> trace(Model<A, R> model) {
        return new TracedModel<>(model);
    }

    /** {@code model} with latent sites taking their values from {@code trace}. */
    public static <A, R> Model<A, R> replay(Model<A, R> model, Trace trace) {
        return args -> run(new ReplayMessenger(trace), model, args);
    }

    /**
     * {@code model} with sites fixed to observed values ({@code Double} or {@code Tensor}). After a
     * run, a name that matched no site is an error naming it and the closest site name.
     */
    public static <A, R> Model<A, R> condition(Model<A, R> model, Map<String, ?> data) {
        ConditionMessenger template = new ConditionMessenger(data);
        return args -> runChecked(template.copy(), model, args);
    }

    /** {@code model} conditioned on the values of a trace's latent sample sites (its observed sites the model observes itself). */
    public static <A, R> Model<A, R> condition(Model<A, R> model, Trace trace) {
        ConditionMessenger template = ConditionMessenger.of(trace);
        return args -> runChecked(template.copy(), model, args);
    }

    /** {@code model} under Pearl's do-operator (see {@link InterveneMessenger} for the counterfactual site). */
    public static <A, R> Model<A, R> intervene(Model<A, R> model, Map<String, ?> data) {
        InterveneMessenger template = new InterveneMessenger(data);
        return args -> runChecked(template.copy(), model, args);
    }

    /** {@code model} with the named sites (all sites if none are named) hidden from outer handlers. */
    public static <A, R> Model<A, R> block(Model<A, R> model, String... hide) {
        String[] names = hide.clone();
        return args -> run(names.length == 0 ? BlockMessenger.hideAll() : BlockMessenger.hide(names), model, args);
    }

    /** {@code model} with the messages {@code hidden} accepts hidden from outer handlers. */
    public static <A, R> Model<A, R> block(Model<A, R> model, Predicate<Message> hidden) {
        return args -> run(new BlockMessenger(hidden), model, args);
    }

    /** {@code model} with every log-density multiplied by {@code factor} (finite, &gt; 0). */
    public static <A, R> Model<A, R> scale(Model<A, R> model, double factor) {
        new ScaleMessenger(factor); // validates now rather than at the first call
        return args -> run(new ScaleMessenger(factor), model, args);
    }

    /** {@code model} with log-densities masked by a 0/1 tensor. */
    public static <A, R> Model<A, R> mask(Model<A, R> model, Tensor mask) {
        MaskMessenger template = new MaskMessenger(mask); // checked once, here
        return args -> run(template.copy(), model, args);
    }

    /** {@code model} run with the thread's generator seeded (and the previous one restored afterwards). */
    public static <A, R> Model<A, R> seed(Model<A, R> model, long seed) {
        return args -> run(new SeedMessenger(seed), model, args);
    }

    /** {@code model} with params replaced by the given values. */
    public static <A, R> Model<A, R> substitute(Model<A, R> model, Map<String, ?> data) {
        SubstituteMessenger template = new SubstituteMessenger(data); // converted once, here
        return args -> run(template.copy(), model, args);
    }

    /** {@code model} with observed sites sampled instead. */
    public static <A, R> Model<A, R> uncondition(Model<A, R> model) {
        return args -> run(new UnconditionMessenger(), model, args);
    }

    /**
     * {@code model} with every latent site whose distribution can be enumerated (Bernoulli,
     * Categorical) marked {@code enumerate=parallel} (Pyro's {@code config_enumerate}); sites that
     * already say how to enumerate keep their mark.
     */
    public static <A, R> Model<A, R> configEnumerate(Model<A, R> model) {
        return args -> run(new ConfigEnumerateMessenger(), model, args);
    }

    /**
     * {@code model} with its sites marked {@code enumerate=parallel} enumerated from
     * {@code firstAvailableDim} ({@code -1 - maxPlateNesting}) leftwards (Pyro's {@code poutine.enum}).
     */
    public static <A, R> Model<A, R> enumerate(Model<A, R> model, int firstAvailableDim) {
        new EnumMessenger(firstAvailableDim); // validates now rather than at the first call
        return args -> run(new EnumMessenger(firstAvailableDim), model, args);
    }

    /**
     * {@code model} with its enumerated discrete sites (marked {@code enumerate=parallel}, e.g. by
     * {@link #configEnumerate}) set from their posterior given the rest of the run (Pyro's
     * {@code infer_discrete}): with {@code map}, the jointly most probable values (max-product,
     * Viterbi for a chain); otherwise one exact posterior draw (forward filtering, backward
     * sampling). Enumeration takes dims from {@code firstAvailableDim} ({@code -1 - maxPlateNesting}).
     *
     * <pre>{@code
     * Trace t = Poutine.inferDiscrete(Poutine.replay(model, guideTrace), -2, true).getTrace(data);
     * Tensor assignment = t.site("assignment").value();
     * }</pre>
     */
    public static <A, R> TracedModel<A, R> inferDiscrete(Model<A, R> model, int firstAvailableDim, boolean map) {
        new EnumMessenger(firstAvailableDim); // validates now rather than at the first call
        return new TracedModel<>(args -> InferDiscrete.run(() -> model.call(args), firstAvailableDim, map));
    }

    /**
     * Runs {@code body} for steps {@code 0..steps-1} as a first-order Markov chain (Pyro's
     * {@code for t in pyro.markov(range(steps))}): a step's sites may depend on its own and the
     * previous step's, so enumeration reuses dimensions along the chain.
     */
    public static void markov(int steps, IntConsumer body) {
        markov(steps, 1, body);
    }

    /** As {@link #markov(int, IntConsumer)}, for a chain whose steps depend on the {@code history} steps before them. */
    public static void markov(int steps, int history, IntConsumer body) {
        try (MarkovMessenger chain = new MarkovMessenger(history).enter()) {
            for (int t = 0; t < steps; t++) {
                chain.step();
                body.accept(t);
            }
        }
    }

    private static <A, R> R run(Messenger handler, Model<A, R> model, A args) {
        try (Messenger h = handler.enter()) {
            return model.call(args);
        }
    }

    /** Runs under a condition/intervene handler whose unmatched-name check only fires after a normal run. */
    private static <A, R> R runChecked(DataMessenger handler, Model<A, R> model, A args) {
        handler.enter();
        R result;
        try {
            result = model.call(args);
        } catch (RuntimeException | Error e) {
            handler.closeAfterFailure();
            throw e;
        }
        handler.close();
        return result;
    }

    /** A model whose calls can be traced with {@link #getTrace}. */
    public static final class TracedModel<A, R> implements Model<A, R> {
        private final Model<A, R> model;

        TracedModel(Model<A, R> model) {
            this.model = model;
        }

        /** Runs the model once and returns its trace, with the return value recorded. */
        public Trace getTrace(A args) {
            TraceMessenger tracer = new TraceMessenger();
            try (Messenger h = tracer.enter()) {
                tracer.recordReturn(model.call(args));
            }
            return tracer.trace();
        }

        @Override
        public R call(A args) {
            return model.call(args);
        }
    }
}
