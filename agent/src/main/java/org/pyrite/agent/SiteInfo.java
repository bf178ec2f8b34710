package org.pyrite.agent;

import java.util.List;

/**
 * A sample site of a model or guide as the agent found it in the class file.
 *
 * @param name the site's name; for an indexed site its pattern, such as {@code obs_{i}}
 * @param observed whether it is observed ({@code @Sample(obs = ...)} or {@code Pyrite.sample(name, dist, obs)})
 * @param indexedBy the index variables of a site in a loop, outermost first
 * @param annotated true for a {@code @Sample} local, false for an explicit {@code Pyrite.sample} call
 * @param file the source file
 * @param line the source line of the draw
 */
public record SiteInfo(String name, boolean observed, List<String> indexedBy, boolean annotated, String file, int line) {

    /** Copies the list. */
    public SiteInfo {
        indexedBy = List.copyOf(indexedBy);
    }

    /**
     * {@code File.java:line}.
     *
     * @return the location of the draw
     */
    public String location() {
        return file + ":" + (line < 0 ? "?" : Integer.toString(line));
    }
}
