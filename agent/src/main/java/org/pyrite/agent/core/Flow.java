package org.pyrite.agent.core;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * A small data-flow over a method's locals and operand stack: which values derive from a sampled
 * value ("tainted"), and which are string constants (to read site names of explicit
 * {@code Pyrite.sample("name", ...)} calls).
 */
final class Flow {
    private Flow() {
    }

    /** A value: its basic type, whether it derives from a sampled value, and its string constant if any. */
    static final class TValue implements Value {
        final BasicValue basic;
        final boolean tainted;
        final String constant;

        TValue(BasicValue basic, boolean tainted, String constant) {
            this.basic = basic;
            this.tainted = tainted;
            this.constant = constant;
        }

        @Override
        public int getSize() {
            return basic.getSize();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TValue v && v.basic.equals(basic) && v.tainted == tainted && Objects.equals(v.constant, constant);
        }

        @Override
        public int hashCode() {
            return Objects.hash(basic, tainted, constant);
        }
    }

    /**
     * Analyzes {@code mn}; {@code source} says which invocations produce sampled values.
     *
     * @return one frame per instruction (null where unreachable), or null when the analysis fails
     */
    static Frame<TValue>[] analyze(String owner, MethodNode mn, Predicate<AbstractInsnNode> source) {
        try {
            return new Analyzer<>(new Taint(source)).analyze(owner, mn);
        } catch (AnalyzerException | RuntimeException e) {
            return null;
        }
    }

    /** The values a conditional jump or switch at {@code insn} tests, read from the frame before it. */
    static List<TValue> tested(AbstractInsnNode insn, Frame<TValue> f) {
        int op = insn.getOpcode();
        int n;
        if (op >= Opcodes.IFEQ && op <= Opcodes.IFLE || op == Opcodes.IFNULL || op == Opcodes.IFNONNULL
                || op == Opcodes.TABLESWITCH || op == Opcodes.LOOKUPSWITCH) {
            n = 1;
        } else if (op >= Opcodes.IF_ICMPEQ && op <= Opcodes.IF_ACMPNE) {
            n = 2;
        } else {
            return List.of();
        }
        if (f == null || f.getStackSize() < n) {
            return List.of();
        }
        return n == 1 ? List.of(f.getStack(f.getStackSize() - 1))
                : List.of(f.getStack(f.getStackSize() - 2), f.getStack(f.getStackSize() - 1));
    }

    private static final class Taint extends Interpreter<TValue> {
        private final BasicInterpreter basic = new BasicInterpreter();
        private final Predicate<AbstractInsnNode> source;

        Taint(Predicate<AbstractInsnNode> source) {
            super(Opcodes.ASM9);
            this.source = source;
        }

        private static TValue wrap(BasicValue b, boolean tainted, String constant) {
            return b == null ? null : new TValue(b, tainted, constant);
        }

        @Override
        public TValue newValue(Type type) {
            return wrap(basic.newValue(type), false, null);
        }

        @Override
        public TValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
            String constant = insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s ? s : null;
            return wrap(basic.newOperation(insn), false, constant);
        }

        @Override
        public TValue copyOperation(AbstractInsnNode insn, TValue value) throws AnalyzerException {
            return wrap(basic.copyOperation(insn, value.basic), value.tainted, value.constant);
        }

        @Override
        public TValue unaryOperation(AbstractInsnNode insn, TValue value) throws AnalyzerException {
            return wrap(basic.unaryOperation(insn, value.basic), value.tainted, null);
        }

        @Override
        public TValue binaryOperation(AbstractInsnNode insn, TValue v1, TValue v2) throws AnalyzerException {
            return wrap(basic.binaryOperation(insn, v1.basic, v2.basic), v1.tainted || v2.tainted, null);
        }

        @Override
        public TValue ternaryOperation(AbstractInsnNode insn, TValue v1, TValue v2, TValue v3) throws AnalyzerException {
            return wrap(basic.ternaryOperation(insn, v1.basic, v2.basic, v3.basic), v1.tainted || v2.tainted || v3.tainted, null);
        }

        @Override
        public TValue naryOperation(AbstractInsnNode insn, List<? extends TValue> values) throws AnalyzerException {
            boolean tainted = source.test(insn);
            List<BasicValue> basics = new java.util.ArrayList<>(values.size());
            for (TValue v : values) {
                basics.add(v.basic);
                tainted |= v.tainted;
            }
            return wrap(basic.naryOperation(insn, basics), tainted, null);
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, TValue value, TValue expected) {
        }

        @Override
        public TValue merge(TValue v, TValue w) {
            BasicValue b = basic.merge(v.basic, w.basic);
            boolean tainted = v.tainted || w.tainted;
            String constant = Objects.equals(v.constant, w.constant) ? v.constant : null;
            if (b.equals(v.basic) && tainted == v.tainted && Objects.equals(constant, v.constant)) {
                return v;
            }
            return new TValue(b, tainted, constant);
        }
    }
}
