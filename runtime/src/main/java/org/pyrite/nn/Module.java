package org.pyrite.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.pyrite.distributions.Distribution;
import org.pyrite.tensor.Tensor;

/**
 * A neural-network building block (torch's {@code nn.Module}): a tree of named parameters and
 * named sub-modules, and a forward pass from one tensor to another.
 *
 * <pre>{@code
 * Module encoder = new Sequential(new Linear(64, 128), Activation.SOFTPLUS, new Linear(128, 20));
 * Tensor h = module("encoder", encoder).forward(x);   // params "encoder.0.weight", "encoder.0.bias", ...
 * }</pre>
 *
 * <p>Inside a model or guide, register a module with {@code Pyrite.module(name, m)} before its
 * forward pass (Pyro's {@code pyro.module}): that binds every parameter to the current param
 * store's value under the dotted name {@code name.path}, so SVI's optimizer moves it and
 * {@code ParamStore.save}/{@code load} keep it. Without registration a module computes with the
 * values its initialisers drew, and nothing learns. A parameter given a {@linkplain
 * #setPrior prior} becomes a sample site instead (a Bayesian layer, Pyro's {@code PyroSample}).
 *
 * <p>A module holds the values bound last, so one module object serves one inference at a time:
 * give each thread that trains its own module objects (and its own param store).
 */
public abstract class Module {
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private String path = getClass().getSimpleName();
    private boolean training = true;

    /** The forward pass. Inputs carry their batch dimensions in front: {@code [batch, features]}. */
    public abstract Tensor forward(Tensor x);

    /** Adds a parameter named {@code name} with the initial value {@code initial}; returns it. */
    protected final Parameter addParameter(String name, Tensor initial) {
        requireLocalName(name);
        Parameter p = new Parameter(name, Objects.requireNonNull(initial, "initial").detach());
        params.put(name, p);
        return p;
    }

    /** Adds {@code child} as the sub-module {@code name}; returns it. */
    protected final <M extends Module> M addModule(String name, M child) {
        requireLocalName(name);
        Objects.requireNonNull(child, () -> path + ": sub-module '" + name + "' is null");
        children.put(name, child);
        child.assignPath(path + "." + name);
        return child;
    }

    private void requireLocalName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(path + ": a parameter or sub-module needs a non-empty name without dots, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(path + ": the name '" + name + "' is already used by a parameter or sub-module");
        }
    }

    /**
     * This module's dotted path: the name it was registered under ({@code encoder}), or its
     * class name when it was not, followed by the names of the sub-modules leading to it
     * ({@code encoder.0}). Error messages name modules by it.
     */
    public final String path() {
        return path;
    }

    /** Renames this module and, below it, every sub-module (what {@code Pyrite.module} does). */
    public final void rename(String newPath) {
        if (newPath == null || newPath.isEmpty()) {
            throw new IllegalArgumentException("a module needs a non-empty name, got " + (newPath == null ? "null" : "\"\""));
        }
        assignPath(newPath);
    }

    /** Sets the path here and below; stateless modules shared between trees ({@link Activation}) keep theirs. */
    void assignPath(String newPath) {
        this.path = newPath;
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().assignPath(newPath + "." + c.getKey());
        }
    }

    /** This module's own parameters by local name, in the order they were added. */
    public final Map<String, Parameter> localParameters() {
        return Collections.unmodifiableMap(params);
    }

    /** The direct sub-modules by local name, in the order they were added. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Every parameter of the tree by dotted name relative to this module ({@code 0.weight},
     * {@code 0.bias}, {@code 2.weight}, ...): own parameters first, then each sub-module's in order.
     */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        for (Map.Entry<String, Parameter> p : params.entrySet()) {
            out.put(prefix + p.getKey(), p.getValue());
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().collect(prefix + c.getKey() + ".", out);
        }
    }

    /** The parameter at dotted name {@code name} relative to this module. */
    public final Parameter parameter(String name) {
        Parameter p = namedParameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException(path + " has no parameter '" + name + "'; its parameters: "
                    + namedParameters().keySet());
        }
        return p;
    }

    /**
     * Makes the parameter at dotted name {@code name} a random variable with {@code prior} (Pyro's
     * {@code PyroSample}): {@code Pyrite.module} then draws it at the sample site
     * {@code moduleName.name} instead of reading a param. A prior with no batch or event
     * dimensions (e.g. {@code Normal.of(0.0, 1.0)}) is expanded to the parameter's shape, its
     * entries independent; otherwise its batch and event shape must together be the parameter's
     * shape. {@code null} makes it a point-valued param again. Returns this module.
     */
    public final Module setPrior(String name, Distribution prior) {
        parameter(name).setPrior(prior);
        return this;
    }

    /**
     * {@link #setPrior} for every parameter of the tree: {@code priors} maps a dotted name to its
     * prior, or to null to leave that one a param. Returns this module.
     *
     * <pre>{@code
     * net.setPriors(name -> Normal.of(0.0, 1.0));   // a Bayesian neural network
     * }</pre>
     */
    public final Module setPriors(Function<String, Distribution> priors) {
        for (Map.Entry<String, Parameter> p : namedParameters().entrySet()) {
            p.getValue().setPrior(priors.apply(p.getKey()));
        }
        return this;
    }

    /** Training mode (the default) for this module and every sub-module; returns this module. */
    public final Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode (e.g. {@link Dropout} passes its input through) for the whole tree; returns this module. */
    public final Module eval() {
        setTraining(false);
        return this;
    }

    void setTraining(boolean on) {
        training = on;
        for (Module c : children.values()) {
            c.setTraining(on);
        }
    }

    /** Whether this module is in training mode. */
    public boolean isTraining() {
        return training;
    }

    /** The number of scalar parameters in the tree. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.value().numel();
        }
        return n;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + path + ")";
    }
}
