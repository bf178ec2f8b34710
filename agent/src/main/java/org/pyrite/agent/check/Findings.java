package org.pyrite.agent.check;

import java.util.ArrayList;
import java.util.List;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.Diagnostic.Severity;
import org.pyrite.agent.description.ClassDescription;

/** The findings of the checks on one class, each located in its source file. */
public final class Findings {
    private final ClassDescription description;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /**
     * Findings about one class.
     *
     * @param description the class, which gives every finding its class name and file
     */
    public Findings(ClassDescription description) {
        this.description = description;
    }

    /**
     * Adds an error.
     *
     * @param check the check that found it
     * @param method the method it is in, or {@code ""} for the class itself
     * @param line its source line, -1 when unknown
     * @param message what is wrong and what to do
     */
    public void error(Check check, String method, int line, String message) {
        add(Severity.ERROR, check, method, line, message);
    }

    /**
     * Adds a warning.
     *
     * @param check the check that found it
     * @param method the method it is in
     * @param line its source line
     * @param message what is probably wrong and what to do
     */
    public void warning(Check check, String method, int line, String message) {
        add(Severity.WARNING, check, method, line, message);
    }

    /**
     * Adds a fact worth knowing.
     *
     * @param check the check that found it
     * @param method the method it is in
     * @param line its source line
     * @param message the fact
     */
    public void info(Check check, String method, int line, String message) {
        add(Severity.INFO, check, method, line, message);
    }

    private void add(Severity severity, Check check, String method, int line, String message) {
        diagnostics.add(new Diagnostic(severity, check, description.className(), method, description.file(), line, message));
    }

    /**
     * Every finding so far, in the order they were added.
     *
     * @return the diagnostics
     */
    public List<Diagnostic> all() {
        return List.copyOf(diagnostics);
    }
}
