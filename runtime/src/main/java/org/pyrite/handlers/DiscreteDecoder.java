package org.pyrite.handlers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pyrite.distributions.Rng;
import org.pyrite.tensor.Shape;
import org.pyrite.tensor.Tensor;

/**
 * The backward pass of a contraction (Pyro's {@code infer_discrete}): given the eliminations of a
 * forward pass, in order, each variable's value is chosen from the product it was eliminated from,
 * with the variables eliminated after it (already chosen, walking backwards) fixed: the argmax
 * after a max-product pass (Viterbi, the jointly most probable assignment), or a draw after a
 * sum-product pass (forward filtering, backward sampling: an exact posterior draw).
 *
 * <p>A value is one index per entry of the plates the variable sits in, kept as an array over the
 * plate dimensions (size one where the variable is not in that plate).
 */
final class DiscreteDecoder {
    /** A chosen assignment: indices over a plate-region shape. */
    record Assignment(double[] values, int[] shape) {}

    private final boolean map;
    private final Map<Integer, Assignment> chosen = new HashMap<>();

    DiscreteDecoder(boolean map) {
        this.map = map;
    }

    /** Walks {@code eliminations} backwards, choosing each variable's value. */
    void decode(List<TensorTree.Elimination> eliminations) {
        for (int i = eliminations.size() - 1; i >= 0; i--) {
            TensorTree.Elimination e = eliminations.get(i);
            chosen.put(e.var(), choose(e.var(), e.product()));
        }
    }

    /** The values chosen for {@code var}. */
    Assignment assignment(int var) {
        return chosen.get(var);
    }

    private Assignment choose(int var, EnumFactor f) {
        double[] table = f.table.detach().toArray();
        int[] shape = f.table.shape();
        int nVars = f.vars.length;
        int plateRank = f.plateRank();
        int[] strides = strides(shape);
        int[] outShape = Shape.slice(shape, nVars, shape.length);
        for (int v : f.vars) {
            if (v != var) {
                outShape = Shape.broadcast(outShape, chosen.get(v).shape());
            }
        }
        int self = f.indexOf(var);
        int k = shape[self];
        int numel = Shape.numel(outShape);
        double[] out = new double[numel];
        int[] pos = new int[plateRank];
        double[] weights = new double[k];
        for (int p = 0; p < numel; p++) {
            unravel(p, outShape, pos);
            int base = 0;
            for (int d = 0; d < plateRank; d++) {
                int size = shape[nVars + d];
                base += (size == 1 ? 0 : pos[d]) * strides[nVars + d];
            }
            for (int j = 0; j < nVars; j++) {
                if (j != self) {
                    Assignment a = chosen.get(f.vars[j]);
                    base += (int) a.values()[broadcastIndex(pos, a.shape())] * strides[j];
                }
            }
            for (int c = 0; c < k; c++) {
                weights[c] = table[base + c * strides[self]];
            }
            out[p] = map ? argmax(weights) : draw(weights);
        }
        return new Assignment(out, outShape);
    }

    private static int argmax(double[] w) {
        int best = 0;
        for (int c = 1; c < w.length; c++) {
            if (w[c] > w[best]) {
                best = c;
            }
        }
        return best;
    }

    /** A draw with probabilities proportional to {@code exp(w)}. */
    private static int draw(double[] w) {
        double m = w[argmax(w)];
        double total = 0;
        for (double x : w) {
            total += Math.exp(x - m);
        }
        double u = Rng.current().uniform() * total;
        double acc = 0;
        int last = 0;
        for (int c = 0; c < w.length; c++) {
            double p = Math.exp(w[c] - m);
            acc += p;
            if (u < acc) {
                return c;
            }
            last = p > 0 ? c : last;
        }
        return last; // u rounded up to the total: the last value of positive probability
    }

    private static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    private static void unravel(int flat, int[] shape, int[] pos) {
        for (int d = shape.length - 1; d >= 0; d--) {
            pos[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    /** The flat index into an array of {@code shape} (same rank as {@code pos}) broadcast to the position. */
    private static int broadcastIndex(int[] pos, int[] shape) {
        int index = 0;
        for (int d = 0; d < shape.length; d++) {
            index = index * shape[d] + (shape[d] == 1 ? 0 : pos[d]);
        }
        return index;
    }
}
