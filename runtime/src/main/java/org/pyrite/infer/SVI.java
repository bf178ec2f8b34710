package org.pyrite.infer;

import java.util.List;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.pyrite.Model;
import org.pyrite.optim.Optimizer;
import org.pyrite.params.ParamStore;
import org.pyrite.params.ParamTransaction;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * Stochastic variational inference (Pyro's {@code SVI}): each {@link #step} estimates the loss
 * and its gradient with respect to every param the model and guide read, and lets the optimizer
 * move those params in the current thread's {@link ParamStore}.
 *
 * <pre>{@code
 * SVI<Double> svi = new SVI<>(conditioned, Tutorial::scaleParametrizedGuide, new Adam(0.01), new TraceELBO());
 * for (int t = 0; t < 2000; t++) {
 *     double loss = svi.step(8.5);
 * }
 * }</pre>
 *
 * <p>At the first step the guide's latent sites are checked against the model's. A step that
 * throws (a non-finite loss or gradient, a bad value, an update that overflows a param or pushes
 * it out of its constraint) leaves every parameter and the optimizer's state as they were: params
 * it created are removed again, and no update is applied. A step changes the current
 * {@link ParamStore}, which one thread changes at a time: to train on several threads at once,
 * give each its own store (and its own SVI).
 *
 * @param <A> the argument type shared by model and guide
 */
public final class SVI<A> {
    private final Model<A, ?> model;
    private final Model<A, ?> guide;
    private final Optimizer<?> optimizer;
    private final ELBO loss;
    private boolean checked;

    /** SVI of {@code model} with {@code guide}, moving params with {@code optimizer} to minimize {@code loss}. */
    public SVI(Model<A, ?> model, Model<A, ?> guide, Optimizer<?> optimizer, ELBO loss) {
        this.model = Objects.requireNonNull(model, "model");
        this.guide = Objects.requireNonNull(guide, "guide");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /**
     * One gradient step; returns the loss estimate before the update. A step whose update would
     * make a param non-finite or leave its constraint throws, naming the param, the value and the
     * optimizer, and changes nothing.
     *
     * @throws IllegalStateException also when another thread is changing the same param store
     *     (see {@link ParamStore}: give each thread its own)
     */
    public double step(A args) {
        ParamStore store = ParamStore.current();
        // Until it is closed only this thread changes the store; if it is not updated, closing it
        // removes the params this step created (and no others).
        try (ParamTransaction tx = store.begin("run an SVI step")) {
            ELBO.Estimate e = loss.estimate(model, guide, args, !checked);
            List<String> names = e.params();
            int n = names.size();
            String[] nameArray = names.toArray(new String[0]);
            Tensor[] leaves = new Tensor[n];
            for (int i = 0; i < n; i++) {
                leaves[i] = store.unconstrained(nameArray[i]);
            }
            Tensor[] grads = Autograd.grad(e.surrogate(), leaves);
            for (int i = 0; i < n; i++) {
                requireFinite(nameArray[i], grads[i]);
            }
            Optimizer<?>.Proposal proposal = optimizer.propose(nameArray, leaves, grads);
            tx.update(nameArray, proposal.values(), optimizer);
            proposal.commit();
            checked = true;
            return e.loss();
        }
    }

    /** The loss estimate without any gradient or update. */
    public double evaluateLoss(A args) {
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            return loss.estimate(model, guide, args, !checked).loss();
        }
    }

    /**
     * {@code steps} steps; returns the loss of each. On a console a progress bar shows the
     * running loss; with no console (CI, redirected output) nothing is printed.
     */
    public double[] run(int steps, A args) {
        if (steps < 0) {
            throw new IllegalArgumentException("run: steps must be >= 0, got " + steps);
        }
        double[] losses = new double[steps];
        if (System.console() == null) {
            for (int t = 0; t < steps; t++) {
                losses[t] = step(args);
            }
            return losses;
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("SVI").setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).build()) {
            double running = Double.NaN;
            for (int t = 0; t < steps; t++) {
                losses[t] = step(args);
                running = Double.isNaN(running) ? losses[t] : 0.95 * running + 0.05 * losses[t];
                bar.step();
                bar.setExtraMessage(String.format(" loss %.4f", running));
            }
        }
        return losses;
    }

    private static void requireFinite(String name, Tensor grad) {
        if (grad.isScalar()) {
            double g = grad.item();
            if (Double.isNaN(g) || Double.isInfinite(g)) {
                throw new IllegalStateException("the gradient of param '" + name + "' is " + g
                        + "; no parameter was changed. Check its initial value and constraint, or lower the learning rate");
            }
            return;
        }
        for (double g : grad.toArray()) {
            if (Double.isNaN(g) || Double.isInfinite(g)) {
                throw new IllegalStateException("the gradient of param '" + name + "' is not finite (" + grad
                        + "); no parameter was changed. Check its initial value and constraint, or lower the learning rate");
            }
        }
    }
}
