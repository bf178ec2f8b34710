package org.pyrite.agent;

import java.util.List;

/**
 * What the agent learned about one {@code @Model} or {@code @Guide} method when its class was
 * loaded: its sites, the params it reads, whether its structure is static, and the findings of
 * the checks. Kept in the {@link ModelRegistry} for tools and for a compiled backend.
 *
 * @param className the declaring class, dotted
 * @param method the method's name
 * @param descriptor the method's JVM descriptor, such as {@code (D)Lorg/pyrite/tensor/Tensor;}
 * @param kind model or guide
 * @param modelName for a guide, the name of its model; empty for a model
 * @param sites the sample sites, in the order of the code
 * @param params the names of the params the method reads through {@code @Param} fields
 * @param staticStructure true when no branch or loop condition depends on a sampled value
 * @param dynamicReasons for a dynamic structure, where and why ({@code File.java:line: ...})
 * @param sitesComplete true when every site is known statically (its code, with the methods of
 *     its class it calls, calls nothing outside that could sample, and every name is a constant
 *     or an indexed pattern)
 * @param unknownSites when the sites are not all known, why: the call that leaves the class (or
 *     the site name computed at run time), with its location; null when they are
 * @param diagnostics the findings of the checks located in this method
 */
public record ModelInfo(String className, String method, String descriptor, Kind kind, String modelName,
        List<SiteInfo> sites, List<String> params, boolean staticStructure, List<String> dynamicReasons,
        boolean sitesComplete, String unknownSites, List<Diagnostic> diagnostics) {

    /** Model or guide. */
    public enum Kind {
        /** A {@code @Model} method. */
        MODEL,
        /** A {@code @Guide} method. */
        GUIDE
    }

    /** Copies the lists. */
    public ModelInfo {
        sites = List.copyOf(sites);
        params = List.copyOf(params);
        dynamicReasons = List.copyOf(dynamicReasons);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * The names (or indexed patterns) of the sites, in order.
     *
     * @return site names
     */
    public List<String> siteNames() {
        return sites.stream().map(SiteInfo::name).toList();
    }

    /**
     * {@code SimpleName.method}, as the report shows it.
     *
     * @return a short label
     */
    public String label() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + method;
    }
}
