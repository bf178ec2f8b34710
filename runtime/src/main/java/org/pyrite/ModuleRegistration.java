package org.pyrite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.pyrite.distributions.Distribution;
import org.pyrite.nn.Module;
import org.pyrite.nn.Parameter;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * What {@link Pyrite#module} and {@link Pyrite#loadModule} do: bind a module's parameters to the
 * current param store (Pyro's {@code pyro.module}), or to sample sites where a parameter has a prior.
 */
final class ModuleRegistration {
    private ModuleRegistration() {}

    static <M extends Module> M register(String name, M module) {
        module.rename(name);
        ParamStore store = ParamStore.current();
        Map<String, Parameter> params = module.namedParameters();
        // Every clash is found before the first param is created, so a refused module adds nothing to the store.
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (e.getValue().prior() == null) {
                requireFits(store, name + "." + e.getKey(), e.getValue(), module);
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String full = name + "." + e.getKey();
            Parameter p = e.getValue();
            if (p.prior() == null) {
                p.bind(full, Pyrite.param(full, p.value()));
            } else {
                Tensor draw = Pyrite.sample(full, priorFor(full, p));
                if (!Arrays.equals(draw.shape(), p.shape())) {
                    throw new IllegalArgumentException("module '" + name + "': the sample site '" + full + "' drew a value of shape "
                            + Shape.toString(draw.shape()) + " for a parameter of shape " + Shape.toString(p.shape())
                            + "; a plate around Pyrite.module adds batch dimensions to a Bayesian layer's weights: register"
                            + " the module outside plates");
                }
                p.bind(full, draw);
            }
        }
        return module;
    }

    /** A clash with a param of the same name and another shape, found before anything is bound. */
    private static void requireFits(ParamStore store, String full, Parameter p, Module module) {
        if (!store.contains(full)) {
            return;
        }
        int[] stored = store.unconstrained(full).shape();
        if (!Arrays.equals(stored, p.shape())) {
            throw new IllegalArgumentException("module '" + module.path() + "': its parameter '" + full + "' has shape "
                    + Shape.toString(p.shape()) + ", but the param store already holds a param '" + full + "' of shape "
                    + Shape.toString(stored) + " (created by another module or param statement, or loaded from a file);"
                    + " register the module under another name, or remove that param first");
        }
    }

    /** The prior as a distribution over the whole parameter: one event of the parameter's shape. */
    private static Distribution priorFor(String full, Parameter p) {
        Distribution prior = p.prior();
        int[] shape = p.shape();
        int[] batch = prior.batchShape();
        int[] event = prior.eventShape();
        if (batch.length == 0 && event.length == 0) {
            return shape.length == 0 ? prior : prior.expand(shape).toEvent(shape.length);
        }
        if (!Arrays.equals(Shape.concat(batch, event), shape)) {
            throw new IllegalArgumentException("parameter '" + full + "' has shape " + Shape.toString(shape) + ", but its prior "
                    + prior.name() + " has batch shape " + Shape.toString(batch) + " and event shape " + Shape.toString(event)
                    + "; give a prior without batch dimensions (it is expanded), or one whose batch and event shapes"
                    + " together are the parameter's");
        }
        return prior.toEvent(batch.length);
    }

    /**
     * Loads {@code file} (a {@link ParamStore#save} file) into the current store and registers
     * {@code module} under {@code name}, after checking that every param of the file under
     * {@code name.} is a parameter of the module with its shape, and that the file has every
     * point-valued parameter of the module. Anything else refuses the file and changes nothing.
     */
    static <M extends Module> M load(String name, M module, Path file) throws IOException {
        ParamStore scratch = new ParamStore();
        scratch.load(file);
        Map<String, Parameter> params = module.namedParameters();
        String prefix = name + ".";
        for (String stored : scratch.names()) {
            if (!stored.startsWith(prefix)) {
                continue;
            }
            Parameter p = params.get(stored.substring(prefix.length()));
            if (p == null) {
                throw new IOException(file + ": param '" + stored + "' is not a parameter of module '" + name + "' (its parameters: "
                        + params.keySet() + "); the file was saved from another network; nothing was loaded");
            }
            int[] shape = scratch.unconstrained(stored).shape();
            if (!Arrays.equals(shape, p.shape())) {
                throw new IOException(file + ": param '" + stored + "' has shape " + Shape.toString(shape) + ", but module '" + name
                        + "' needs shape " + Shape.toString(p.shape()) + " for it; the file was saved from a network of other"
                        + " sizes; nothing was loaded");
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (e.getValue().prior() == null && !scratch.contains(prefix + e.getKey())) {
                throw new IOException(file + ": has no param '" + prefix + e.getKey() + "' for module '" + name
                        + "'; the file holds " + scratch.names() + "; nothing was loaded");
            }
        }
        // Params of the file outside the module are loaded too, as ParamStore.load does.
        ParamStore.current().load(file);
        return register(name, module);
    }
}
