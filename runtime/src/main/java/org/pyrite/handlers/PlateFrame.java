package org.pyrite.handlers;

/**
 * One plate a site sits in (Pyro's {@code CondIndepStackFrame}): its name, the batch dimension
 * it owns ({@code null} for a sequential plate, which does not broadcast), its full size and the
 * size of the subsample actually drawn.
 */
public final class PlateFrame {
    private final String name;
    private final Integer dim;
    private final int size;
    private final int subsampleSize;

    PlateFrame(String name, Integer dim, int size, int subsampleSize) {
        this.name = name;
        this.dim = dim;
        this.size = size;
        this.subsampleSize = subsampleSize;
    }

    /** The plate's name. */
    public String name() {
        return name;
    }

    /** The (negative) batch dimension, or {@code null} for a sequential plate. */
    public Integer dim() {
        return dim;
    }

    /** The full size. */
    public int size() {
        return size;
    }

    /** The number of indices drawn (equal to {@link #size()} without subsampling). */
    public int subsampleSize() {
        return subsampleSize;
    }

    /** Whether the plate broadcasts along a batch dimension. */
    public boolean isVectorized() {
        return dim != null;
    }

    @Override
    public String toString() {
        return "plate '" + name + "' (size " + subsampleSize + (subsampleSize != size ? " of " + size : "")
                + (dim == null ? ", sequential" : ", dim " + dim) + ")";
    }
}
