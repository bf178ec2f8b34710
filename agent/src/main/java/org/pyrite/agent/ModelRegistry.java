package org.pyrite.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every class using Pyrite's annotations that the agent saw in this JVM, with its models and
 * guides: sites, params, static or dynamic structure, and the findings of the load-time checks.
 * A compiled backend asks it which models have a static structure.
 *
 * <pre>{@code
 * ModelInfo scale = ModelRegistry.find(ScaleModels.class, "scale").orElseThrow();
 * if (scale.staticStructure()) { ... compile it ... }
 * System.err.println(ModelRegistry.report());
 * }</pre>
 *
 * <p>A class loaded again (by another class loader, or retransformed) replaces its earlier
 * entry. Thread-safe.
 */
public final class ModelRegistry {
    private static final List<ClassReport> CLASSES = new ArrayList<>();

    private ModelRegistry() {
    }

    /**
     * Records what the agent did with a class (replacing an earlier report of the same name).
     *
     * @param report the class's report
     */
    public static synchronized void register(ClassReport report) {
        CLASSES.removeIf(c -> c.className().equals(report.className()));
        CLASSES.add(report);
    }

    /**
     * The reports of every class seen, in load order.
     *
     * @return class reports
     */
    public static synchronized List<ClassReport> classes() {
        return List.copyOf(CLASSES);
    }

    /**
     * The report of one class.
     *
     * @param className the dotted class name
     * @return its report, if the agent saw it
     */
    public static synchronized Optional<ClassReport> forClass(String className) {
        return CLASSES.stream().filter(c -> c.className().equals(className)).findFirst();
    }

    /**
     * Every model and guide seen, class by class.
     *
     * @return models and guides
     */
    public static synchronized List<ModelInfo> models() {
        return CLASSES.stream().flatMap(c -> c.models().stream()).toList();
    }

    /**
     * A model or guide by class and method name.
     *
     * @param className the dotted class name
     * @param method the method's name
     * @return its information, if the agent saw it
     */
    public static synchronized Optional<ModelInfo> find(String className, String method) {
        return forClass(className).flatMap(c -> c.models().stream().filter(m -> m.method().equals(method)).findFirst());
    }

    /**
     * A model or guide by class and method name.
     *
     * @param type the declaring class
     * @param method the method's name
     * @return its information, if the agent saw it
     */
    public static Optional<ModelInfo> find(Class<?> type, String method) {
        return find(type.getName(), method);
    }

    /**
     * Whether a model's structure is static: no branch or loop condition depends on a sampled
     * value, so it may be compiled.
     *
     * @param type the declaring class
     * @param method the model method's name
     * @return true for a static structure
     * @throws IllegalArgumentException when the agent has not seen that model
     */
    public static boolean isStatic(Class<?> type, String method) {
        return find(type, method).orElseThrow(() -> new IllegalArgumentException("the Pyrite agent has not seen a model "
                + type.getName() + "." + method + "; is the agent installed, and is the method annotated @Model?"))
                .staticStructure();
    }

    /**
     * Every finding of the checks, in load order.
     *
     * @return all diagnostics
     */
    public static synchronized List<Diagnostic> diagnostics() {
        return CLASSES.stream().flatMap(c -> c.diagnostics().stream()).toList();
    }

    /**
     * The table that {@code -javaagent:pyrite-agent.jar=report} prints at exit.
     *
     * @return the report, several lines
     */
    public static String report() {
        return Report.format(classes());
    }

    /** Forgets everything (for tests). */
    public static synchronized void clear() {
        CLASSES.clear();
    }
}
