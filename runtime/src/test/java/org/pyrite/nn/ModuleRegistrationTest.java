package org.pyrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** Parameter names, registration in the param store, save/load, and the errors of a misfit. */
class ModuleRegistrationTest {
    @TempDir
    Path dir;

    private static Sequential encoder() {
        return new Sequential(new Linear(64, 128), Activation.SOFTPLUS, new Linear(128, 20));
    }

    @Test
    void parametersHaveDottedNamesAndModulesTheirPaths() {
        Sequential enc = encoder();
        assertThat(enc.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(enc.parameterCount()).isEqualTo(64 * 128 + 128 + 128 * 20 + 20);
        ParamStore store = new ParamStore();
        ParamStore.scope(store, () -> module("encoder", enc));
        assertThat(store.names()).containsExactly("encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias");
        assertThat(store.unconstrained("encoder.0.weight").shape()).containsExactly(128, 64);
        assertThat(enc.layers().get(2).path()).isEqualTo("encoder.2");
        assertThat(Activation.SOFTPLUS.path()).isEqualTo("Softplus");
    }

    @Test
    void registrationStoresTheInitialValuesAndBindsTheStoredOnes() {
        Pyrite.setRngSeed(1);
        Linear fc = new Linear(3, 2);
        Tensor initial = fc.weight().value();
        ParamStore store = new ParamStore();
        ParamStore.scope(store, () -> module("fc", fc));
        assertThat(store.get("fc.weight").toArray()).containsExactly(initial.toArray());
        store.set("fc.weight", Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}}), null);
        ParamStore.scope(store, () -> module("fc", fc));
        assertThat(fc.forward(Tensor.of(5, 6, 7)).sub(fc.bias().value()).toArray()).containsExactly(5, 6);
        assertThat(fc.weight().value().requiresGrad()).as("bound to the store's leaf, so SVI differentiates it").isTrue();
    }

    @Test
    void theSameModuleRegisteredTwiceIsOneSetOfParams() {
        Sequential enc = encoder();
        ParamStore store = new ParamStore();
        ParamStore.scope(store, () -> {
            module("encoder", enc);
            return module("encoder", enc);
        });
        assertThat(store.size()).isEqualTo(4);
        Map<String, Tensor> before = store.values();
        ParamStore.scope(store, () -> module("encoder", encoder()));   // a fresh network of the same sizes reads the stored values
        assertThat(store.values().get("encoder.0.weight").toArray()).containsExactly(before.get("encoder.0.weight").toArray());
    }

    @Test
    void paramsAreParamSitesInATrace() {
        Linear fc = new Linear(2, 1);
        Trace t = ParamStore.scope(new ParamStore(), () -> Poutine.trace((Tensor x) -> module("net", fc).forward(x))
                .getTrace(Tensor.of(1, 2)));
        assertThat(t.names()).contains("net.weight", "net.bias");
        assertThat(t.site("net.weight").isParam()).isTrue();
    }

    @Test
    void aNameUsedByAParamOfAnotherShapeIsAnErrorNamingBoth() {
        ParamStore store = new ParamStore();
        store.set("encoder.0.weight", Tensor.zeros(3, 3), null);
        assertThatThrownBy(() -> ParamStore.scope(store, () -> module("encoder", encoder())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'encoder.0.weight'")
                .hasMessageContaining("[128, 64]")
                .hasMessageContaining("[3, 3]");
        assertThat(store.names()).containsExactly("encoder.0.weight");
    }

    @Test
    void aClashOfALaterParameterLeavesTheStoreWithoutTheEarlierOnes() {
        ParamStore store = new ParamStore();
        store.set("encoder.2.bias", Tensor.zeros(7), null);
        assertThatThrownBy(() -> ParamStore.scope(store, () -> module("encoder", encoder())))
                .hasMessageContaining("'encoder.2.bias'").hasMessageContaining("[20]").hasMessageContaining("[7]");
        assertThat(store.names()).containsExactly("encoder.2.bias");
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        Pyrite.setRngSeed(7);
        Sequential trained = encoder();
        ParamStore store = new ParamStore();
        ParamStore.scope(store, () -> module("encoder", trained));
        Path file = dir.resolve("encoder.bin");
        store.save(file);
        Tensor x = Tensor.ones(2, 64);
        Tensor expected = trained.forward(x);

        Pyrite.setRngSeed(8);
        Sequential fresh = encoder();
        assertThat(fresh.forward(x).toArray()).isNotEqualTo(expected.toArray());
        ParamStore other = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(other)) {
            Pyrite.loadModule("encoder", fresh, file);
        }
        assertThat(fresh.forward(x).toArray()).containsExactly(expected.toArray());
        assertThat(other.names()).containsExactlyElementsOf(store.names());
    }

    @Test
    void aParamFileThatDoesNotFitTheModuleIsRefusedAndNothingChanges() throws IOException {
        ParamStore saved = new ParamStore();
        ParamStore.scope(saved, () -> module("encoder", new Sequential(new Linear(64, 100), Activation.SOFTPLUS, new Linear(100, 20))));
        Path file = dir.resolve("other-sizes.bin");
        saved.save(file);

        ParamStore store = new ParamStore();
        Sequential enc = encoder();
        ParamStore.scope(store, () -> module("encoder", enc));
        Map<String, Tensor> before = store.values();
        Tensor boundBefore = enc.layers().get(0).localParameters().get("weight").value();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            assertThatThrownBy(() -> Pyrite.loadModule("encoder", enc, file))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("'encoder.0.weight'")
                    .hasMessageContaining("[100, 64]")
                    .hasMessageContaining("[128, 64]")
                    .hasMessageContaining("nothing was loaded");
        }
        assertThat(store.names()).containsExactlyElementsOf(before.keySet());
        for (Map.Entry<String, Tensor> e : before.entrySet()) {
            assertThat(store.get(e.getKey()).toArray()).as(e.getKey()).containsExactly(e.getValue().toArray());
        }
        assertThat(enc.layers().get(0).localParameters().get("weight").value()).isSameAs(boundBefore);
    }

    @Test
    void aParamFileMissingAParameterOfTheModuleIsRefused() throws IOException {
        ParamStore saved = new ParamStore();
        ParamStore.scope(saved, () -> module("encoder", new Linear(64, 128)));
        Path file = dir.resolve("partial.bin");
        saved.save(file);
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store)) {
            assertThatThrownBy(() -> Pyrite.loadModule("encoder", encoder(), file))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("'encoder.weight' is not a parameter of module 'encoder'");
        }
        assertThat(store.size()).isZero();
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void aBayesianLayerDrawsItsWeightsAtSampleSites() {
        Linear fc = new Linear(3, 2);
        fc.setPriors(name -> name.equals("weight") ? Normal.of(0.0, 1.0) : null);
        ParamStore store = new ParamStore();
        Trace t = ParamStore.scope(store, () -> Poutine.trace((Tensor x) -> module("net", fc).forward(x)).getTrace(Tensor.ones(3)));
        Site w = t.site("net.weight");
        assertThat(w.isParam()).isFalse();
        assertThat(w.value().shape()).containsExactly(2, 3);
        assertThat(w.distribution().eventShape()).containsExactly(2, 3);
        double expected = Normal.of(0.0, 1.0).logProb(w.value()).sum().item();
        assertThat(w.distribution().logProb(w.value()).item()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(store.names()).containsExactly("net.bias");
        assertThat(fc.weight().value()).isSameAs(w.value());
    }

    @Test
    void aPriorOfTheWrongShapeIsAnErrorNamingTheParameter() {
        Linear fc = new Linear(3, 2);
        fc.setPrior("weight", Normal.of(Tensor.zeros(4), Tensor.ones(4)));
        assertThatThrownBy(() -> ParamStore.scope(new ParamStore(), () -> module("net", fc)))
                .hasMessageContaining("'net.weight'").hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> fc.setPrior("wieght", Normal.of(0.0, 1.0))).hasMessageContaining("no parameter 'wieght'");
    }
}
