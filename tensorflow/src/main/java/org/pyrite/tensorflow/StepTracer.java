package org.pyrite.tensorflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Delta;
import org.pyrite.distributions.Independent;
import org.pyrite.distributions.MultivariateNormal;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.transforms.Transforms;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The outermost handler while a step is traced into a graph: a param read becomes the read of its
 * TensorFlow variable (through the param's constraint), and a guide's reparameterized draw
 * becomes {@code loc + scale * noise} with the noise a placeholder fed at every step. It also
 * remembers the last site it saw, so that a value read names where it happened.
 */
final class StepTracer extends Messenger {
    private final GraphBackend backend;
    private final ParamStore store;
    private final Map<String, GraphVariable> params;
    private final List<StepFeed> feeds = new ArrayList<>();
    /** Subsample feeds by the indices the plate drew while tracing (a private generator's, so practically unique). */
    private final Map<List<Integer>, StepFeed.Subsample> subsamples = new java.util.HashMap<>();
    private String lastSite;

    StepTracer(GraphBackend backend, ParamStore store, Map<String, GraphVariable> params) {
        this.backend = backend;
        this.store = store;
        this.params = params;
        backend.locateReadsWith(this::where);
        backend.feedIndicesWith(this::subsampleFeed);
        backend.ops().attributeTo(() -> lastSite);
    }

    /** The fed placeholders, in the order model and guide drew them (the CPU draws in that order too). */
    List<StepFeed> feeds() {
        for (StepFeed.Subsample s : subsamples.values()) {
            if (s.size == 0) {
                throw new IllegalStateException("plate '" + s.plate + "' was subsampled but no site inside it was seen, so its size"
                        + " is unknown to the compiled step; put a sample site inside the plate, or do not subsample it");
            }
        }
        return feeds;
    }

    /** The placeholder of the subsample whose traced indices are {@code indices}, or {@code null}. */
    private org.tensorflow.Output<?> subsampleFeed(int[] indices) {
        StepFeed.Subsample s = subsamples.get(key(indices));
        return s == null ? null : s.placeholder;
    }

    private static List<Integer> key(int[] indices) {
        List<Integer> k = new ArrayList<>(indices.length);
        for (int i : indices) {
            k.add(i);
        }
        return k;
    }

    @Override
    protected void postprocess(Message msg) {
        if (msg.type() == Message.Type.SUBSAMPLE) {
            double[] v = msg.value().toArray();
            int[] idx = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                idx[i] = (int) v[i];
            }
            List<Integer> k = key(idx);
            if (!subsamples.containsKey(k)) {
                org.tensorflow.Output<?> p = backend.ops().op("Placeholder", b -> b.setAttr("dtype", org.tensorflow.proto.DataType.DT_INT32)
                        .setAttr("shape", GraphOps.shape(new int[] {idx.length})));
                StepFeed.Subsample feed = new StepFeed.Subsample(msg.name(), idx.length, p);
                subsamples.put(k, feed);
                feeds.add(feed);
            }
        }
    }

    String where() {
        return lastSite == null ? "before the first site" : "at or after site '" + lastSite + "'";
    }

    @Override
    protected void process(Message msg) {
        lastSite = msg.name();
        for (org.pyrite.handlers.PlateFrame f : msg.frames()) {
            for (StepFeed.Subsample s : subsamples.values()) {
                if (s.plate.equals(f.name()) && f.subsampleSize() == s.subsampleSize) {
                    s.size = f.size();
                }
            }
        }
        if (msg.type() == Message.Type.SUBSAMPLE || msg.value() != null) {
            return;
        }
        if (msg.type() == Message.Type.PARAM) {
            GraphVariable v = params.get(msg.name());
            if (v == null) {
                throw new IllegalStateException("param '" + msg.name() + "' was not read when the step was first run on the CPU"
                        + " but is read while tracing: the set of params depends on values, which a compiled step cannot follow");
            }
            Tensor unconstrained = backend.wrap(v.read, v.shape);
            msg.setValue(Transforms.bijectTo(store.constraint(msg.name())).forward(unconstrained));
        } else if (msg.type() == Message.Type.SAMPLE && !msg.isObserved()) {
            msg.setValue(reparameterized(msg.name(), msg.distribution()));
        }
    }

    /**
     * A draw of {@code d} as a function of its parameters and fed standard-normal noise, made as the
     * distribution's own {@code rsample} makes it on the CPU (so the same noise gives the same value).
     */
    private Tensor reparameterized(String site, Distribution d) {
        Distribution base = d instanceof Independent ? ((Independent) d).base() : d;
        if (base instanceof Delta) {
            // A point mass draws nothing: its rsample is tensor operations on its value alone.
            return d.rsample();
        }
        if (base instanceof Normal) {
            Normal n = (Normal) base;
            Tensor eps = noise(site, base.batchShape());
            return n.loc().add(n.scale().mul(eps));
        }
        if (base instanceof MultivariateNormal) {
            MultivariateNormal m = (MultivariateNormal) base;
            int[] shape = Shape.concat(m.batchShape(), m.eventShape());
            Tensor eps = noise(site, shape).reshape(Shape.concat(shape, new int[] {1}));
            return m.loc().add(m.scaleTril().matmul(eps).squeeze(-1));
        }
        throw new UnsupportedOperationException("guide site '" + site + "' draws from " + d.getClass().getSimpleName()
                + ", which a compiled step cannot draw yet (Normal, MultivariateNormal and Delta, also as toEvent(n), can);"
                + " use the CPU SVI for this guide");
    }

    /** A placeholder of standard-normal noise of {@code shape}, fed at every step. */
    private Tensor noise(String site, int[] shape) {
        StepFeed.Noise feed = new StepFeed.Noise(site, shape, backend.ops().placeholder(shape));
        feeds.add(feed);
        return backend.wrap(feed.placeholder, shape);
    }
}
