package org.pyrite.infer.autoguide;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Independent;
import org.pyrite.distributions.Rng;
import org.pyrite.distributions.transforms.Transform;
import org.pyrite.tensor.Tensor;

/**
 * How an autoguide picks the initial (constrained) value of a latent site (Pyro's
 * {@code init_loc_fn}): given the site's name and its distribution in the model, a value of the
 * distribution's shape inside its support. Autoguides trace the model once under an
 * {@link InitMessenger} running the strategy, and start their parameters there.
 *
 * <pre>{@code
 * import static org.pyrite.infer.autoguide.InitStrategy.*;
 *
 * new AutoNormal<>(model);                                   // initToMedian(), the default
 * new AutoNormal<>(model, initToMean());
 * new AutoDelta<>(model, initToValue(Map.of("mu", Tensor.of(0.5, -0.5))));
 * }</pre>
 *
 * <p>Strategies draw from the thread's generator where they sample, so {@code Pyrite.setRngSeed}
 * makes them reproducible.
 */
@FunctionalInterface
public interface InitStrategy {
    /** The number of prior draws {@link #initToMedian()} takes the median of (Pyro's default). */
    int MEDIAN_DRAWS = 15;

    /**
     * The initial value of the latent site {@code name} whose distribution is {@code distribution}:
     * a tensor of shape {@code distribution.shape()} in {@code distribution.support()}.
     */
    Tensor init(String name, Distribution distribution);

    /**
     * The prior median, estimated as the element-wise median of {@value #MEDIAN_DRAWS} prior draws
     * (Pyro's {@code init_to_median}, the default). For a multivariate distribution (an event of
     * more than one coordinate that is not just independent scalars, e.g. a Dirichlet) the median is
     * undefined and the prior mean is used; where the median (or mean) fails or is not finite, the
     * mean, then {@link #initToFeasible()}.
     */
    static InitStrategy initToMedian() {
        return initToMedian(MEDIAN_DRAWS);
    }

    /** As {@link #initToMedian()} with {@code numSamples} (&ge; 1) prior draws. */
    static InitStrategy initToMedian(int numSamples) {
        if (numSamples < 1) {
            throw new IllegalArgumentException("initToMedian: numSamples must be >= 1, got " + numSamples);
        }
        return new InitStrategy() {
            @Override
            public Tensor init(String name, Distribution d) {
                Tensor v = isMultivariate(d) ? mean(d) : median(d, numSamples);
                if (v == null && !isMultivariate(d)) {
                    v = mean(d);
                }
                return v != null ? v : feasible(d);
            }

            @Override
            public String toString() {
                return "initToMedian(" + numSamples + ")";
            }
        };
    }

    /**
     * The prior mean (Pyro's {@code init_to_mean}); where it is undefined (e.g. a Cauchy), not
     * finite or outside the support, the median as in {@link #initToMedian()}.
     */
    static InitStrategy initToMean() {
        return new InitStrategy() {
            @Override
            public Tensor init(String name, Distribution d) {
                Tensor v = mean(d);
                if (v == null && !isMultivariate(d)) {
                    v = median(d, MEDIAN_DRAWS);
                }
                return v != null ? v : feasible(d);
            }

            @Override
            public String toString() {
                return "initToMean()";
            }
        };
    }

    /**
     * Zero in unconstrained space pushed onto the support (Pyro's {@code init_to_feasible}): 0 on
     * the real line, 1 for positive values, the midpoint of an interval, the uniform point of a
     * simplex, the identity for a lower-Cholesky factor. Draws nothing.
     */
    static InitStrategy initToFeasible() {
        return new InitStrategy() {
            @Override
            public Tensor init(String name, Distribution d) {
                return feasible(d);
            }

            @Override
            public String toString() {
                return "initToFeasible()";
            }
        };
    }

    /**
     * A uniform draw from {@code (-2, 2)} in unconstrained space, pushed onto the support (Pyro's
     * {@code init_to_uniform}).
     */
    static InitStrategy initToUniform() {
        return initToUniform(2.0);
    }

    /** A uniform draw from {@code (-radius, radius)} (radius &gt; 0) in unconstrained space, pushed onto the support. */
    static InitStrategy initToUniform(double radius) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("initToUniform: radius must be finite and > 0, got " + radius);
        }
        return new InitStrategy() {
            @Override
            public Tensor init(String name, Distribution d) {
                Transform t = LatentSite.unconstrainingTransform(d.support());
                int[] shape = t.inverseShape(d.shape());
                double[] u = new double[org.pyrite.tensor.Shape.numel(shape)];
                Rng rng = Rng.current();
                for (int i = 0; i < u.length; i++) {
                    u[i] = (2 * rng.uniform() - 1) * radius;
                }
                return t.forward(Tensor.fromArray(u, shape));
            }

            @Override
            public String toString() {
                return "initToUniform(" + radius + ")";
            }
        };
    }

    /**
     * The given values for the named sites ({@code Double}s or {@code Tensor}s, constrained), and
     * {@link #initToUniform()} for the others (Pyro's {@code init_to_value}).
     */
    static InitStrategy initToValue(Map<String, ?> values) {
        return initToValue(values, initToUniform());
    }

    /** The given values for the named sites, and {@code fallback} for the others. */
    static InitStrategy initToValue(Map<String, ?> values, InitStrategy fallback) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(fallback, "fallback");
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Tensor) {
                tensors.put(e.getKey(), ((Tensor) v).detach());
            } else if (v instanceof Number) {
                tensors.put(e.getKey(), Tensor.scalar(((Number) v).doubleValue()));
            } else {
                throw new IllegalArgumentException("initToValue: the value for site '" + e.getKey() + "' is "
                        + (v == null ? "null" : "a " + v.getClass().getName()) + "; pass a Double or a Tensor");
            }
        }
        return new InitStrategy() {
            @Override
            public Tensor init(String name, Distribution d) {
                Tensor v = tensors.get(name);
                return v != null ? v : fallback.init(name, d);
            }

            @Override
            public String toString() {
                return "initToValue(" + tensors.keySet() + ", fallback " + fallback + ")";
            }
        };
    }

    // ------------------------------------------------------------------ shared steps (not API)

    /** Pyro's {@code _is_multivariate}: an event of more than one coordinate once {@code toEvent} is looked through. */
    private static boolean isMultivariate(Distribution d) {
        Distribution base = d;
        while (base instanceof Independent) {
            base = ((Independent) base).base();
        }
        return Arrays.stream(base.eventShape()).anyMatch(size -> size > 1);
    }

    /** The element-wise median of {@code n} draws, or {@code null} when it is not a finite value in the support. */
    private static Tensor median(Distribution d, int n) {
        Tensor draws;
        try {
            draws = d.sample(n);
        } catch (UnsupportedOperationException | ArithmeticException e) {
            return null;
        }
        int[] shape = d.shape();
        int size = org.pyrite.tensor.Shape.numel(shape);
        double[] all = draws.toArray();
        double[] out = new double[size];
        double[] column = new double[n];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < n; k++) {
                column[k] = all[k * size + i];
            }
            Arrays.sort(column);
            // torch's median: the lower of the two middle values for an even count.
            out[i] = column[(n - 1) / 2];
        }
        return usable(d, Tensor.fromArray(out, shape));
    }

    /** The mean, or {@code null} when undefined, not finite or outside the support. */
    private static Tensor mean(Distribution d) {
        try {
            return usable(d, d.mean().detach().expand(d.shape()));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Tensor usable(Distribution d, Tensor v) {
        for (double x : v.toArray()) {
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return null;
            }
        }
        for (double ok : d.support().check(v).toArray()) {
            if (ok == 0.0) {
                return null;
            }
        }
        return v;
    }

    /** Zero in unconstrained space, pushed onto the support. */
    private static Tensor feasible(Distribution d) {
        Transform t = LatentSite.unconstrainingTransform(d.support());
        return t.forward(Tensor.zeros(t.inverseShape(d.shape())));
    }
}
