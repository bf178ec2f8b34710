package org.pyrite.tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import org.pyrite.context.ContextKey;
import org.pyrite.context.PyriteContext;

/**
 * Reverse-mode differentiation of tensor computations.
 *
 * <p>A tensor made with {@link Tensor#requiringGrad()} is a leaf; every operation whose inputs
 * require gradients records its parents and its backward rule on the result. {@link #grad}
 * walks that record back from a scalar output. Nothing is mutated: gradients are returned, not
 * accumulated into the tensors, so tensors stay immutable and one graph can be differentiated
 * for several sets of inputs.
 *
 * <pre>{@code
 * Tensor x = Tensor.scalar(2.0).requiringGrad();
 * Tensor y = x.square().mul(3.0);            // 3 x^2
 * Tensor dydx = Autograd.grad(y, x)[0];      // 12.0
 * }</pre>
 *
 * <p>Recording can be switched off for the current thread with {@link #noGrad()}, a
 * try-with-resources scope; the switch is per thread, so inferences on other threads are unaffected.
 */
public final class Autograd {
    private static final ContextKey<int[]> DISABLED_DEPTH = ContextKey.of("grad mode", () -> new int[1], int[]::clone);

    private Autograd() {}

    private static int[] depth() {
        return PyriteContext.current().get(DISABLED_DEPTH);
    }

    /** A scope that switches recording off on this thread until closed (closing it again has no effect). */
    public static Scope noGrad() {
        int[] depth = depth();
        depth[0]++;
        return new Scope() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    depth[0]--;
                }
            }
        };
    }

    /** A scope that switches recording on for this thread, also inside {@link #noGrad()}, until closed. */
    private static Scope recording() {
        int[] depth = depth();
        int saved = depth[0];
        depth[0] = 0;
        return () -> depth[0] = saved;
    }

    /** Whether operations on this thread record gradients (true unless inside {@link #noGrad()}). */
    public static boolean isEnabled() {
        return depth()[0] == 0;
    }

    /**
     * Gradients of a one-element {@code output} with respect to each of {@code inputs}; an input
     * the output does not depend on gets zeros of its shape.
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        if (output.numel() != 1) {
            throw new IllegalArgumentException("grad needs a one-element output, got shape "
                    + Shape.toString(output.shapeRef()) + "; reduce it (e.g. sum()) or pass a seed gradient");
        }
        return grad(output, Tensor.onesLike(output), false, inputs);
    }

    /**
     * Vector-Jacobian products: the gradients of {@code sum(output * seed)} with respect to
     * {@code inputs}. With {@code createGraph} the backward pass is itself recorded (also inside
     * {@link #noGrad()}, as in torch), so the returned gradients can be differentiated again
     * (second derivatives).
     */
    public static Tensor[] grad(Tensor output, Tensor seed, boolean createGraph, Tensor... inputs) {
        if (!Shape.same(output.shapeRef(), seed.shapeRef())) {
            throw new IllegalArgumentException("seed gradient shape " + Shape.toString(seed.shapeRef())
                    + " differs from output shape " + Shape.toString(output.shapeRef()));
        }
        Tensor[] out = new Tensor[inputs.length];
        if (!output.requiresGrad()) {
            for (int i = 0; i < inputs.length; i++) {
                out[i] = Tensor.zerosLike(inputs[i]);
            }
            return out;
        }
        // One identity map gives every reachable node its position in a topological order;
        // gradients accumulate in an array indexed by that position.
        IdentityHashMap<Tensor, Integer> position = new IdentityHashMap<>(64);
        ArrayList<Tensor> order = topologicalOrder(output, position);
        Tensor[] grads = new Tensor[order.size()];
        grads[order.size() - 1] = seed;
        try (Scope ignored = createGraph ? recording() : noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor node = order.get(i);
                Tensor g = grads[i];
                if (g == null || node.gradFn == null) {
                    continue;
                }
                Tensor[] parentGrads = node.gradFn.backward(g, node);
                Tensor[] parents = node.parents;
                for (int p = 0; p < parents.length; p++) {
                    Tensor pg = parentGrads[p];
                    if (pg == null || !parents[p].requiresGrad()) {
                        continue;
                    }
                    int at = position.get(parents[p]);
                    grads[at] = grads[at] == null ? pg : grads[at].add(pg);
                }
            }
        }
        for (int i = 0; i < inputs.length; i++) {
            Integer at = position.get(inputs[i]);
            Tensor g = at == null ? null : grads[at];
            out[i] = g != null ? g : Tensor.zerosLike(inputs[i]);
        }
        return out;
    }

    /**
     * Nodes reachable from {@code root} through parents that require gradients, parents before
     * children (an iterative depth-first post-order), each recorded in {@code position}.
     */
    private static ArrayList<Tensor> topologicalOrder(Tensor root, IdentityHashMap<Tensor, Integer> position) {
        ArrayList<Tensor> order = new ArrayList<>(32);
        Tensor[] stack = new Tensor[16];
        int[] next = new int[16];
        int top = 0;
        stack[0] = root;
        position.put(root, -1);
        while (top >= 0) {
            Tensor t = stack[top];
            Tensor[] parents = t.parents;
            int i = next[top];
            if (parents != null && i < parents.length) {
                next[top] = i + 1;
                Tensor p = parents[i];
                if (p.requiresGrad() && position.putIfAbsent(p, -1) == null) {
                    if (++top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                        next = java.util.Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = p;
                    next[top] = 0;
                }
            } else {
                position.put(t, order.size());
                order.add(t);
                top--;
            }
        }
        return order;
    }

    /** A try-with-resources scope whose {@code close} does not throw. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
