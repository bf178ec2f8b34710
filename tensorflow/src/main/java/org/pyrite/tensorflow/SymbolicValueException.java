package org.pyrite.tensorflow;

/**
 * A value was read from a symbolic tensor while a compiled step was being traced: the model (or
 * something it called) needs a number that only exists when the graph runs, so the model cannot
 * be compiled. The message names the site where tracing was.
 */
public final class SymbolicValueException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SymbolicValueException(String message) {
        super(message);
    }
}
