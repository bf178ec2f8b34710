package org.pyrite.tensorflow;

import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat64;

/**
 * Which devices TensorFlow can place a compiled step on in this JVM: {@code "/CPU:0"} always,
 * {@code "/GPU:0"} only with the GPU build of the native library ({@code -Pgpu}) on a host whose
 * CUDA and cuDNN it can load.
 */
public final class TensorFlowDevices {
    private static volatile Boolean gpu;

    private TensorFlowDevices() {}

    /** Whether {@code /GPU:0} takes a node: one placed there is run once, without soft placement. */
    public static boolean hasGpu() {
        Boolean g = gpu;
        if (g == null) {
            g = runsOn("/GPU:0");
            gpu = g;
        }
        return g;
    }

    /** Whether a node placed on {@code device} runs there. */
    static boolean runsOn(String device) {
        TensorFlowNative.require();
        try (Graph graph = new Graph(); Session session = new Session(graph, config(device))) {
            // A fed input, so that no constant folding can run the node elsewhere.
            GraphOps ops = new GraphOps(graph, device);
            Output<?> x = ops.placeholder(new int[0]);
            Output<?> y = ops.op("Square", x);
            try (TFloat64 t = TFloat64.scalarOf(3.0)) {
                session.runner().feed(x, t).fetch(y).run().close();
            }
            return true;
        } catch (RuntimeException e) {
            // TensorFlow says "Could not satisfy explicit device specification" (or a CUDA load error): not there.
            return false;
        }
    }

    /**
     * The session options for nodes placed on {@code device}: TensorFlow Java's default session
     * moves a node whose device is missing to the CPU without a word (soft placement); a device
     * asked for by name must be the device the step runs on, so that is switched off then.
     */
    static ConfigProto config(String device) {
        return ConfigProto.newBuilder().setAllowSoftPlacement(device.isEmpty()).build();
    }

    /** An error saying that {@code device} cannot take the step, and what the host needs. */
    static IllegalStateException unavailable(String device, RuntimeException cause) {
        return new IllegalStateException("TensorFlow cannot place the compiled step on device '" + device + "' (" + cause.getMessage()
                + "). '/CPU:0' always works; '/GPU:0' needs the GPU build of the native library (build with -Pgpu, classifier"
                + " linux-x86_64-gpu) on a host with an NVIDIA driver, CUDA 12 and cuDNN 9 (what TensorFlow 2.18 is built"
                + " against); TensorFlowDevices.hasGpu() says whether a GPU is usable here", cause);
    }
}
