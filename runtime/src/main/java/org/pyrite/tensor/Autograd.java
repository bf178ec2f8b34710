package org.pyrite.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
    private static final ThreadLocal<int[]> DISABLED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Autograd() {}

    /** A scope that switches recording off on this thread until closed (closing it again has no effect). */
    public static Scope noGrad() {
        int[] depth = DISABLED_DEPTH.get();
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
        int[] depth = DISABLED_DEPTH.get();
        int saved = depth[0];
        depth[0] = 0;
        return () -> depth[0] = saved;
    }

    /** Whether operations on this thread record gradients (true unless inside {@link #noGrad()}). */
    public static boolean isEnabled() {
        return DISABLED_DEPTH.get()[0] == 0;
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
        if (!java.util.Arrays.equals(output.shapeRef(), seed.shapeRef())) {
            throw new IllegalArgumentException("seed gradient shape " + Shape.toString(seed.shapeRef())
                    + " differs from output shape " + Shape.toString(output.shapeRef()));
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        if (output.requiresGrad()) {
            List<Tensor> order = topologicalOrder(output);
            grads.put(output, seed);
            try (Scope ignored = createGraph ? recording() : noGrad()) {
                for (int i = order.size() - 1; i >= 0; i--) {
                    Tensor node = order.get(i);
                    Tensor g = grads.get(node);
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
                        grads.merge(parents[p], pg, Tensor::add);
                    }
                }
            }
        }
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = grads.get(inputs[i]);
            out[i] = g != null ? g : Tensor.zerosLike(inputs[i]);
        }
        return out;
    }

    /** Nodes reachable from {@code root} through parents that require gradients, parents before children. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            Tensor[] parents = t.parents;
            if (parents != null && i < parents.length) {
                next.push(i + 1);
                Tensor p = parents[i];
                if (p.requiresGrad() && visited.put(p, Boolean.TRUE) == null) {
                    stack.push(p);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
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
