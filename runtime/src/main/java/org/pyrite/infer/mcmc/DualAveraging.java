package org.pyrite.infer.mcmc;

/**
 * Nesterov's dual averaging of the log step size toward a target acceptance statistic, with
 * Stan's constants (Hoffman and Gelman 2014, section 3.2): {@code gamma = 0.05},
 * {@code t0 = 10}, {@code kappa = 0.75}, and the iterates shrunk toward {@code log(10 eps0)}.
 */
final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10.0;
    private static final double KAPPA = 0.75;

    private final double target;
    private double mu;
    private double sBar;
    private double xBar;
    private int counter;

    DualAveraging(double target) {
        this.target = target;
    }

    /** Starts over, shrinking toward ten times {@code stepSize} (Stan restarts after each mass-matrix update). */
    void restart(double stepSize) {
        mu = Math.log(10 * stepSize);
        sBar = 0;
        xBar = 0;
        counter = 0;
    }

    /** Takes one transition's acceptance statistic and returns the step size for the next one. */
    double update(double acceptStat) {
        counter++;
        double a = Math.min(1.0, acceptStat);
        double eta = 1.0 / (counter + T0);
        sBar = (1 - eta) * sBar + eta * (target - a);
        double x = mu - sBar * Math.sqrt(counter) / GAMMA;
        double xEta = Math.pow(counter, -KAPPA);
        xBar = (1 - xEta) * xBar + xEta * x;
        return Math.exp(x);
    }

    /** The averaged step size, used after warm-up. */
    double finalStepSize() {
        return Math.exp(xBar);
    }
}
