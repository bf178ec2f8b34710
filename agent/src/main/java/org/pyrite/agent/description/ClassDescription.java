package org.pyrite.agent.description;

import java.util.List;
import java.util.Optional;

/**
 * One class that uses Pyrite's annotations, as the checks see it.
 *
 * @param className the class, dotted ({@code org.example.ScaleModels}, {@code org.example.Outer$Inner})
 * @param simpleName its simple name ({@code ScaleModels}, {@code Inner}), which default param names start with
 * @param file its source file ({@code ScaleModels.java})
 * @param firstLine the first source line of its initializer code, where findings about the class
 *     itself are placed; -1 when unknown
 * @param params the {@code @Param} fields it declares, in declaration order
 * @param methods its methods (lambda bodies and other compiler-made methods included), in class
 *     file order
 */
public record ClassDescription(String className, String simpleName, String file, int firstLine, List<ParamField> params,
        List<MethodDescription> methods) {

    /** Copies the lists. */
    public ClassDescription {
        params = List.copyOf(params);
        methods = List.copyOf(methods);
    }

    /**
     * A method by its {@link MethodDescription#key() key}.
     *
     * @param key name and descriptor
     * @return the method, if the class declares it
     */
    public Optional<MethodDescription> method(String key) {
        return methods.stream().filter(m -> m.key().equals(key)).findFirst();
    }
}
