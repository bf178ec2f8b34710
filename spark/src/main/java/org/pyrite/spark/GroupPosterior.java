package org.pyrite.spark;

import java.util.Map;
import org.pyrite.infer.mcmc.Summary;
import org.pyrite.tensor.Tensor;

/**
 * What fitting one group produced: posterior draws of every latent site (leading sample
 * dimension), the MCMC summary for MCMC fits (for n_eff and r_hat), and the final loss for SVI.
 *
 * @param draws site name to draws of shape {@code [numDraws, ...siteShape]}, in the model's order
 * @param mcmcSummary the MCMC run's summary, or {@code null} for SVI
 * @param finalLoss the mean loss of the last tenth of the SVI steps, or {@code NaN} for MCMC
 */
record GroupPosterior(Map<String, Tensor> draws, Summary mcmcSummary, double finalLoss) {
}
