/**
 * The load-time checks of the README's list, one class each, named for the
 * {@link org.pyrite.agent.Diagnostic.Check} it reports. Each reads a
 * {@link org.pyrite.agent.description.ClassDescription} and nothing of the class file, so that a
 * compiler plugin can run the same checks on a description built from javac's trees.
 * {@link org.pyrite.agent.check.Checks} runs them all; {@link org.pyrite.agent.check.ModelInfos}
 * turns a description and its findings into the registry's {@link org.pyrite.agent.ModelInfo}s.
 */
package org.pyrite.agent.check;
