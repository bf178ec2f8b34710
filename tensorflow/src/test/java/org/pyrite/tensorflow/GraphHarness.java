package org.pyrite.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.pyrite.tensor.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat64;

/** A graph backend over a fresh graph, with a session to evaluate its tensors and TensorFlow's gradients of them. */
final class GraphHarness implements AutoCloseable {
    static {
        TensorFlowNative.require();
    }

    final Graph graph = new Graph();
    final GraphBackend backend = new GraphBackend(new GraphOps(graph, ""));
    private Session session;

    /** {@code t} as a graph constant. */
    Tensor lift(Tensor t) {
        return backend.fromArray(t.toArray(), t.shape());
    }

    /** The values of symbolic tensors, in one run. */
    double[][] eval(Tensor... xs) {
        List<Output<?>> outs = new ArrayList<>();
        for (Tensor x : xs) {
            outs.add(backend.out(x));
        }
        return evalOutputs(outs);
    }

    double[][] evalOutputs(List<Output<?>> outs) {
        if (session == null) {
            session = new Session(graph);
        }
        Session.Runner r = session.runner();
        outs.forEach(r::fetch);
        double[][] values = new double[outs.size()][];
        try (Result res = r.run()) {
            for (int i = 0; i < outs.size(); i++) {
                TFloat64 t = (TFloat64) res.get(i);
                double[] v = new double[(int) t.shape().size()];
                t.copyTo(DataBuffers.of(v, false, false));
                values[i] = v;
            }
        }
        return values;
    }

    /** TensorFlow's gradients of the one-element {@code y} with respect to {@code xs}. */
    double[][] grad(Tensor y, Tensor... xs) {
        Output<?>[] in = new Output<?>[xs.length];
        for (int i = 0; i < xs.length; i++) {
            in[i] = backend.out(xs[i]);
        }
        Output<?>[] g = graph.addGradients(backend.out(y), in);
        List<Output<?>> outs = new ArrayList<>();
        for (Output<?> o : g) {
            outs.add(o);
        }
        return evalOutputs(outs);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        graph.close();
    }
}
