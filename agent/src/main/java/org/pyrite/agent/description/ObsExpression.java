package org.pyrite.agent.description;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@code @Sample(obs = ...)}: a name, or a name indexed by another ({@code data[i]}).
 *
 * @param value the name of the observed value
 * @param index the name of the index; null for the unindexed form
 */
public record ObsExpression(String value, String index) {
    private static final Pattern FORM =
            Pattern.compile("\\s*([A-Za-z_$][\\w$]*)\\s*(?:\\[\\s*([A-Za-z_$][\\w$]*)\\s*\\])?\\s*");

    /**
     * Parses {@code name} or {@code name[i]}, blanks allowed around the parts.
     *
     * @param text the annotation's text
     * @return the parts, or empty when the text has neither form
     */
    public static Optional<ObsExpression> parse(String text) {
        Matcher m = FORM.matcher(text);
        return m.matches() ? Optional.of(new ObsExpression(m.group(1), m.group(2))) : Optional.empty();
    }
}
