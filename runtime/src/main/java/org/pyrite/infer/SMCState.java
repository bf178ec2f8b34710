package org.pyrite.infer;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pyrite.diagnostics.Names;
import org.pyrite.tensor.Tensor;

/**
 * The particles of an {@link SMCFilter} (Pyro's {@code SMCState}): named tensors whose leading
 * dimension is the particle, which the filter resamples together. The model of an
 * {@link SMCProgram} reads and writes it; its guide only reads it.
 */
public final class SMCState {
    private final int numParticles;
    private Map<String, Tensor> values = new LinkedHashMap<>();
    private boolean locked;

    SMCState(int numParticles) {
        this.numParticles = numParticles;
    }

    /** How many particles. */
    public int numParticles() {
        return numParticles;
    }

    /** The value stored under {@code key}, leading dimension the particles. */
    public Tensor get(String key) {
        Tensor v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("SMCState has no value '" + key + "'" + Names.didYouMean(key, values.keySet())
                    + " (it holds " + values.keySet() + "); the model's init must put it first");
        }
        return v;
    }

    /** Whether a value is stored under {@code key}. */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The keys, in the order they were first stored. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * Stores {@code value} (leading dimension: the particles) under {@code key}.
     *
     * @throws IllegalStateException from a guide, which may only read the state
     * @throws IllegalArgumentException when the leading dimension is not the number of particles
     */
    public void put(String key, Tensor value) {
        if (locked) {
            throw new IllegalStateException("SMCState: the guide tried to write '" + key + "'; a guide may only read the state"
                    + " (the model's step writes it)");
        }
        if (value.rank() == 0 || value.size(0) != numParticles) {
            throw new IllegalArgumentException("SMCState: '" + key + "' has shape " + Arrays.toString(value.shape())
                    + "; its leading dimension must be the " + numParticles + " particles (sample it inside the step, which runs"
                    + " in the particle plate, or expand it)");
        }
        values.put(key, value.detach());
    }

    void lock(boolean lock) {
        locked = lock;
    }

    Map<String, Tensor> snapshot() {
        return new LinkedHashMap<>(values);
    }

    void restore(Map<String, Tensor> snapshot) {
        values = snapshot;
    }

    void clear() {
        values = new LinkedHashMap<>();
    }

    /** Every value's particles replaced by those at {@code index}. */
    void resample(int[] index) {
        Map<String, Tensor> next = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            next.put(e.getKey(), e.getValue().index(0, index));
        }
        values = next;
    }
}
