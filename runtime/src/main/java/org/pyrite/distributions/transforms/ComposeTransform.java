package org.pyrite.distributions.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * Several transforms applied in order: {@code forward} applies {@code parts[0]} first (torch's
 * {@code ComposeTransform}).
 *
 * <pre>{@code
 * // the real line onto (2, inf): exp, then + 2
 * Transform t = new ComposeTransform(new ExpTransform(), new AffineTransform(2.0, 1.0));
 * Tensor x = Tensor.of(0.0, 1.0);
 * Tensor y = t.forward(x);                     // [3, 2 + e]
 * Tensor ladj = t.logAbsDetJacobian(x, y);     // x + log 1
 * }</pre>
 *
 * <p>Event dimensions follow torch: the composite's domain (codomain) event dimension is the
 * largest any part needs when traced back from the end (forward from the start), and each part's
 * log-det-Jacobian is summed over the event dimensions it has beyond its own before the terms are
 * added. With no parts it is the identity.
 */
public final class ComposeTransform extends Transform {
    private final List<Transform> parts;
    private final int domainEventDim;
    private final int codomainEventDim;
    private final Constraint codomainOverride;

    /** {@code parts[0]} first, then {@code parts[1]}, ... */
    public ComposeTransform(Transform... parts) {
        this(List.of(parts));
    }

    /** {@code parts.get(0)} first, then {@code parts.get(1)}, ... */
    public ComposeTransform(List<? extends Transform> parts) {
        this(parts, null);
    }

    /**
     * A composite whose {@link #codomain()} is {@code codomain} rather than the last part's (which
     * for an affine last part is only "real"): {@link Transforms#bijectTo} states the constraint it
     * maps onto this way.
     */
    ComposeTransform(List<? extends Transform> parts, Constraint codomain) {
        this.parts = List.copyOf(parts); // rejects null parts
        int d = 0;
        int c = 0;
        if (!this.parts.isEmpty()) {
            d = this.parts.get(this.parts.size() - 1).codomainEventDim();
            for (int i = this.parts.size() - 1; i >= 0; i--) {
                Transform p = this.parts.get(i);
                d = Math.max(d + p.domainEventDim() - p.codomainEventDim(), p.domainEventDim());
            }
            c = this.parts.get(0).domainEventDim();
            for (Transform p : this.parts) {
                c = Math.max(c + p.codomainEventDim() - p.domainEventDim(), p.codomainEventDim());
            }
        }
        this.domainEventDim = d;
        this.codomainEventDim = c;
        if (codomain != null && codomain.eventDim() != c) {
            throw new IllegalArgumentException("codomain " + codomain.describe() + " has event dimension "
                    + codomain.eventDim() + ", the composite has " + c);
        }
        this.codomainOverride = codomain;
    }

    /** The parts, in the order {@code forward} applies them. */
    public List<Transform> parts() {
        return parts;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor t = x;
        for (Transform p : parts) {
            t = p.forward(t);
        }
        return t;
    }

    @Override
    public Tensor inverse(Tensor y) {
        Tensor t = y;
        for (int i = parts.size() - 1; i >= 0; i--) {
            t = parts.get(i).inverse(t);
        }
        return t;
    }

    /**
     * The sum of the parts' log-det-Jacobians at the intermediate points (recomputed from
     * {@code x}), each reduced to the composite's batch shape.
     */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        if (parts.isEmpty()) {
            return sumRightmost(Tensor.zerosLike(x), domainEventDim);
        }
        requireRank(x, domainEventDim, "logAbsDetJacobian");
        Tensor result = null;
        int eventDim = domainEventDim;
        Tensor in = x;
        for (int i = 0; i < parts.size(); i++) {
            Transform p = parts.get(i);
            Tensor out = i == parts.size() - 1 ? y : p.forward(in);
            Tensor term = sumRightmost(p.logAbsDetJacobian(in, out), eventDim - p.domainEventDim());
            result = result == null ? term : result.add(term);
            eventDim += p.codomainEventDim() - p.domainEventDim();
            in = out;
        }
        return result;
    }

    @Override
    public Constraint domain() {
        if (parts.isEmpty()) {
            return Constraints.real();
        }
        Constraint first = parts.get(0).domain();
        return Constraints.independent(first, domainEventDim - first.eventDim());
    }

    @Override
    public Constraint codomain() {
        if (codomainOverride != null) {
            return codomainOverride;
        }
        if (parts.isEmpty()) {
            return Constraints.real();
        }
        Constraint last = parts.get(parts.size() - 1).codomain();
        return Constraints.independent(last, codomainEventDim - last.eventDim());
    }

    @Override
    public int domainEventDim() {
        return domainEventDim;
    }

    @Override
    public int codomainEventDim() {
        return codomainEventDim;
    }

    @Override
    public int[] forwardShape(int[] shape) {
        int[] s = shape;
        for (Transform p : parts) {
            s = p.forwardShape(s);
        }
        return s.clone();
    }

    @Override
    public int[] inverseShape(int[] shape) {
        int[] s = shape;
        for (int i = parts.size() - 1; i >= 0; i--) {
            s = parts.get(i).inverseShape(s);
        }
        return s.clone();
    }

    @Override
    public String toString() {
        return "ComposeTransform(" + parts.stream().map(Objects::toString).collect(Collectors.joining(", ")) + ")";
    }
}
