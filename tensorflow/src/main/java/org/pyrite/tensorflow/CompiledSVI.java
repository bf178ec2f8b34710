package org.pyrite.tensorflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.RandomProviderState;
import org.pyrite.Model;
import org.pyrite.distributions.Rng;
import org.pyrite.infer.ELBO;
import org.pyrite.optim.Optimizer;
import org.pyrite.params.ParamStore;
import org.pyrite.params.ParamTransaction;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat64;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Stochastic variational inference whose whole step (model, guide, ELBO, gradients by TensorFlow,
 * the optimizer's update) is one TensorFlow graph, run by one {@code Session.run} per step.
 *
 * <pre>{@code
 * try (CompiledSVI<Double> svi = CompiledSVI.compile(conditioned, guide, new Adam(0.01), new TraceELBO(), 8.5)) {
 *     for (int t = 0; t < 2000; t++) {
 *         svi.step(8.5);
 *     }
 * }
 * double a = param("a").item();   // the trained value, written back to the param store
 * }</pre>
 *
 * <p>Compiling runs model and guide once on the CPU (which creates and checks their params and
 * sites, with validation on), then traces them with symbolic tensors into a graph. A model whose
 * structure depends on a sampled or learned value is refused there, naming the site. Params live
 * in TensorFlow resource variables initialised from the current {@link ParamStore}; each step
 * writes the new values back, so {@code param(...)}, {@code Predictive} and {@code ParamStore.save}
 * see the trained values. Reparameterized guide draws take standard-normal noise drawn from the
 * thread's generator and fed at every step, in the order the CPU {@code SVI} draws it:
 * {@code setRngSeed} makes runs reproducible, and one compiled step equals one CPU step from the
 * same seed. A step whose loss, gradient or new value is not finite changes no param and no
 * optimizer state and throws.
 *
 * <p>The graph is specialised to the arguments it was compiled with (their tensors are constants
 * of the graph, or variables loaded once when large): {@link #step} takes the same arguments
 * ({@code equals}; a record holding tensors, the same tensor instances), or compile again for
 * others. Not thread-safe; one thread steps it, as with {@code SVI}.
 *
 * @param <A> the argument type shared by model and guide
 */
public final class CompiledSVI<A> implements AutoCloseable {
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final A args;
    private final String device;
    private final ParamStore store;
    private final Optimizer<?> optimizer;
    private final StepGraph graph;
    private final Session session;
    private final String[] names;
    private long buildNanos;
    private boolean closed;

    private CompiledSVI(A args, String device, ParamStore store, Optimizer<?> optimizer, StepGraph graph, Session session) {
        this.args = args;
        this.device = device;
        this.store = store;
        this.optimizer = optimizer;
        this.graph = graph;
        this.session = session;
        this.names = new String[graph.params.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = graph.params.get(i).name;
        }
    }

    /** Compiles a step of {@code model} with {@code guide} for {@code exampleArgs}, on a device TensorFlow chooses. */
    public static <A> CompiledSVI<A> compile(Model<A, ?> model, Model<A, ?> guide, Optimizer<?> optimizer, ELBO elbo,
                                             A exampleArgs) {
        return compile(model, guide, optimizer, elbo, exampleArgs, "");
    }

    /**
     * Compiles a step with every node placed on {@code device}, e.g. {@code "/CPU:0"} or
     * {@code "/GPU:0"} ({@code ""} lets TensorFlow choose, which prefers a GPU when the native
     * build has one).
     *
     * @throws IllegalStateException when TensorFlow's native library does not load, or the model
     *     cannot be compiled (its structure depends on a value: the message names the site)
     * @throws UnsupportedOperationException for a guide, ELBO, optimizer or op that does not compile yet
     */
    public static <A> CompiledSVI<A> compile(Model<A, ?> model, Model<A, ?> guide, Optimizer<?> optimizer, ELBO elbo,
                                             A exampleArgs, String device) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(guide, "guide");
        Objects.requireNonNull(device, "device");
        TensorFlowNative.require();
        GraphOptimizer rule = GraphOptimizer.of(Objects.requireNonNull(optimizer, "optimizer"));
        SymbolicElbo symbolic = SymbolicElbo.of(Objects.requireNonNull(elbo, "elbo"));
        long start = System.nanoTime();
        ParamStore store = ParamStore.current();
        List<String> params = cpuRun(model, guide, elbo, exampleArgs);
        for (String name : params) {
            if (optimizer.state(name) != null) {
                throw new IllegalArgumentException("the optimizer " + optimizer + " already holds state for param '" + name
                        + "' (it stepped on the CPU); a compiled step keeps its own state in the graph, so give it a fresh optimizer");
            }
        }
        StepGraph step = StepGraph.build(model, guide, exampleArgs, symbolic, rule, store, params, device);
        Session session;
        try {
            session = new Session(step.graph, TensorFlowDevices.config(device));
        } catch (RuntimeException e) {
            step.graph.close();
            throw e;
        }
        OPEN.incrementAndGet();
        CompiledSVI<A> svi = new CompiledSVI<>(exampleArgs, device, store, optimizer, step, session);
        try {
            svi.loadParams();
            svi.resetState();
            svi.loadData();
        } catch (RuntimeException e) {
            svi.close();
            // The first run is where TensorFlow places the nodes: a device it lacks fails here.
            throw device.isEmpty() ? e : TensorFlowDevices.unavailable(device, e);
        }
        svi.buildNanos = System.nanoTime() - start;
        return svi;
    }

    /**
     * Runs model and guide once on the CPU with the ELBO's own checks (sites, shapes, supports),
     * creating their params; returns the params they read. The thread's generator is put back
     * afterwards, so compiling draws nothing from it.
     */
    private static <A> List<String> cpuRun(Model<A, ?> model, Model<A, ?> guide, ELBO elbo, A args) {
        Rng rng = Rng.current();
        RandomProviderState saved = rng.saveState();
        ParamStore store = ParamStore.current();
        try (ParamTransaction tx = store.begin("compile an SVI step"); Autograd.Scope noTape = Autograd.noGrad()) {
            ELBO.Estimate e = elbo.estimate(model, guide, args, true);
            // Commit the params the run created: an update with their own values changes nothing else.
            String[] names = e.params().toArray(new String[0]);
            Tensor[] values = new Tensor[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = store.unconstrained(names[i]);
            }
            tx.update(names, values, "CompiledSVI.compile");
            return e.params();
        } finally {
            rng.restoreState(saved);
        }
    }

    /** One step: returns the loss estimate before the update. */
    public double step(A stepArgs) {
        requireOpen();
        if (!Objects.equals(stepArgs, args)) {
            throw new IllegalArgumentException("this step was compiled for arguments " + args + " and got " + stepArgs
                    + "; the graph holds its arguments (their tensors are in the graph), so compile again for other arguments");
        }
        Rng rng = Rng.current();
        List<org.tensorflow.Tensor> feeds = new ArrayList<>(graph.feeds.size());
        try {
            Session.Runner runner = session.runner();
            for (StepFeed f : graph.feeds) {
                f.feed(runner, rng, feeds);
            }
            runner.fetch(graph.loss).fetch(graph.ok);
            for (org.tensorflow.Output<?> v : graph.newValues) {
                runner.fetch(v);
            }
            for (org.tensorflow.GraphOperation a : graph.assigns) {
                runner.addTarget(a);
            }
            double loss;
            Tensor[] values = new Tensor[names.length];
            try (Result r = runner.run()) {
                loss = ((TFloat64) r.get(0)).getDouble();
                boolean ok = ((TBool) r.get(1)).getBoolean();
                if (!ok) {
                    throw new IllegalStateException("the compiled step's loss (" + loss + "), a gradient or a new value is not finite,"
                            + " or a new value is outside its param's constraint; no parameter was changed. Check the params' initial values and constraints, or lower the learning rate");
                }
                for (int i = 0; i < names.length; i++) {
                    values[i] = toTensor((TFloat64) r.get(2 + i), graph.params.get(i).shape);
                }
            }
            writeBack(values);
            return loss;
        } finally {
            for (org.tensorflow.Tensor t : feeds) {
                t.close();
            }
        }
    }

    /** {@code steps} steps; returns the loss of each. */
    public double[] run(int steps, A stepArgs) {
        if (steps < 0) {
            throw new IllegalArgumentException("run: steps must be >= 0, got " + steps);
        }
        double[] losses = new double[steps];
        for (int t = 0; t < steps; t++) {
            losses[t] = step(stepArgs);
        }
        return losses;
    }

    private void writeBack(Tensor[] values) {
        try (ParamTransaction tx = store.begin("write back a compiled SVI step")) {
            tx.update(names, values, optimizer);
        } catch (RuntimeException e) {
            // The store refused a value the graph took: put the graph's params back to the store's.
            loadParams();
            throw e;
        }
    }

    /** Sets the graph's params to the param store's current values (after the store was changed or loaded outside). */
    public void loadParams() {
        requireOpen();
        List<TFloat64> feeds = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (GraphVariable v : graph.params) {
                Tensor u = store.unconstrained(v.name);
                TFloat64 t = TFloat64.tensorOf(GraphOps.shape(v.shape), DataBuffers.of(u.toArray(), true, false));
                feeds.add(t);
                runner.feed(v.initValue, t).addTarget(v.initAssign);
            }
            runner.run().close();
        } finally {
            feeds.forEach(TFloat64::close);
        }
    }

    /** Zeroes the optimizer's state in the graph (moments, step counts): the next step is a first step. */
    private void resetState() {
        if (graph.stateVars.isEmpty()) {
            return;
        }
        List<TFloat64> feeds = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (GraphVariable v : graph.stateVars) {
                // Explicit zeros: a tensor allocated by shape alone holds whatever the memory held.
                double[] zeros = new double[org.pyrite.tensor.Shape.numel(v.shape)];
                TFloat64 t = TFloat64.tensorOf(GraphOps.shape(v.shape), DataBuffers.of(zeros, true, false));
                feeds.add(t);
                runner.feed(v.initValue, t).addTarget(v.initAssign);
            }
            runner.run().close();
        } finally {
            feeds.forEach(TFloat64::close);
        }
    }

    /** Loads the arguments' large tensors into their variables (once: the arguments do not change). */
    private void loadData() {
        for (java.util.Map.Entry<GraphVariable, double[]> e : graph.dataVars) {
            GraphVariable v = e.getKey();
            try (TFloat64 t = TFloat64.tensorOf(GraphOps.shape(v.shape), DataBuffers.of(e.getValue(), true, false))) {
                session.runner().feed(v.initValue, t).addTarget(v.initAssign).run().close();
            }
        }
        graph.dataVars.clear();
    }

    private static Tensor toTensor(TFloat64 t, int[] shape) {
        if (shape.length == 0) {
            return Tensor.scalar(t.getDouble());
        }
        double[] out = new double[org.pyrite.tensor.Shape.numel(shape)];
        t.copyTo(DataBuffers.of(out, false, false));
        return Tensor.fromArray(out, shape);
    }

    /** The device the step's nodes were placed on ({@code ""}: TensorFlow's choice). */
    public String device() {
        return device;
    }

    /** The names of the params the step trains, in the order the CPU run read them. */
    public List<String> params() {
        return List.of(names);
    }

    /** Nanoseconds compiling took: the CPU run, tracing, gradients, the session and the variables' initialisation. */
    public long buildNanos() {
        return buildNanos;
    }

    /** Compiled steps whose session is still open, in this JVM (a leak check for tests). */
    public static int openCount() {
        return OPEN.get();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this CompiledSVI is closed; compile again");
        }
    }

    /** Closes the session and the graph; the params stay in the param store with their last values. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } finally {
            graph.graph.close();
            OPEN.decrementAndGet();
        }
    }
}
