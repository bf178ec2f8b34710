package org.pyrite.tensorflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.context.Validation;
import org.pyrite.distributions.Rng;
import org.pyrite.distributions.transforms.Transforms;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/**
 * One SVI step as a TensorFlow graph: the negative ELBO traced from model and guide, its gradients
 * by TensorFlow, and the optimizer's update, assigned only when the loss, every gradient and every
 * new value are finite (so a failed step changes nothing). Built once by {@link #build}; run by
 * {@link CompiledSVI}.
 */
final class StepGraph {
    final Graph graph;
    final List<GraphVariable> params = new ArrayList<>();
    final List<GraphVariable> stateVars = new ArrayList<>();
    /** The arguments' large tensors, in variables to load once (with these values) before the first step. */
    final List<java.util.Map.Entry<GraphVariable, double[]>> dataVars = new ArrayList<>();
    final List<StepFeed> feeds;
    final Output<?> loss;
    final Output<?> ok;
    final List<Output<?>> newValues = new ArrayList<>();
    final List<GraphOperation> assigns = new ArrayList<>();

    private StepGraph(Graph graph, List<StepFeed> feeds, Output<?> loss, Output<?> ok) {
        this.graph = graph;
        this.feeds = feeds;
        this.loss = loss;
        this.ok = ok;
    }

    /**
     * Traces one step of {@code model} and {@code guide} with {@code args} into a new graph whose
     * nodes are placed on {@code device}; {@code paramNames} are the params a CPU run read.
     * The graph is closed again when building fails.
     */
    static <A> StepGraph build(Model<A, ?> model, Model<A, ?> guide, A args, SymbolicElbo elbo, GraphOptimizer rule,
                               ParamStore store, List<String> paramNames, String device) {
        Graph graph = new Graph();
        try {
            return build(graph, model, guide, args, elbo, rule, store, paramNames, device);
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    private static <A> StepGraph build(Graph graph, Model<A, ?> model, Model<A, ?> guide, A args, SymbolicElbo elbo,
                                       GraphOptimizer rule, ParamStore store, List<String> paramNames, String device) {
        GraphOps ops = new GraphOps(graph, device);
        GraphBackend backend = new GraphBackend(ops);
        Map<String, GraphVariable> vars = new LinkedHashMap<>();
        int[] ids = {0};
        for (String name : paramNames) {
            vars.put(name, GraphVariable.create(ops, name, store.unconstrained(name).shape(), ids[0]++));
        }
        StepTracer tracer = new StepTracer(backend, store, vars);
        Tensor lossTensor;
        // Draws made while tracing (a plate's subsample) come from a private generator: the thread's
        // stream is left for the steps, and the traced indices are practically unique, which is how
        // a gather by them is recognised and fed.
        Rng own = Rng.install(Rng.seeded(0x5EED_7F00L));
        try {
            elbo.prepare(model, guide, args);
        } catch (RuntimeException | Error e) {
            Rng.install(own);
            throw e;
        }
        try (StepTracer t = tracer.enter(); Validation.Scope noChecks = Validation.disabled(); Autograd.Scope noTape = Autograd.noGrad()) {
            // Values were validated by the CPU run that found the params; here there are none to check.
            lossTensor = elbo.loss(model, guide, ArgsLifter.lift(args, backend));
        } catch (SymbolicValueException e) {
            throw new IllegalStateException("the model cannot be compiled: " + e.getMessage(), e);
        } finally {
            Rng.install(own);
        }
        if (lossTensor.backend() != backend) {
            throw new IllegalArgumentException("the loss does not depend on any param (model and guide read none), so there is"
                    + " nothing to compile; params read: " + paramNames);
        }
        Output<?> loss = backend.out(lossTensor);
        List<GraphVariable> paramList = new ArrayList<>(vars.values());
        Output<?>[] reads = new Output<?>[paramList.size()];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = paramList.get(i).read;
        }
        Output<?>[] grads = gradients(ops, loss, reads);
        Output<?> ok = ops.op("IsFinite", loss);
        List<GraphOptimizer.Proposal> proposals = new ArrayList<>();
        List<GraphVariable> state = new ArrayList<>();
        GraphOptimizer.StateVariables factory = (name, shape) -> {
            GraphVariable v = GraphVariable.create(ops, name, shape, ids[0]++);
            state.add(v);
            return v;
        };
        for (int i = 0; i < reads.length; i++) {
            GraphVariable p = paramList.get(i);
            Output<?> g = grads[i] != null ? grads[i] : ops.op("ZerosLike", p.read);
            GraphOptimizer.Proposal proposal = rule.update(ops, factory, p, g);
            proposals.add(proposal);
            Tensor next = backend.wrap(proposal.value, p.shape);
            Tensor constrainedTensor = Transforms.bijectTo(store.constraint(p.name)).forward(next);
            Output<?> constrained = backend.out(constrainedTensor);
            ok = and(ops, ok, allFinite(ops, g));
            ok = and(ops, ok, allFinite(ops, proposal.value));
            ok = and(ops, ok, allFinite(ops, constrained));
            // Inside the constraint too (exp of a hugely negative value is 0, which is not positive), as the store checks.
            Output<?> inside = backend.out(store.constraint(p.name).check(constrainedTensor));
            ok = and(ops, ok, allTrue(ops, ops.op("NotEqual", inside, ops.scalar(0.0))));
        }
        StepGraph step = new StepGraph(graph, tracer.feeds(), loss, ok);
        step.params.addAll(paramList);
        step.stateVars.addAll(state);
        step.dataVars.addAll(backend.dataVariables);
        for (int i = 0; i < proposals.size(); i++) {
            GraphOptimizer.Proposal proposal = proposals.get(i);
            GraphVariable p = paramList.get(i);
            Output<?> kept = ops.op("SelectV2", ok, proposal.value, p.read);
            step.newValues.add(kept);
            step.assigns.add(p.assign(ops, kept));
            for (int k = 0; k < proposal.stateVars.size(); k++) {
                GraphVariable s = proposal.stateVars.get(k);
                Output<?> next = ops.op("BroadcastTo", proposal.stateValues.get(k), ops.ints(s.shape));
                step.assigns.add(s.assign(ops, ops.op("SelectV2", ok, next, s.read)));
            }
        }
        return step;
    }

    /** TensorFlow's gradients of {@code loss}; an op without one is named with the sites it came from. */
    private static Output<?>[] gradients(GraphOps ops, Output<?> loss, Output<?>[] xs) {
        try {
            return ops.graph().addGradients(loss, xs);
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("No gradient defined for op: (\\w+)").matcher(msg);
            if (!m.find()) {
                throw e;
            }
            String type = m.group(1);
            throw new UnsupportedOperationException("TensorFlow has no gradient for op " + type + ", built in the model or guide at or after"
                    + " site(s) " + ops.sitesOf(type) + " (the last site seen when it was built), so this step cannot be compiled; register one with"
                    + " TensorFlow.registerCustomGradient(\"" + type + "\", ...) before compiling, or use the CPU SVI", e);
        }
    }

    private static Output<?> allFinite(GraphOps ops, Output<?> x) {
        return allTrue(ops, ops.op("IsFinite", x));
    }

    private static Output<?> allTrue(GraphOps ops, Output<?> finite) {
        int rank = (int) finite.shape().numDimensions();
        if (rank == 0) {
            return finite;
        }
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        return ops.op("All", finite, ops.ints(axes));
    }

    private static Output<?> and(GraphOps ops, Output<?> a, Output<?> b) {
        return ops.op("LogicalAnd", a, b);
    }
}
