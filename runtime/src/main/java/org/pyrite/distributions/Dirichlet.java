package org.pyrite.distributions;

import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The Dirichlet distribution over the probability simplex, with a vector of concentrations in the
 * last dimension: {@code concentration} of shape {@code batchShape + [K]} gives draws of event
 * shape {@code [K]}, density {@code Gamma(sum c) / prod Gamma(c_i) * prod x_i^(c_i - 1)}.
 *
 * <pre>{@code
 * Dirichlet prior = Dirichlet.of(1.0, 1.0, 1.0);      // uniform over the 2-simplex
 * Tensor p = prior.sample();                          // shape [3], entries sum to 1
 * Tensor lp = prior.logProb(p);                       // a scalar: log 2
 * Dirichlet rows = Dirichlet.of(Tensor.ones(4, 3));   // batchShape [4], eventShape [3]
 * }</pre>
 *
 * <p>Reparameterized: a draw is {@code G / sum(G)} with independent {@code G_i ~ Gamma(c_i, 1)};
 * gradients reach the concentrations by implicit reparameterization of each Gamma draw
 * (as in {@link Gamma}) and the normalization. Zero coordinates follow torch's {@code xlogy}
 * convention ({@code c_i = 1} contributes 0 at {@code x_i = 0}).
 */
public final class Dirichlet extends Distribution {
    private final Tensor concentration;
    private final int[] batchShape;
    private final int[] eventShape;

    private Dirichlet(Tensor concentration) {
        if (concentration.rank() < 1) {
            throw new IllegalArgumentException("Dirichlet: parameter 'concentration' must have at least one dimension "
                    + "(the K categories), got a scalar " + concentration.item()
                    + "; pass a vector, e.g. Dirichlet.of(1.0, 1.0, 1.0)");
        }
        if (concentration.size(-1) == 0) {
            throw new IllegalArgumentException("Dirichlet: parameter 'concentration' has no categories (last dimension 0); "
                    + "pass at least one concentration");
        }
        checkParam("Dirichlet", "concentration", concentration, Constraints.independent(Constraints.positive(), 1));
        int[] shape = concentration.shape();
        this.concentration = concentration;
        this.batchShape = Shape.slice(shape, 0, shape.length - 1);
        this.eventShape = new int[] {shape[shape.length - 1]};
    }

    /** Dirichlet with concentrations (all &gt; 0) in the last dimension of {@code concentration}. */
    public static Dirichlet of(Tensor concentration) {
        return new Dirichlet(concentration);
    }

    /** Dirichlet over {@code K = concentration.length} categories (all &gt; 0). */
    public static Dirichlet of(double... concentration) {
        return new Dirichlet(Tensor.of(concentration));
    }

    /** The concentrations, of shape {@code batchShape + [K]}. */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return eventShape.clone();
    }

    @Override
    public Constraint support() {
        return Constraints.simplex();
    }

    /** {@code c_i / c_0} with {@code c_0 = sum c}. */
    @Override
    public Tensor mean() {
        return concentration.div(total());
    }

    /** {@code c_i (c_0 - c_i) / (c_0^2 (c_0 + 1))}. */
    @Override
    public Tensor variance() {
        Tensor c0 = total();
        return concentration.mul(c0.sub(concentration)).div(c0.square().mul(c0.add(1.0)));
    }

    private Tensor total() {
        return concentration.sum(new int[] {-1}, true);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(int... sampleShape) {
        int[] shape = concentration.shape();
        Tensor g = ImplicitGamma.rsample(concentration, shape, extendShape(sampleShape, shape));
        return g.div(g.sum(new int[] {-1}, true));
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        Tensor c = concentration;
        Tensor cm1 = c.sub(1.0);
        Tensor bothZero = cm1.eq(0.0).mul(value.eq(0.0));
        Tensor xlogy = cm1.mul(Tensor.where(bothZero, Tensor.scalar(1.0), value).log());
        Tensor logNormalizer = c.sum(-1).lgamma().sub(c.lgamma().sum(-1));
        return xlogy.sum(-1).add(logNormalizer);
    }

    @Override
    public Dirichlet expand(int... newBatchShape) {
        checkExpand(newBatchShape);
        return new Dirichlet(concentration.expand(Shape.concat(newBatchShape, eventShape)));
    }
}
