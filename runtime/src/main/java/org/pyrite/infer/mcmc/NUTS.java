package org.pyrite.infer.mcmc;

import org.pyrite.Model;
import org.pyrite.distributions.Rng;

/**
 * The No-U-Turn Sampler as Stan runs it (Hoffman and Gelman 2014; Betancourt 2017): each
 * transition doubles a leapfrog trajectory forwards or backwards in time, at random, until it
 * turns back on itself (the generalized no-U-turn criterion, checked also across the joins of
 * sub-trees) or reaches {@link #maxTreeDepth} doublings, and picks the next state from it by
 * multinomial sampling, biased toward the newer half. A step whose energy exceeds the start's by
 * more than {@value HamiltonianKernel#MAX_ENERGY_ERROR} (or is not finite) is a divergence: the
 * trajectory stops there and the transition is reported divergent.
 *
 * <pre>{@code
 * MCMC<Data> mcmc = new MCMC<>(new NUTS<>(model), 1000, 500).numChains(4);
 * mcmc.run(data);
 * }</pre>
 *
 * @param <A> the model's argument type
 */
public final class NUTS<A> extends HamiltonianKernel<A, NUTS<A>> {
    private int maxTreeDepth = 10;

    /** NUTS on the latent sites of {@code model}. */
    public NUTS(Model<A, ?> model) {
        super(model);
    }

    /** The most doublings of one trajectory, at least 1 (default 10: up to 1023 leapfrog steps). */
    public NUTS<A> maxTreeDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("maxTreeDepth must be >= 1, got " + depth);
        }
        this.maxTreeDepth = depth;
        return this;
    }

    @Override
    Transition transition(Integrator integrator, PhasePoint current, double stepSize, Rng rng) {
        return new Tree(integrator, current.z.length, stepSize, rng, maxTreeDepth).run(current, maxTreeDepth);
    }

    /** One transition's trajectory: the moving point, the counts, and Stan's {@code build_tree}. */
    private static final class Tree {
        private final Integrator integrator;
        private final int d;
        private final double eps;
        private final Rng rng;
        private final PhasePoint z;
        private double h0;
        private int leapfrogs;
        private double sumMetroProb;
        private boolean divergent;
        private final Level[] levels;

        Tree(Integrator integrator, int d, double eps, Rng rng, int maxDepth) {
            this.integrator = integrator;
            this.d = d;
            this.eps = eps;
            this.rng = rng;
            this.z = new PhasePoint(d);
            this.levels = new Level[maxDepth + 1];
        }

        Transition run(PhasePoint current, int maxDepth) {
            integrator.inverseMass.sampleMomentum(rng, current.p);
            z.copyFrom(current);
            PhasePoint zFwd = copy(current);
            PhasePoint zBck = copy(current);
            PhasePoint zSample = copy(current);
            PhasePoint zPropose = new PhasePoint(d);
            double[] pSharp = new double[d];
            integrator.pSharp(current, pSharp);
            double[] pFwdFwd = current.p.clone();
            double[] pSharpFwdFwd = pSharp.clone();
            double[] pFwdBck = current.p.clone();
            double[] pSharpFwdBck = pSharp.clone();
            double[] pBckFwd = current.p.clone();
            double[] pSharpBckFwd = pSharp.clone();
            double[] pBckBck = current.p.clone();
            double[] pSharpBckBck = pSharp.clone();
            double[] rho = current.p.clone();
            double[] rhoFwd = new double[d];
            double[] rhoBck = new double[d];
            double[] rhoExtended = new double[d];
            double[] logSumWeightSubtree = new double[1];
            double logSumWeight = 0;
            h0 = integrator.hamiltonian(current);
            int depth = 0;
            while (depth < maxDepth) {
                java.util.Arrays.fill(rhoFwd, 0);
                java.util.Arrays.fill(rhoBck, 0);
                logSumWeightSubtree[0] = Double.NEGATIVE_INFINITY;
                boolean valid;
                if (rng.uniform() > 0.5) {
                    z.copyFrom(zFwd);
                    System.arraycopy(rho, 0, rhoBck, 0, d);
                    System.arraycopy(pFwdBck, 0, pBckFwd, 0, d);
                    System.arraycopy(pSharpFwdBck, 0, pSharpBckFwd, 0, d);
                    valid = build(depth, zPropose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd,
                            logSumWeightSubtree, 1);
                    zFwd.copyFrom(z);
                } else {
                    z.copyFrom(zBck);
                    System.arraycopy(rho, 0, rhoFwd, 0, d);
                    System.arraycopy(pBckFwd, 0, pFwdBck, 0, d);
                    System.arraycopy(pSharpBckFwd, 0, pSharpFwdBck, 0, d);
                    valid = build(depth, zPropose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck,
                            logSumWeightSubtree, -1);
                    zBck.copyFrom(z);
                }
                if (!valid) {
                    break;
                }
                depth++;
                // Multinomial sampling between the old tree and the new half, biased toward the new one.
                double lsw = logSumWeightSubtree[0];
                if (lsw > logSumWeight || rng.uniform() < Math.exp(lsw - logSumWeight)) {
                    zSample.copyFrom(zPropose);
                }
                logSumWeight = logAddExp(logSumWeight, lsw);
                for (int i = 0; i < d; i++) {
                    rho[i] = rhoBck[i] + rhoFwd[i];
                }
                boolean persist = noUTurn(pSharpBckBck, pSharpFwdFwd, rho);
                for (int i = 0; i < d; i++) {
                    rhoExtended[i] = rhoBck[i] + pFwdBck[i];
                }
                persist &= noUTurn(pSharpBckBck, pSharpFwdBck, rhoExtended);
                for (int i = 0; i < d; i++) {
                    rhoExtended[i] = rhoFwd[i] + pBckFwd[i];
                }
                persist &= noUTurn(pSharpBckFwd, pSharpFwdFwd, rhoExtended);
                if (!persist) {
                    break;
                }
            }
            current.copyFrom(zSample);
            double accept = leapfrogs == 0 ? 0 : sumMetroProb / leapfrogs;
            return new Transition(accept, divergent, leapfrogs, depth);
        }

        /**
         * Stan's {@code build_tree}: {@code 2^depth} leapfrog steps from {@code z} in the direction
         * {@code sign}; returns false when the sub-tree diverged or turned back on itself.
         */
        private boolean build(int depth, PhasePoint zPropose, double[] pSharpBeg, double[] pSharpEnd, double[] rho,
                              double[] pBeg, double[] pEnd, double[] logSumWeight, int sign) {
            if (depth == 0) {
                integrator.step(z, sign * eps);
                leapfrogs++;
                double h = integrator.hamiltonian(z);
                if (h - h0 > MAX_ENERGY_ERROR) {
                    divergent = true;
                }
                logSumWeight[0] = logAddExp(logSumWeight[0], h0 - h);
                sumMetroProb += h0 - h > 0 ? 1.0 : Math.exp(h0 - h);
                zPropose.copyFrom(z);
                integrator.pSharp(z, pSharpBeg);
                System.arraycopy(pSharpBeg, 0, pSharpEnd, 0, d);
                for (int i = 0; i < d; i++) {
                    rho[i] += z.p[i];
                }
                System.arraycopy(z.p, 0, pBeg, 0, d);
                System.arraycopy(z.p, 0, pEnd, 0, d);
                return !divergent;
            }
            // Each depth's temporaries are reused: a sub-tree's halves run one after the other, and
            // what the parent keeps from the first half lives in the parent's own level.
            Level l = level(depth);
            // The first half.
            java.util.Arrays.fill(l.rhoInit, 0);
            l.logSumWeightInit[0] = Double.NEGATIVE_INFINITY;
            if (!build(depth - 1, zPropose, pSharpBeg, l.pSharpInitEnd, l.rhoInit, pBeg, l.pInitEnd, l.logSumWeightInit, sign)) {
                return false;
            }
            // The second half.
            java.util.Arrays.fill(l.rhoFinal, 0);
            l.logSumWeightFinal[0] = Double.NEGATIVE_INFINITY;
            if (!build(depth - 1, l.zProposeFinal, l.pSharpFinalBeg, pSharpEnd, l.rhoFinal, l.pFinalBeg, pEnd,
                    l.logSumWeightFinal, sign)) {
                return false;
            }
            double[] logSumWeightInit = l.logSumWeightInit;
            double[] logSumWeightFinal = l.logSumWeightFinal;
            double[] rhoInit = l.rhoInit;
            double[] rhoFinal = l.rhoFinal;
            double[] pFinalBeg = l.pFinalBeg;
            double[] pSharpFinalBeg = l.pSharpFinalBeg;
            double[] pInitEnd = l.pInitEnd;
            double[] pSharpInitEnd = l.pSharpInitEnd;
            PhasePoint zProposeFinal = l.zProposeFinal;
            double logSumWeightSubtree = logAddExp(logSumWeightInit[0], logSumWeightFinal[0]);
            logSumWeight[0] = logAddExp(logSumWeight[0], logSumWeightSubtree);
            // Uniform (not biased) sampling between the two halves of a sub-tree.
            if (logSumWeightFinal[0] > logSumWeightSubtree
                    || rng.uniform() < Math.exp(logSumWeightFinal[0] - logSumWeightSubtree)) {
                zPropose.copyFrom(zProposeFinal);
            }
            double[] rhoSubtree = l.rhoSubtree;
            double[] rhoExtended = l.rhoExtended;
            for (int i = 0; i < d; i++) {
                rhoSubtree[i] = rhoInit[i] + rhoFinal[i];
                rho[i] += rhoSubtree[i];
            }
            boolean persist = noUTurn(pSharpBeg, pSharpEnd, rhoSubtree);
            for (int i = 0; i < d; i++) {
                rhoExtended[i] = rhoInit[i] + pFinalBeg[i];
            }
            persist &= noUTurn(pSharpBeg, pSharpFinalBeg, rhoExtended);
            for (int i = 0; i < d; i++) {
                rhoExtended[i] = rhoFinal[i] + pInitEnd[i];
            }
            persist &= noUTurn(pSharpInitEnd, pSharpEnd, rhoExtended);
            return persist;
        }

        private Level level(int depth) {
            if (levels[depth] == null) {
                levels[depth] = new Level(d);
            }
            return levels[depth];
        }

        private PhasePoint copy(PhasePoint p) {
            PhasePoint c = new PhasePoint(d);
            c.copyFrom(p);
            return c;
        }
    }

    /** The temporaries of one depth of {@code build}. */
    private static final class Level {
        final double[] pSharpInitEnd;
        final double[] pInitEnd;
        final double[] rhoInit;
        final double[] logSumWeightInit = new double[1];
        final PhasePoint zProposeFinal;
        final double[] rhoFinal;
        final double[] pFinalBeg;
        final double[] pSharpFinalBeg;
        final double[] logSumWeightFinal = new double[1];
        final double[] rhoSubtree;
        final double[] rhoExtended;

        Level(int d) {
            pSharpInitEnd = new double[d];
            pInitEnd = new double[d];
            rhoInit = new double[d];
            zProposeFinal = new PhasePoint(d);
            rhoFinal = new double[d];
            pFinalBeg = new double[d];
            pSharpFinalBeg = new double[d];
            rhoSubtree = new double[d];
            rhoExtended = new double[d];
        }
    }

    /** The generalized no-U-turn criterion: both ends still move along the summed momentum. */
    private static boolean noUTurn(double[] pSharpMinus, double[] pSharpPlus, double[] rho) {
        double a = 0;
        double b = 0;
        for (int i = 0; i < rho.length; i++) {
            a += pSharpPlus[i] * rho[i];
            b += pSharpMinus[i] * rho[i];
        }
        return a > 0 && b > 0;
    }

    static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
