package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.pyrite.agent.description.Loop;

/**
 * The loops of a method's source, found from the backward jumps of its code (javac's loops are
 * reducible: each is the span from its head to its backward jump). A backward jump is not always
 * a loop: a switch with record or type patterns (Java 21) jumps back to its own dispatch to try
 * the next case when a nested pattern fails, and that is no loop of the source.
 */
final class SourceLoops {
    private static final String SWITCH_BOOTSTRAPS = "java/lang/runtime/SwitchBootstraps";

    private final MethodNode mn;
    /** Each loop as [first, last] instruction index. */
    private final List<int[]> regions;

    private SourceLoops(MethodNode mn, List<int[]> regions) {
        this.mn = mn;
        this.regions = regions;
    }

    static SourceLoops of(MethodNode mn) {
        InsnList insns = mn.instructions;
        List<int[]> out = new ArrayList<>();
        AbstractInsnNode[] a = insns.toArray();
        for (int i = 0; i < a.length; i++) {
            for (LabelNode t : targets(a[i], false)) {
                int ti = insns.indexOf(t);
                if (ti <= i && !isPatternRestart(t)) {
                    out.add(new int[] {ti, i});
                }
            }
        }
        return new SourceLoops(mn, out);
    }

    /** The labels an instruction may jump to ({@code withDefault}: a switch's default label too). */
    static List<LabelNode> targets(AbstractInsnNode n, boolean withDefault) {
        List<LabelNode> targets = new ArrayList<>();
        if (n instanceof JumpInsnNode j) {
            targets.add(j.label);
        } else if (n instanceof TableSwitchInsnNode t) {
            targets.addAll(t.labels);
            if (withDefault) {
                targets.add(t.dflt);
            }
        } else if (n instanceof LookupSwitchInsnNode l) {
            targets.addAll(l.labels);
            if (withDefault) {
                targets.add(l.dflt);
            }
        }
        return targets;
    }

    /**
     * Whether the code at {@code target} is a pattern switch's dispatch: loads of the selector and
     * the restart index, then {@code invokedynamic SwitchBootstraps.typeSwitch} (or {@code enumSwitch}).
     */
    private static boolean isPatternRestart(LabelNode target) {
        AbstractInsnNode x = Bytecode.realFrom(target);
        for (int seen = 0; x != null && seen < 4; seen++, x = Bytecode.nextReal(x)) {
            if (x instanceof InvokeDynamicInsnNode indy) {
                return indy.bsm.getOwner().equals(SWITCH_BOOTSTRAPS);
            }
            if (!(x instanceof VarInsnNode v) || v.getOpcode() != Opcodes.ALOAD && v.getOpcode() != Opcodes.ILOAD) {
                return false;
            }
        }
        return false;
    }

    /** Whether instruction index {@code i} is inside a loop. */
    boolean contains(int i) {
        return regions.stream().anyMatch(l -> l[0] <= i && i <= l[1]);
    }

    /**
     * The innermost loop around instruction index {@code i}, with the int or long local it counts
     * with ({@code i++}, {@code i += k}, {@code c = c + 1L}) that is in scope at {@code i}, if any.
     *
     * @return the loop, or null when {@code i} is in none
     */
    Loop loopAt(int i) {
        List<int[]> around = regions.stream().filter(l -> l[0] <= i && i <= l[1])
                .sorted((x, y) -> Integer.compare(x[1] - x[0], y[1] - y[0])).toList();
        if (around.isEmpty()) {
            return null;
        }
        for (int[] region : around) {
            for (int slot : counters(region)) {
                LocalVariableNode lv = Bytecode.localAt(mn, slot, i);
                if (lv != null && (lv.desc.equals("I") || lv.desc.equals("J"))) {
                    return new Loop(lv.name);
                }
            }
        }
        return new Loop(null);
    }

    /** The slots a loop steps: {@code iinc}, or a long loaded, added to and stored back. */
    private List<Integer> counters(int[] region) {
        List<Integer> slots = new ArrayList<>();
        AbstractInsnNode[] a = mn.instructions.toArray();
        for (int k = region[0]; k <= region[1] && k < a.length; k++) {
            if (a[k] instanceof IincInsnNode inc) {
                slots.add(inc.var);
            } else if (a[k] instanceof VarInsnNode store && store.getOpcode() == Opcodes.LSTORE) {
                AbstractInsnNode add = Bytecode.prevReal(store);
                AbstractInsnNode step = add == null ? null : Bytecode.prevReal(add);
                AbstractInsnNode load = step == null ? null : Bytecode.prevReal(step);
                if (add != null && add.getOpcode() == Opcodes.LADD && load instanceof VarInsnNode l && l.getOpcode() == Opcodes.LLOAD
                        && l.var == store.var) {
                    slots.add(store.var);
                }
            }
        }
        return slots;
    }

    /**
     * Whether the branch at instruction index {@code i} decides whether a loop goes on: it jumps
     * backwards (the test at the end of a loop), or out of a loop it is in.
     */
    boolean isLoopCondition(AbstractInsnNode n, int i) {
        for (LabelNode target : targets(n, true)) {
            int t = mn.instructions.indexOf(target);
            if (t < i) {
                return true;
            }
            for (int[] loop : regions) {
                if (loop[0] <= i && i <= loop[1] && (t < loop[0] || t > loop[1])) {
                    return true;
                }
            }
        }
        return false;
    }
}
