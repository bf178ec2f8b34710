package org.pyrite.spark;

import java.util.Objects;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.tensor.Tensor;

/**
 * Makes a subsampled plate use given indices instead of drawing its own: what a single-machine
 * SVI step must do to be compared with a {@link DataParallelSVI} step on the same mini-batch.
 *
 * <pre>{@code
 * try (FixedSubsample fixed = new FixedSubsample("data", dp.indicesOfStep(0)).enter()) {
 *     svi.step(fullData);
 * }
 * }</pre>
 */
public final class FixedSubsample extends Messenger {
    private final String plate;
    private final Tensor indices;

    /** Plate {@code plate} takes {@code indices} (its subsample size many, each in {@code 0..size-1}) as its subsample. */
    public FixedSubsample(String plate, int[] indices) {
        this.plate = Objects.requireNonNull(plate, "plate");
        double[] d = new double[indices.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = indices[i];
        }
        this.indices = Tensor.of(d);
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SUBSAMPLE && msg.name().equals(plate) && msg.value() == null) {
            msg.setValue(indices);
        }
    }
}
