package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.tensor.Tensor;

/**
 * A distribution whose log-density is zeroed where a 0/1 mask is 0 (Pyro's {@code dist.mask}),
 * made by {@link Distribution#mask(Tensor)}. Draws are unchanged.
 *
 * <pre>{@code
 * Distribution d = Normal.of(Tensor.zeros(3), 1.0).mask(Tensor.of(1, 0, 1)); // ignore entry 1
 * }</pre>
 */
public final class MaskedDistribution extends Distribution {
    private final Distribution base;
    private final Tensor mask;

    MaskedDistribution(Distribution base, Tensor mask) {
        this.base = base;
        this.mask = mask.detach();
    }

    /** The distribution underneath. */
    public Distribution base() {
        return base;
    }

    /** The 0/1 mask (broadcast against the batch shape). */
    public Tensor maskTensor() {
        return mask;
    }

    @Override
    public int[] batchShape() {
        return base.batchShape();
    }

    @Override
    public int[] eventShape() {
        return base.eventShape();
    }

    @Override
    public Constraint support() {
        return base.support();
    }

    @Override
    public Tensor mean() {
        return base.mean();
    }

    @Override
    public Tensor variance() {
        return base.variance();
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        return base.rsample(sampleShape);
    }

    @Override
    public Tensor sample(int... sampleShape) {
        return base.sample(sampleShape);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        // where(), not multiply: a masked-out -inf must contribute 0, not NaN.
        return Tensor.where(mask, base.logProbUnchecked(value), Tensor.scalar(0.0));
    }

    @Override
    public Distribution expand(int... batchShape) {
        checkExpand(batchShape);
        return new MaskedDistribution(base.expand(batchShape), mask);
    }

    @Override
    public String name() {
        return "Masked(" + base.name() + ")";
    }
}
