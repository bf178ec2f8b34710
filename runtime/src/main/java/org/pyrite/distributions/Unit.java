package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Tensor;

/**
 * A trivial distribution whose log-density is a given factor whatever the value (Pyro's
 * {@code Unit}); {@code Pyrite.factor} adds such a site to weight a run.
 *
 * <pre>{@code
 * Pyrite.factor("penalty", x.square().neg());   // adds -x^2 to the log joint
 * }</pre>
 */
public final class Unit extends Distribution {
    private final Tensor logFactor;

    private Unit(Tensor logFactor) {
        this.logFactor = logFactor;
    }

    /** A unit distribution with the given log-factor (any shape: it is the batch shape). */
    public static Unit of(Tensor logFactor) {
        return new Unit(logFactor);
    }

    /** The log-factor. */
    public Tensor logFactor() {
        return logFactor;
    }

    @Override
    public int[] batchShape() {
        return logFactor.shape();
    }

    @Override
    public Constraint support() {
        return Constraints.real();
    }

    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("Unit has no mean: it is not a distribution over values");
    }

    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("Unit has no variance: it is not a distribution over values");
    }

    /** Zeros of the batch shape: a unit site's value carries no information. */
    @Override
    public Tensor sample(int... sampleShape) {
        return Tensor.zeros(shape(sampleShape));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        return logFactor;
    }

    @Override
    public Unit expand(int... batchShape) {
        checkExpand(batchShape);
        return new Unit(logFactor.expand(batchShape));
    }
}
