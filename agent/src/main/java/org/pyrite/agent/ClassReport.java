package org.pyrite.agent;

import java.util.List;

/**
 * What happened to one class that uses Pyrite's annotations.
 *
 * @param className the class, dotted
 * @param outcome whether it was rewritten
 * @param models its models and guides
 * @param diagnostics every finding of the checks in the class
 */
public record ClassReport(String className, Outcome outcome, List<ModelInfo> models, List<Diagnostic> diagnostics) {

    /** Copies the lists. */
    public ClassReport {
        models = List.copyOf(models);
        diagnostics = List.copyOf(diagnostics);
    }

    /** What the agent did with a class. */
    public enum Outcome {
        /** Rewritten: sites and params now go through Pyrite's handlers. */
        TRANSFORMED,
        /** Uses the annotations but needed no change. */
        UNCHANGED,
        /** Already rewritten at build time ({@link Instrument}); left as it is. */
        ALREADY_INSTRUMENTED,
        /** Could not be rewritten and was left as it was, with a loud error. */
        NOT_TRANSFORMED,
        /** Under the {@code fatal} switch: every method now throws a {@link LinkageError} naming the problems. */
        POISONED
    }

    /**
     * The errors among the diagnostics.
     *
     * @return diagnostics of severity error
     */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }
}
