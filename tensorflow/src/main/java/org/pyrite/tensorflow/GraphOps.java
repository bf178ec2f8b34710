package org.pyrite.tensorflow;

import java.util.function.Consumer;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Scope;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Builds raw nodes of one TensorFlow {@link Graph} by op name ({@code "AddV2"}, {@code "Sum"}),
 * each with a unique name and on one device. The graph backend speaks to TensorFlow through this
 * class alone: raw nodes keep it free of the typed API's generics, which a float64-only backend
 * does not need.
 */
final class GraphOps {
    private final Graph graph;
    private final Scope scope;
    private long counter;
    /** For each op type, the sites that were being traced when nodes of it were made: errors name them. */
    private final java.util.Map<String, java.util.Set<String>> sitesByType = new java.util.HashMap<>();
    private java.util.function.Supplier<String> site = () -> null;

    /** Nodes of {@code graph} placed on {@code device} ({@code ""} lets TensorFlow choose). */
    GraphOps(Graph graph, String device) {
        this.graph = graph;
        this.scope = device.isEmpty() ? graph.baseScope() : graph.baseScope().withDevice(deviceSpec(device));
    }

    /**
     * {@code "/CPU:0"}, {@code "/GPU:1"} (also {@code "/device:GPU:1"}) as TensorFlow's device spec.
     * The scope carries it: a device set on an op builder alone is replaced by the scope's.
     */
    static DeviceSpec deviceSpec(String device) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/(?:device:)?(CPU|GPU):(\\d+)").matcher(device);
        if (!m.matches()) {
            throw new IllegalArgumentException("device '" + device + "' is not one TensorFlow names here: use \"/CPU:0\", \"/GPU:0\""
                    + " (or another index), or \"\" to let TensorFlow choose");
        }
        return DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.valueOf(m.group(1)))
                .deviceIndex(Integer.parseInt(m.group(2))).build();
    }

    Graph graph() {
        return graph;
    }

    /** Says which site is being traced, so that nodes can be traced back to it. */
    void attributeTo(java.util.function.Supplier<String> site) {
        this.site = site;
    }

    /** The sites whose tracing made nodes of type {@code type}, in the order first seen. */
    java.util.Set<String> sitesOf(String type) {
        return sitesByType.getOrDefault(type, java.util.Set.of());
    }

    /** A node of type {@code type} with {@code inputs} and no attributes; its first output. */
    Output<?> op(String type, Output<?>... inputs) {
        return node(type, null, inputs).output(0);
    }

    /** A node of type {@code type} whose attributes {@code attrs} sets; its first output. */
    Output<?> op(String type, Consumer<GraphOperationBuilder> attrs, Output<?>... inputs) {
        return node(type, attrs, inputs).output(0);
    }

    /** A node of type {@code type}, its inputs added one by one (a list input is passed through {@code attrs}). */
    GraphOperation node(String type, Consumer<GraphOperationBuilder> attrs, Output<?>... inputs) {
        String at = site.get();
        if (at != null) {
            sitesByType.computeIfAbsent(type, k -> new java.util.LinkedHashSet<>()).add(at);
        }
        GraphOperationBuilder b = graph.opBuilder(type, type + "_" + (counter++), scope);
        for (Output<?> in : inputs) {
            b.addInput(in);
        }
        if (attrs != null) {
            attrs.accept(b);
        }
        return b.build();
    }

    /** A float64 constant of {@code shape} holding {@code data} row-major. */
    Output<?> constant(double[] data, int[] shape) {
        try (TFloat64 t = TFloat64.tensorOf(shape(shape), DataBuffers.of(data, true, false))) {
            return op("Const", b -> b.setAttr("dtype", DataType.DT_DOUBLE).setAttr("value", t));
        }
    }

    /** A float64 scalar constant. */
    Output<?> scalar(double v) {
        try (TFloat64 t = TFloat64.scalarOf(v)) {
            return op("Const", b -> b.setAttr("dtype", DataType.DT_DOUBLE).setAttr("value", t));
        }
    }

    /** An int32 vector constant (shapes, dimensions, indices: TensorFlow's gradients want int32 there). */
    Output<?> ints(int... v) {
        try (TInt32 t = TInt32.vectorOf(v)) {
            return op("Const", b -> b.setAttr("dtype", DataType.DT_INT32).setAttr("value", t));
        }
    }

    /** An int32 scalar constant. */
    Output<?> int32(int v) {
        try (TInt32 t = TInt32.scalarOf(v)) {
            return op("Const", b -> b.setAttr("dtype", DataType.DT_INT32).setAttr("value", t));
        }
    }

    /** A float64 placeholder of a fixed shape, to be fed at each run. */
    Output<?> placeholder(int[] shape) {
        return op("Placeholder", b -> b.setAttr("dtype", DataType.DT_DOUBLE).setAttr("shape", shape(shape)));
    }

    /** {@code x} cast to float64 (comparisons give booleans; Pyrite's are 1.0 and 0.0). */
    Output<?> toDouble(Output<?> x) {
        return op("Cast", b -> b.setAttr("DstT", DataType.DT_DOUBLE), x);
    }

    static Shape shape(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = shape[i];
        }
        return Shape.of(s);
    }
}
