package org.pyrite.agent.description;

/**
 * A loop of the source (not any backward jump of the compiled code) that contains a site.
 *
 * @param variable the int or long local the loop counts with, when there is one
 *     ({@code for (int i = 0; ...; i++)}); null otherwise (a for-each loop, a while loop)
 */
public record Loop(String variable) {
}
