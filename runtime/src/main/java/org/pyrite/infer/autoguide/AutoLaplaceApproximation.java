package org.pyrite.infer.autoguide;

import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.distributions.Delta;
import org.pyrite.distributions.Distribution;
import org.pyrite.handlers.Trace;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * The Laplace approximation (Pyro's {@code AutoLaplaceApproximation}): first a MAP fit in
 * unconstrained space, a {@code Delta} at the joint latent vector {@code loc} (see
 * {@link AutoContinuous}; the per-site {@code -log|det J|} terms make the objective the log joint
 * density of the unconstrained variables), then {@link #laplaceApproximation} turns it into an
 * {@link AutoMultivariateNormal} centred at the mode with covariance the inverse Hessian of the
 * negative log joint there.
 *
 * <pre>{@code
 * AutoLaplaceApproximation<Tensor> guide = new AutoLaplaceApproximation<>(model);
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.05), new TraceELBO());
 * svi.run(1000, data);
 * AutoMultivariateNormal<Tensor> laplace = guide.laplaceApproximation(data);
 * Tensor cov = laplace.getPosterior().covariance();
 * }</pre>
 *
 * <p>Param: {@code "<prefix>.loc"} (shape {@code [latentDim]}). The mode found is that of the
 * density in unconstrained space, which for a constrained site differs from {@link AutoDelta}'s
 * mode in the constrained space (e.g. {@code a/b} rather than {@code (a-1)/b} for a Gamma
 * posterior of the rate).
 *
 * @param <A> the model's argument type
 */
public final class AutoLaplaceApproximation<A> extends AutoContinuous<A> {
    /** A Laplace approximation for {@code model}, its MAP search starting at the prior medians. */
    public AutoLaplaceApproximation(Model<A, ?> model) {
        this(model, InitStrategy.initToMedian());
    }

    /** A Laplace approximation for {@code model}, its MAP search starting where {@code init} says. */
    public AutoLaplaceApproximation(Model<A, ?> model, InitStrategy init) {
        this(model, init, "AutoLaplaceApproximation");
    }

    /** As {@link #AutoLaplaceApproximation(Model, InitStrategy)}, with the param named {@code prefix + ".loc"}. */
    public AutoLaplaceApproximation(Model<A, ?> model, InitStrategy init, String prefix) {
        super(model, init, prefix);
    }

    private String locName() {
        return prefix() + ".loc";
    }

    /** {@code Delta(loc)} over the joint unconstrained vector. */
    @Override
    public Distribution getPosterior() {
        return Delta.of(param(locName(), initLatent(), null, new int[] {latentDim()}), 0.0, 1);
    }

    /** The mode, and zero spread (before the approximation the guide is a point mass). */
    @Override
    protected Tensor[] locAndScale() {
        Tensor loc = storedParam(locName(), initLatent(), null, new int[] {latentDim()});
        return new Tensor[] {loc, Tensor.zerosLike(loc)};
    }

    /**
     * The Gaussian approximation at the current {@code loc} (the mode, once SVI has converged): an
     * {@link AutoMultivariateNormal} over the same latent layout with location {@code loc} and
     * covariance {@code H^-1}, where {@code H} is the Hessian, with respect to {@code loc}, of
     * {@code log q(guide trace) - log p(model trace)} (the negative log joint of the unconstrained
     * variables), computed by differentiating the gradient again. The returned guide reads no
     * params; it uses the model's arguments {@code args}.
     *
     * @throws IllegalStateException when the Hessian is not positive definite (not at a mode)
     */
    public AutoMultivariateNormal<A> laplaceApproximation(A args) {
        ensureSetUp(args);
        int d = latentDim();
        ParamStore store = ParamStore.current();
        storedParam(locName(), initLatent(), null, new int[] {d}); // creates it when the guide never ran
        Tensor leaf = store.unconstrained(locName());
        Trace guideTrace = Poutine.trace(this).getTrace(args);
        Trace modelTrace = Poutine.trace(Poutine.replay(model(), guideTrace)).getTrace(args);
        Tensor loss = guideTrace.logProbSum().sub(modelTrace.logProbSum());
        Tensor grad = Autograd.grad(loss, Tensor.onesLike(loss), true, leaf)[0];
        double[] h = new double[d * d];
        for (int i = 0; i < d; i++) {
            double[] seed = new double[d];
            seed[i] = 1.0;
            double[] row = Autograd.grad(grad, Tensor.of(seed), false, leaf)[0].toArray();
            System.arraycopy(row, 0, h, i * d, d);
        }
        Tensor hessian = Tensor.fromArray(h, d, d);
        hessian = hessian.add(hessian.transpose()).mul(0.5);
        Tensor precisionFactor;
        try {
            precisionFactor = hessian.cholesky();
        } catch (ArithmeticException notPositiveDefinite) {
            throw new IllegalStateException("laplaceApproximation: the Hessian of the negative log joint at loc " + leaf
                    + " is not positive definite (" + hessian + "), so loc is not at a mode; run SVI longer or with a "
                    + "smaller learning rate first", notPositiveDefinite);
        }
        // H = M M^T  =>  H^-1 = M^-T M^-1, formed with triangular solves.
        Tensor mInv = precisionFactor.triangularSolve(Tensor.eye(d), true);
        Tensor covariance = mInv.transpose().matmul(mInv);
        Tensor scaleTril = covariance.add(covariance.transpose()).mul(0.5).cholesky();
        return new AutoMultivariateNormal<>(this, leaf.detach(), scaleTril);
    }
}
