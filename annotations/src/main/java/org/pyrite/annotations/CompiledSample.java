package org.pyrite.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The record Pyrite's javac plugin ({@code -Xplugin:Pyrite}) writes into a class file for each
 * assignment of a {@link Sample} local, never written in source ({@code @Target({})}).
 *
 * <p>javac keeps less of a {@code @Sample} local than the agent needs: nothing at all of
 * {@code @Sample var x = ...} (a declaration annotation on a local never reaches the class file),
 * nothing of a local whose scope ends right after its assignment (the last statement of a block),
 * and without {@code -g} not its name. The plugin reads the source trees and puts, on the store
 * instruction of every assignment of every {@code @Sample} local, an invisible type annotation of
 * this type (target {@code LOCAL_VARIABLE}, its range the instruction after the store), with the
 * local's name, its declaration's source position and the {@code @Sample} values. The agent
 * reads it as it reads {@code @Sample} itself, so those sites are rewritten like any other.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface CompiledSample {

    /**
     * The local's name in source.
     *
     * @return the name
     */
    String name();

    /**
     * The source line of the local's declaration.
     *
     * @return the line, from 1
     */
    int line();

    /**
     * The source column of the local's declaration.
     *
     * @return the column, from 1
     */
    int column();

    /**
     * Which assignment of the local this is, in source order: 0 for the first (the declaration's
     * initializer, or the first {@code x = ...} of a local declared without one). Only the first
     * starts the local, as javac's own range does; a later one is a site only when it stores a draw.
     *
     * @return the assignment's index
     */
    int assignment() default 0;

    /**
     * {@link Sample#value()} as written.
     *
     * @return the explicit site name, or empty
     */
    String value() default "";

    /**
     * {@link Sample#obs()} as written.
     *
     * @return the observed value's expression, or empty
     */
    String obs() default "";

    /**
     * {@link Sample#indexedBy()} as written.
     *
     * @return the index names
     */
    String[] indexedBy() default {};
}
