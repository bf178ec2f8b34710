package org.pyrite.tensorflow;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import org.pyrite.tensor.Tensor;

/**
 * The arguments a step is traced with, their tensors moved into the graph (constants, or variables
 * loaded once when large): a {@link Tensor}, or a
 * record whose {@code Tensor} components are replaced (other components kept). Operations on the
 * data (a mini-batch's {@code index} by a plate's subsample) then become graph nodes too, where
 * the subsample can be fed at each step; a CPU data tensor would compute them once, at tracing.
 */
final class ArgsLifter {
    private ArgsLifter() {}

    @SuppressWarnings("unchecked")
    static <A> A lift(A args, GraphBackend backend) {
        if (args instanceof Tensor) {
            return (A) lift((Tensor) args, backend);
        }
        if (args == null || !args.getClass().isRecord()) {
            return args;
        }
        RecordComponent[] components = args.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                Object v = accessor.invoke(args);
                if (v instanceof Tensor) {
                    v = lift((Tensor) v, backend);
                    changed = true;
                }
                values[i] = v;
            }
            if (!changed) {
                return args;
            }
            Constructor<?> canonical = args.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (A) canonical.newInstance(values);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("could not rebuild the arguments record " + args.getClass().getName()
                    + " with its tensors as graph constants (" + e + "); pass a record with a canonical constructor", e);
        }
    }

    private static Tensor lift(Tensor t, GraphBackend backend) {
        return t.backend() == backend ? t : backend.data(t);
    }
}
