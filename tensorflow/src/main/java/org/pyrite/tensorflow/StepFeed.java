package org.pyrite.tensorflow;

import java.util.List;
import org.pyrite.distributions.Rng;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.tensor.Shape;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Randomness a compiled step takes from the thread's generator at every run, fed to a
 * placeholder: in the order the CPU SVI draws it, so both walk one random stream alike.
 */
abstract class StepFeed {
    final Output<?> placeholder;

    StepFeed(Output<?> placeholder) {
        this.placeholder = placeholder;
    }

    /** Draws this run's value and feeds it; the tensor made is added to {@code toClose}. */
    abstract void feed(Session.Runner runner, Rng rng, List<Tensor> toClose);

    /** Standard-normal noise of a reparameterized guide draw. */
    static final class Noise extends StepFeed {
        final String site;
        final int[] shape;
        private final int numel;

        Noise(String site, int[] shape, Output<?> placeholder) {
            super(placeholder);
            this.site = site;
            this.shape = shape;
            this.numel = Shape.numel(shape);
        }

        @Override
        void feed(Session.Runner runner, Rng rng, List<Tensor> toClose) {
            double[] eps = new double[numel];
            for (int i = 0; i < eps.length; i++) {
                eps[i] = rng.gaussian();
            }
            TFloat64 t = TFloat64.tensorOf(GraphOps.shape(shape), DataBuffers.of(eps, true, false));
            toClose.add(t);
            runner.feed(placeholder, t);
        }
    }

    /** A subsampled plate's indices, drawn as the plate draws them on the CPU. */
    static final class Subsample extends StepFeed {
        final String plate;
        int size;
        int subsampleSize;

        Subsample(String plate, int subsampleSize, Output<?> placeholder) {
            super(placeholder);
            this.plate = plate;
            this.subsampleSize = subsampleSize;
        }

        @Override
        void feed(Session.Runner runner, Rng rng, List<Tensor> toClose) {
            int[] idx;
            // The plate's own draw (uniform subset, ascending), outside any other handler.
            try (PlateMessenger p = new PlateMessenger(plate, size, subsampleSize, null, false).enter()) {
                idx = p.subsample();
            }
            TInt32 t = TInt32.tensorOf(GraphOps.shape(new int[] {idx.length}), DataBuffers.of(idx, true, false));
            toClose.add(t);
            runner.feed(placeholder, t);
        }
    }
}
