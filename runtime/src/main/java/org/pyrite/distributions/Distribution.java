package org.pyrite.distributions;

import org.pyrite.context.Validation;
import java.util.Arrays;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * A probability distribution over tensors, with Pyro's (and torch's) shape semantics.
 *
 * <p>A draw has shape {@code sampleShape + batchShape + eventShape}: batch dimensions hold
 * independent, differently parametrized distributions; event dimensions hold the coordinates of one
 * (possibly multivariate) draw. {@link #logProb} reduces the event dimensions and keeps the rest.
 *
 * <pre>{@code
 * Distribution d = Normal.of(Tensor.of(0.0, 1.0), Tensor.scalar(2.0)); // batchShape [2]
 * Tensor x = d.sample();                 // shape [2]
 * Tensor lp = d.logProb(x);              // shape [2]
 * Distribution joint = d.toEvent(1);     // batchShape [], eventShape [2]
 * }</pre>
 *
 * <p>Draws come from the thread's {@link Rng}. {@link #rsample} draws reparameterized samples
 * (gradients flow from the draw back to the parameters) where {@link #hasRsample()} says so;
 * {@link #sample} never carries a gradient.
 *
 * <p>Validation ({@link Validation}, on by default): parameters are checked at construction and
 * {@code logProb} of a value outside the {@linkplain #support() support} throws an
 * {@link IllegalArgumentException} naming the distribution and the value; with validation off it
 * returns {@code -Infinity} there instead. One exception, for speed: a distribution whose support
 * is the whole real line (or real vectors) is not masked when validation is off, so a NaN value
 * gives NaN rather than {@code -Infinity}.
 */
public abstract class Distribution {
    private static final int[] NO_DIMS = new int[0];

    /** Shape of the independent, differently parametrized distributions this one holds. */
    public abstract int[] batchShape();

    /** Shape of one draw of one of them ({@code []} for univariate distributions). */
    public int[] eventShape() {
        return NO_DIMS;
    }

    /** The set the draws lie in. */
    public abstract Constraint support();

    /** The mean, of shape {@code batchShape + eventShape}. */
    public abstract Tensor mean();

    /** The variance, of shape {@code batchShape + eventShape}. */
    public abstract Tensor variance();

    /** The standard deviation. */
    public Tensor stddev() {
        return variance().sqrt();
    }

    /** Whether {@link #rsample} is available. */
    public boolean hasRsample() {
        return false;
    }

    /**
     * A reparameterized draw of shape {@code sampleShape + batchShape + eventShape}: a
     * differentiable function of the parameters and of parameter-free noise.
     *
     * @throws UnsupportedOperationException when {@link #hasRsample()} is false
     */
    public Tensor rsample(int... sampleShape) {
        throw new UnsupportedOperationException(name() + " has no reparameterized sampler (hasRsample() is false); "
                + "use sample(), whose gradients inference estimates with the score function");
    }

    /** A draw of shape {@code sampleShape + batchShape + eventShape}, carrying no gradient. */
    public Tensor sample(int... sampleShape) {
        if (!hasRsample()) {
            throw new UnsupportedOperationException(name() + " must override sample()");
        }
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            return rsample(sampleShape).detach();
        }
    }

    /**
     * Log-density (or log-mass) of {@code value}, of shape {@code broadcast(valueBatch, batchShape)}:
     * the event dimensions are reduced.
     *
     * @throws IllegalArgumentException when validation is on and {@code value} lies outside the support
     */
    public final Tensor logProb(Tensor value) {
        value = fitToEvent(value);
        Constraint support = support();
        if (Validation.isEnabled()) {
            checkSupport(value, support);
            return logProbUnchecked(value);
        }
        Tensor lp = logProbUnchecked(value);
        if (support == Constraints.real() || support == Constraints.realVector()) {
            return lp;
        }
        // A value of a non-CPU backend (a graph node) has no values to scan yet: it takes the mask.
        if (support.hasScalarTest() && value.handle() == null && firstViolation(value, support) == null) {
            // Every value in the support: nothing to mask. One scan, where building the mask and
            // the selection took several passes and made turning validation off a slowdown
            // (benchmarks/RESULTS.md, "Why the kernels are written as they are").
            return lp;
        }
        return Tensor.where(support.check(value), lp, Tensor.scalar(Double.NEGATIVE_INFINITY));
    }

    /** Log-density of a scalar value. */
    public final Tensor logProb(double value) {
        return logProb(Tensor.scalar(value));
    }

    /** The log-density formula; the value has been checked against the support when validation is on. */
    protected abstract Tensor logProbUnchecked(Tensor value);

    /**
     * This distribution with its parameters broadcast to a larger {@code batchShape} (torch
     * {@code expand}).
     */
    public abstract Distribution expand(int... batchShape);

    /**
     * The rightmost {@code n} batch dimensions reinterpreted as event dimensions (Pyro's
     * {@code to_event}): {@code logProb} then sums over them.
     */
    public Distribution toEvent(int n) {
        if (n == 0) {
            return this;
        }
        return new Independent(this, n);
    }

    /**
     * This distribution with its log-density zeroed where {@code mask} (0/1, broadcast against the
     * batch shape) is 0 (Pyro's {@code mask}).
     */
    public Distribution mask(Tensor mask) {
        double[] v = mask.toArray();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0.0 && v[i] != 1.0) {
                throw new IllegalArgumentException(name() + ".mask: entries must be 0 or 1, got " + v[i] + " at flat index " + i);
            }
        }
        int[] batch = batchShape();
        String clash = clash(mask.shape(), batch);
        if (clash != null) {
            throw new IllegalArgumentException(name() + ".mask: a mask of shape " + Shape.toString(mask.shape())
                    + " does not broadcast with the batch shape " + Shape.toString(batch) + " (" + clash
                    + "); give the mask the batch shape, a shape that broadcasts to it (sizes of 1, fewer dimensions)"
                    + " or a scalar");
        }
        Shape.broadcast(mask.shape(), batch);
        return new MaskedDistribution(this, mask);
    }

    /**
     * {@code sampleShape + batchShape + eventShape}, the shape of {@code sample(sampleShape)}.
     *
     * @throws IllegalArgumentException when a sample size is negative or the draws would have more
     *         than {@link Shape#MAX_ELEMENTS} elements
     */
    public int[] shape(int... sampleShape) {
        return extendShape(sampleShape, Shape.concat(batchShape(), eventShape()));
    }

    /** The simple class name, used in messages. */
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return name() + "(batchShape=" + Arrays.toString(batchShape()) + ", eventShape=" + Arrays.toString(eventShape()) + ")";
    }

    /**
     * {@code value} broadcast to this distribution's event shape where its rightmost dimensions do
     * not already have it (a scalar observed against a vector event, as torch broadcasts it), so
     * event-wise checks and reductions see whole events; an error names both shapes when the value
     * cannot be broadcast.
     */
    private Tensor fitToEvent(Tensor value) {
        int[] event = eventShape();
        if (event.length == 0) {
            return value;
        }
        int[] shape = value.shape();
        boolean fits = shape.length >= event.length;
        for (int i = 1; fits && i <= event.length; i++) {
            fits = shape[shape.length - i] == event[event.length - i];
        }
        if (fits) {
            return value;
        }
        int[] target;
        try {
            target = Shape.broadcast(shape, Shape.concat(batchShape(), event));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a value of shape " + Shape.toString(shape) + " does not fit " + this
                    + ": its rightmost dimensions must broadcast to the event shape " + Shape.toString(event), e);
        }
        // Only the event dimensions are filled in; the batch dimensions broadcast later as usual.
        int[] filled = shape.length >= event.length ? shape.clone() : new int[event.length];
        if (shape.length < event.length) {
            System.arraycopy(shape, 0, filled, event.length - shape.length, shape.length);
            for (int i = 0; i < event.length - shape.length; i++) {
                filled[i] = 1;
            }
        }
        for (int i = 1; i <= event.length; i++) {
            filled[filled.length - i] = target[target.length - i];
        }
        return value.expand(filled);
    }

    private void checkSupport(Tensor value, Constraint support) {
        String bad = firstViolation(value, support);
        if (bad != null) {
            throw new IllegalArgumentException("value " + bad + " is outside the support of " + name() + ": "
                    + support.describe() + "; pass a value in the support or a different distribution");
        }
    }

    /**
     * The first value (or event) of {@code value} outside {@code constraint}, described for a
     * message, or {@code null} when all satisfy it. Element-wise, parameter-free constraints are
     * tested value by value without building flag tensors; a valid scalar allocates nothing.
     */
    private static String firstViolation(Tensor value, Constraint constraint) {
        if (constraint.hasScalarTest()) {
            if (value.isScalar()) {
                return constraint.test(value.item()) ? null : String.valueOf(value.item());
            }
            double[] v = value.toArray();
            int bad = constraint.firstViolation(v);
            return bad < 0 ? null : v[bad] + " at flat index " + bad;
        }
        Tensor ok = constraint.check(value);
        if (ok.isScalar() && value.isScalar()) {
            return ok.item() == 0.0 ? String.valueOf(value.item()) : null;
        }
        double[] flags = ok.toArray();
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == 0.0) {
                return describeEvent(value, ok, i, constraint.eventDim());
            }
        }
        return null;
    }

    /**
     * Event {@code flatEvent} of {@code value}, where {@code ok} is a check of it. A check that
     * depends on a parameter (e.g. Binomial's support 0..totalCount) broadcasts the value against
     * it, so there can be more flags than events in the value: the value is broadcast to match.
     */
    private static String describeEvent(Tensor value, Tensor ok, int flatEvent, int eventDim) {
        int[] vs = value.shape();
        int[] full = Shape.concat(ok.shape(), Shape.slice(vs, vs.length - eventDim, vs.length));
        return describeEvent(Arrays.equals(full, vs) ? value : value.expand(full), flatEvent, eventDim);
    }

    private static String describeEvent(Tensor value, int flatEvent, int eventDim) {
        double[] v = value.toArray();
        int eventSize = 1;
        int[] shape = value.shape();
        for (int i = shape.length - eventDim; i < shape.length; i++) {
            eventSize *= shape[i];
        }
        if (eventSize == 1) {
            return v[flatEvent] + " at flat index " + flatEvent;
        }
        return Arrays.toString(Arrays.copyOfRange(v, flatEvent * eventSize, (flatEvent + 1) * eventSize))
                + " at event " + flatEvent;
    }

    // ------------------------------------------------------------------ helpers for subclasses

    /**
     * Checks a parameter when validation is on: throws {@link IllegalArgumentException} naming the
     * distribution, the parameter, the offending value and the constraint.
     */
    protected static void checkParam(String distribution, String parameter, Tensor value, Constraint constraint) {
        if (!Validation.isEnabled()) {
            return;
        }
        String bad = firstViolation(value, constraint);
        if (bad != null) {
            throw new IllegalArgumentException(distribution + ": parameter '" + parameter + "' must be "
                    + constraint.describe() + ", got " + bad);
        }
    }

    /**
     * The batch shape of a distribution whose parameters {@code a} and {@code b} (named
     * {@code names}, in the same order) broadcast together. When they do not, an
     * {@link IllegalArgumentException} names the distribution, each parameter with its shape, the
     * dimension that clashes and shapes that would work. Costs what {@link Shape#broadcast} costs
     * (the message is built only on failure), so constructors on hot paths can call it.
     *
     * <pre>{@code
     * private static final String[] NAMES = {"loc", "scale"};
     * int[] batch = broadcastParameters("Normal", NAMES, loc, scale);
     * }</pre>
     */
    protected static int[] broadcastParameters(String distribution, String[] names, Tensor a, Tensor b) {
        try {
            return Shape.broadcast(a.shape(), b.shape());
        } catch (IllegalArgumentException e) {
            throw parameterShapesError(distribution, names, new Tensor[] {a, b}, e);
        }
    }

    /** {@link #broadcastParameters(String, String[], Tensor, Tensor)} for three parameters. */
    protected static int[] broadcastParameters(String distribution, String[] names, Tensor a, Tensor b, Tensor c) {
        try {
            return Shape.broadcast(Shape.broadcast(a.shape(), b.shape()), c.shape());
        } catch (IllegalArgumentException e) {
            throw parameterShapesError(distribution, names, new Tensor[] {a, b, c}, e);
        }
    }

    /** The error for parameters whose shapes do not broadcast (or whose broadcast is too large): see broadcastParameters. */
    private static IllegalArgumentException parameterShapesError(String distribution, String[] names, Tensor[] params,
                                                                 IllegalArgumentException cause) {
        int[] batch = params[0].shape();
        for (int i = 1; i < params.length; i++) {
            int[] next = params[i].shape();
            String clash = clash(batch, next);
            if (clash != null) {
                String others = i == 1 ? names[0] + " the shape " + Shape.toString(next)
                        : "the other parameters shapes that broadcast with " + Shape.toString(next);
                return new IllegalArgumentException(distribution + ": the parameter shapes do not broadcast together: "
                        + describeShapes(names, params) + " (" + clash + "). Shapes broadcast when, aligned on the right, "
                        + "each pair of sizes is equal or one of them is 1: give " + names[i] + " the shape "
                        + Shape.toString(batch) + " (or a scalar), or " + others, cause);
            }
            batch = Shape.broadcast(batch, next);
        }
        // They fit, so the broadcast was refused for its size.
        return new IllegalArgumentException(distribution + ": parameters " + describeShapes(names, params) + ": "
                + cause.getMessage(), cause);
    }

    /** "loc [3], scale [2]". */
    private static String describeShapes(String[] names, Tensor[] params) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < params.length; i++) {
            sb.append(i > 0 ? ", " : "").append(names[i]).append(' ').append(Shape.toString(params[i].shape()));
        }
        return sb.toString();
    }

    /** Where two shapes fail to broadcast, as "dimension -1: 3 vs 2", or {@code null} when they do. */
    private static String clash(int[] a, int[] b) {
        for (int i = 1; i <= Math.min(a.length, b.length); i++) {
            int da = a[a.length - i];
            int db = b[b.length - i];
            if (da != db && da != 1 && db != 1) {
                return "dimension " + (-i) + ": " + da + " vs " + db;
            }
        }
        return null;
    }

    /**
     * Checks the batch shape asked of {@link #expand}: it must be reachable from this one by
     * adding dimensions on the left and growing sizes of 1. Otherwise an
     * {@link IllegalArgumentException} names this distribution, both shapes, the rule and shapes
     * that would work. (The parameters' own {@code expand} then checks the size of what they become.)
     */
    protected final void checkExpand(int[] newBatchShape) {
        int[] batch = batchShape();
        String problem = Shape.problem(newBatchShape);
        if (problem != null) {
            throw new IllegalArgumentException(name() + ".expand: shape " + Shape.toString(newBatchShape) + " " + problem);
        }
        if (!Shape.broadcastsTo(batch, newBatchShape)) {
            throw new IllegalArgumentException(name() + ".expand: cannot expand the batch shape " + Shape.toString(batch)
                    + " to " + Shape.toString(newBatchShape) + ": expand adds dimensions on the left and grows sizes of 1,"
                    + " so the new shape must end with " + Shape.toString(batch) + " (where its sizes are not 1); e.g. "
                    + expandSuggestions(batch, newBatchShape));
        }
    }

    /** Shapes {@code batch} can expand to, close to the one asked for. */
    private static String expandSuggestions(int[] batch, int[] asked) {
        String prepended = Shape.toString(Shape.concat(asked, batch));
        if (asked.length < batch.length) {
            return prepended;
        }
        // The shape asked for, with each dimension aligned with a size other than 1 set to that size.
        int[] aligned = asked.clone();
        for (int i = 1; i <= batch.length; i++) {
            if (batch[batch.length - i] != 1) {
                aligned[aligned.length - i] = batch[batch.length - i];
            }
        }
        return Arrays.equals(aligned, batch) ? prepended : Shape.toString(aligned) + " or " + prepended;
    }

    /**
     * {@code sampleShape + shape}, the shape of the draws of {@code sample(sampleShape)} when this
     * distribution's batch and event shape is {@code shape}; every sampler makes its draw shape here,
     * so it is checked once, before anything is drawn.
     *
     * @throws IllegalArgumentException naming this distribution, both shapes and the limit when a
     *         sample size is negative or the draws would have more than {@link Shape#MAX_ELEMENTS}
     *         elements
     */
    protected final int[] extendShape(int[] sampleShape, int[] shape) {
        int[] draws = Shape.concat(sampleShape, shape);
        if (draws.length == 0) {
            return draws; // a single draw of a scalar distribution: nothing to check
        }
        String problem = Shape.problem(draws);
        if (problem != null) {
            throw new IllegalArgumentException(name() + ".sample: sample shape " + Shape.toString(sampleShape)
                    + " with batch and event shape " + Shape.toString(shape) + " makes draws of shape "
                    + Shape.toString(draws) + ", which " + problem);
        }
        return draws;
    }
}
