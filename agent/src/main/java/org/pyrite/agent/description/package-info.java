/**
 * A description of the models and guides of one class, in source terms: its {@code @Param}
 * fields, and for each method its role, its {@code @Sample} locals and draws, the names those
 * refer to, its explicit {@code Pyrite.sample} calls, the calls it makes, the branches that depend
 * on sampled values and the source lines of all of these. The agent builds it from bytecode
 * ({@code org.pyrite.agent.core}); the load-time checks ({@code org.pyrite.agent.check}) read only
 * this, so that a compiler plugin can build the same description from javac's trees and run the
 * same checks. Nothing here refers to ASM.
 */
package org.pyrite.agent.description;
