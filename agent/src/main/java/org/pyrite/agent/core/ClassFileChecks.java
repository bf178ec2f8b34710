package org.pyrite.agent.core;

import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agent.check.Checks;
import org.pyrite.agent.check.ModelInfos;
import org.pyrite.agent.description.ClassDescription;

/**
 * The load-time checks on one class file, without rewriting it: what the javac plugin runs on
 * each class file javac writes, so that a build reports the agent's findings, in the agent's words,
 * before anything runs.
 */
public final class ClassFileChecks {
    private ClassFileChecks() {
    }

    /**
     * Describes a class file as the agent does and runs every check on it.
     *
     * @param classFile a class file that names Pyrite's annotations ({@link Prefilter#mentionsAnnotations})
     * @param types reads other classes' files: which are distributions, which fields are params
     * @return the findings, ordered by line; empty for a class already rewritten
     */
    public static List<Diagnostic> run(byte[] classFile, TypeHierarchy types) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        if (Annotations.has(cn.invisibleAnnotations, Descriptors.MARKER)) {
            return List.of();
        }
        return Checks.run(ClassExtractor.extract(cn, types).description());
    }

    /**
     * The models and guides of a class file as the agent's registry would keep them: sites,
     * params, structure, whether the sites are all known, findings.
     *
     * @param classFile a class file that names Pyrite's annotations
     * @param types reads other classes' files
     * @return its models and guides, in class order
     */
    public static List<ModelInfo> models(byte[] classFile, TypeHierarchy types) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        ClassDescription description = ClassExtractor.extract(cn, types).description();
        return ModelInfos.of(description, Checks.run(description));
    }
}
