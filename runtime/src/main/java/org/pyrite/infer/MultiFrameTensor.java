package org.pyrite.infer;

import java.util.ArrayList;
import java.util.List;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * Log-density terms kept with the vectorized plates they sit in, so that each can be summed down
 * to the plates of another site (Pyro's {@code MultiFrameTensor}). The score-function estimator
 * uses it for the downstream cost of a guide site: an entry of a plate is charged with its own
 * entry's cost, not with the whole trace's, as Pyro's {@code Trace_ELBO} does.
 *
 * <pre>{@code
 * MultiFrameTensor logR = MultiFrameTensor.logR(modelTrace, guideTrace);
 * Tensor cost = logR.sumTo(guideSite.frames());   // broadcasts against the site's batch shape
 * }</pre>
 */
final class MultiFrameTensor {
    private final List<List<PlateFrame>> frames = new ArrayList<>();
    private final List<Tensor> values = new ArrayList<>();

    MultiFrameTensor() {}

    /** Adds a term that sits in {@code siteFrames} (sequential frames are ignored: they do not broadcast). */
    void addSite(List<PlateFrame> siteFrames, Tensor value) {
        add(vectorized(siteFrames), value);
    }

    /**
     * Pyro's {@code _compute_log_r}: for every model sample site, its (scaled, masked) log-density,
     * minus the guide's where the site is latent, without gradients, with the model site's plates.
     */
    static MultiFrameTensor logR(Trace modelTrace, Trace guideTrace) {
        MultiFrameTensor logR = new MultiFrameTensor();
        for (Site m : modelTrace.sites()) {
            if (!m.isSample()) {
                continue;
            }
            Tensor term = m.logProb();
            Site g = m.isObserved() ? null : guideTrace.siteOrNull(m.name());
            if (g != null && g.isSample()) {
                term = term.sub(g.logProb());
            }
            logR.add(vectorized(m.frames()), term.detach());
        }
        return logR;
    }

    private void add(List<PlateFrame> siteFrames, Tensor value) {
        for (int i = 0; i < frames.size(); i++) {
            if (sameFrames(frames.get(i), siteFrames)) {
                values.set(i, values.get(i).add(value));
                return;
            }
        }
        frames.add(siteFrames);
        values.add(value);
    }

    /**
     * The sum of all terms, each first summed over the plates it sits in that {@code target} does
     * not hold, then stripped of leading dimensions of size one, so it broadcasts against a site in
     * {@code target}'s plates (Pyro's {@code sum_to}).
     */
    Tensor sumTo(List<PlateFrame> target) {
        Tensor total = null;
        for (int i = 0; i < values.size(); i++) {
            Tensor v = values.get(i);
            for (PlateFrame f : frames.get(i)) {
                int axis = v.rank() + f.dim();
                if (!containsFrame(target, f) && axis >= 0 && v.shape()[axis] != 1) {
                    v = v.sum(new int[] {axis}, true);
                }
            }
            while (v.rank() > 0 && v.shape()[0] == 1) {
                v = v.squeeze(0);
            }
            total = total == null ? v : total.add(v);
        }
        return total == null ? Tensor.scalar(0.0) : total;
    }

    private static List<PlateFrame> vectorized(List<PlateFrame> siteFrames) {
        List<PlateFrame> out = new ArrayList<>(siteFrames.size());
        for (PlateFrame f : siteFrames) {
            if (f.isVectorized()) {
                out.add(f);
            }
        }
        return out;
    }

    private static boolean sameFrames(List<PlateFrame> a, List<PlateFrame> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (PlateFrame f : a) {
            if (!containsFrame(b, f)) {
                return false;
            }
        }
        return true;
    }

    /** Frames of different runs (model and guide) are the same plate when name and dim agree. */
    private static boolean containsFrame(List<PlateFrame> frames, PlateFrame f) {
        for (PlateFrame g : frames) {
            if (g.name().equals(f.name()) && g.dim() != null && g.dim().equals(f.dim())) {
                return true;
            }
        }
        return false;
    }
}
