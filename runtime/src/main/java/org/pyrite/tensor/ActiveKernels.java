package org.pyrite.tensor;

import java.lang.reflect.InvocationTargetException;

/**
 * Picks the {@link Kernels} of this JVM once: the Vector API kernels when the module
 * {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and the processor has vectors of at least four
 * doubles, the scalar kernels otherwise. The system property {@code pyrite.cpu.simd=false} asks
 * for the scalar kernels with the module present (to compare the two).
 *
 * <p>Why by reflection: {@code VectorKernels} is the only class that names the incubating API.
 * Loading it without the module would fail, so nothing refers to it by name: a JVM without the
 * module never loads it and runs the scalar kernels, after one message that says how to enable
 * the vector ones. The message is at DEBUG, not INFO: with no logging configured, the JDK prints
 * INFO on standard error, and a Pyrite program prints nothing there when all is well (the agent's
 * QuietIT checks the tutorial's standard error is empty). A logging setup at DEBUG for
 * {@code org.pyrite.tensor} shows it; the README says the same.
 */
final class ActiveKernels {
    private ActiveKernels() {}

    private static final String MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger("org.pyrite.tensor");

    /** The kernels every CPU operation runs. */
    static final Kernels KERNELS = choose(System.getProperty("pyrite.cpu.simd"));

    static Kernels choose(String simd) {
        if (simd != null && !simd.equals("true") && !simd.equals("false")) {
            throw new IllegalArgumentException("system property pyrite.cpu.simd must be true or false (false: scalar kernels even with "
                    + MODULE + "), got '" + simd + "'");
        }
        if ("false".equals(simd)) {
            return ScalarKernels.INSTANCE;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "Pyrite runs its CPU kernels on scalar code; start the JVM with --add-modules " + MODULE
                    + " for SIMD kernels (several times faster on large tensors)");
            return ScalarKernels.INSTANCE;
        }
        Kernels vector;
        try {
            vector = (Kernels) Class.forName("org.pyrite.tensor.VectorKernels").getDeclaredMethod("createIfUseful").invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("the module " + MODULE + " is present but Pyrite's VectorKernels could not be loaded:"
                    + " a pyrite-runtime jar built without them? Rebuild it, or run without --add-modules " + MODULE, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Pyrite's VectorKernels failed to start on this JVM: " + e.getCause(), e.getCause());
        }
        if (vector == null) {
            LOG.log(System.Logger.Level.DEBUG, "Pyrite runs its CPU kernels on scalar code: this processor's vectors hold fewer than"
                    + " four doubles, too few for " + MODULE + " to pay");
            return ScalarKernels.INSTANCE;
        }
        return vector;
    }
}
