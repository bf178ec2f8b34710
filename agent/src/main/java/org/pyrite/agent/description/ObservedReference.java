package org.pyrite.agent.description;

/**
 * {@code @Sample(obs = "name")} or {@code @Sample(obs = "name[i]")}, resolved.
 *
 * @param value what {@code name} refers to
 * @param index what {@code i} refers to; null for the unindexed form
 */
public record ObservedReference(Reference value, Reference index) {
}
