package org.pyrite.examples;

import java.util.Locale;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.annotations.Model;
import org.pyrite.annotations.Sample;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Trace;
import org.pyrite.tensor.Tensor;

/**
 * Annotated models in the forms that need Pyrite's javac plugin: {@code var} locals, a site as the
 * last statement of a loop body, and sites drawn in a helper method the model calls. Groups of
 * measurements share a mean {@code mu}; each group's mean {@code theta_g} is drawn by the helper,
 * and each measurement {@code y_g} observes {@code data[g]}.
 *
 * <p>The examples module is compiled with {@code -Xplugin:Pyrite} (see its pom), so the class
 * file keeps these sites; the agent then rewrites them at load time, or the Maven plugin's
 * {@code instrument} goal at build time, with the same result:
 *
 * <pre>
 * java -javaagent:agent/target/pyrite-agent-VERSION.jar -cp CLASSPATH org.pyrite.examples.HelperModels
 * </pre>
 *
 * It prints the sites of one seeded run of the model, one {@code name value} line each, then the
 * log density of the trace.
 */
public final class HelperModels {
    private final double[] data;

    /**
     * Models of the given measurements, one per group.
     *
     * @param data the measurements
     */
    public HelperModels(double[] data) {
        this.data = data.clone();
    }

    /**
     * The hierarchical model: a shared mean, a mean per group, a measurement per group.
     *
     * @param scale the spread of the group means around the shared mean
     * @return the last group's mean
     */
    @Model
    public Tensor groups(double scale) {
        @Sample var mu = Normal.of(0.0, 10.0).sample();
        Tensor theta = mu;
        for (int g = 0; g < data.length; g++) {
            theta = groupMean(mu, scale, g);
            @Sample(value = "y", indexedBy = "g", obs = "data[g]") var y = Normal.of(theta, 1.0).sample();
        }
        return theta;
    }

    /** A helper: its site is a site of the model that calls it, named the same way ({@code theta_0}, ...). */
    private Tensor groupMean(Tensor mu, double scale, int g) {
        @Sample(value = "theta", indexedBy = "g") var theta = Normal.of(mu, scale).sample();
        return theta;
    }

    /**
     * Prints the sites of one seeded run: {@code name value} per line, then {@code logProb value}.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        Pyrite.setRngSeed(20261204L);
        HelperModels models = new HelperModels(new double[] {1.2, 0.4, 2.9});
        Trace t = Poutine.trace(models::groups).getTrace(2.0);
        if (t.names().isEmpty()) {
            throw new IllegalStateException("HelperModels' sites were not rewritten: compile it with -Xplugin:Pyrite and run "
                    + "it under -javaagent:pyrite-agent.jar, or rewrite it with the Maven plugin's instrument goal");
        }
        for (String name : t.names()) {
            System.out.println(name + " " + String.format(Locale.ROOT, "%.12f", t.site(name).value().item()));
        }
        System.out.println("logProb " + String.format(Locale.ROOT, "%.12f", t.logProbSum().item()));
    }
}
