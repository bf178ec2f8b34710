package org.pyrite.agent.description;

/**
 * A {@code dist.sample()} (or {@code rsample()}) call on a distribution, and where its value goes.
 *
 * @param call how the source writes it, for messages ({@code Normal.sample()})
 * @param line its source line
 * @param target where its value goes
 * @param localName for {@link Target#PLAIN_LOCAL}, the local's name; null otherwise
 * @param site for {@link Target#SAMPLE_LOCAL}, the site it makes; null otherwise
 */
public record Draw(String call, int line, Target target, String localName, SampleSite site) {

    /** Where a draw's value goes. */
    public enum Target {
        /** Into a {@code @Sample} local: the draw is a site. */
        SAMPLE_LOCAL,
        /** Into a local the class file names, which is not annotated {@code @Sample}. */
        PLAIN_LOCAL,
        /** Into a local the class file records nothing about (javac drops a local whose scope ends at once). */
        UNRECORDED_LOCAL,
        /** Into a local of a class compiled without local variable names. */
        UNNAMED_LOCAL,
        /** Nowhere: the value is used directly (an argument, a return value, part of an expression). */
        USED_DIRECTLY
    }
}
