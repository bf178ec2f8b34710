package org.pyrite.tensor;

/**
 * The matrix operations behind {@link Tensor#matmul}, {@link Tensor#cholesky},
 * {@link Tensor#triangularSolve} and the diagonal helpers: shape checks, the backend call and the
 * backward rule of each, in one place.
 */
final class LinearAlgebra {
    private LinearAlgebra() {}

    /** torch's {@code matmul}: 1-d operands promoted and the added dimension removed again. */
    static Tensor matmul(Tensor x, Tensor y) {
        x.checkSameBackend(y);
        int[] xs = x.shape;
        int[] ys = y.shape;
        if (xs.length == 0 || ys.length == 0) {
            throw new IllegalArgumentException("matmul needs operands of rank >= 1, got " + Shape.toString(xs)
                    + " and " + Shape.toString(ys));
        }
        // Checked on the caller's shapes, before 1-d operands are promoted, so the message names them.
        int k = xs[xs.length - 1];
        int k2 = ys[Math.max(0, ys.length - 2)];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.toString(xs) + " and " + Shape.toString(ys)
                    + " do not fit (" + k + " vs " + k2 + ")");
        }
        if (xs.length == 1) {
            Tensor r = matmul(x.unsqueeze(0), y);
            return r.squeeze(ys.length == 1 ? -1 : -2);
        }
        if (ys.length == 1) {
            return matmul(x, y.unsqueeze(1)).squeeze(-1);
        }
        return matmul2d(x, y, false, false);
    }

    /**
     * {@code op(x) @ op(y)} for operands of rank &ge; 2, where {@code op} transposes the last two
     * dimensions when asked. The backward pass uses the transposed forms too, so no transpose is
     * ever materialized.
     */
    static Tensor matmul2d(Tensor x, Tensor y, boolean ta, boolean tb) {
        int[] xs = x.shape;
        int[] ys = y.shape;
        int n = xs[xs.length - (ta ? 1 : 2)];
        int m = ys[ys.length - (tb ? 2 : 1)];
        int[] batch;
        try {
            batch = Shape.broadcast(Shape.slice(xs, 0, xs.length - 2), Shape.slice(ys, 0, ys.length - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.toString(xs) + " and " + Shape.toString(ys)
                    + " do not fit (batch dimensions: " + e.getMessage() + ")", e);
        }
        int[] outShape = Shape.check("matmul", Shape.concat(batch, new int[] {n, m}));
        Tensor out = Tensor.kernelsFor(x, y).matmul(x, y, ta, tb, outShape);
        return Tensor.track(out, (g, o) -> {
            Tensor ga = null;
            Tensor gy = null;
            if (x.requiresGrad) {
                // C = op(A) op(B): dA = g op(B)^T, or its transpose when A was transposed.
                ga = ta ? matmul2d(y, g, tb, true) : matmul2d(g, y, false, !tb);
            }
            if (y.requiresGrad) {
                gy = tb ? matmul2d(g, x, true, ta) : matmul2d(x, g, !ta, false);
            }
            return new Tensor[] {ga == null ? null : ga.sumToShape(xs), gy == null ? null : gy.sumToShape(ys)};
        }, x, y);
    }

    private static void requireSquare(Tensor x, String op) {
        int[] s = x.shape;
        if (s.length < 2 || s[s.length - 1] != s[s.length - 2]) {
            throw new IllegalArgumentException(op + " needs square matrices in the last two dimensions, got shape "
                    + Shape.toString(s));
        }
    }

    static Tensor cholesky(Tensor x) {
        requireSquare(x, "cholesky");
        Tensor out = x.backend().cholesky(x);
        return Tensor.track1(out, (g, l) -> {
            // Murray (2016): Abar = Phi-adjoint, S = L^-T Phi(L^T Lbar) L^-1, symmetrized.
            Tensor p = l.transpose().matmul(g);
            Tensor phi = p.tril(0).sub(p.diagonal().diagEmbed().mul(0.5));
            Tensor tmp = l.triangularSolve(phi, true, true);
            Tensor s = l.triangularSolve(tmp.transpose(), true, true).transpose();
            return new Tensor[] {s.add(s.transpose()).mul(0.5)};
        }, x);
    }

    static Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transposeA) {
        requireSquare(a, "triangularSolve");
        a.checkSameBackend(b);
        int[] as = a.shape;
        int[] bs = b.shape;
        if (bs.length < 2 || bs[bs.length - 2] != as[as.length - 1]) {
            throw new IllegalArgumentException("triangularSolve: right-hand side of shape " + Shape.toString(bs)
                    + " does not fit a matrix of shape " + Shape.toString(as));
        }
        int[] batch = Shape.broadcast(Shape.slice(as, 0, as.length - 2), Shape.slice(bs, 0, bs.length - 2));
        int[] outShape = Shape.check("triangularSolve", Shape.concat(batch, Shape.slice(bs, bs.length - 2, bs.length)));
        Tensor out = Tensor.kernelsFor(a, b).triangularSolve(a, b, lower, transposeA, outShape);
        return Tensor.track(out, (g, x) -> {
            Tensor gb = a.triangularSolve(g, lower, !transposeA);
            Tensor ga = null;
            if (a.requiresGrad) {
                Tensor full = transposeA ? x.matmul(gb.transpose()).neg() : gb.matmul(x.transpose()).neg();
                ga = (lower ? full.tril(0) : full.transpose().tril(0).transpose()).sumToShape(as);
            }
            return new Tensor[] {ga, b.requiresGrad ? gb.sumToShape(bs) : null};
        }, a, b);
    }

    static Tensor diagonal(Tensor x) {
        requireSquare(x, "diagonal");
        Tensor out = x.backend().diagonal(x);
        return Tensor.track1(out, (g, o) -> new Tensor[] {g.diagEmbed()}, x);
    }

    static Tensor diagEmbed(Tensor x) {
        int[] s = x.shape;
        if (s.length == 0) {
            throw new IllegalArgumentException("diagEmbed needs rank >= 1");
        }
        Shape.check("diagEmbed", Shape.concat(s, new int[] {s[s.length - 1]}));
        Tensor out = x.backend().diagEmbed(x);
        return Tensor.track1(out, (g, o) -> new Tensor[] {g.diagonal()}, x);
    }

    static Tensor tril(Tensor x, int k) {
        if (x.shape.length < 2) {
            throw new IllegalArgumentException("tril needs rank >= 2, got shape " + Shape.toString(x.shape));
        }
        Tensor out = x.backend().tril(x, k);
        return Tensor.track1(out, (g, o) -> new Tensor[] {g.tril(k)}, x);
    }
}
