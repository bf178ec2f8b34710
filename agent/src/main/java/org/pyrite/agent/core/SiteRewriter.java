package org.pyrite.agent.core;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.pyrite.agent.check.ObservedValue;
import org.pyrite.agent.description.SampleSite;

/**
 * Turns a draw into a site: {@code iconst_0; newarray int; invokevirtual dist.sample([I)} becomes
 * {@code <name>; swap; [<observed value>]; invokestatic Pyrite.sample(String, Distribution[, obs])},
 * in place, so the rewrite stays within the draw's basic block and the stack map frames stay valid.
 */
final class SiteRewriter {
    private static final String CONCAT = "(Ljava/lang/String;)Ljava/lang/String;";

    private SiteRewriter() {
    }

    /** Rewrites one good site (see {@code Models.isSite}); its draw has an empty shape and every reference resolved. */
    static void rewrite(InsnList insns, Draws.Found found) {
        SampleSite site = found.draw().site();
        MethodInsnNode draw = found.insn();
        AbstractInsnNode newArray = Bytecode.prevReal(draw);
        AbstractInsnNode iconst = Bytecode.prevReal(newArray);
        insns.remove(iconst);
        insns.remove(newArray);
        InsnList repl = new InsnList();
        repl.add(nameCode(site.name(), found.indexedBy()));
        repl.add(new InsnNode(Opcodes.SWAP));
        String desc = "(" + Descriptors.STRING_DESC + Descriptors.DIST_DESC;
        if (!site.obs().isEmpty()) {
            desc += observedCode(repl, found);
        }
        repl.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Descriptors.PYRITE, "sample", desc + ")" + Descriptors.TENSOR_DESC,
                false));
        insns.insertBefore(draw, repl);
        insns.remove(draw);
    }

    /** The site's name: the constant, then {@code "_" + index} for each index. */
    private static InsnList nameCode(String base, List<References.Ref> indices) {
        InsnList l = new InsnList();
        l.add(new LdcInsnNode(base));
        for (References.Ref ref : indices) {
            l.add(new LdcInsnNode("_"));
            l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", CONCAT, false));
            l.add(ref.load());
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf",
                    ref.type().getSort() == Type.LONG ? "(J)Ljava/lang/String;" : "(I)Ljava/lang/String;", false));
            l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", CONCAT, false));
        }
        return l;
    }

    /** Loads the observed value (an element or row when indexed, a number widened); returns its descriptor in the call. */
    private static String observedCode(InsnList code, Draws.Found found) {
        References.Ref value = found.obsValue();
        References.Ref index = found.obsIndex();
        code.add(value.load());
        Type t = value.type();
        if (index != null) {
            if (t.getSort() == Type.ARRAY) {
                code.add(index.load());
                t = t.getElementType();
                code.add(new InsnNode(t.getOpcode(Opcodes.IALOAD)));
            } else {
                code.add(new InsnNode(Opcodes.ICONST_0));
                code.add(index.load());
                code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Descriptors.TENSOR, "select", "(II)" + Descriptors.TENSOR_DESC,
                        false));
            }
        }
        ObservedValue kind = ObservedValue.of(value.type().getClassName(), index != null).orElseThrow(
                () -> new IllegalStateException("an observed value of type " + value.type().getClassName() + " passed the checks"));
        switch (kind) {
            case TENSOR -> {
                return Descriptors.TENSOR_DESC;
            }
            case DOUBLE -> {
                return "D";
            }
            case INT -> code.add(new InsnNode(Opcodes.I2D));
            case LONG -> code.add(new InsnNode(Opcodes.L2D));
            case FLOAT -> code.add(new InsnNode(Opcodes.F2D));
            case BOXED_DOUBLE -> code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D",
                    false));
        }
        return "D";
    }
}
