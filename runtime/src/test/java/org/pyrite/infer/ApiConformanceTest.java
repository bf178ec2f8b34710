package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.plate;
import static org.pyrite.Pyrite.sample;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Dirichlet;
import org.pyrite.distributions.Gamma;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Trace;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Model/guide pairs in the style of Pyro's {@code pyro-api} and valid-model tests: each must run
 * SVI steps with every ELBO, keep its params inside their constraints, and make traces with the
 * shapes the plates imply.
 */
class ApiConformanceTest {
    record Case(String name, Model<Tensor, ?> model, Model<Tensor, ?> guide, Tensor data, String site, int[] shape) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Tensor data = Tensor.of(0.5, -0.3, 1.2, 0.8, 0.1, -1.0);
        return Stream.of(
                new Case("plate with a local latent and local params", ApiConformanceTest::localModel, ApiConformanceTest::localGuide,
                        data, "z", new int[] {6}),
                new Case("nested plates", ApiConformanceTest::nestedModel, ApiConformanceTest::nestedGuide,
                        data, "z", new int[] {2, 6}),
                new Case("subsampled plate slicing local params", ApiConformanceTest::subsampledModel, ApiConformanceTest::subsampledGuide,
                        data, "z", new int[] {3}),
                new Case("constrained params: positive and simplex", ApiConformanceTest::constrainedModel, ApiConformanceTest::constrainedGuide,
                        data, "probs", new int[] {3}));
    }

    static Tensor localModel(Tensor y) {
        Tensor mu = sample("mu", Normal.of(0.0, 1.0));
        try (PlateMessenger p = plate("data", y.size(0))) {
            Tensor z = sample("z", Normal.of(mu, 1.0));
            return sample("y", Normal.of(z, 0.5), y);
        }
    }

    static Tensor localGuide(Tensor y) {
        sample("mu", Normal.of(param("mu_loc", Tensor.scalar(0.0)), 1.0));
        try (PlateMessenger p = plate("data", y.size(0))) {
            Tensor loc = param("z_loc", Tensor.zeros(y.size(0)));
            Tensor scale = param("z_scale", Tensor.ones(y.size(0)), Constraints.positive());
            return sample("z", Normal.of(loc, scale));
        }
    }

    static Tensor nestedModel(Tensor y) {
        try (PlateMessenger data = plate("data", y.size(0)); PlateMessenger reps = plate("reps", 2)) {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            return sample("y", Normal.of(z, 1.0), y);
        }
    }

    static Tensor nestedGuide(Tensor y) {
        try (PlateMessenger data = plate("data", y.size(0)); PlateMessenger reps = plate("reps", 2)) {
            return sample("z", Normal.of(param("z_loc", Tensor.zeros(2, y.size(0))), 1.0));
        }
    }

    static Tensor subsampledModel(Tensor y) {
        try (PlateMessenger p = plate("data", y.size(0), 3)) {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            return sample("y", Normal.of(z, 1.0), y.index(0, p.subsample()));
        }
    }

    static Tensor subsampledGuide(Tensor y) {
        try (PlateMessenger p = plate("data", y.size(0), 3)) {
            Tensor loc = param("z_loc", Tensor.zeros(y.size(0))).index(0, p.subsample());
            return sample("z", Normal.of(loc, 1.0));
        }
    }

    static Tensor constrainedModel(Tensor y) {
        Tensor rate = sample("rate", Gamma.of(2.0, 2.0));
        Tensor probs = sample("probs", Dirichlet.of(Tensor.ones(3)));
        try (PlateMessenger p = plate("data", y.size(0))) {
            sample("y", Normal.of(probs.select(0, 0), rate.rdiv(1.0)), y);
        }
        return probs;
    }

    static Tensor constrainedGuide(Tensor y) {
        Tensor shape = param("rate_shape", Tensor.scalar(2.0), Constraints.positive());
        sample("rate", Gamma.of(shape, param("rate_rate", Tensor.scalar(2.0), Constraints.positive())));
        Tensor conc = param("conc", Tensor.of(1.0, 1.0, 1.0), Constraints.positive());
        param("mix", Tensor.of(0.2, 0.3, 0.5), Constraints.simplex());
        return sample("probs", Dirichlet.of(conc));
    }

    static List<ELBO> elbos() {
        return List.of(new TraceELBO(), new TraceELBO(3), new TraceMeanFieldELBO());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void runsUnderEveryElboAndKeepsConstraints(Case c) {
        for (ELBO elbo : elbos()) {
            ParamStore store = new ParamStore();
            Pyrite.setRngSeed(61);
            try (ParamStore.Scope s = ParamStore.use(store)) {
                SVI<Tensor> svi = new SVI<>(c.model(), c.guide(), new Adam(0.05), elbo);
                double first = svi.step(c.data());
                Tensor before = store.unconstrained(store.names().iterator().next());
                for (int t = 0; t < 20; t++) {
                    assertThat(svi.step(c.data())).as(c + " loss").isFinite();
                }
                assertThat(first).isFinite();
                assertThat(store.unconstrained(store.names().iterator().next()).toArray())
                        .as("params move").isNotEqualTo(before.toArray());
                for (String name : store.names()) {
                    double[] ok = store.constraint(name).check(store.get(name)).toArray();
                    for (double flag : ok) {
                        assertThat(flag).as(c + ": param " + name + " inside " + store.constraint(name).describe()).isEqualTo(1.0);
                    }
                }
                Trace t = Poutine.trace(c.guide()).getTrace(c.data());
                assertThat(t.site(c.site()).value().shape()).as(c + ": shape of " + c.site()).isEqualTo(c.shape());
            }
        }
    }
}
