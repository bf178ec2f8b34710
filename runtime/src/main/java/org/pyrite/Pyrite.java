package org.pyrite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Rng;
import org.pyrite.distributions.Unit;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.handlers.HandlerStack;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.nn.Module;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Pyrite's primitives (Pyro's {@code pyro.*}): named random choices, parameters, and the
 * conditioning operators. Import statically:
 *
 * <pre>{@code
 * import static org.pyrite.Pyrite.*;
 *
 * static Tensor scale(double guess) {
 *     Tensor weight = sample("weight", Normal.of(guess, 1.0));
 *     return sample("measurement", Normal.of(weight, 0.75));
 * }
 * Model<Double, Tensor> conditioned = condition(Tutorial::scale, Map.of("measurement", 9.5));
 * }</pre>
 *
 * <p>Every primitive goes through the current thread's handler stack; with no handler active,
 * {@code sample} simply draws and {@code param} reads the current {@link ParamStore}.
 */
public final class Pyrite {
    private Pyrite() {}

    /**
     * A named random choice from {@code distribution}. Handlers may fix its value (condition,
     * replay) or record it (trace); otherwise it is drawn, reparameterized where the
     * distribution allows so gradients flow through it.
     */
    public static Tensor sample(String name, Distribution distribution) {
        requireName(name);
        Objects.requireNonNull(distribution, () -> "sample '" + name + "': distribution is null");
        if (HandlerStack.isEmpty()) {
            return distribution.hasRsample() ? distribution.rsample() : distribution.sample();
        }
        Message msg = Message.sample(name, distribution, null);
        HandlerStack.apply(msg);
        return msg.value();
    }

    /**
     * A named random choice carrying inference options (Pyro's {@code infer=}), e.g.
     * {@code Map.of("is_auxiliary", true)} for a guide-only site that the site check and the ELBO
     * treat as auxiliary.
     */
    public static Tensor sample(String name, Distribution distribution, Map<String, ?> infer) {
        requireName(name);
        Objects.requireNonNull(distribution, () -> "sample '" + name + "': distribution is null");
        if (HandlerStack.isEmpty()) {
            return distribution.hasRsample() ? distribution.rsample() : distribution.sample();
        }
        Message msg = Message.sample(name, distribution, null);
        msg.infer().putAll(infer);
        HandlerStack.apply(msg);
        return msg.value();
    }

    /** A named choice observed to equal {@code obs} (Pyro's {@code obs=}); returns {@code obs}. */
    public static Tensor sample(String name, Distribution distribution, Tensor obs) {
        requireName(name);
        Objects.requireNonNull(distribution, () -> "sample '" + name + "': distribution is null");
        Objects.requireNonNull(obs, () -> "sample '" + name + "': obs is null; use sample(name, distribution) for a latent site");
        if (HandlerStack.isEmpty()) {
            return obs;
        }
        Message msg = Message.sample(name, distribution, obs);
        HandlerStack.apply(msg);
        return msg.value();
    }

    /** A named choice observed to equal the scalar {@code obs}. */
    public static Tensor sample(String name, Distribution distribution, double obs) {
        return sample(name, distribution, Tensor.scalar(obs));
    }

    /** An existing parameter of the current store (throws naming it when it does not exist). */
    public static Tensor param(String name) {
        return param(name, null, null);
    }

    /**
     * A named learnable parameter, unconstrained: initialized to {@code init} on first use, the
     * stored value afterwards.
     */
    public static Tensor param(String name, Tensor init) {
        return param(name, init, null);
    }

    /**
     * A named learnable parameter restricted to {@code constraint}: stored unconstrained, read
     * back through the constraint's bijection.
     */
    public static Tensor param(String name, Tensor init, Constraint constraint) {
        requireName(name);
        ParamStore store = ParamStore.current();
        if (HandlerStack.isEmpty()) {
            return store.getOrInit(name, () -> init, constraint);
        }
        Message msg = Message.param(name, () -> store.getOrInit(name, () -> init, constraint));
        HandlerStack.apply(msg);
        return msg.value();
    }

    /**
     * Registers {@code module}'s parameters in the current param store under {@code name} (Pyro's
     * {@code pyro.module}) and returns the module, bound to the stored values, for its forward pass:
     * <pre>{@code
     * Tensor h = module("encoder", encoder).forward(x);   // params encoder.0.weight, encoder.0.bias, ...
     * }</pre>
     * Each parameter becomes the param {@code name.path} (created from the module's initial value
     * on first use, so optimizers, {@code ParamStore.save} and {@code load} treat it as any param);
     * registering the same module again binds the same params. A parameter with a prior
     * ({@link Module#setPrior}) is drawn at the sample site {@code name.path} instead (a Bayesian
     * layer). Call it in the model or guide on every run, before the forward pass.
     *
     * @throws IllegalArgumentException when the store holds a param of one of these names with
     *     another shape (naming both)
     */
    public static <M extends Module> M module(String name, M module) {
        requireName(name);
        Objects.requireNonNull(module, () -> "module '" + name + "' is null");
        return ModuleRegistration.register(name, module);
    }

    /**
     * Loads a param file saved by {@code ParamStore.save} into the current store and registers
     * {@code module} under {@code name} with the loaded values. The file must hold every
     * point-valued parameter of the module, with its shape, and no other param under
     * {@code name.}; otherwise it is refused with an {@link IOException} naming the param and both
     * shapes, and nothing is changed.
     */
    public static <M extends Module> M loadModule(String name, M module, Path file) throws IOException {
        requireName(name);
        Objects.requireNonNull(module, () -> "module '" + name + "' is null");
        return ModuleRegistration.load(name, module, file);
    }

    /** Adds {@code logWeight} to the log joint density (Pyro's {@code factor}). */
    public static void factor(String name, Tensor logWeight) {
        Unit u = Unit.of(logWeight);
        sample(name, u, Tensor.zeros(logWeight.shape()));
    }

    /**
     * Records a value computed from others as a site of its own (Pyro's {@code deterministic}),
     * so traces and predictive draws include it; it adds nothing to the log density. As in Pyro,
     * the whole value is one event: inside a plate of 3, a value of shape {@code [3, 2]} is recorded
     * whole (give {@link #deterministic(String, Tensor, int)} an {@code eventDim} to make its leading
     * dimensions batch dimensions instead).
     */
    public static Tensor deterministic(String name, Tensor value) {
        return deterministic(name, value, value.rank());
    }

    /**
     * As {@link #deterministic(String, Tensor)}, with the rightmost {@code eventDim} dimensions of
     * the value as its event and the others as batch dimensions, which plates check (Pyro's
     * {@code event_dim}).
     *
     * <pre>{@code
     * try (PlateMessenger p = plate("data", 3)) {
     *     deterministic("xy", coordinates, 1);    // coordinates [3, 2]: one 2-vector per entry
     * }
     * }</pre>
     */
    public static Tensor deterministic(String name, Tensor value, int eventDim) {
        requireName(name);
        if (eventDim < 0 || eventDim > value.rank()) {
            throw new IllegalArgumentException("deterministic site '" + name + "': eventDim must be between 0 and the value's rank "
                    + value.rank() + " (shape " + java.util.Arrays.toString(value.shape()) + "), got " + eventDim);
        }
        if (HandlerStack.isEmpty()) {
            return value;
        }
        Unit unit = Unit.of(Tensor.zeros(value.shape()));
        Message msg = Message.sample(name, eventDim == 0 ? unit : unit.toEvent(eventDim), value);
        msg.infer().put("_deterministic", Boolean.TRUE);
        HandlerStack.apply(msg);
        return msg.value();
    }

    /**
     * A plate of {@code size} conditionally independent entries on an automatically chosen batch
     * dimension, entered for a try-with-resources block:
     * <pre>{@code
     * try (PlateMessenger p = plate("data", 100)) {
     *     sample("y", Normal.of(mu, 1.0), y);    // y has shape [100]
     * }
     * }</pre>
     */
    public static PlateMessenger plate(String name, int size) {
        return new PlateMessenger(name, size, size, null, true).enter();
    }

    /**
     * A subsampled plate: each run draws {@code subsampleSize} of the {@code size} indices
     * ({@link PlateMessenger#subsample()}) and scales log-densities by {@code size / subsampleSize}.
     */
    public static PlateMessenger plate(String name, int size, int subsampleSize) {
        return new PlateMessenger(name, size, subsampleSize, null, true).enter();
    }

    /** A (possibly subsampled) plate on an explicit negative batch dimension {@code dim}. */
    public static PlateMessenger plate(String name, int size, int subsampleSize, int dim) {
        return new PlateMessenger(name, size, subsampleSize, dim, true).enter();
    }

    /**
     * A sequential plate (Pyro's {@code for i in plate(...)}): {@code body} runs once per index
     * of the (sub)sample, without broadcasting, with log-densities scaled by
     * {@code size / subsampleSize}. Name the sites inside by index, e.g. {@code "y_" + i}.
     */
    public static void plate(String name, int size, int subsampleSize, IntConsumer body) {
        try (PlateMessenger p = new PlateMessenger(name, size, subsampleSize, null, false).enter()) {
            for (int i : p.subsample()) {
                body.accept(i);
            }
        }
    }

    /** {@code model} with sites fixed to observed values ({@code Double} or {@code Tensor}); see {@link Poutine#condition}. */
    public static <A, R> Model<A, R> condition(Model<A, R> model, Map<String, ?> data) {
        return Poutine.condition(model, data);
    }

    /** {@code model} under Pearl's do-operator (Pyro's {@code do}); see {@link Poutine#intervene}. */
    public static <A, R> Model<A, R> intervene(Model<A, R> model, Map<String, ?> data) {
        return Poutine.intervene(model, data);
    }

    /** Seeds this thread's generator: every draw after it is reproducible (Pyro's {@code set_rng_seed}). */
    public static void setRngSeed(long seed) {
        Rng.setSeed(seed);
    }

    /** Removes every parameter from the current store (Pyro's {@code clear_param_store}). */
    public static void clearParamStore() {
        ParamStore.current().clear();
    }

    /**
     * Attaches the Pyrite agent to this JVM (self-attach, for tests and JShell), so that classes
     * using {@code @Model}/{@code @Guide}/{@code @Sample}/{@code @Param} are rewritten and
     * checked; classes loaded before the call are rewritten too. Does nothing when the agent is
     * already installed (for example by {@code -javaagent:pyrite-agent.jar}).
     *
     * <pre>{@code
     * Pyrite.installAgent();
     * Trace t = Poutine.trace(new ScaleModels()::scale).getTrace(8.5);   // sites "weight", "measurement"
     * }</pre>
     *
     * @throws IllegalStateException when the agent ({@code org.pyrite:pyrite-agent}) is not on the
     *     class path, or this JVM cannot attach it
     */
    public static void installAgent() {
        Class<?> agent;
        try {
            agent = Class.forName("org.pyrite.agent.PyriteAgent", true, Pyrite.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Pyrite.installAgent(): the Pyrite agent is not on the class path; add the "
                    + "org.pyrite:pyrite-agent jar to it, or start the JVM with -javaagent:pyrite-agent.jar", e);
        }
        try {
            agent.getMethod("install").invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Pyrite.installAgent(): " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Pyrite.installAgent(): the Pyrite agent on the class path has no "
                    + "install() method; use pyrite-agent of the same version as pyrite-runtime", e);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a sample or param statement needs a non-empty name, got "
                    + (name == null ? "null" : "\"\""));
        }
    }
}
