package org.pyrite.agent.core;

/** The class names and descriptors of Pyrite's API that the bytecode reads and the rewrite calls. */
final class Descriptors {
    static final String MODEL = "Lorg/pyrite/annotations/Model;";
    static final String GUIDE = "Lorg/pyrite/annotations/Guide;";
    static final String SAMPLE = "Lorg/pyrite/annotations/Sample;";
    static final String PARAM = "Lorg/pyrite/annotations/Param;";
    /** The javac plugin's record of a {@code @Sample} local's assignment (name, position, the {@code @Sample} values). */
    static final String COMPILED_SAMPLE = "Lorg/pyrite/annotations/CompiledSample;";
    /** Invisible class annotation left on a rewritten class, so that it is never rewritten twice. */
    static final String MARKER = "Lorg/pyrite/agent/Instrumented;";
    /** The package of the constraint markers of {@code @Param(constraint = ...)}. */
    static final String MARKERS = "org/pyrite/annotations/constraints/";

    static final String TENSOR = "org/pyrite/tensor/Tensor";
    static final String TENSOR_DESC = "L" + TENSOR + ";";
    /** {@code Distribution.sample(int...)}. */
    static final String DRAW_DESC = "([I)" + TENSOR_DESC;
    static final String PYRITE = "org/pyrite/Pyrite";
    static final String MODEL_INTERFACE = "org/pyrite/Model";
    static final String DIST_DESC = "Lorg/pyrite/distributions/Distribution;";
    static final String CONSTRAINTS = "org/pyrite/distributions/constraints/Constraints";
    static final String CONSTRAINT_DESC = "Lorg/pyrite/distributions/constraints/Constraint;";
    static final String STRING_DESC = "Ljava/lang/String;";

    private Descriptors() {
    }
}
