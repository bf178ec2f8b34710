package org.pyrite.infer.autoguide;

import java.util.ArrayList;
import java.util.List;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.tensor.Tensor;

/**
 * The plates of one latent site, re-entered by an autoguide around the site's sample statement
 * (Pyro's {@code _create_plates}): same names, sizes, subsample sizes and dimensions as in the
 * model, so the guide's site gets the model's frames and, under subsampling, the same scale and
 * the same mini-batch. A try-with-resources scope:
 *
 * <pre>{@code
 * try (SitePlates plates = enterPlates(site)) {
 *     Tensor loc = plates.select(fullLoc, site.unconstrainedEventDim());   // the mini-batch's rows
 *     sample(site.name(), Normal.of(loc, scale));
 * }
 * }</pre>
 *
 * <p>Within one call of an autoguide every entry of a subsampled plate uses the indices its
 * first entry drew (see {@link AutoGuide#call}); the model's plate of that name replays them.
 */
public final class SitePlates implements AutoCloseable {
    private final List<PlateFrame> frames;
    private final List<PlateMessenger> entered = new ArrayList<>();

    /** Enters the plates of {@code frames} (innermost first), outermost first. */
    SitePlates(List<PlateFrame> frames) {
        this.frames = frames;
        try {
            for (int i = frames.size() - 1; i >= 0; i--) {
                PlateFrame f = frames.get(i);
                PlateMessenger p = new PlateMessenger(f.name(), f.size(), f.subsampleSize(), f.dim(), true);
                p.enter();
                entered.add(p);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * The entries of {@code full} (a tensor with the site's full batch shape, whose
     * {@code eventDim} rightmost dimensions form events) in this run's subsample of every
     * subsampled plate; {@code full} itself when no plate is subsampled.
     */
    public Tensor select(Tensor full, int eventDim) {
        Tensor t = full;
        for (int i = 0; i < entered.size(); i++) {
            PlateMessenger p = entered.get(i);
            if (p.subsampleSize() != p.size()) {
                PlateFrame f = frames.get(frames.size() - 1 - i);
                t = t.index(LatentSite.batchDim(t.rank(), eventDim, f), p.subsample());
            }
        }
        return t;
    }

    /** Leaves the plates, innermost first. */
    @Override
    public void close() {
        for (int i = entered.size() - 1; i >= 0; i--) {
            entered.remove(i).close();
        }
    }
}
