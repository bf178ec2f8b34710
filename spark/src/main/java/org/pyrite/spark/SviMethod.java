package org.pyrite.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyrite.Model;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.infer.autoguide.AutoNormal;
import org.pyrite.optim.Adam;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * SVI with an {@link AutoNormal} guide and Adam, then {@code numDraws} draws from the fitted guide
 * for the summaries. The final loss is the mean of the last tenth of the steps' losses (one step's
 * loss is a one-particle estimate, too noisy to compare fits by).
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
final class SviMethod implements GroupMethod {
    private static final long serialVersionUID = 1L;
    private final int steps;
    private final double learningRate;
    private final int numDraws;

    SviMethod(int steps, double learningRate, int numDraws) {
        if (steps < 1) {
            throw new IllegalArgumentException("PerGroup.svi: steps must be >= 1, got " + steps);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("PerGroup.svi: the learning rate must be finite and > 0, got " + learningRate);
        }
        if (numDraws < 2) {
            throw new IllegalArgumentException("PerGroup.svi: numDraws must be >= 2 (for a standard deviation), got " + numDraws);
        }
        this.steps = steps;
        this.learningRate = learningRate;
        this.numDraws = numDraws;
    }

    @Override
    public <A> GroupPosterior fit(Model<A, ?> model, A args) {
        AutoNormal<A> guide = new AutoNormal<>(model);
        SVI<A> svi = new SVI<>(model, guide, new Adam(learningRate), new TraceELBO());
        int tail = Math.max(1, steps / 10);
        double tailSum = 0;
        for (int t = 0; t < steps; t++) {
            double loss = svi.step(args);
            if (t >= steps - tail) {
                tailSum += loss;
            }
        }
        Map<String, List<Tensor>> perSite = new LinkedHashMap<>();
        try (Autograd.Scope noGrad = Autograd.noGrad()) {
            for (int d = 0; d < numDraws; d++) {
                for (Map.Entry<String, Tensor> e : guide.call(args).entrySet()) {
                    perSite.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                }
            }
        }
        Map<String, Tensor> draws = new LinkedHashMap<>();
        perSite.forEach((site, values) -> draws.put(site, Tensor.stack(0, values.toArray(new Tensor[0]))));
        return new GroupPosterior(draws, null, tailSum / tail);
    }

    @Override
    public String name() {
        return "svi";
    }
}
