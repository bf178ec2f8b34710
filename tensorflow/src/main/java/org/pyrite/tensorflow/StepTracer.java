package org.pyrite.tensorflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pyrite.distributions.Distribution;
import org.pyrite.distributions.Independent;
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
    private final List<NoiseFeed> noise = new ArrayList<>();
    private String lastSite;

    StepTracer(GraphBackend backend, ParamStore store, Map<String, GraphVariable> params) {
        this.backend = backend;
        this.store = store;
        this.params = params;
        backend.locateReadsWith(this::where);
    }

    /** The noise placeholders, in the order the guide drew them (the CPU draws in that order too). */
    List<NoiseFeed> noise() {
        return noise;
    }

    String where() {
        return lastSite == null ? "before the first site" : "at or after site '" + lastSite + "'";
    }

    @Override
    protected void process(Message msg) {
        lastSite = msg.name();
        if (msg.value() != null) {
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

    /** A draw of {@code d} as a function of its parameters and fed standard-normal noise. */
    private Tensor reparameterized(String site, Distribution d) {
        Distribution base = d instanceof Independent ? ((Independent) d).base() : d;
        if (!(base instanceof Normal)) {
            throw new UnsupportedOperationException("guide site '" + site + "' draws from " + d.getClass().getSimpleName()
                    + ", which a compiled step cannot draw yet (Normal and Normal.toEvent(n) can); use the CPU SVI for this guide");
        }
        Normal n = (Normal) base;
        int[] shape = base.batchShape();
        NoiseFeed feed = new NoiseFeed(site, shape, backend.ops().placeholder(shape));
        noise.add(feed);
        Tensor eps = backend.wrap(feed.placeholder, shape);
        return n.loc().add(n.scale().mul(eps));
    }

    /** One noise placeholder: the site it belongs to and its shape. */
    static final class NoiseFeed {
        final String site;
        final int[] shape;
        final int numel;
        final org.tensorflow.Output<?> placeholder;

        NoiseFeed(String site, int[] shape, org.tensorflow.Output<?> placeholder) {
            this.site = site;
            this.shape = shape;
            this.numel = Shape.numel(shape);
            this.placeholder = placeholder;
        }
    }
}
