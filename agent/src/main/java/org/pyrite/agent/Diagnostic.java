package org.pyrite.agent;

/**
 * One finding of the agent's load-time checks, located by source file and line.
 *
 * <p>{@link #toString()} reads like a compiler message:
 * {@code ScaleModels.java:14: error: ... (in org.example.ScaleModels.guide)}.
 *
 * @param severity how bad it is
 * @param check which check found it
 * @param className the class, dotted ({@code org.example.ScaleModels})
 * @param method the method it is in, or {@code ""} for the class itself
 * @param file the source file from the class's {@code SourceFile} attribute ({@code ScaleModels.java})
 * @param line the line from the method's line number table, or -1 when the class has none
 * @param message what is wrong and what to do
 */
public record Diagnostic(Severity severity, Check check, String className, String method, String file, int line,
        String message) {

    /** How bad a finding is. */
    public enum Severity {
        /** A mistake: the model is wrong or cannot be rewritten. Fatal under the {@code fatal} switch. */
        ERROR,
        /** Probably a mistake (for example a model site missing from a guide: the prior is used). */
        WARNING,
        /** A fact worth knowing (for example why a model's structure is dynamic). */
        INFO;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The checks and rewrite problems the agent reports. */
    public enum Check {
        /** A {@code @Sample} site has no name: no {@code @Sample("...")} and no local variable table. */
        UNNAMED_SITE(true),
        /** A {@code @Sample} local is initialized with something other than {@code dist.sample()}. */
        NOT_A_DRAW(true),
        /** {@code dist.sample(shape)} with a sample shape stored in a {@code @Sample} local. */
        SAMPLE_SHAPE(true),
        /** {@code @Sample(obs = ...)} or {@code indexedBy} names nothing usable. */
        BAD_REFERENCE(true),
        /** A {@code @Param} field that is not a {@code Tensor}, or an unusable constraint. */
        BAD_PARAM(true),
        /** A {@code @Sample} site inside a loop without {@code indexedBy}: one name on every iteration. */
        SITE_IN_LOOP(false),
        /** A {@code @Sample} local in a method that is neither {@code @Model} nor {@code @Guide}. */
        SAMPLE_OUTSIDE_MODEL(false),
        /** {@code @Guide(model = ...)} names no {@code @Model} method of the class. */
        UNKNOWN_MODEL(false),
        /** A guide's parameter list differs from its model's. */
        GUIDE_SIGNATURE(false),
        /** A latent site of the model has no site in the guide. */
        MISSING_IN_GUIDE(false),
        /** The guide samples a site the model does not have. */
        EXTRA_IN_GUIDE(false),
        /** {@code Math.random}, {@code java.util.Random} and the like inside a model or guide. */
        RANDOMNESS(false),
        /** A {@code dist.sample()} whose result is not a site. */
        UNNAMED_DRAW(false),
        /** Why a model's structure is dynamic. */
        STRUCTURE(false),
        /** The class could not be read or written at all. */
        INTERNAL(true);

        private final boolean blocksRewrite;

        Check(boolean blocksRewrite) {
            this.blocksRewrite = blocksRewrite;
        }

        /**
         * Whether a finding of this kind keeps the class from being rewritten at all.
         *
         * @return true when the class is left as it was (or made to fail, under {@code fatal})
         */
        public boolean blocksRewrite() {
            return blocksRewrite;
        }
    }

    /**
     * {@code File.java:line}, the location in the form IDEs and stack traces use.
     *
     * @return the location, with {@code ?} for an unknown line
     */
    public String location() {
        return file + ":" + (line < 0 ? "?" : Integer.toString(line));
    }

    @Override
    public String toString() {
        String where = method.isEmpty() ? className : className + "." + method;
        return location() + ": " + severity.label() + ": " + message + " (in " + where + ")";
    }
}
