package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableAnnotationNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.Diagnostic.Severity;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agent.SiteInfo;
import org.pyrite.handlers.Names;

/**
 * The one transformation core every way in uses (the {@code -javaagent}, the executable jar's
 * {@code Launcher-Agent-Class}, self-attach, and build-time {@link org.pyrite.agent.Instrument}):
 * it analyzes a class that uses Pyrite's annotations, runs the load-time checks, and rewrites the
 * class's {@link ClassNode} in place.
 *
 * <p>Rewrites, all within basic blocks (stack map frames stay valid; only max stack grows):
 * <ul>
 *   <li>{@code dist.sample()} stored into a {@code @Sample} local of a {@code @Model}/{@code @Guide}
 *       method becomes {@code Pyrite.sample(name, dist)} (or {@code Pyrite.sample(name, dist, obs)});
 *   <li>a read of a {@code @Param} field of the class becomes {@code Pyrite.param(name, field, constraint)}.
 * </ul>
 * The rewritten code calls only the public runtime API ({@code org.pyrite.Pyrite},
 * {@code org.pyrite.distributions.constraints.Constraints}, {@code Tensor.select}) and the JDK.
 */
public final class ClassRewriter {
    /** Descriptors of the annotations. */
    public static final String MODEL = "Lorg/pyrite/annotations/Model;";
    public static final String GUIDE = "Lorg/pyrite/annotations/Guide;";
    public static final String SAMPLE = "Lorg/pyrite/annotations/Sample;";
    public static final String PARAM = "Lorg/pyrite/annotations/Param;";
    /** Invisible class annotation left on a rewritten class, so that it is never rewritten twice. */
    public static final String MARKER = "Lorg/pyrite/agent/Instrumented;";

    static final String TENSOR = "org/pyrite/tensor/Tensor";
    static final String TENSOR_DESC = "L" + TENSOR + ";";
    static final String DRAW_DESC = "([I)" + TENSOR_DESC;
    static final String PYRITE = "org/pyrite/Pyrite";
    static final String DIST_DESC = "Lorg/pyrite/distributions/Distribution;";
    static final String CONSTRAINTS = "org/pyrite/distributions/constraints/Constraints";
    static final String CONSTRAINT_DESC = "Lorg/pyrite/distributions/constraints/Constraint;";
    static final String MARKERS = "org/pyrite/annotations/constraints/";

    private static final Pattern LAMBDA = Pattern.compile("lambda\\$(.+)\\$\\d+");
    private static final Pattern OBS = Pattern.compile("\\s*([A-Za-z_$][\\w$]*)\\s*(?:\\[\\s*([A-Za-z_$][\\w$]*)\\s*\\])?\\s*");

    private ClassRewriter() {
    }

    /** The outcome of {@link #rewrite}: the report, and whether the node was changed. */
    public record Result(ClassReport report, boolean changed) {
    }

    /**
     * A cheap test on raw class file bytes: does the constant pool name Pyrite's annotation
     * package? A class that does not is never touched (its bytes stay identical).
     *
     * @param classFile the class file
     * @return true when the class may use Pyrite's annotations
     */
    public static boolean mentionsAnnotations(byte[] classFile) {
        return Prefilter.mentionsAnnotations(classFile);
    }

    /**
     * Analyzes, checks and (unless a problem forbids it) rewrites {@code cn} in place.
     *
     * @param cn the class, read with its debug attributes and type annotations
     * @param types resolves distribution classes
     * @param fatal when true, any error poisons the class: every method throws a
     *     {@link LinkageError} naming the problems
     * @return the report and whether {@code cn} changed
     */
    public static Result rewrite(ClassNode cn, TypeHierarchy types, boolean fatal) {
        return new ClassRewriter.Run(cn, types).run(fatal);
    }

    /** A poisoned class's message: names the class and lists its errors. */
    static String poisonMessage(String className, List<Diagnostic> errors) {
        StringBuilder sb = new StringBuilder("[pyrite-agent] ").append(className)
                .append(" cannot be used: the Pyrite agent found errors and runs with the fatal switch on "
                        + "(pyrite.agent.fatal / -javaagent:pyrite-agent.jar=fatal):");
        for (Diagnostic d : errors) {
            sb.append("\n  ").append(d);
        }
        return sb.length() > 60_000 ? sb.substring(0, 60_000) + "..." : sb.toString();
    }

    // ------------------------------------------------------------------------------------------

    private enum Role { NONE, MODEL, GUIDE }

    private record ParamSpec(String field, String desc, boolean isStatic, String name, String constraint, double lower,
            double upper) {
    }

    /** A sample site found in a method, with what its rewrite needs. */
    private record Site(SiteInfo info, MethodInsnNode draw, InsnList nameCode, InsnList obsCode, String sampleDesc) {
    }

    /** Per-method state. */
    private static final class M {
        final MethodNode mn;
        Role role = Role.NONE;
        M parent;                    // for a lambda body: the annotated method it belongs to
        String modelName = "";
        Set<String> observed = Set.of();
        final List<Site> sites = new ArrayList<>();
        final List<SiteInfo> explicitSites = new ArrayList<>();
        final List<FieldInsnNode> paramReads = new ArrayList<>();
        final Set<String> params = new LinkedHashSet<>();
        final List<String> dynamic = new ArrayList<>();
        boolean open;
        boolean namesKnown = true;

        M(MethodNode mn) {
            this.mn = mn;
        }

        M top() {
            return parent == null ? this : parent;
        }

        Role effectiveRole() {
            return top().role;
        }
    }

    private static final class Run {
        final ClassNode cn;
        final TypeHierarchy types;
        final String className;
        final String file;
        final List<Diagnostic> diags = new ArrayList<>();
        final Map<MethodNode, M> methods = new LinkedHashMap<>();
        final Map<String, ParamSpec> params = new HashMap<>();

        Run(ClassNode cn, TypeHierarchy types) {
            this.cn = cn;
            this.types = types;
            this.className = cn.name.replace('/', '.');
            this.file = cn.sourceFile != null ? cn.sourceFile : guessFile(cn.name);
        }

        Result run(boolean fatal) {
            if (hasAnnotation(cn.invisibleAnnotations, MARKER) || hasAnnotation(cn.visibleAnnotations, MARKER)) {
                return new Result(new ClassReport(className, ClassReport.Outcome.ALREADY_INSTRUMENTED, List.of(), List.of()), false);
            }
            collectParams();
            for (MethodNode mn : cn.methods) {
                methods.put(mn, new M(mn));
            }
            assignRoles();
            for (M m : methods.values()) {
                if (m.mn.instructions.size() == 0) {
                    continue;
                }
                if (m.effectiveRole() == Role.NONE) {
                    checkSampleOutsideModel(m);
                } else {
                    scanSites(m);
                    scanExplicitAndFlow(m);
                    scanRandomness(m);
                }
                collectParamReads(m);
            }
            for (M m : methods.values()) {
                if (m.role != Role.NONE) {
                    m.open |= mayHideSites(m.mn, new HashSet<>());
                }
            }
            for (M m : methods.values()) {
                if (m.parent != null) {
                    m.parent.open |= m.open || mayHideSites(m.mn, new HashSet<>());
                }
            }
            crossCheck();

            List<ModelInfo> models = modelInfos();
            boolean blocked = diags.stream().anyMatch(d -> d.severity() == Severity.ERROR && d.check().blocksRewrite());
            boolean anyError = diags.stream().anyMatch(d -> d.severity() == Severity.ERROR);
            if (fatal && anyError) {
                poison(poisonMessage(className, errors()));
                return new Result(new ClassReport(className, ClassReport.Outcome.POISONED, models, diags), true);
            }
            if (blocked) {
                return new Result(new ClassReport(className, ClassReport.Outcome.NOT_TRANSFORMED, models, diags), false);
            }
            boolean changed = applyRewrites();
            if (changed) {
                AnnotationNode marker = new AnnotationNode(MARKER);
                if (cn.invisibleAnnotations == null) {
                    cn.invisibleAnnotations = new ArrayList<>();
                }
                cn.invisibleAnnotations.add(marker);
            }
            return new Result(new ClassReport(className,
                    changed ? ClassReport.Outcome.TRANSFORMED : ClassReport.Outcome.UNCHANGED, models, diags), changed);
        }

        List<Diagnostic> errors() {
            return diags.stream().filter(d -> d.severity() == Severity.ERROR).toList();
        }

        // ------------------------------------------------------------------ params

        void collectParams() {
            String simple = simpleName();
            for (FieldNode f : cn.fields) {
                AnnotationNode a = annotation(f.visibleAnnotations, PARAM);
                if (a == null) {
                    a = annotation(f.invisibleAnnotations, PARAM);
                }
                if (a == null) {
                    continue;
                }
                String explicit = str(a, "value", "");
                String name = explicit.isEmpty() ? simple + "." + f.name : explicit;
                Type marker = (Type) value(a, "constraint");
                String constraint = marker == null ? "Real" : marker.getInternalName();
                if (constraint.startsWith(MARKERS)) {
                    constraint = constraint.substring(MARKERS.length());
                }
                double lower = num(a, "lower", Double.NEGATIVE_INFINITY);
                double upper = num(a, "upper", Double.POSITIVE_INFINITY);
                if (!f.desc.equals(TENSOR_DESC)) {
                    fieldError(f, Check.BAD_PARAM, "@Param field '" + f.name + "' has type " + Type.getType(f.desc).getClassName()
                            + "; a param must be a Tensor (for example @Param Tensor " + f.name + " = Tensor.scalar(1.0);)");
                    continue;
                }
                String problem = constraintProblem(constraint, lower, upper);
                if (problem != null) {
                    fieldError(f, Check.BAD_PARAM, "@Param field '" + f.name + "': " + problem);
                    continue;
                }
                params.put(f.name, new ParamSpec(f.name, f.desc, (f.access & Opcodes.ACC_STATIC) != 0, name, constraint, lower, upper));
            }
        }

        static String constraintProblem(String c, double lower, double upper) {
            return switch (c) {
                case "Real", "RealVector", "Positive", "NonNegative", "UnitInterval", "Simplex", "LowerCholesky",
                        "PositiveDefinite" -> null;
                case "GreaterThan" -> Double.isInfinite(lower) || Double.isNaN(lower)
                        ? "constraint GreaterThan needs a finite lower bound: @Param(constraint = GreaterThan.class, lower = 0)" : null;
                case "LessThan" -> Double.isInfinite(upper) || Double.isNaN(upper)
                        ? "constraint LessThan needs a finite upper bound: @Param(constraint = LessThan.class, upper = 0)" : null;
                case "Interval" -> !(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)
                        ? "constraint Interval needs finite bounds with lower < upper: "
                                + "@Param(constraint = Interval.class, lower = 0, upper = 1)" : null;
                default -> "constraint " + c.replace('/', '.') + " is not one of Pyrite's constraint markers "
                        + "(org.pyrite.annotations.constraints: Real, RealVector, Positive, NonNegative, UnitInterval, "
                        + "Simplex, LowerCholesky, PositiveDefinite, GreaterThan, LessThan, Interval)";
            };
        }

        void collectParamReads(M m) {
            if (params.isEmpty() || m.mn.name.equals("<init>") || m.mn.name.equals("<clinit>")) {
                return;
            }
            for (AbstractInsnNode n : m.mn.instructions) {
                if (n instanceof FieldInsnNode f && (f.getOpcode() == Opcodes.GETFIELD || f.getOpcode() == Opcodes.GETSTATIC)
                        && f.owner.equals(cn.name) && params.containsKey(f.name) && f.desc.equals(TENSOR_DESC)) {
                    m.paramReads.add(f);
                    m.top().params.add(params.get(f.name).name);
                }
            }
        }

        InsnList paramCode(ParamSpec p) {
            InsnList l = new InsnList();
            l.add(new LdcInsnNode(p.name));
            l.add(new InsnNode(Opcodes.SWAP));
            String c = p.constraint;
            if (c.equals("Real")) {
                l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, PYRITE, "param",
                        "(Ljava/lang/String;" + TENSOR_DESC + ")" + TENSOR_DESC, false));
                return l;
            }
            switch (c) {
                case "GreaterThan" -> {
                    l.add(new LdcInsnNode(p.lower));
                    l.add(constraintCall("greaterThan", "(D)"));
                }
                case "LessThan" -> {
                    l.add(new LdcInsnNode(p.upper));
                    l.add(constraintCall("lessThan", "(D)"));
                }
                case "Interval" -> {
                    l.add(new LdcInsnNode(p.lower));
                    l.add(new LdcInsnNode(p.upper));
                    l.add(constraintCall("interval", "(DD)"));
                }
                default -> l.add(constraintCall(switch (c) {
                    case "RealVector" -> "realVector";
                    case "Positive" -> "positive";
                    case "NonNegative" -> "nonnegative";
                    case "UnitInterval" -> "unitInterval";
                    case "Simplex" -> "simplex";
                    case "LowerCholesky" -> "lowerCholesky";
                    default -> "positiveDefinite";
                }, "()"));
            }
            l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, PYRITE, "param",
                    "(Ljava/lang/String;" + TENSOR_DESC + CONSTRAINT_DESC + ")" + TENSOR_DESC, false));
            return l;
        }

        static MethodInsnNode constraintCall(String name, String args) {
            return new MethodInsnNode(Opcodes.INVOKESTATIC, CONSTRAINTS, name, args + CONSTRAINT_DESC, false);
        }

        // ------------------------------------------------------------------ roles

        void assignRoles() {
            Map<String, M> byName = new HashMap<>();
            for (M m : methods.values()) {
                if (hasAnnotation(m.mn.visibleAnnotations, MODEL) || hasAnnotation(m.mn.invisibleAnnotations, MODEL)) {
                    m.role = Role.MODEL;
                }
                AnnotationNode g = annotation(m.mn.visibleAnnotations, GUIDE);
                if (g != null) {
                    if (m.role == Role.MODEL) {
                        error(m, null, Check.UNKNOWN_MODEL, "method '" + m.mn.name
                                + "' is annotated both @Model and @Guide; a method is one or the other");
                    }
                    m.role = Role.GUIDE;
                    m.modelName = str(g, "model", "");
                    m.observed = new LinkedHashSet<>(strs(g, "observed"));
                }
                if (m.role != Role.NONE) {
                    byName.putIfAbsent(m.mn.name, m);
                }
            }
            for (M m : methods.values()) {
                Matcher lm = LAMBDA.matcher(m.mn.name);
                if (m.role == Role.NONE && (m.mn.access & Opcodes.ACC_SYNTHETIC) != 0 && lm.matches()) {
                    M owner = byName.get(lm.group(1));
                    if (owner != null) {
                        m.parent = owner;
                    }
                }
            }
        }

        // ------------------------------------------------------------------ sites

        List<Range> sampleRanges(MethodNode mn) {
            List<Range> out = new ArrayList<>();
            for (List<LocalVariableAnnotationNode> list : java.util.Arrays.asList(mn.invisibleLocalVariableAnnotations,
                    mn.visibleLocalVariableAnnotations)) {
                if (list == null) {
                    continue;
                }
                for (LocalVariableAnnotationNode a : list) {
                    if (!a.desc.equals(SAMPLE) || a.typePath != null && a.typePath.getLength() > 0) {
                        continue;
                    }
                    for (int i = 0; i < a.start.size(); i++) {
                        out.add(new Range(mn.instructions.indexOf(a.start.get(i)), mn.instructions.indexOf(a.end.get(i)),
                                a.index.get(i), a));
                    }
                }
            }
            return out;
        }

        boolean isDraw(AbstractInsnNode n) {
            return n instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKEVIRTUAL
                    && (m.name.equals("sample") || m.name.equals("rsample")) && m.desc.equals(DRAW_DESC)
                    && types.isDistribution(m.owner);
        }

        static boolean isExplicitSample(AbstractInsnNode n) {
            return n instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC && m.owner.equals(PYRITE)
                    && m.name.equals("sample");
        }

        static boolean isModelCall(AbstractInsnNode n) {
            return n instanceof MethodInsnNode m && m.owner.equals("org/pyrite/Model") && m.name.equals("call");
        }

        void checkSampleOutsideModel(M m) {
            for (Range r : sampleRanges(m.mn)) {
                AbstractInsnNode store = definingStore(m.mn, r);
                String name = str(r.ann, "value", "");
                if (name.isEmpty()) {
                    LocalVariableNode lv = localAtSlot(m.mn, r.slot, r.start);
                    name = lv == null ? "#" + r.slot : lv.name;
                }
                error(m, store, Check.SAMPLE_OUTSIDE_MODEL, "@Sample local '" + name + "' is in method '" + m.mn.name
                        + "', which is neither @Model nor @Guide, so it is not a site; annotate the method @Model "
                        + "(or @Guide(model = \"...\")), or call Pyrite.sample(name, dist)");
            }
        }

        void scanSites(M m) {
            MethodNode mn = m.mn;
            InsnList insns = mn.instructions;
            List<Range> ranges = sampleRanges(mn);
            List<int[]> loops = loopRegions(insns);
            Set<AbstractInsnNode> siteDraws = new HashSet<>();
            for (AbstractInsnNode n : insns.toArray()) {
                if (!isDraw(n)) {
                    continue;
                }
                MethodInsnNode draw = (MethodInsnNode) n;
                AbstractInsnNode next = nextReal(draw);
                VarInsnNode store = next instanceof VarInsnNode v && v.getOpcode() == Opcodes.ASTORE ? v : null;
                int after = store == null ? -1 : index(insns, nextReal(store));
                Range range = null;
                if (store != null) {
                    for (Range r : ranges) {
                        if (r.slot == store.var && r.start <= after && after < r.end) {
                            range = r;
                            break;
                        }
                    }
                }
                String drawText = simple(draw.owner) + "." + draw.name + "()";
                if (range == null) {
                    error(m, draw, Check.UNNAMED_DRAW, drawText + " in " + kind(m) + " '" + m.top().mn.name
                            + "' is not a site, so Pyrite's handlers never see it (replay, conditioning and tracing miss it): "
                            + unnamedDrawReason(mn, store, after));
                    continue;
                }
                siteDraws.add(draw);
                Site site = site(m, draw, store, after, range, loops, drawText);
                if (site != null) {
                    m.sites.add(site);
                }
            }
            for (Range r : ranges) {
                AbstractInsnNode store = definingStore(mn, r);
                if (store == null) {
                    continue;
                }
                AbstractInsnNode value = prevReal(store);
                if (!siteDraws.contains(value) && !isDraw(value) && value.getOpcode() != Opcodes.ACONST_NULL) {
                    LocalVariableNode lv = localAtSlot(mn, r.slot, r.start);
                    String name = lv != null ? lv.name : "#" + r.slot;
                    error(m, store, Check.NOT_A_DRAW, "@Sample local '" + name + "' is not assigned a draw: a @Sample local "
                            + "takes dist.sample() (or starts as null) (for example @Sample Tensor " + name + " = Normal.of(0.0, 1.0).sample();); "
                            + "keep a derived value in a plain local");
                }
            }
        }

        String unnamedDrawReason(MethodNode mn, VarInsnNode store, int after) {
            String advice = "; store it in a @Sample local (@Sample Tensor x = dist.sample();) or call Pyrite.sample(\"x\", dist)";
            if (store == null) {
                return "its result is used directly rather than stored in a @Sample local" + advice;
            }
            LocalVariableNode lv = localAtSlot(mn, store.var, after);
            if (lv != null) {
                return "it is stored in local '" + lv.name + "', which is not annotated @Sample; annotate it (@Sample Tensor "
                        + lv.name + " = ...) or call Pyrite.sample(\"" + lv.name + "\", dist). (javac drops @Sample written on "
                        + "'var' or on a qualified type name: write the type by its simple name)";
            }
            if (mn.localVariables == null || mn.localVariables.isEmpty()) {
                return "it is stored in a local, but the class has no local variable table to tell whether that local is "
                        + "@Sample (compile with -g, as Maven does by default)" + advice;
            }
            return "the class file records nothing about the local it is stored in. If that local is declared "
                    + "'@Sample Tensor x = dist.sample();' as the last statement of a block (a loop body, an if branch), "
                    + "javac keeps neither the local nor its annotation: declare it before the block and assign it inside "
                    + "('@Sample(...) Tensor x; for (...) { x = dist.sample(); }'), or use its value afterwards";
        }

        Site site(M m, MethodInsnNode draw, VarInsnNode store, int after, Range range, List<int[]> loops, String drawText) {
            MethodNode mn = m.mn;
            AnnotationNode ann = range.ann;
            AbstractInsnNode p1 = prevReal(draw);
            AbstractInsnNode p2 = p1 == null ? null : prevReal(p1);
            boolean emptyShape = p1 instanceof IntInsnNode arr && arr.getOpcode() == Opcodes.NEWARRAY && arr.operand == Opcodes.T_INT
                    && p2 != null && p2.getOpcode() == Opcodes.ICONST_0 && noLabelTargetBetween(p2, draw);
            String explicit = str(ann, "value", "");
            LocalVariableNode lv = localAtSlot(mn, store.var, after);
            String base = !explicit.isEmpty() ? explicit : lv != null ? lv.name : null;
            if (base == null) {
                error(m, draw, Check.UNNAMED_SITE, "cannot name the @Sample site drawn by " + drawText + ": it has no "
                        + "@Sample(\"name\") and the class has no local variable names; write @Sample(\"name\") or compile with "
                        + "-g (javac -g, Maven's default)");
                return null;
            }
            if (!emptyShape) {
                error(m, draw, Check.SAMPLE_SHAPE, "@Sample site '" + base + "' draws " + drawText.replace("()", "(shape)")
                        + " with a sample shape, which a site cannot take; draw one value from an expanded distribution: "
                        + "@Sample Tensor " + base + " = dist.expand(n).sample();");
                return null;
            }
            int at = index(mn.instructions, draw);
            List<String> indexedBy = strs(ann, "indexedBy");
            InsnList nameCode = new InsnList();
            nameCode.add(new LdcInsnNode(base));
            StringBuilder pattern = new StringBuilder(base);
            boolean ok = true;
            for (String idx : indexedBy) {
                Ref ref = resolve(m, idx.trim(), at);
                if (ref == null || !(ref.sort() == Type.INT || ref.sort() == Type.LONG)) {
                    error(m, draw, Check.BAD_REFERENCE, "@Sample site '" + base + "': indexedBy names '" + idx + "', "
                            + (ref == null ? "which is no local variable, parameter or field in scope here"
                                    : "which is a " + ref.type.getClassName() + ", not an int or long")
                            + (mn.localVariables == null || mn.localVariables.isEmpty()
                                    ? " (the class has no local variable names: compile with -g)" : ""));
                    ok = false;
                    continue;
                }
                nameCode.add(new LdcInsnNode("_"));
                nameCode.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat",
                        "(Ljava/lang/String;)Ljava/lang/String;", false));
                nameCode.add(ref.load());
                nameCode.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf",
                        ref.sort() == Type.LONG ? "(J)Ljava/lang/String;" : "(I)Ljava/lang/String;", false));
                nameCode.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat",
                        "(Ljava/lang/String;)Ljava/lang/String;", false));
                pattern.append("_{").append(idx.trim()).append('}');
            }
            String obs = str(ann, "obs", "");
            InsnList obsCode = new InsnList();
            String sampleDesc = "(Ljava/lang/String;" + DIST_DESC + ")" + TENSOR_DESC;
            if (!obs.isEmpty()) {
                String obsDesc = obsCode(m, obs, at, obsCode, base, draw);
                if (obsDesc == null) {
                    ok = false;
                } else {
                    sampleDesc = "(Ljava/lang/String;" + DIST_DESC + obsDesc + ")" + TENSOR_DESC;
                }
            }
            if (indexedBy.isEmpty() && inLoop(loops, index(mn.instructions, store))) {
                error(m, draw, Check.SITE_IN_LOOP, "@Sample site '" + base + "' is inside a loop, so every iteration would "
                        + "sample the same name (an error at run time); index it: @Sample(value = \"" + base
                        + "\", indexedBy = \"i\") appends the loop variable i to the name (" + base + "_0, " + base + "_1, ...)");
            }
            if (!ok) {
                return null;
            }
            SiteInfo info = new SiteInfo(pattern.toString(), !obs.isEmpty(), indexedBy.stream().map(String::trim).toList(),
                    true, file, line(mn, draw));
            return new Site(info, draw, nameCode, obsCode, sampleDesc);
        }

        /** Fills {@code code} with the load of the observed value; returns its descriptor in the call, or null. */
        String obsCode(M m, String obs, int at, InsnList code, String site, AbstractInsnNode draw) {
            Matcher om = OBS.matcher(obs);
            String problem;
            if (!om.matches()) {
                problem = "'" + obs + "' is not of the form name or name[i]";
            } else {
                Ref base = resolve(m, om.group(1), at);
                Ref idx = om.group(2) == null ? null : resolve(m, om.group(2), at);
                if (base == null) {
                    problem = "'" + om.group(1) + "' is no local variable, parameter or field in scope here"
                            + (m.mn.localVariables == null || m.mn.localVariables.isEmpty()
                                    ? " (the class has no local variable names: compile with -g)" : "");
                } else if (om.group(2) != null && (idx == null || idx.sort() != Type.INT)) {
                    problem = "index '" + om.group(2) + "' is " + (idx == null ? "no local variable, parameter or field in scope here"
                            : "a " + idx.type.getClassName() + ", not an int");
                } else {
                    code.add(base.load());
                    Type t = base.type;
                    if (idx != null) {
                        if (t.getSort() == Type.ARRAY && t.getDimensions() == 1) {
                            code.add(idx.load());
                            Type el = t.getElementType();
                            code.add(new InsnNode(el.getOpcode(Opcodes.IALOAD)));
                            t = el;
                        } else if (t.getDescriptor().equals(TENSOR_DESC)) {
                            code.add(new InsnNode(Opcodes.ICONST_0));
                            code.add(idx.load());
                            code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, TENSOR, "select", "(II)" + TENSOR_DESC, false));
                        } else {
                            t = null;
                        }
                    }
                    String desc = t == null ? null : switch (t.getDescriptor()) {
                        case TENSOR_DESC -> TENSOR_DESC;
                        case "D" -> "D";
                        case "I", "S", "B", "C" -> {
                            code.add(new InsnNode(Opcodes.I2D));
                            yield "D";
                        }
                        case "J" -> {
                            code.add(new InsnNode(Opcodes.L2D));
                            yield "D";
                        }
                        case "F" -> {
                            code.add(new InsnNode(Opcodes.F2D));
                            yield "D";
                        }
                        case "Ljava/lang/Double;" -> {
                            code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false));
                            yield "D";
                        }
                        default -> null;
                    };
                    if (desc != null) {
                        return desc;
                    }
                    problem = "'" + obs + "' is a " + base.type.getClassName() + (idx == null ? "" : " indexed by " + om.group(2))
                            + "; an observed value is a Tensor or a number (or an array of them, or a Tensor, indexed: name[i])";
                }
            }
            error(m, draw, Check.BAD_REFERENCE, "@Sample site '" + site + "': obs " + problem);
            return null;
        }

        /** A readable value: a local, a parameter or a field of the class. */
        private record Ref(Type type, int slot, FieldNode field, String owner) {
            int sort() {
                return type.getSort() == Type.SHORT || type.getSort() == Type.BYTE || type.getSort() == Type.CHAR
                        ? Type.INT : type.getSort();
            }

            InsnList load() {
                InsnList l = new InsnList();
                if (field == null) {
                    l.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), slot));
                } else if ((field.access & Opcodes.ACC_STATIC) != 0) {
                    l.add(new FieldInsnNode(Opcodes.GETSTATIC, owner, field.name, field.desc));
                } else {
                    l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                    l.add(new FieldInsnNode(Opcodes.GETFIELD, owner, field.name, field.desc));
                }
                return l;
            }
        }

        Ref resolve(M m, String name, int at) {
            MethodNode mn = m.mn;
            if (mn.localVariables != null) {
                for (LocalVariableNode lv : mn.localVariables) {
                    if (lv.name.equals(name) && index(mn.instructions, lv.start) <= at && at < index(mn.instructions, lv.end)) {
                        return new Ref(Type.getType(lv.desc), lv.index, null, null);
                    }
                }
            }
            for (FieldNode f : cn.fields) {
                if (f.name.equals(name) && ((f.access & Opcodes.ACC_STATIC) != 0 || (mn.access & Opcodes.ACC_STATIC) == 0)) {
                    return new Ref(Type.getType(f.desc), -1, f, cn.name);
                }
            }
            return null;
        }

        // ------------------------------------------------------------------ explicit sites and structure

        void scanExplicitAndFlow(M m) {
            MethodNode mn = m.mn;
            Frame<Flow.TValue>[] frames = Flow.analyze(cn.name, mn,
                    n -> isDraw(n) || isModelCall(n) || isExplicitSample(n) && ((MethodInsnNode) n).desc.startsWith(
                            "(Ljava/lang/String;" + DIST_DESC + ")"));
            if (frames == null) {
                m.top().dynamic.add(file + ":" + line(mn, null) + ": the data-flow analysis could not run; assumed dynamic");
                return;
            }
            List<int[]> loops = loopRegions(mn.instructions);
            AbstractInsnNode[] insns = mn.instructions.toArray();
            for (int i = 0; i < insns.length; i++) {
                AbstractInsnNode n = insns[i];
                Frame<Flow.TValue> f = frames[i];
                if (f == null) {
                    continue;
                }
                if (isExplicitSample(n)) {
                    MethodInsnNode call = (MethodInsnNode) n;
                    int args = Type.getArgumentTypes(call.desc).length;
                    if (args >= 2 && f.getStackSize() >= args) {
                        Flow.TValue nameValue = f.getStack(f.getStackSize() - args);
                        if (nameValue.constant != null) {
                            m.explicitSites.add(new SiteInfo(nameValue.constant, args == 3, List.of(), false, file, line(mn, n)));
                        } else {
                            m.top().namesKnown = false;
                        }
                    }
                }
                for (Flow.TValue v : Flow.tested(n, f)) {
                    if (v.tainted) {
                        String what = isLoopCondition(n, i, loops, mn.instructions) ? "a loop condition" : "a branch";
                        String reason = file + ":" + line(mn, n) + ": " + what + " depends on a sampled value";
                        if (!m.top().dynamic.contains(reason)) {
                            m.top().dynamic.add(reason);
                            info(m, n, Check.STRUCTURE, "the structure of " + kind(m) + " '" + m.top().mn.name + "' is dynamic: "
                                    + what + " depends on a sampled value, so it cannot be compiled to a static graph");
                        }
                        break;
                    }
                }
            }
        }

        static boolean isLoopCondition(AbstractInsnNode n, int i, List<int[]> loops, InsnList insns) {
            List<LabelNode> targets = new ArrayList<>();
            if (n instanceof JumpInsnNode j) {
                targets.add(j.label);
            } else if (n instanceof TableSwitchInsnNode t) {
                targets.addAll(t.labels);
                targets.add(t.dflt);
            } else if (n instanceof LookupSwitchInsnNode l) {
                targets.addAll(l.labels);
                targets.add(l.dflt);
            }
            for (LabelNode target : targets) {
                int t = insns.indexOf(target);
                if (t < i) {
                    return true; // the backward jump of a loop
                }
                for (int[] loop : loops) {
                    if (loop[0] <= i && i <= loop[1] && (t < loop[0] || t > loop[1])) {
                        return true; // leaves the loop
                    }
                }
            }
            return false;
        }

        // ------------------------------------------------------------------ randomness

        void scanRandomness(M m) {
            Set<String> seen = new HashSet<>();
            for (AbstractInsnNode n : m.mn.instructions) {
                String what = null;
                if (n instanceof MethodInsnNode c) {
                    what = randomness(c);
                } else if (n instanceof TypeInsnNode t && t.getOpcode() == Opcodes.NEW && isRandomClass(t.desc)) {
                    what = null; // reported where it draws
                }
                if (what == null) {
                    continue;
                }
                int line = line(m.mn, n);
                if (seen.add(line + what)) {
                    error(m, n, Check.RANDOMNESS, what + " inside " + kind(m) + " '" + m.top().mn.name + "' bypasses Pyrite's "
                            + "handlers: replay, conditioning and seeding never see it, so inference silently goes wrong; "
                            + "draw it as a site instead (@Sample Tensor u = Uniform.of(0.0, 1.0).sample();)");
                }
            }
        }

        static boolean isRandomClass(String owner) {
            return owner.equals("java/util/Random") || owner.equals("java/security/SecureRandom")
                    || owner.equals("java/util/SplittableRandom") || owner.equals("java/util/concurrent/ThreadLocalRandom")
                    || owner.startsWith("java/util/random/");
        }

        static String randomness(MethodInsnNode c) {
            String call = simple(c.owner) + "." + c.name + "()";
            if ((c.owner.equals("java/lang/Math") || c.owner.equals("java/lang/StrictMath")) && c.name.equals("random")) {
                return call;
            }
            boolean draw = c.name.startsWith("next") || c.name.equals("ints") || c.name.equals("longs")
                    || c.name.equals("doubles");
            if (isRandomClass(c.owner) && draw) {
                return c.owner.startsWith("java/util/random/") ? "RandomGenerator." + c.name + "()" : call;
            }
            if (c.owner.startsWith("org/apache/commons/rng/") && (draw || c.name.equals("sample"))) {
                return call;
            }
            if (c.owner.equals("org/pyrite/distributions/Rng") && Set.of("gaussian", "uniform", "exponential", "gamma", "provider")
                    .contains(c.name)) {
                return call;
            }
            if (c.owner.equals("java/util/Collections") && c.name.equals("shuffle") && c.desc.equals("(Ljava/util/List;)V")) {
                return call;
            }
            return null;
        }

        // ------------------------------------------------------------------ may a call hide sites?

        boolean mayHideSites(MethodNode mn, Set<MethodNode> visiting) {
            if (!visiting.add(mn)) {
                return false;
            }
            for (AbstractInsnNode n : mn.instructions) {
                if (!(n instanceof MethodInsnNode c)) {
                    continue;
                }
                if (isModelCall(c)) {
                    return true;
                }
                if (c.owner.equals(cn.name)) {
                    MethodNode callee = method(c.name, c.desc);
                    if (callee == null) {
                        return true;
                    }
                    M cm = methods.get(callee);
                    if (cm != null && cm.role != Role.NONE) {
                        return true; // a model calling another model takes on its sites
                    }
                    if (mayHideSites(callee, visiting)) {
                        return true;
                    }
                    continue;
                }
                if (isExplicitSample(c) || isDraw(c)) {
                    continue;
                }
                if (!safeOwner(c.owner)) {
                    return true;
                }
            }
            return false;
        }

        static boolean safeOwner(String owner) {
            return owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/")
                    || owner.startsWith("org/pyrite/tensor/") || owner.startsWith("org/pyrite/distributions/")
                    || owner.startsWith("org/pyrite/handlers/") || owner.equals(PYRITE) || owner.startsWith("[");
        }

        MethodNode method(String name, String desc) {
            for (MethodNode mn : cn.methods) {
                if (mn.name.equals(name) && mn.desc.equals(desc)) {
                    return mn;
                }
            }
            return null;
        }

        // ------------------------------------------------------------------ guide <-> model

        void crossCheck() {
            for (M g : methods.values()) {
                if (g.role != Role.GUIDE) {
                    continue;
                }
                List<M> candidates = methods.values().stream()
                        .filter(x -> x.role == Role.MODEL && x.mn.name.equals(g.modelName)).toList();
                if (candidates.isEmpty()) {
                    List<String> models = methods.values().stream().filter(x -> x.role == Role.MODEL).map(x -> x.mn.name)
                            .distinct().toList();
                    error(g, null, Check.UNKNOWN_MODEL, "guide '" + g.mn.name + "' names model '" + g.modelName + "', but "
                            + simpleName() + " has no @Model method of that name"
                            + (models.isEmpty() ? "; declare the model in the same class" : " (its models: "
                                    + String.join(", ", models) + ")"));
                    continue;
                }
                M model = candidates.stream().filter(x -> args(x.mn.desc).equals(args(g.mn.desc))).findFirst()
                        .orElse(candidates.get(0));
                if (!args(model.mn.desc).equals(args(g.mn.desc))) {
                    error(g, null, Check.GUIDE_SIGNATURE, "guide '" + g.mn.name + "' takes " + argList(g.mn.desc)
                            + " but its model '" + model.mn.name + "' takes " + argList(model.mn.desc)
                            + "; a guide receives exactly its model's arguments");
                }
                Map<String, SiteInfo> modelSites = siteMap(model);
                Map<String, SiteInfo> guideSites = siteMap(g);
                if (!g.open && g.namesKnown) {
                    for (SiteInfo s : modelSites.values()) {
                        if (!s.observed() && !guideSites.containsKey(s.name()) && !g.observed.contains(s.name())) {
                            add(Severity.WARNING, Check.MISSING_IN_GUIDE, model.mn.name, s.line(), "latent site '" + s.name()
                                    + "' of model '" + model.mn.name + "' has no site in guide '" + g.mn.name + "' ("
                                    + file + ":" + line(g.mn, null) + "), so inference draws it from the prior; sample it in "
                                    + "the guide, or, if it is conditioned at run time, list it: @Guide(model = \""
                                    + model.mn.name + "\", observed = \"" + s.name() + "\")");
                        }
                    }
                }
                if (!model.open && model.namesKnown) {
                    for (SiteInfo s : guideSites.values()) {
                        if (!modelSites.containsKey(s.name())) {
                            add(Severity.ERROR, Check.EXTRA_IN_GUIDE, g.mn.name, s.line(), "guide '" + g.mn.name
                                    + "' samples '" + s.name() + "', which its model '" + model.mn.name + "' does not"
                                    + didYouMean(s.name(), modelSites.keySet())
                                    + "; a guide site must match a latent site of the model by name");
                        } else if (modelSites.get(s.name()).observed()) {
                            add(Severity.WARNING, Check.EXTRA_IN_GUIDE, g.mn.name, s.line(), "guide '" + g.mn.name
                                    + "' samples '" + s.name() + "', which model '" + model.mn.name + "' observes; "
                                    + "a guide samples latent sites only");
                        }
                    }
                }
            }
        }

        /** The sites of {@code m} and of the lambda bodies inside it, in the order of the code. */
        List<SiteInfo> allSites(M m) {
            List<SiteInfo> sites = new ArrayList<>();
            for (M x : methods.values()) {
                if (x == m || x.parent == m) {
                    for (Site s : x.sites) {
                        sites.add(s.info);
                    }
                    sites.addAll(x.explicitSites);
                }
            }
            sites.sort(java.util.Comparator.comparingInt(SiteInfo::line));
            return sites;
        }

        Map<String, SiteInfo> siteMap(M m) {
            Map<String, SiteInfo> out = new LinkedHashMap<>();
            for (SiteInfo s : allSites(m)) {
                out.putIfAbsent(s.name(), s);
            }
            return out;
        }

        static String didYouMean(String name, Set<String> names) {
            return Names.closest(name, names).map(best -> " (did you mean '" + best + "'?)")
                    .orElse(names.isEmpty() ? "" : " (its sites: " + String.join(", ", names) + ")");
        }

        static String args(String desc) {
            return desc.substring(0, desc.indexOf(')') + 1);
        }

        static String argList(String desc) {
            List<String> names = new ArrayList<>();
            for (Type t : Type.getArgumentTypes(desc)) {
                String n = t.getClassName();
                names.add(n.substring(n.lastIndexOf('.') + 1));
            }
            return "(" + String.join(", ", names) + ")";
        }

        // ------------------------------------------------------------------ results

        List<ModelInfo> modelInfos() {
            List<ModelInfo> out = new ArrayList<>();
            for (M m : methods.values()) {
                if (m.role == Role.NONE) {
                    continue;
                }
                List<SiteInfo> sites = allSites(m);
                Set<String> own = new HashSet<>();
                own.add(m.mn.name);
                for (M x : methods.values()) {
                    if (x.parent == m) {
                        own.add(x.mn.name);
                    }
                }
                List<Diagnostic> ds = diags.stream().filter(d -> own.contains(d.method())).toList();
                out.add(new ModelInfo(className, m.mn.name, m.mn.desc,
                        m.role == Role.MODEL ? ModelInfo.Kind.MODEL : ModelInfo.Kind.GUIDE, m.modelName, sites,
                        new ArrayList<>(m.params), m.dynamic.isEmpty(), m.dynamic, !m.open && m.namesKnown, ds));
            }
            return out;
        }

        boolean applyRewrites() {
            boolean changed = false;
            for (M m : methods.values()) {
                InsnList insns = m.mn.instructions;
                for (Site s : m.sites) {
                    rewriteSite(insns, s);
                    changed = true;
                }
                for (FieldInsnNode f : m.paramReads) {
                    insns.insert(f, paramCode(params.get(f.name)));
                    changed = true;
                }
            }
            return changed;
        }

        static void rewriteSite(InsnList insns, Site s) {
            AbstractInsnNode newArray = prevReal(s.draw);
            AbstractInsnNode iconst = prevReal(newArray);
            insns.remove(iconst);
            insns.remove(newArray);
            InsnList repl = new InsnList();
            repl.add(cloneList(s.nameCode));
            repl.add(new InsnNode(Opcodes.SWAP));
            repl.add(cloneList(s.obsCode));
            repl.add(new MethodInsnNode(Opcodes.INVOKESTATIC, PYRITE, "sample", s.sampleDesc, false));
            insns.insertBefore(s.draw, repl);
            insns.remove(s.draw);
        }

        static InsnList cloneList(InsnList l) {
            InsnList out = new InsnList();
            Map<LabelNode, LabelNode> none = new HashMap<>();
            for (AbstractInsnNode n : l) {
                out.add(n.clone(none));
            }
            return out;
        }

        void poison(String message) {
            for (MethodNode mn : cn.methods) {
                if ((mn.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    continue;
                }
                InsnList l = new InsnList();
                l.add(new TypeInsnNode(Opcodes.NEW, "java/lang/LinkageError"));
                l.add(new InsnNode(Opcodes.DUP));
                l.add(new LdcInsnNode(message));
                l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/LinkageError", "<init>", "(Ljava/lang/String;)V", false));
                l.add(new InsnNode(Opcodes.ATHROW));
                mn.instructions = l;
                mn.tryCatchBlocks = new ArrayList<>();
                mn.localVariables = null;
                mn.visibleLocalVariableAnnotations = null;
                mn.invisibleLocalVariableAnnotations = null;
                mn.maxStack = 3;
                mn.maxLocals = (Type.getArgumentsAndReturnSizes(mn.desc) >> 2);
            }
        }

        // ------------------------------------------------------------------ diagnostics

        String kind(M m) {
            return m.effectiveRole() == Role.MODEL ? "model" : "guide";
        }

        void error(M m, AbstractInsnNode at, Check check, String message) {
            add(Severity.ERROR, check, m.mn.name, line(m.mn, at), message);
        }

        void info(M m, AbstractInsnNode at, Check check, String message) {
            add(Severity.INFO, check, m.mn.name, line(m.mn, at), message);
        }

        /** An error about a field, at the line that initializes it (else the class's first line). */
        void fieldError(FieldNode f, Check check, String message) {
            for (MethodNode mn : cn.methods) {
                if (mn.name.equals("<init>") || mn.name.equals("<clinit>")) {
                    for (AbstractInsnNode n : mn.instructions) {
                        if (n instanceof FieldInsnNode fi && (fi.getOpcode() == Opcodes.PUTFIELD || fi.getOpcode() == Opcodes.PUTSTATIC)
                                && fi.owner.equals(cn.name) && fi.name.equals(f.name)) {
                            add(Severity.ERROR, check, "", line(mn, n), message);
                            return;
                        }
                    }
                }
            }
            classError(check, message);
        }

        void classError(Check check, String message) {
            int line = -1;
            for (MethodNode mn : cn.methods) {
                if (mn.name.equals("<init>") || mn.name.equals("<clinit>")) {
                    int l = line(mn, null);
                    if (l > 0 && (line < 0 || l < line)) {
                        line = l;
                    }
                }
            }
            add(Severity.ERROR, check, "", line, message);
        }

        void add(Severity severity, Check check, String method, int line, String message) {
            diags.add(new Diagnostic(severity, check, className, method, file, line, message));
        }

        String simpleName() {
            if (cn.innerClasses != null) {
                for (InnerClassNode ic : cn.innerClasses) {
                    if (ic.name.equals(cn.name) && ic.innerName != null) {
                        return ic.innerName;
                    }
                }
            }
            return simple(cn.name);
        }
    }

    // ------------------------------------------------------------------ bytecode helpers

    static String guessFile(String internalName) {
        String s = internalName.substring(internalName.lastIndexOf('/') + 1);
        int dollar = s.indexOf('$');
        return (dollar > 0 ? s.substring(0, dollar) : s) + ".java";
    }

    static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    static boolean hasAnnotation(List<AnnotationNode> list, String desc) {
        return annotation(list, desc) != null;
    }

    static AnnotationNode annotation(List<AnnotationNode> list, String desc) {
        if (list != null) {
            for (AnnotationNode a : list) {
                if (a.desc.equals(desc)) {
                    return a;
                }
            }
        }
        return null;
    }

    static Object value(AnnotationNode a, String key) {
        if (a.values != null) {
            for (int i = 0; i + 1 < a.values.size(); i += 2) {
                if (key.equals(a.values.get(i))) {
                    return a.values.get(i + 1);
                }
            }
        }
        return null;
    }

    static String str(AnnotationNode a, String key, String dflt) {
        Object v = value(a, key);
        return v instanceof String s ? s : dflt;
    }

    static double num(AnnotationNode a, String key, double dflt) {
        Object v = value(a, key);
        return v instanceof Number n ? n.doubleValue() : dflt;
    }

    static List<String> strs(AnnotationNode a, String key) {
        Object v = value(a, key);
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return v instanceof String s ? List.of(s) : List.of();
    }

    static int index(InsnList insns, AbstractInsnNode n) {
        return n == null ? insns.size() : insns.indexOf(n);
    }

    static AbstractInsnNode nextReal(AbstractInsnNode n) {
        AbstractInsnNode x = n.getNext();
        while (x != null && x.getOpcode() < 0) {
            x = x.getNext();
        }
        return x;
    }

    static AbstractInsnNode prevReal(AbstractInsnNode n) {
        AbstractInsnNode x = n.getPrevious();
        while (x != null && x.getOpcode() < 0) {
            x = x.getPrevious();
        }
        return x;
    }

    /** The store that starts a {@code @Sample} range (the assignment right before the local comes into scope). */
    static AbstractInsnNode definingStore(MethodNode mn, Range r) {
        if (r.start < 0 || r.start >= mn.instructions.size()) {
            return null;
        }
        AbstractInsnNode p = prevReal(mn.instructions.get(r.start));
        return p instanceof VarInsnNode v && v.getOpcode() == Opcodes.ASTORE && v.var == r.slot ? p : null;
    }

    /** Whether no frame or label used by a jump sits between {@code from} and {@code to}. */
    static boolean noLabelTargetBetween(AbstractInsnNode from, AbstractInsnNode to) {
        for (AbstractInsnNode x = from.getNext(); x != null && x != to; x = x.getNext()) {
            if (x.getType() == AbstractInsnNode.FRAME) {
                return false;
            }
        }
        return true;
    }

    static LocalVariableNode localAtSlot(MethodNode mn, int slot, int at) {
        if (mn.localVariables == null) {
            return null;
        }
        for (LocalVariableNode lv : mn.localVariables) {
            if (lv.index == slot && index(mn.instructions, lv.start) <= at && at < index(mn.instructions, lv.end)) {
                return lv;
            }
        }
        return null;
    }

    /** Loops as [first, last] instruction indices, from backward jumps (javac's loops are reducible). */
    static List<int[]> loopRegions(InsnList insns) {
        List<int[]> out = new ArrayList<>();
        AbstractInsnNode[] a = insns.toArray();
        for (int i = 0; i < a.length; i++) {
            List<LabelNode> targets = new ArrayList<>();
            if (a[i] instanceof JumpInsnNode j) {
                targets.add(j.label);
            } else if (a[i] instanceof TableSwitchInsnNode t) {
                targets.addAll(t.labels);
            } else if (a[i] instanceof LookupSwitchInsnNode l) {
                targets.addAll(l.labels);
            }
            for (LabelNode t : targets) {
                int ti = insns.indexOf(t);
                if (ti <= i) {
                    out.add(new int[] {ti, i});
                }
            }
        }
        return out;
    }

    static boolean inLoop(List<int[]> loops, int i) {
        for (int[] l : loops) {
            if (l[0] <= i && i <= l[1]) {
                return true;
            }
        }
        return false;
    }

    /** The source line of {@code n} (the nearest line entry before it), or the method's first line when n is null. */
    static int line(MethodNode mn, AbstractInsnNode n) {
        if (n != null) {
            for (AbstractInsnNode x = n; x != null; x = x.getPrevious()) {
                if (x instanceof LineNumberNode ln) {
                    return ln.line;
                }
            }
        }
        for (AbstractInsnNode x = mn.instructions.getFirst(); x != null; x = x.getNext()) {
            if (x instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }

    /** One range of a {@code @Sample} local: instruction indices [start, end) and its slot. */
    private record Range(int start, int end, int slot, AnnotationNode ann) {
    }
}
