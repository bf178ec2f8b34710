package org.pyrite.handlers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.pyrite.distributions.Distribution;
import org.pyrite.tensor.Tensor;

/**
 * One effect travelling through the handler stack: a sample or param statement (Pyro's
 * {@code msg} dict).
 *
 * <p>A message is created by {@code Pyrite.sample}/{@code Pyrite.param}, handed to
 * {@link HandlerStack#apply}, changed by the {@link Messenger}s it passes (a value set, a scale
 * multiplied, propagation stopped) and then read back. It is mutable by design and lives for one
 * statement; a {@link Trace} keeps an immutable {@link Site} made from it.
 */
public final class Message {
    /** The kinds of statement. */
    public enum Type {
        /** {@code Pyrite.sample}: a random choice (observed or latent). */
        SAMPLE,
        /** {@code Pyrite.param}: a learnable parameter. */
        PARAM,
        /** The indices a subsampling plate drew, so that replay can reuse them. */
        SUBSAMPLE
    }

    private final Type type;
    private String name;
    private Distribution distribution;
    private final Supplier<Tensor> lazyValue;
    private Tensor value;
    private boolean observed;
    private double scale = 1.0;
    private Tensor mask;
    private boolean stop;
    private boolean done;
    private Object intervener;
    /** The handler that made the site observed ({@code condition}), or {@code null}. */
    private Object conditioner;
    private Map<String, Object> infer;
    private List<PlateFrame> frames;

    private Message(Type type, String name, Distribution distribution, Supplier<Tensor> lazyValue) {
        this.type = type;
        this.name = name;
        this.distribution = distribution;
        this.lazyValue = lazyValue;
    }

    /** A sample message; {@code obs} (may be null) makes it observed. */
    public static Message sample(String name, Distribution distribution, Tensor obs) {
        Message m = new Message(Type.SAMPLE, name, distribution, null);
        if (obs != null) {
            m.value = obs;
            m.observed = true;
        }
        return m;
    }

    /** A param message whose default value comes from {@code storeLookup} (the param store). */
    public static Message param(String name, Supplier<Tensor> storeLookup) {
        return new Message(Type.PARAM, name, null, storeLookup);
    }

    /** A subsample message whose default value (fresh indices) comes from {@code draw}. */
    static Message subsample(String name, Supplier<Tensor> draw) {
        return new Message(Type.SUBSAMPLE, name, null, draw);
    }

    /** A copy with the same fields (used when a handler splits a site, as {@code intervene} does). */
    Message copy() {
        Message m = new Message(type, name, distribution, lazyValue);
        m.value = value;
        m.observed = observed;
        m.scale = scale;
        m.mask = mask;
        m.stop = stop;
        m.done = done;
        m.intervener = intervener;
        m.conditioner = conditioner;
        m.infer = infer == null ? null : new HashMap<>(infer);
        m.frames = frames == null ? null : new ArrayList<>(frames);
        return m;
    }

    /** What happens when no handler set a value: draw from the distribution, or read the param store. */
    void applyDefault() {
        if (value != null) {
            return;
        }
        if (type == Type.SAMPLE) {
            // Reparameterized draws keep their gradient, so a guide's parameters learn pathwise.
            value = distribution.hasRsample() ? distribution.rsample() : distribution.sample();
        } else {
            value = lazyValue.get();
        }
    }

    /** Whether this is a sample, param or subsample statement. */
    public Type type() {
        return type;
    }

    /** The site name. */
    public String name() {
        return name;
    }

    /** Renames the site (used by {@code intervene} for the counterfactual copy). */
    public void setName(String name) {
        this.name = name;
    }

    /** The distribution of a sample statement ({@code null} for params). */
    public Distribution distribution() {
        return distribution;
    }

    /** Replaces the distribution (plates broadcast it to their batch dimensions). */
    public void setDistribution(Distribution distribution) {
        this.distribution = distribution;
    }

    /** The plates the statement sits in, innermost first (empty when none). */
    public List<PlateFrame> frames() {
        return frames == null ? List.of() : Collections.unmodifiableList(frames);
    }

    void addFrame(PlateFrame frame) {
        if (frames == null) {
            frames = new ArrayList<>(2);
        }
        frames.add(frame);
    }

    /** The value, once a handler or the default set it. */
    public Tensor value() {
        return value;
    }

    /** Sets the value (a handler that fixes the site, e.g. condition or replay). */
    public void setValue(Tensor value) {
        this.value = value;
    }

    /** Whether the value is data (conditioned or passed as {@code obs}) rather than a random choice. */
    public boolean isObserved() {
        return observed;
    }

    /** Marks the value as data (or, with {@code false}, as a random choice). */
    public void setObserved(boolean observed) {
        this.observed = observed;
    }

    /** The factor the log-density is multiplied by (1 unless a {@code scale} handler or subsampling changed it). */
    public double scale() {
        return scale;
    }

    /** Sets the log-density factor. */
    public void setScale(double scale) {
        this.scale = scale;
    }

    /** A 0/1 tensor the log-density is multiplied by, or {@code null} for no mask. */
    public Tensor mask() {
        return mask;
    }

    /** Sets the 0/1 log-density mask ({@code null} for none). */
    public void setMask(Tensor mask) {
        this.mask = mask;
    }

    /** Whether outer handlers are skipped (set by {@code block}). */
    public boolean isStopped() {
        return stop;
    }

    /** Hides the message from the handlers outside the current one. */
    public void stop() {
        this.stop = true;
    }

    /** Whether a handler has finished the value so the default must not run. */
    public boolean isDone() {
        return done;
    }

    /** Marks the value as final, so the default draw does not run. */
    public void setDone(boolean done) {
        this.done = done;
    }

    Object intervener() {
        return intervener;
    }

    void setIntervener(Object intervener) {
        this.intervener = intervener;
    }

    /** The handler that made this site observed, or {@code null} (inline observation, or none). */
    Object conditioner() {
        return conditioner;
    }

    void setConditioner(Object conditioner) {
        this.conditioner = conditioner;
    }

    /** Free-form options for inference algorithms (Pyro's {@code infer} dict); created on first use. */
    public Map<String, Object> infer() {
        if (infer == null) {
            infer = new HashMap<>();
        }
        return infer;
    }

    /** The infer options without creating them: {@code null} when none were set. */
    Map<String, Object> inferOrNull() {
        return infer;
    }
}
