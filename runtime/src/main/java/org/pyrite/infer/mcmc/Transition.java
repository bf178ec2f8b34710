package org.pyrite.infer.mcmc;

/**
 * What one MCMC transition reports: the acceptance statistic (Stan's {@code accept_stat}, what
 * step-size adaptation steers), whether the trajectory diverged, and how much work it did.
 */
final class Transition {
    final double acceptStat;
    final boolean divergent;
    final int leapfrogSteps;
    final int treeDepth;

    Transition(double acceptStat, boolean divergent, int leapfrogSteps, int treeDepth) {
        this.acceptStat = acceptStat;
        this.divergent = divergent;
        this.leapfrogSteps = leapfrogSteps;
        this.treeDepth = treeDepth;
    }
}
