package org.pyrite.agent.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.pyrite.agent.description.ClassDescription;
import org.pyrite.agent.description.MethodDescription;

/** Builds a class's {@link ClassDescription} from its bytecode, with the links the rewrite needs. */
final class ClassExtractor {
    private ClassExtractor() {
    }

    /**
     * A described class and the instructions behind its description.
     *
     * @param description what the checks read
     * @param methods each method's node and extraction, in class order
     */
    record Extraction(ClassDescription description, List<Method> methods) {
    }

    /** A method's node, and what was read from it. */
    record Method(MethodNode node, MethodExtractor.Extracted extracted) {
    }

    static Extraction extract(ClassNode cn, TypeHierarchy types) {
        Lambdas lambdas = Lambdas.of(cn);
        int classLine = classLine(cn);
        ParamFields params = new ParamFields(cn, types, classLine);
        MethodExtractor extractor = new MethodExtractor(cn, new Draws(types, new References(cn, lambdas)), params);
        Map<MethodNode, MethodDescription.Origin> origins = new IdentityHashMap<>();
        for (MethodNode mn : cn.methods) {
            origins.put(mn, origin(mn, lambdas));
        }
        Set<MethodNode> modelCode = modelCode(cn, lambdas, origins);
        List<Method> methods = new ArrayList<>();
        for (MethodNode mn : cn.methods) {
            Lambdas.Creation creation = lambdas.creation(mn);
            MethodNode declaring = lambdas.declaringMethod(mn);
            boolean inModel = modelCode.contains(declaring);
            methods.add(new Method(mn, extractor.extract(mn, origins.get(mn),
                    creation == null ? null : creation.creator().name + creation.creator().desc, inModel)));
        }
        String file = cn.sourceFile != null ? cn.sourceFile : guessFile(cn.name);
        ClassDescription d = new ClassDescription(cn.name.replace('/', '.'), ParamFields.simpleName(cn), file, classLine,
                params.declared(), methods.stream().map(m -> m.extracted().description()).toList());
        return new Extraction(d, methods);
    }

    /**
     * The source methods whose code runs as part of a model or guide: the models and guides, and
     * the methods of the class their code (lambdas included) calls, transitively. Their structure
     * and explicit sites are read.
     */
    private static Set<MethodNode> modelCode(ClassNode cn, Lambdas lambdas, Map<MethodNode, MethodDescription.Origin> origins) {
        Set<MethodNode> out = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<MethodNode> work = new ArrayDeque<>();
        for (MethodNode mn : cn.methods) {
            if (origins.get(mn) == MethodDescription.Origin.SOURCE && isModelOrGuide(mn) && out.add(mn)) {
                work.add(mn);
            }
        }
        while (!work.isEmpty()) {
            MethodNode m = work.poll();
            for (MethodNode body : cn.methods) {
                if (lambdas.declaringMethod(body) != m) {
                    continue;
                }
                for (AbstractInsnNode n : body.instructions) {
                    if (n instanceof MethodInsnNode c && c.owner.equals(cn.name) && !c.name.startsWith("<")) {
                        for (MethodNode callee : cn.methods) {
                            if (callee.name.equals(c.name) && callee.desc.equals(c.desc)
                                    && origins.get(callee) == MethodDescription.Origin.SOURCE && out.add(callee)) {
                                work.add(callee);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static MethodDescription.Origin origin(MethodNode mn, Lambdas lambdas) {
        if ((mn.access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0) {
            return MethodDescription.Origin.SOURCE;
        }
        return lambdas.creation(mn) != null || mn.name.startsWith("lambda$") ? MethodDescription.Origin.LAMBDA
                : MethodDescription.Origin.SYNTHETIC;
    }

    private static boolean isModelOrGuide(MethodNode mn) {
        return Annotations.find(mn.visibleAnnotations, mn.invisibleAnnotations, Descriptors.MODEL) != null
                || Annotations.find(mn.visibleAnnotations, Descriptors.GUIDE) != null;
    }

    /** The first line of the class's initializer code, where findings about the class itself go. */
    private static int classLine(ClassNode cn) {
        int line = -1;
        for (MethodNode mn : cn.methods) {
            if (mn.name.equals("<init>") || mn.name.equals("<clinit>")) {
                int l = Bytecode.firstLine(mn);
                if (l > 0 && (line < 0 || l < line)) {
                    line = l;
                }
            }
        }
        return line;
    }

    static String guessFile(String internalName) {
        String s = internalName.substring(internalName.lastIndexOf('/') + 1);
        int dollar = s.indexOf('$');
        return (dollar > 0 ? s.substring(0, dollar) : s) + ".java";
    }
}
