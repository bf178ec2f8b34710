package org.pyrite.infer;

import java.util.List;
import org.pyrite.Model;
import org.pyrite.tensor.Tensor;

/**
 * A variational objective {@link SVI} minimizes: the negative evidence lower bound, estimated from
 * runs of the guide and the model.
 *
 * <pre>{@code
 * ELBO elbo = new TraceELBO(4);   // four particles per estimate
 * }</pre>
 */
public interface ELBO {
    /**
     * One estimate of the loss (-ELBO) for these arguments, with a surrogate whose gradient is an
     * unbiased estimate of the loss's gradient.
     *
     * @param checkSites whether to check that the guide's latent sites match the model's
     */
    <A> Estimate estimate(Model<A, ?> model, Model<A, ?> guide, A args, boolean checkSites);

    /** An estimate of the loss: its value, a differentiable surrogate, and the params it read. */
    final class Estimate {
        private final double loss;
        private final Tensor surrogate;
        private final List<String> params;

        /** The loss value, the surrogate loss and the names of the params the runs read. */
        public Estimate(double loss, Tensor surrogate, List<String> params) {
            this.loss = loss;
            this.surrogate = surrogate;
            this.params = List.copyOf(params);
        }

        /** The estimated -ELBO. */
        public double loss() {
            return loss;
        }

        /** A scalar whose gradient with respect to the params estimates the loss's gradient. */
        public Tensor surrogate() {
            return surrogate;
        }

        /** Names of the params read by the model and the guide, in first-read order. */
        public List<String> params() {
            return params;
        }
    }
}
