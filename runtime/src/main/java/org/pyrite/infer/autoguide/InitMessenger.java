package org.pyrite.infer.autoguide;

import java.util.Arrays;
import java.util.Objects;
import org.pyrite.context.Validation;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * Gives every latent sample site inside it the value an {@link InitStrategy} chooses instead of a
 * draw (Pyro's {@code InitMessenger}). Autoguides run their model under it once to find the
 * latent sites and where to start; it is also usable directly.
 *
 * <pre>{@code
 * try (InitMessenger init = new InitMessenger(InitStrategy.initToMean()).enter()) {
 *     Tensor mu = model.call(data);   // every latent site at its prior mean
 * }
 * }</pre>
 *
 * <p>Observed sites, sites whose value an inner handler already set, and deterministic sites keep
 * their values. The chosen value must have the distribution's shape and (with validation on) lie
 * in its support; otherwise the error names the site and the strategy.
 */
public final class InitMessenger extends Messenger {
    private final InitStrategy strategy;

    /** Initializes latent sites with {@code strategy}. */
    public InitMessenger(InitStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    @SuppressWarnings("try") // the no-grad scope is used for its effect
    protected void process(Message msg) {
        // Deterministic sites are observed (their value is given), so they are skipped too.
        if (msg.type() != Message.Type.SAMPLE || msg.isObserved() || msg.isDone() || msg.value() != null) {
            return;
        }
        Tensor value;
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            value = strategy.init(msg.name(), msg.distribution());
        }
        if (value == null) {
            throw new IllegalStateException(strategy + " gave no initial value for site '" + msg.name() + "'");
        }
        int[] expected = msg.distribution().shape();
        if (!Arrays.equals(value.shape(), expected)) {
            throw new IllegalArgumentException(strategy + " gave site '" + msg.name() + "' an initial value of shape "
                    + Arrays.toString(value.shape()) + ", but its distribution " + msg.distribution().name()
                    + " has shape " + Arrays.toString(expected) + " (batch + event shape)");
        }
        if (Validation.isEnabled()) {
            double[] ok = msg.distribution().support().check(value).toArray();
            for (double flag : ok) {
                if (flag == 0.0) {
                    throw new IllegalArgumentException(strategy + " gave site '" + msg.name() + "' the initial value "
                            + value + ", outside the support of " + msg.distribution().name() + ": "
                            + msg.distribution().support().describe() + "; pass an initial value inside it");
                }
            }
        }
        msg.setValue(value.detach());
        msg.setDone(true);
    }
}
