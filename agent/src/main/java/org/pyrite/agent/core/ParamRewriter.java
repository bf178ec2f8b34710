package org.pyrite.agent.core;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.pyrite.agent.description.ParamField;

/**
 * Routes a read of a {@code @Param} field through the param store: after the field's value is on
 * the stack, {@code ldc name; swap; [constraint]; invokestatic Pyrite.param(...)} replaces it with
 * the stored value (the field's value initializes the store's entry the first time).
 */
final class ParamRewriter {
    private ParamRewriter() {
    }

    /** The code to insert right after the field read. */
    static InsnList code(ParamField p) {
        InsnList l = new InsnList();
        l.add(new LdcInsnNode(p.name()));
        l.add(new InsnNode(Opcodes.SWAP));
        String c = p.constraint();
        if (c.equals("Real")) {
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Descriptors.PYRITE, "param",
                    "(" + Descriptors.STRING_DESC + Descriptors.TENSOR_DESC + ")" + Descriptors.TENSOR_DESC, false));
            return l;
        }
        switch (c) {
            case "GreaterThan" -> {
                l.add(new LdcInsnNode(p.lower()));
                l.add(constraint("greaterThan", "(D)"));
            }
            case "LessThan" -> {
                l.add(new LdcInsnNode(p.upper()));
                l.add(constraint("lessThan", "(D)"));
            }
            case "Interval" -> {
                l.add(new LdcInsnNode(p.lower()));
                l.add(new LdcInsnNode(p.upper()));
                l.add(constraint("interval", "(DD)"));
            }
            case "RealVector" -> l.add(constraint("realVector", "()"));
            case "Positive" -> l.add(constraint("positive", "()"));
            case "NonNegative" -> l.add(constraint("nonnegative", "()"));
            case "UnitInterval" -> l.add(constraint("unitInterval", "()"));
            case "Simplex" -> l.add(constraint("simplex", "()"));
            case "LowerCholesky" -> l.add(constraint("lowerCholesky", "()"));
            case "PositiveDefinite" -> l.add(constraint("positiveDefinite", "()"));
            default -> throw new IllegalStateException("param " + p.name() + " with constraint " + c + " passed the checks");
        }
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Descriptors.PYRITE, "param",
                "(" + Descriptors.STRING_DESC + Descriptors.TENSOR_DESC + Descriptors.CONSTRAINT_DESC + ")" + Descriptors.TENSOR_DESC,
                false));
        return l;
    }

    private static MethodInsnNode constraint(String name, String args) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, Descriptors.CONSTRAINTS, name, args + Descriptors.CONSTRAINT_DESC, false);
    }
}
