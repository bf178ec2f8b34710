package org.pyrite.agent;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.pyrite.agent.core.ClassRewriter;
import org.pyrite.agent.core.TypeHierarchy;

/**
 * One class file through the transformation core, the same for the agent at load time and for
 * {@link Instrument} and the Maven plugin's {@code instrument} goal at build time: read into an ASM tree (with its debug attributes and type
 * annotations, which name and mark the {@code @Sample} locals), checked and rewritten by
 * {@link ClassRewriter}, and written back.
 *
 * <p>The core's rewrites stay within basic blocks, so the stack map frames it read stay valid and
 * the writer only recomputes each method's maximum stack and locals; it never needs to load a
 * class to merge frame types, which an agent must not do while the JVM is loading one.
 *
 * @param report what the core found and did
 * @param classFile the rewritten class file, or null when the class is to keep its bytes
 */
public record RewrittenClass(ClassReport report, byte[] classFile) {

    /**
     * Checks and rewrites one class file.
     *
     * @param classFile the class file as compiled
     * @param types resolves the distribution classes the class calls
     * @param fatal whether a class with errors is made unusable (see {@link ClassRewriter#rewrite})
     * @return the report, and the new bytes when the class changed
     */
    public static RewrittenClass of(byte[] classFile, TypeHierarchy types, boolean fatal) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        ClassRewriter.Result result = ClassRewriter.rewrite(node, types, fatal);
        if (!result.changed()) {
            return new RewrittenClass(result.report(), null);
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        node.accept(writer);
        return new RewrittenClass(result.report(), writer.toByteArray());
    }
}
