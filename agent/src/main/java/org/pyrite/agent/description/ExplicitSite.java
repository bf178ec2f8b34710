package org.pyrite.agent.description;

/**
 * A {@code Pyrite.sample(name, dist)} or {@code Pyrite.sample(name, dist, obs)} call.
 *
 * @param name the site name when it is a constant; null when it is computed
 * @param observed whether an observed value is passed
 * @param line the call's source line
 */
public record ExplicitSite(String name, boolean observed, int line) {
}
