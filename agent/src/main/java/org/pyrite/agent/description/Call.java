package org.pyrite.agent.description;

/**
 * A method call that is neither a draw nor an explicit {@code Pyrite.sample}.
 *
 * @param owner the class the call names, dotted ({@code java.util.Random}; {@code int[]} for an array's {@code clone()})
 * @param name the method's name
 * @param descriptor the method's erased JVM descriptor
 * @param line the call's source line
 */
public record Call(String owner, String name, String descriptor, int line) {
}
