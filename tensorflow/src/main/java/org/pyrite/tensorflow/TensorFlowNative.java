package org.pyrite.tensorflow;

import org.tensorflow.TensorFlow;

/**
 * Loads TensorFlow's native library once, turning a failure into an error that says which
 * artifact is needed rather than a stack of JNI frames.
 */
final class TensorFlowNative {
    private static volatile String version;

    private TensorFlowNative() {}

    /** TensorFlow's version, loading the native library on first use. */
    static String require() {
        String v = version;
        if (v != null) {
            return v;
        }
        synchronized (TensorFlowNative.class) {
            if (version == null) {
                try {
                    String loaded = TensorFlow.version();
                    CustomGradients.registerOnce();
                    version = loaded;
                } catch (LinkageError | RuntimeException e) {
                    throw new IllegalStateException(missingMessage(e), e);
                }
            }
            return version;
        }
    }

    /** What to do when the native library did not load, for this platform. */
    static String missingMessage(Throwable cause) {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        return "TensorFlow's native library did not load on " + os + " / " + arch + " (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + "). pyrite-tensorflow needs org.tensorflow:tensorflow-core-native:1.1.0 with classifier"
                + " linux-x86_64 (or linux-x86_64-gpu, -Pgpu, on a host with CUDA 12 and cuDNN 9) on the class path, and a"
                + " platform TensorFlow Java 1.1.0 ships for; the first load unpacks it to ~/.javacpp/cache, which must be"
                + " writable. Use the CPU SVI (org.pyrite.infer.SVI) where TensorFlow cannot run";
    }
}
