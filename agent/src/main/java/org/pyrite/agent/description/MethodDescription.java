package org.pyrite.agent.description;

import java.util.List;

/**
 * One method of a described class: what it is to Pyrite and what its body does that the checks
 * look at. Lambda bodies are methods of their own, tied to the method whose code creates them.
 *
 * @param name the method's name ({@code scale}, {@code lambda$scale$0})
 * @param descriptor its erased JVM descriptor ({@code (D)Lorg/pyrite/tensor/Tensor;}): with the name,
 *     it tells overloads apart
 * @param parameterTypes its parameter types as written in source, erased ({@code double}, {@code java.lang.Double})
 * @param origin whether the source declares it, or it is a lambda body or another method the compiler made
 * @param enclosing for a lambda body, the {@link #key() key} of the method whose code creates the
 *     lambda; null for any other method, and for a lambda whose creator was not found
 * @param annotatedModel whether it is annotated {@code @Model}
 * @param annotatedGuide whether it is annotated {@code @Guide}
 * @param modelName for a guide, {@code @Guide(model = ...)}; empty otherwise
 * @param observed for a guide, {@code @Guide(observed = ...)}; empty otherwise
 * @param firstLine its first source line, -1 when unknown
 * @param hasLocalNames whether the class file names its locals (javac {@code -g})
 * @param sampleLocals its {@code @Sample} locals, one entry per scope range
 * @param draws its {@code dist.sample()} calls, in code order
 * @param explicitSites its {@code Pyrite.sample(name, ...)} calls (for the bodies of models and guides only)
 * @param calls every other method call, in code order
 * @param structure the branches whose condition depends on a sampled value (for the bodies of
 *     models and guides only)
 * @param paramReads the reads of {@code @Param} fields, in code order (constructors and static
 *     initializers excluded: they initialize the fields)
 */
public record MethodDescription(String name, String descriptor, List<String> parameterTypes, Origin origin, String enclosing,
        boolean annotatedModel, boolean annotatedGuide, String modelName, List<String> observed, int firstLine,
        boolean hasLocalNames, List<SampleLocal> sampleLocals, List<Draw> draws, List<ExplicitSite> explicitSites,
        List<Call> calls, Structure structure, List<ParamField> paramReads) {

    /** Where a method comes from. */
    public enum Origin {
        /** Declared in the source. */
        SOURCE,
        /** The body of a lambda expression. */
        LAMBDA,
        /** Made by the compiler for another reason: a bridge, an accessor. It has no role of its own. */
        SYNTHETIC
    }

    /** Copies the lists. */
    public MethodDescription {
        parameterTypes = List.copyOf(parameterTypes);
        observed = List.copyOf(observed);
        sampleLocals = List.copyOf(sampleLocals);
        draws = List.copyOf(draws);
        explicitSites = List.copyOf(explicitSites);
        calls = List.copyOf(calls);
        paramReads = List.copyOf(paramReads);
    }

    /**
     * Name and descriptor, which identify a method in its class.
     *
     * @return {@code name + descriptor}
     */
    public String key() {
        return name + descriptor;
    }

    /**
     * The method's own role, from its annotations: a guide when annotated {@code @Guide} (also when
     * wrongly annotated both), a model when annotated {@code @Model}. Methods the compiler made
     * (bridges carry their original's annotations) and lambda bodies have none of their own.
     *
     * @return the role
     */
    public Role role() {
        if (origin != Origin.SOURCE) {
            return Role.NONE;
        }
        return annotatedGuide ? Role.GUIDE : annotatedModel ? Role.MODEL : Role.NONE;
    }
}
