/**
 * Guides built automatically from a model (Pyro's {@code pyro.infer.autoguide}).
 *
 * <pre>{@code
 * import static org.pyrite.infer.autoguide.InitStrategy.*;
 *
 * AutoNormal<Tensor> guide = new AutoNormal<>(model);                  // mean field
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.01), new TraceELBO());
 * svi.run(2000, data);
 * Map<String, Tensor> median = guide.median();
 * Map<String, Tensor> band = guide.quantiles(0.05, 0.95);
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.pyrite.infer.autoguide.AutoDelta}: MAP, a point mass per site;</li>
 *   <li>{@link org.pyrite.infer.autoguide.AutoNormal}: an independent Normal per coordinate, per site,
 *       in unconstrained space;</li>
 *   <li>{@link org.pyrite.infer.autoguide.AutoDiagonalNormal},
 *       {@link org.pyrite.infer.autoguide.AutoMultivariateNormal}: one diagonal or full-covariance
 *       Normal over all sites' unconstrained values joined into one vector
 *       ({@link org.pyrite.infer.autoguide.AutoContinuous});</li>
 *   <li>{@link org.pyrite.infer.autoguide.AutoLaplaceApproximation}: MAP in unconstrained space, then a
 *       Gaussian with the inverse Hessian as covariance.</li>
 * </ul>
 *
 * <p>Each guide traces its model once, at its first call, to find the latent sites; where it
 * starts is an {@link org.pyrite.infer.autoguide.InitStrategy}. Site supports are respected through
 * the bijections of {@code Transforms.bijectTo} (positive, intervals, simplex with {@code K - 1}
 * unconstrained coordinates, lower-Cholesky factors with their {@code n (n + 1) / 2} free entries,
 * ...). Discrete latent sites are an error naming the site.
 *
 * <p>Sites inside plates are sampled inside the same plates ({@link org.pyrite.infer.autoguide.SitePlates}),
 * so guide sites carry the model's frames and vectorized particles land left of them. Local
 * latents of a subsampled plate get params for the whole plate, of which each step uses the
 * mini-batch (drawn once per guide call and replayed by the model); the joint-vector guides refuse
 * them, as in Pyro.
 */
package org.pyrite.infer.autoguide;
