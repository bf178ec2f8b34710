package org.pyrite.agent.description;

import java.util.List;

/**
 * A draw stored into a {@code @Sample} local: what its site needs.
 *
 * @param name {@code @Sample("...")}, else the local's name; null when neither is known (no local
 *     variable names in the class file)
 * @param shaped whether the draw passes a sample shape ({@code dist.sample(3)}), which a site cannot take
 * @param indexedBy the names in {@code @Sample(indexedBy = ...)}, resolved at the draw, trimmed
 * @param obs {@code @Sample(obs = ...)} as written, or empty
 * @param obsValue {@code obs} parsed and resolved at the draw; null when {@code obs} is empty or
 *     not of the form {@code name} or {@code name[i]}
 * @param loop the source loop the assignment is in, or null
 */
public record SampleSite(String name, boolean shaped, List<Reference> indexedBy, String obs, ObservedReference obsValue,
        Loop loop) {

    /** Copies the list. */
    public SampleSite {
        indexedBy = List.copyOf(indexedBy);
    }

    /**
     * The site's name, or for an indexed site its pattern ({@code obs_{i}}).
     *
     * @return the name or pattern; null when the site has no name
     */
    public String pattern() {
        if (name == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(name);
        for (Reference r : indexedBy) {
            sb.append("_{").append(r.name()).append('}');
        }
        return sb.toString();
    }
}
