package org.pyrite.handlers;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.pyrite.distributions.Distribution;
import org.pyrite.tensor.Tensor;

/**
 * One recorded statement of a {@link Trace}: its name, kind, distribution, value, whether it was
 * observed, and its (scaled, masked) log-density computed on first request.
 */
public final class Site {
    private final Message.Type type;
    private final String name;
    private final Distribution distribution;
    private final Tensor value;
    private final boolean observed;
    private final double scale;
    private final Tensor mask;
    private final Map<String, Object> infer;
    private final List<PlateFrame> frames;
    /** The log-density with the mask applied, before the scale. */
    private Tensor unscaled;
    private Tensor logProb;
    private Tensor logProbSum;

    Site(Message msg) {
        this.type = msg.type();
        this.name = msg.name();
        this.distribution = msg.distribution();
        this.value = msg.value();
        this.observed = msg.isObserved();
        this.scale = msg.scale();
        this.mask = msg.mask();
        Map<String, Object> i = msg.inferOrNull();
        this.infer = i == null ? Map.of() : Collections.unmodifiableMap(i);
        this.frames = msg.frames().isEmpty() ? List.of() : List.copyOf(msg.frames());
    }

    /** Whether this is a sample, param or subsample site. */
    public Message.Type type() {
        return type;
    }

    /** Whether this is a sample site (observed or latent). */
    public boolean isSample() {
        return type == Message.Type.SAMPLE;
    }

    /** Whether this is a param site. */
    public boolean isParam() {
        return type == Message.Type.PARAM;
    }

    /** The site name. */
    public String name() {
        return name;
    }

    /** The site's distribution; {@code null} for a param site. */
    public Distribution distribution() {
        return distribution;
    }

    /** The value the site took. */
    public Tensor value() {
        return value;
    }

    /** Whether the value was data rather than a random choice. */
    public boolean isObserved() {
        return observed;
    }

    /** The log-density factor (1 unless scaled or subsampled). */
    public double scale() {
        return scale;
    }

    /** The 0/1 mask, or {@code null}. */
    public Tensor mask() {
        return mask;
    }

    /** The plates the site sat in, innermost first. */
    public List<PlateFrame> frames() {
        return frames;
    }

    /** The inference options the site carried. */
    public Map<String, Object> infer() {
        return infer;
    }

    /**
     * The log-density of the value, element-wise over the batch shape, multiplied by the scale and
     * the mask (what Pyro stores as {@code site["log_prob"]}). Computed once, on first request.
     */
    public Tensor logProb() {
        if (logProb == null) {
            Tensor lp = unscaledLogProb();
            logProb = scale == 1.0 ? lp : lp.mul(scale);
        }
        return logProb;
    }

    /**
     * {@link #logProb()} summed to a scalar: the unscaled log-density summed, then scaled, which
     * saves a pass over the batch forward and backward (a subsampled site's scale is not 1).
     */
    public Tensor logProbSum() {
        if (logProbSum == null) {
            Tensor lp = unscaledLogProb();
            Tensor sum = lp.isScalar() ? lp : lp.sum();
            logProbSum = scale == 1.0 ? sum : sum.mul(scale);
        }
        return logProbSum;
    }

    /**
     * The log-density with the mask applied but not the scale: what an enumerated contraction
     * multiplies, applying the (common) scale once to its result, as Pyro does.
     */
    public Tensor unscaledLogProb() {
        if (unscaled == null) {
            if (!isSample()) {
                throw new IllegalStateException("site '" + name + "' is a param site and has no log-density");
            }
            Tensor lp;
            try {
                lp = distribution.logProb(value);
            } catch (IllegalArgumentException e) {
                // The distribution knows the value, not where it came from: name the site (DESIGN §6).
                throw new IllegalArgumentException("site '" + name + "'" + (observed ? " (observed)" : "") + ": " + e.getMessage(), e);
            }
            if (mask != null) {
                // where(), not multiply: a masked-out -inf must contribute 0, not NaN.
                lp = Tensor.where(mask, lp, Tensor.scalar(0.0));
            }
            unscaled = lp;
        }
        return unscaled;
    }

    @Override
    public String toString() {
        return "Site(" + name + ", " + type + (observed ? ", observed" : "") + ", value=" + value + ")";
    }
}
