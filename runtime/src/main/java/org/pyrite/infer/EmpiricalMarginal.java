package org.pyrite.infer;

import java.util.List;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Empirical;
import org.pyrite.distributions.constraints.Constraint;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * The marginal distribution of a model's return value, or of one site, under a weighted
 * collection of traces (Pyro's {@code EmpiricalMarginal}): a distribution over the values those
 * traces hold, each with its normalized importance weight.
 *
 * <pre>{@code
 * TracePosterior posterior = new Importance<>(Tutorial::scale, 100).run(8.5);
 * EmpiricalMarginal marginal = new EmpiricalMarginal(posterior);            // over return values
 * double draw = marginal.sample().item();
 * EmpiricalMarginal weight = new EmpiricalMarginal(posterior, "weight");    // over one site
 * double mean = weight.mean().item();
 * }</pre>
 */
public final class EmpiricalMarginal extends Distribution {
    private final Empirical empirical;

    /** The marginal over the traces' return values, which must be tensors of one shape. */
    public EmpiricalMarginal(TracePosterior posterior) {
        this(posterior, null);
    }

    /** The marginal over the values of site {@code site} ({@code null} for the return value). */
    public EmpiricalMarginal(TracePosterior posterior, String site) {
        if (!posterior.hasTraces()) {
            if (site == null) {
                throw new IllegalArgumentException("EmpiricalMarginal over return values needs the traces, but this posterior kept only"
                        + " some sites' values (Importance.keepingOnly); pass a kept site's name instead");
            }
            this.empirical = Empirical.of(posterior.values(site), Tensor.of(posterior.logWeights()));
            return;
        }
        List<Trace> traces = posterior.traces();
        Tensor[] values = new Tensor[traces.size()];
        for (int i = 0; i < values.length; i++) {
            Trace t = traces.get(i);
            if (site == null) {
                Object r = t.returnValue();
                if (!(r instanceof Tensor)) {
                    throw new IllegalArgumentException("EmpiricalMarginal over return values needs a model that returns a Tensor, but trace "
                            + i + " returned " + (r == null ? "null" : "a " + r.getClass().getName())
                            + "; pass a site name instead, e.g. new EmpiricalMarginal(posterior, \"" + firstLatent(t) + "\")");
                }
                values[i] = ((Tensor) r).detach();
            } else {
                values[i] = t.site(site).value().detach();
            }
            if (i > 0 && !java.util.Arrays.equals(values[i].shape(), values[0].shape())) {
                throw new IllegalArgumentException("EmpiricalMarginal" + (site == null ? " over return values" : " of site '" + site + "'")
                        + ": trace " + i + " has shape " + java.util.Arrays.toString(values[i].shape()) + ", trace 0 has "
                        + java.util.Arrays.toString(values[0].shape()) + "; all values must have one shape");
            }
        }
        this.empirical = Empirical.of(Tensor.stack(0, values), Tensor.of(posterior.logWeights()));
    }

    private static String firstLatent(Trace t) {
        return t.latentSites().isEmpty() ? "name" : t.latentSites().get(0).name();
    }

    @Override
    public int[] batchShape() {
        return empirical.batchShape();
    }

    @Override
    public int[] eventShape() {
        return empirical.eventShape();
    }

    @Override
    public Constraint support() {
        return empirical.support();
    }

    @Override
    public Tensor mean() {
        return empirical.mean();
    }

    @Override
    public Tensor variance() {
        return empirical.variance();
    }

    @Override
    public Tensor sample(int... sampleShape) {
        return empirical.sample(sampleShape);
    }

    @Override
    protected Tensor logProbUnchecked(Tensor value) {
        return empirical.logProb(value);
    }

    @Override
    public Distribution expand(int... batchShape) {
        return empirical.expand(batchShape);
    }

    /**
     * Weighted counts of scalar values in {@code bins} equal-width bins over {@code [low, high]}:
     * entry {@code i} is the total normalized weight of values in bin {@code i} (the last bin
     * includes {@code high}); values outside the range are left out.
     */
    public double[] histogram(int bins, double low, double high) {
        if (bins < 1 || !(low < high)) {
            throw new IllegalArgumentException("histogram needs bins >= 1 and low < high, got bins=" + bins + ", range ["
                    + low + ", " + high + "]");
        }
        if (eventShape().length != 0) {
            throw new IllegalArgumentException("histogram needs scalar values, these have shape " + java.util.Arrays.toString(eventShape()));
        }
        double[] v = empirical.samples().toArray();
        double[] lw = empirical.logWeights().toArray();
        double lse = TracePosterior.logSumExp(lw);
        double[] counts = new double[bins];
        double width = (high - low) / bins;
        for (int i = 0; i < v.length; i++) {
            if (v[i] < low || v[i] > high) {
                continue;
            }
            int b = Math.min((int) ((v[i] - low) / width), bins - 1);
            counts[b] += Math.exp(lw[i] - lse);
        }
        return counts;
    }
}
