package org.pyrite.spark;

import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.tensor.Tensor;

/**
 * Turns a model run on one partition's share of a mini-batch into that share's part of the
 * single-machine ELBO. The model's data plate, declared with the partition's {@code k} rows as its
 * subsample of the {@code n} rows, is given the local positions {@code 0..k-1} as its subsample and
 * scales its sites by {@code n / k}; this handler rescales them by {@code k / b}, so each row counts
 * {@code n / b} as in the single-machine step on a mini-batch of {@code b}. Sites outside the plate
 * (global latents, their priors and the guide's density of them) count on one partition only, the
 * owner; elsewhere their scale is 0, so their values still carry gradients into the plate's sites
 * but their densities are not counted twice. Summed over partitions, the losses and gradients are
 * the single-machine step's.
 */
final class BatchShare extends Messenger {
    private final String plate;
    private final Tensor positions;
    private final double rowScale;
    private final boolean owner;

    BatchShare(String plate, int rowsHere, int batchSize, boolean owner) {
        this.plate = plate;
        double[] p = new double[rowsHere];
        for (int i = 0; i < rowsHere; i++) {
            p[i] = i;
        }
        this.positions = Tensor.of(p);
        this.rowScale = (double) rowsHere / batchSize;
        this.owner = owner;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SUBSAMPLE && msg.name().equals(plate) && msg.value() == null) {
            msg.setValue(positions);
            return;
        }
        if (msg.type() != Message.Type.SAMPLE) {
            return;
        }
        if (inPlate(msg)) {
            if (!msg.isObserved()) {
                throw new IllegalArgumentException("site '" + msg.name() + "' is a latent inside plate '" + plate + "': data-parallel SVI "
                        + "fits global latents only (each partition would need the guide's local params of its rows); move it "
                        + "outside the plate or fit on one machine");
            }
            msg.setScale(msg.scale() * rowScale);
        } else if (!owner) {
            msg.setScale(0.0);
        }
    }

    private boolean inPlate(Message msg) {
        for (PlateFrame f : msg.frames()) {
            if (f.name().equals(plate)) {
                return true;
            }
        }
        return false;
    }
}
