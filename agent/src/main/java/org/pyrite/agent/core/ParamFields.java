package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.pyrite.agent.description.ParamField;

/**
 * The {@code @Param} fields a class declares, and the one a field read reaches: the JVM resolves
 * {@code getfield Sub.loc} to the field {@code Base} declares, and an inner class reads its outer
 * class's field directly, so a read is resolved the same way, through the class files of the
 * class's supertypes (read, never loaded).
 */
final class ParamFields {
    private final ClassNode cn;
    private final TypeHierarchy types;
    private final int classLine;

    ParamFields(ClassNode cn, TypeHierarchy types, int classLine) {
        this.cn = cn;
        this.types = types;
        this.classLine = classLine;
    }

    /** The {@code @Param} fields {@code cn} declares, in declaration order. */
    List<ParamField> declared() {
        List<ParamField> out = new ArrayList<>();
        for (FieldNode f : cn.fields) {
            ParamField p = describe(cn, f, true);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The {@code @Param} field a {@code getfield}/{@code getstatic} of a {@code Tensor} reads, or
     * null when it reads another field (or one whose class file is not found).
     */
    ParamField read(AbstractInsnNode n) {
        if (!(n instanceof FieldInsnNode f) || f.getOpcode() != Opcodes.GETFIELD && f.getOpcode() != Opcodes.GETSTATIC
                || !f.desc.equals(Descriptors.TENSOR_DESC)) {
            return null;
        }
        return resolve(f.owner, f.name, f.desc, 0);
    }

    /** JVM field resolution: the class itself, then its interfaces, then its superclass. */
    private ParamField resolve(String owner, String name, String desc, int depth) {
        if (owner == null || owner.startsWith("java/") || depth > 64) {
            return null;
        }
        ClassNode c = owner.equals(cn.name) ? cn : types.declarations(owner);
        if (c == null) {
            return null;
        }
        for (FieldNode f : c.fields) {
            if (f.name.equals(name) && f.desc.equals(desc)) {
                return describe(c, f, c == cn);
            }
        }
        for (String i : c.interfaces) {
            ParamField p = resolve(i, name, desc, depth + 1);
            if (p != null) {
                return p;
            }
        }
        return resolve(c.superName, name, desc, depth + 1);
    }

    /** A field as a param, or null when it is not annotated {@code @Param}. */
    private ParamField describe(ClassNode owner, FieldNode f, boolean own) {
        AnnotationNode a = Annotations.find(f.visibleAnnotations, f.invisibleAnnotations, Descriptors.PARAM);
        if (a == null) {
            return null;
        }
        String explicit = Annotations.string(a, "value", "");
        Type marker = (Type) Annotations.value(a, "constraint");
        String constraint = marker == null ? "Real" : marker.getInternalName();
        constraint = constraint.startsWith(Descriptors.MARKERS) ? constraint.substring(Descriptors.MARKERS.length())
                : constraint.replace('/', '.');
        return new ParamField(owner.name.replace('/', '.'), f.name, Type.getType(f.desc).getClassName(),
                (f.access & Opcodes.ACC_STATIC) != 0, explicit.isEmpty() ? simpleName(owner) + "." + f.name : explicit,
                constraint, Annotations.number(a, "lower", Double.NEGATIVE_INFINITY),
                Annotations.number(a, "upper", Double.POSITIVE_INFINITY), own ? initializerLine(f) : -1);
    }

    /** The line that initializes a field of {@code cn}, else the class's first line. */
    private int initializerLine(FieldNode f) {
        for (MethodNode mn : cn.methods) {
            if (mn.name.equals("<init>") || mn.name.equals("<clinit>")) {
                for (AbstractInsnNode n : mn.instructions) {
                    if (n instanceof FieldInsnNode fi && (fi.getOpcode() == Opcodes.PUTFIELD || fi.getOpcode() == Opcodes.PUTSTATIC)
                            && fi.owner.equals(cn.name) && fi.name.equals(f.name)) {
                        return Bytecode.line(mn, n);
                    }
                }
            }
        }
        return classLine;
    }

    /** The simple name the source gives a class (a nested class's own name, not {@code Outer$Inner}). */
    static String simpleName(ClassNode c) {
        if (c.innerClasses != null) {
            for (InnerClassNode ic : c.innerClasses) {
                if (ic.name.equals(c.name) && ic.innerName != null) {
                    return ic.innerName;
                }
            }
        }
        return Bytecode.simpleName(c.name);
    }
}
