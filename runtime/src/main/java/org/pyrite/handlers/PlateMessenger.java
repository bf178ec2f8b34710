package org.pyrite.handlers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Rng;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * A plate (Pyro's {@code plate}): a set of conditionally independent sites along one batch
 * dimension, optionally subsampled.
 *
 * <pre>{@code
 * try (PlateMessenger data = Pyrite.plate("data", 10_000, 1_000)) {
 *     Tensor x = features.index(0, data.subsample());          // the mini-batch's rows
 *     sample("y", Bernoulli.logits(x.matmul(w)), labels.index(0, data.subsample()));
 * }
 * }</pre>
 *
 * <p>Inside a plate every sample site's distribution is broadcast so that batch dimension
 * {@link #dim()} has the plate's (subsample) size; a site whose batch shape has another size there
 * is an error naming the site, the plates and both shapes. Log-densities are multiplied by
 * {@code size / subsampleSize}, so the ELBO stays an unbiased estimate of the full-data ELBO.
 * A subsample is a uniformly random subset of the indices, listed in ascending order (Pyro lists
 * its subsample in random order; the set has the same distribution). Without an explicit
 * dimension, a plate takes the rightmost dimension no enclosing plate holds (-1 for the
 * outermost, -2 for the next, ...). A sequential plate ({@code dim == null}) scales
 * and records its frame but does not broadcast: its body runs once per index.
 */
public final class PlateMessenger extends Messenger {
    private final String name;
    private final int size;
    private final int subsampleSize;
    private final Integer requestedDim;
    private final boolean vectorized;
    private int dim;
    private int[] indices;
    /** Whether the subsample was drawn: on the first entry, kept for the next ones. */
    private boolean drawn;
    private PlateFrame frame;

    /**
     * A plate of {@code size} entries of which {@code subsampleSize} are drawn when it is first
     * entered (entered again, it keeps that subsample, as a Pyro plate used twice in a model does);
     * {@code dim} is a negative batch dimension or {@code null} to allocate one;
     * {@code vectorized == false} makes it sequential.
     */
    public PlateMessenger(String name, int size, int subsampleSize, Integer dim, boolean vectorized) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a plate needs a non-empty name");
        }
        if (size < 1 || subsampleSize < 1 || subsampleSize > size) {
            throw new IllegalArgumentException("plate '" + name + "': need 1 <= subsampleSize <= size, got size " + size
                    + ", subsampleSize " + subsampleSize);
        }
        if (dim != null && dim >= 0) {
            throw new IllegalArgumentException("plate '" + name + "': dim must be negative (counted from the right), got " + dim);
        }
        this.name = name;
        this.size = size;
        this.subsampleSize = subsampleSize;
        this.requestedDim = dim;
        this.vectorized = vectorized;
    }

    @Override
    protected void onEnter() {
        if (HandlerStack.activePlate(name, this) != null) {
            throw new IllegalArgumentException("plate '" + name + "' is entered inside a plate of the same name; nested plates need"
                    + " different names (to use one plate twice, close it before entering it again)");
        }
        if (vectorized) {
            dim = DimAllocator.allocate(name, requestedDim);
        }
        frame = new PlateFrame(name, vectorized ? dim : null, size, subsampleSize);
        if (drawn) {
            // Entered again (Pyro's idiom of one plate used twice in a model): the same subsample,
            // drawn once, as Pyro draws it once when the plate is made.
            return;
        }
        try {
            indices = drawIndices();
            drawn = true;
        } catch (RuntimeException | Error e) {
            // The messenger is popped by enter(); the dimension it took must be given back too.
            onExit();
            throw e;
        }
    }

    @Override
    protected String describe() {
        return "plate '" + name + "' (size " + size + (subsampleSize != size ? ", subsample " + subsampleSize : "") + ")";
    }

    @Override
    protected void onExit() {
        if (vectorized) {
            DimAllocator.free(dim);
        }
    }

    /** A fresh random subset (sent through the stack so replay can reuse the guide's); {@code null} without subsampling. */
    private int[] drawIndices() {
        if (subsampleSize == size) {
            return null; // the full range, made only if asked for
        }
        int[][] drawn = new int[1][];
        Tensor[] made = new Tensor[1];
        Message msg = Message.subsample(name, () -> {
            drawn[0] = randomSubset();
            made[0] = Tensor.of(toDoubles(drawn[0]));
            return made[0];
        });
        // The plate itself is already on the stack; it ignores its own subsample message.
        HandlerStack.apply(msg);
        Tensor value = msg.value();
        if (value == made[0]) {
            return drawn[0]; // our own draw: no need to read the indices back
        }
        double[] v = value.toArray();
        if (v.length != subsampleSize) {
            throw new IllegalStateException("plate '" + name + "': replayed subsample has " + v.length
                    + " indices, the plate draws " + subsampleSize);
        }
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] < size && v[i] == Math.rint(v[i]))) {
                throw new IllegalStateException("plate '" + name + "': replayed subsample has " + v[i] + " at position " + i
                        + ", not an index in 0.." + (size - 1) + "; replay a trace of a plate of the same size");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /**
     * A uniformly random subset of {@code subsampleSize} of the indices, in ascending order. Pyro
     * draws its subsample in random order; ascending order reads the rows of a data matrix in
     * memory order, and with the CPU kernels' split (the caller takes the front of a batch, helpers
     * the back) each core keeps reading the same part of the data from one step to the next.
     */
    private int[] randomSubset() {
        org.apache.commons.rng.UniformRandomProvider rng = Rng.current().provider();
        long[] taken = new long[(size + 63) >>> 6];
        if (subsampleSize * 4L <= size) {
            // A small share of the indices: uniform draws, rejecting repeats, cost about
            // subsampleSize rather than size (no permutation of every index). Each 64-bit word
            // gives two 32-bit draws, mapped to [0, size) by Lemire's multiply-shift; rejecting a
            // low half below 2^32 mod size leaves every index exactly equally likely.
            long threshold = (1L << 32) % size;
            int count = 0;
            while (count < subsampleSize) {
                long word = rng.nextLong();
                for (int half = 0; half < 2 && count < subsampleSize; half++) {
                    long m = ((word >>> (32 * half)) & 0xFFFFFFFFL) * size;
                    if ((m & 0xFFFFFFFFL) < threshold) {
                        continue;
                    }
                    int j = (int) (m >>> 32);
                    if ((taken[j >>> 6] & (1L << j)) == 0) {
                        taken[j >>> 6] |= 1L << j;
                        count++;
                    }
                }
            }
        } else {
            // Otherwise a partial Fisher-Yates shuffle: the first subsampleSize entries of a
            // uniform random permutation.
            int[] perm = new int[size];
            for (int i = 0; i < size; i++) {
                perm[i] = i;
            }
            for (int i = 0; i < subsampleSize; i++) {
                int j = i + rng.nextInt(size - i);
                int picked = perm[j];
                perm[j] = perm[i];
                perm[i] = picked;
                taken[picked >>> 6] |= 1L << picked;
            }
        }
        int[] out = new int[subsampleSize];
        int p = 0;
        for (int w = 0; w < taken.length; w++) {
            for (long bits = taken[w]; bits != 0; bits &= bits - 1) {
                out[p++] = (w << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return out;
    }

    private static double[] toDoubles(int[] xs) {
        double[] d = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            d[i] = xs[i];
        }
        return d;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE) {
            return;
        }
        msg.addFrame(frame);
        if (subsampleSize != size) {
            msg.setScale(msg.scale() * ((double) size / subsampleSize));
        }
        if (vectorized) {
            broadcast(msg);
        }
    }

    /** Expands the site's distribution so every enclosing plate's dim has that plate's size (Pyro's BroadcastMessenger). */
    private static void broadcast(Message msg) {
        Distribution d = msg.distribution();
        int[] actual = d.batchShape();
        List<PlateFrame> frames = msg.frames();
        int rank = actual.length;
        for (PlateFrame f : frames) {
            if (f.isVectorized()) {
                rank = Math.max(rank, -f.dim());
            }
        }
        int[] target = new int[rank];
        Arrays.fill(target, -1);
        for (int i = 0; i < actual.length; i++) {
            target[rank - actual.length + i] = actual[i] == 1 ? -1 : actual[i];
        }
        for (PlateFrame f : frames) {
            if (!f.isVectorized()) {
                continue;
            }
            int at = rank + f.dim();
            if (target[at] != -1 && target[at] != f.subsampleSize()) {
                throw shapeError(msg, f, actual);
            }
            target[at] = f.subsampleSize();
        }
        for (int i = 0; i < rank; i++) {
            if (target[i] == -1) {
                int fromRight = rank - i;
                target[i] = fromRight <= actual.length ? actual[actual.length - fromRight] : 1;
            }
        }
        if (!Arrays.equals(target, actual)) {
            msg.setDistribution(d.expand(target));
        }
        Tensor v = msg.value();
        if (v != null && msg.isObserved()) {
            checkValue(msg, v, target);
        }
    }

    private static void checkValue(Message msg, Tensor v, int[] batch) {
        int[] event = msg.distribution().eventShape();
        int[] vs = v.shape();
        int[] vBatch = Arrays.copyOfRange(vs, 0, Math.max(0, vs.length - event.length));
        try {
            Shape.broadcast(vBatch, batch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("observed value of site '" + msg.name() + "' has shape " + Arrays.toString(vs)
                    + ", which does not fit batch shape " + Arrays.toString(batch) + " of " + plates(msg)
                    + " (event shape " + Arrays.toString(event) + ")" + callSite(), e);
        }
    }

    private static IllegalArgumentException shapeError(Message msg, PlateFrame f, int[] actual) {
        return new IllegalArgumentException("shape mismatch at site '" + msg.name() + "' inside " + plates(msg) + ": plate '" + f.name()
                + "' expects size " + f.subsampleSize() + " at dim " + f.dim() + ", but the distribution's batch shape is "
                + Arrays.toString(actual) + "; make that dimension " + f.subsampleSize() + " or 1 (e.g. with expand or toEvent)"
                + callSite());
    }

    private static String plates(Message msg) {
        List<String> names = new ArrayList<>();
        for (PlateFrame f : msg.frames()) {
            names.add("'" + f.name() + "' (dim " + f.dim() + ", size " + f.subsampleSize() + ")");
        }
        return "plates " + names;
    }

    /** " (at File.java:line)" of the code that called {@code Pyrite.sample}, when known. */
    private static String callSite() {
        return StackWalker.getInstance().walk(frames -> frames
                .dropWhile(f -> !f.getClassName().equals("org.pyrite.Pyrite"))
                .dropWhile(f -> f.getClassName().equals("org.pyrite.Pyrite"))
                .findFirst()
                .map(f -> " (at " + f.getFileName() + ":" + f.getLineNumber() + ")")
                .orElse(""));
    }

    /** The plate's name. */
    public String name() {
        return name;
    }

    /** The full size. */
    public int size() {
        return size;
    }

    /** The number of indices drawn per run. */
    public int subsampleSize() {
        return subsampleSize;
    }

    /** The batch dimension the plate holds (valid once entered; sequential plates have none). */
    public int dim() {
        if (!vectorized) {
            throw new IllegalStateException("plate '" + name + "' is sequential and has no batch dimension");
        }
        return dim;
    }

    /** The indices of this run's (sub)sample, ascending: {@code 0..size-1} without subsampling. */
    public int[] subsample() {
        if (frame == null) {
            throw new IllegalStateException("plate '" + name + "' has not been entered yet");
        }
        if (indices == null) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        return indices.clone();
    }

    /** The subsample indices as a tensor, for slicing data with {@code Tensor.index}. */
    public Tensor subsampleTensor() {
        return Tensor.of(toDoubles(subsample()));
    }
}
