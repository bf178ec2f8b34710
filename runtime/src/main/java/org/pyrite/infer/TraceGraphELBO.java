package org.pyrite.infer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * The ELBO of Pyro's {@code TraceGraph_ELBO}: the same value as {@link TraceELBO}, with a
 * lower-variance gradient for guide sites that have no reparameterized sampler. Each such site's
 * score {@code log q(z)} is multiplied only by its downstream cost (Rao-Blackwellization): the
 * model's minus the guide's log-densities of the sites that can depend on it, i.e. the guide
 * sites from it onwards and the model sites from the first of those onwards (Pyro's dense
 * dependency graph, which orders sites by execution), each summed down to the site's own
 * vectorized plates so the entries of a plate are charged only with their own costs.
 *
 * <pre>{@code
 * SVI<Tensor> svi = new SVI<>(model, guide, new Adam(0.01), new TraceGraphELBO());
 * // optional, per site: a decaying average of its downstream cost as a baseline
 * sample("z", Bernoulli.logits(theta), Map.of("baseline", Map.of("use_decaying_avg_baseline", true, "baseline_beta", 0.95)));
 * }</pre>
 *
 * <p>A baseline (infer key {@code "baseline"}) subtracts a running average of the site's
 * downstream cost, of the cost's shape, from the cost before it multiplies the score; the average
 * is kept by this ELBO per site, updated after each estimate with weight {@code 1 - baseline_beta}
 * (default beta 0.9). Sequential plates do not cut dependencies here (Pyro cuts them between
 * iterations): their later iterations count as downstream, which keeps the gradient unbiased at
 * some cost in variance. Learned (neural) baselines are not provided.
 */
public final class TraceGraphELBO implements ELBO {
    private final int numParticles;
    private final Map<String, Tensor> averages = new ConcurrentHashMap<>();

    /** One particle per estimate. */
    public TraceGraphELBO() {
        this(1);
    }

    /** {@code numParticles} particles per estimate, run one after another. */
    public TraceGraphELBO(int numParticles) {
        if (numParticles < 1) {
            throw new IllegalArgumentException("TraceGraphELBO: numParticles must be >= 1, got " + numParticles);
        }
        this.numParticles = numParticles;
    }

    @Override
    public <A> Estimate estimate(Model<A, ?> model, Model<A, ?> guide, A args, boolean checkSites) {
        Set<String> params = new LinkedHashSet<>();
        double loss = 0;
        Tensor surrogate = null;
        for (int p = 0; p < numParticles; p++) {
            Trace guideTrace = Poutine.trace(guide).getTrace(args);
            Trace modelTrace = Poutine.trace(Poutine.replay(model, guideTrace)).getTrace(args);
            if (checkSites && p == 0) {
                TraceELBO.checkSitesMatch(modelTrace, guideTrace);
            }
            Tensor elbo = Tensor.scalar(0.0);
            Tensor surrogateElbo = Tensor.scalar(0.0);
            for (Site s : modelTrace.sites()) {
                if (s.isSample()) {
                    elbo = elbo.add(s.logProbSum());
                    surrogateElbo = surrogateElbo.add(s.logProbSum());
                }
            }
            List<Site> guideSites = new ArrayList<>();
            for (Site s : guideTrace.sites()) {
                if (s.isSample() && !s.isObserved()) {
                    guideSites.add(s);
                    elbo = elbo.sub(s.logProbSum());
                    if (s.distribution().hasRsample()) {
                        surrogateElbo = surrogateElbo.sub(s.logProbSum());
                    }
                }
            }
            double value = elbo.item();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalStateException("the ELBO is " + value + "; not finite: model " + modelTrace.nonFiniteSites()
                        + ", guide " + guideTrace.nonFiniteSites() + ". Check the parameters' constraints and the guide's values");
            }
            surrogateElbo = surrogateElbo.add(scoreTerms(modelTrace, guideTrace, guideSites));
            loss -= value;
            surrogate = surrogate == null ? surrogateElbo.neg() : surrogate.sub(surrogateElbo);
            collectParams(guideTrace, params);
            collectParams(modelTrace, params);
        }
        if (numParticles > 1) {
            surrogate = surrogate.div(numParticles);
        }
        return new Estimate(loss / numParticles, surrogate, new ArrayList<>(params));
    }

    /** The score-function terms {@code sum(log q(z) * stopgrad(downstream cost - baseline))} of the non-reparameterized guide sites. */
    private Tensor scoreTerms(Trace modelTrace, Trace guideTrace, List<Site> guideSites) {
        Tensor total = Tensor.scalar(0.0);
        Map<String, Integer> modelPosition = new HashMap<>();
        List<Site> modelSites = new ArrayList<>();
        for (Site s : modelTrace.sites()) {
            if (s.isSample()) {
                modelPosition.put(s.name(), modelSites.size());
                modelSites.add(s);
            }
        }
        for (int i = 0; i < guideSites.size(); i++) {
            Site z = guideSites.get(i);
            if (z.distribution().hasRsample()) {
                continue;
            }
            MultiFrameTensor cost = new MultiFrameTensor();
            Set<String> downstream = new HashSet<>();
            int firstInModel = modelSites.size();
            for (int j = i; j < guideSites.size(); j++) {
                Site g = guideSites.get(j);
                downstream.add(g.name());
                Integer at = modelPosition.get(g.name());
                if (at != null) {
                    firstInModel = Math.min(firstInModel, at);
                }
                Site m = modelTrace.siteOrNull(g.name());
                cost.addSite(m != null ? m.frames() : g.frames(), g.logProb().neg().detach());
            }
            for (int k = 0; k < modelSites.size(); k++) {
                Site m = modelSites.get(k);
                if (k >= firstInModel || downstream.contains(m.name())) {
                    cost.addSite(m.frames(), m.logProb().detach());
                }
            }
            Tensor c = cost.sumTo(z.frames());
            c = withBaseline(z, c);
            Tensor score = z.distribution().logProb(z.value());
            Tensor term = score.mul(c);
            total = total.add(term.isScalar() ? term : term.sum());
        }
        return total;
    }

    private Tensor withBaseline(Site z, Tensor cost) {
        Object config = z.infer().get("baseline");
        if (config == null) {
            return cost;
        }
        if (!(config instanceof Map<?, ?> options)) {
            throw new IllegalArgumentException("site '" + z.name() + "': infer option 'baseline' must be a map, e.g. Map.of("
                    + "\"use_decaying_avg_baseline\", true, \"baseline_beta\", 0.95), got " + config);
        }
        for (Object key : options.keySet()) {
            if (!"use_decaying_avg_baseline".equals(key) && !"baseline_beta".equals(key)) {
                throw new IllegalArgumentException("site '" + z.name() + "': unknown baseline option '" + key
                        + "'; TraceGraphELBO knows use_decaying_avg_baseline and baseline_beta");
            }
        }
        if (!Boolean.TRUE.equals(options.get("use_decaying_avg_baseline"))) {
            return cost;
        }
        Object betaOption = options.get("baseline_beta");
        double beta = betaOption == null ? 0.9 : ((Number) betaOption).doubleValue();
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("site '" + z.name() + "': baseline_beta must be in [0, 1), got " + beta);
        }
        Tensor old = averages.get(z.name());
        if (old == null || !java.util.Arrays.equals(old.shape(), cost.shape())) {
            old = Tensor.zerosLike(cost);
        }
        averages.put(z.name(), cost.mul(1 - beta).add(old.mul(beta)));
        return cost.sub(old);
    }

    private static void collectParams(Trace t, Set<String> into) {
        for (Site s : t.sites()) {
            if (s.isParam()) {
                into.add(s.name());
            }
        }
    }
}
