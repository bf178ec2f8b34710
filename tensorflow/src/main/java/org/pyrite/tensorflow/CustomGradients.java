package org.pyrite.tensorflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat64;

/**
 * Gradients TensorFlow's C++ registry lacks, registered from Java once per JVM: Digamma (used by
 * the Gamma, Beta and Dirichlet gradients), MatrixDiagPart, Cholesky and MatrixTriangularSolve
 * (MultivariateNormal). Each is the rule TensorFlow's Python gradients use.
 */
final class CustomGradients {
    private static boolean registered;

    private CustomGradients() {}

    static synchronized void registerOnce() {
        if (registered) {
            return;
        }
        register("Digamma", CustomGradients::digamma);
        register("MatrixDiagPart", CustomGradients::matrixDiagPart);
        register("Cholesky", CustomGradients::cholesky);
        register("MatrixTriangularSolve", CustomGradients::triangularSolve);
        registered = true;
    }

    private interface Rule {
        List<Operand<?>> grad(Ops tf, GraphOperation op, Output<?> dy);
    }

    private static void register(String opType, Rule rule) {
        boolean ok = TensorFlow.registerCustomGradient(opType, (tf, op, grads) -> rule.grad(tf, op, grads.get(0)));
        if (!ok) {
            throw new IllegalStateException("TensorFlow refused the custom gradient for " + opType
                    + " (one is registered already, by another library in this JVM?)");
        }
    }

    /** d digamma(x) = trigamma(x) = polygamma(1, x). */
    private static List<Operand<?>> digamma(Ops tf, GraphOperation op, Output<?> dy) {
        Output<?> x = op.input(0);
        return List.of(op(tf, "Mul", dy, op(tf, "Polygamma", op(tf, "OnesLike", x), x)));
    }

    /** The diagonal's gradient set on the diagonal of zeros (also for non-square matrices). */
    private static List<Operand<?>> matrixDiagPart(Ops tf, GraphOperation op, Output<?> dy) {
        Output<?> x = op.input(0);
        return List.of(op(tf, "MatrixSetDiag", op(tf, "ZerosLike", x), dy));
    }

    /**
     * TensorFlow's Python rule for {@code L = cholesky(A)}: with {@code phi} taking the lower
     * triangle and halving the diagonal, {@code dA = sym(L^-H phi(L^H dL) L^-1)}.
     */
    private static List<Operand<?>> cholesky(Ops tf, GraphOperation op, Output<?> dl) {
        Output<?> l = op.output(0);
        Output<?> eye = op(tf, "MatrixSetDiag", op(tf, "ZerosLike", l), op(tf, "OnesLike", op(tf, "MatrixDiagPart", l)));
        Output<?> lInverse = op(tf, "MatrixTriangularSolve", b -> b.setAttr("lower", true).setAttr("adjoint", false), l, eye);
        Output<?> middle = op(tf, "BatchMatMulV2", b -> b.setAttr("adj_x", true), l, dl);
        Output<?> halfDiag = op(tf, "Mul", op(tf, "MatrixDiagPart", middle), scalar(tf, 0.5));
        middle = op(tf, "MatrixSetDiag", middle, halfDiag);
        middle = op(tf, "MatrixBandPart", middle, int64(tf, -1), int64(tf, 0));
        Output<?> g = op(tf, "BatchMatMulV2", op(tf, "BatchMatMulV2", b -> b.setAttr("adj_x", true), lInverse, middle), lInverse);
        // g^T as g^H I: the rank is not asked of the graph here (a shape query inside a gradient function hangs).
        g = op(tf, "AddV2", g, op(tf, "BatchMatMulV2", b -> b.setAttr("adj_x", true), g, eye));
        return List.of(op(tf, "Mul", g, scalar(tf, 0.5)));
    }

    /** TensorFlow's Python rule for {@code C = solve(A, B)} with A triangular (same batch shapes). */
    private static List<Operand<?>> triangularSolve(Ops tf, GraphOperation op, Output<?> dc) {
        Output<?> a = op.input(0);
        boolean adjoint = op.attributes().getAttrBool("adjoint");
        boolean lower = op.attributes().getAttrBool("lower");
        Output<?> c = op.output(0);
        Output<?> gradB = op(tf, "MatrixTriangularSolve", b -> b.setAttr("lower", lower).setAttr("adjoint", !adjoint), a, dc);
        Output<?> gradA = adjoint
                ? op(tf, "BatchMatMulV2", b -> b.setAttr("adj_y", true), c, gradB)
                : op(tf, "BatchMatMulV2", b -> b.setAttr("adj_y", true), gradB, c);
        gradA = op(tf, "Neg", gradA);
        gradA = lower ? op(tf, "MatrixBandPart", gradA, int64(tf, -1), int64(tf, 0))
                : op(tf, "MatrixBandPart", gradA, int64(tf, 0), int64(tf, -1));
        List<Operand<?>> out = new ArrayList<>();
        out.add(gradA);
        out.add(gradB);
        return out;
    }

    private static Output<?> op(Ops tf, String type, Output<?>... inputs) {
        return op(tf, type, null, inputs);
    }

    private static Output<?> op(Ops tf, String type, Consumer<OperationBuilder> attrs, Output<?>... inputs) {
        OperationBuilder b = tf.scope().opBuilder(type, type);
        for (Output<?> in : inputs) {
            b.addInput(in);
        }
        if (attrs != null) {
            attrs.accept(b);
        }
        return b.build().output(0);
    }

    private static Output<?> scalar(Ops tf, double v) {
        try (TFloat64 t = TFloat64.scalarOf(v)) {
            return op(tf, "Const", b -> b.setAttr("dtype", DataType.DT_DOUBLE).setAttr("value", t));
        }
    }

    private static Output<?> int64(Ops tf, long v) {
        try (org.tensorflow.types.TInt64 t = org.tensorflow.types.TInt64.scalarOf(v)) {
            return op(tf, "Const", b -> b.setAttr("dtype", DataType.DT_INT64).setAttr("value", t));
        }
    }
}
