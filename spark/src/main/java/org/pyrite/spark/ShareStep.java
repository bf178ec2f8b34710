package org.pyrite.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.pyrite.Model;
import org.pyrite.distributions.Rng;
import org.pyrite.infer.ELBO;
import org.pyrite.infer.TraceELBO;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;

/**
 * The executor's side of a data-parallel SVI step: from the partition's rows in the step's
 * mini-batch, its share of the loss and of the gradient ({@link BatchShare}), for the params the
 * driver sent. Holds only what is shipped: the model, how rows become its argument, how to build
 * the guide, the plate's name and the fit's id.
 */
@SuppressWarnings("try") // scopes (param store, no-grad, handlers, plates) are entered for their effect
final class ShareStep<B> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SparkModel<B, ?> model;
    private final RowsToBatch<B> toBatch;
    private final SparkGuide<B> guideFactory;
    private final String plate;
    private final String runId;

    ShareStep(SparkModel<B, ?> model, RowsToBatch<B> toBatch, SparkGuide<B> guideFactory, String plate, String runId) {
        this.model = model;
        this.toBatch = toBatch;
        this.guideFactory = guideFactory;
        this.plate = plate;
        this.runId = runId;
    }

    /**
     * This partition's share for the mini-batch {@code batch} (ascending row indices of a data set
     * of {@code fullSize} rows): one gradient estimate under a generator seeded with
     * {@code seeds[0]} when {@code withGradient}, else one loss per seed without gradients.
     */
    @SuppressWarnings("unchecked")
    ShareGradient compute(PartitionRows part, int start, int[] batch, int fullSize, int owner, ParamSnapshot params, long[] seeds,
            boolean withGradient) {
        int lo = lowerBound(batch, start);
        int hi = lowerBound(batch, start + part.rows().size());
        int k = hi - lo;
        if (k == 0) {
            return ShareGradient.NONE;
        }
        List<Row> rows = new ArrayList<>(k);
        for (int i = lo; i < hi; i++) {
            rows.add(part.rows().get(batch[i] - start));
        }
        B args = toBatch.convert(rows, fullSize, k);
        boolean isOwner = part.partition() == owner;
        ExecutorState state = ExecutorState.of(runId, part.partition(), () -> guideFactory.create(model));
        Model<B, ?> guide = (Model<B, ?>) state.guide;
        synchronized (state) {
            try (ParamStore.Scope s = ParamStore.use(state.store)) {
                if (!state.ready) {
                    // The guide's first call traces the model, hidden from every handler (so on these
                    // rows as a data set of their own: no subsampling), and creates its params,
                    // which the driver's values then overwrite.
                    Rng previous = Rng.install(Rng.seeded(0L));
                    try (Autograd.Scope noGrad = Autograd.noGrad()) {
                        guide.call(toBatch.convert(rows, k, k));
                    } finally {
                        Rng.install(previous);
                    }
                    state.ready = true;
                }
                params.applyTo(state.store);
                ELBO elbo = new TraceELBO();
                if (!withGradient) {
                    double[] losses = new double[seeds.length];
                    try (Autograd.Scope noGrad = Autograd.noGrad()) {
                        for (int j = 0; j < seeds.length; j++) {
                            losses[j] = run(elbo, guide, args, k, batch.length, isOwner, seeds[j], false).loss();
                        }
                    }
                    return new ShareGradient(losses, null, null);
                }
                ELBO.Estimate e = run(elbo, guide, args, k, batch.length, isOwner, seeds[0], !state.checked);
                state.checked = true;
                String[] names = e.params().toArray(new String[0]);
                Tensor[] leaves = new Tensor[names.length];
                for (int i = 0; i < names.length; i++) {
                    leaves[i] = state.store.unconstrained(names[i]);
                }
                Tensor[] grads = Autograd.grad(e.surrogate(), leaves);
                double[][] flat = new double[names.length][];
                for (int i = 0; i < names.length; i++) {
                    flat[i] = grads[i].toArray();
                }
                return new ShareGradient(new double[] {e.loss()}, names, flat);
            }
        }
    }

    private ELBO.Estimate run(ELBO elbo, Model<B, ?> guide, B args, int k, int batchSize, boolean isOwner, long seed, boolean check) {
        Rng previous = Rng.install(Rng.seeded(seed));
        try (BatchShare share = new BatchShare(plate, k, batchSize, isOwner).enter()) {
            return elbo.estimate(model, guide, args, check);
        } finally {
            Rng.install(previous);
        }
    }

    /** The first position in ascending {@code xs} holding a value {@code >= key}. */
    private static int lowerBound(int[] xs, int key) {
        int i = Arrays.binarySearch(xs, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && xs[i - 1] == key) {
            i--;
        }
        return i;
    }
}
