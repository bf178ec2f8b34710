package org.pyrite.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.factor;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Gamma;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.optim.SGD;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/** What a compiled step refuses, and what a failed step leaves behind. */
class CompiledErrorsTest {
    @AfterEach
    void noSessionLeftOpen() {
        assertThat(CompiledSVI.openCount()).isZero();
    }

    static Tensor branchingModel(double guess) {
        Tensor w = sample("w", Normal.of(guess, 1.0));
        // The structure depends on a sampled value: a second site only when w is positive.
        if (w.item() > 0) {
            sample("extra", Normal.of(w, 1.0), Tensor.scalar(1.0));
        }
        return sample("y", Normal.of(w, 1.0), Tensor.scalar(0.5));
    }

    static Tensor guide(double guess) {
        return sample("w", Normal.of(param("loc", Tensor.scalar(guess)), param("scale", Tensor.scalar(1.0), Constraints.positive())));
    }

    @Test
    void aModelThatBranchesOnASampledValueIsRefusedBeforeTheFirstStepNamingTheSite() {
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            assertThatThrownBy(() -> CompiledSVI.compile(CompiledErrorsTest::branchingModel, CompiledErrorsTest::guide, new Adam(0.01),
                    new TraceELBO(), 0.5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be compiled")
                    .hasMessageContaining("site 'w'")
                    .hasMessageContaining("depends on a sampled or learned value");
        }
    }

    static Tensor scale(double guess) {
        Tensor w = sample("w", Normal.of(guess, 1.0));
        return sample("y", Normal.of(w, 0.75), Tensor.scalar(9.5));
    }

    @Test
    void aStepWhoseUpdateOverflowsChangesNoParamAndThrows() {
        ParamStore store = new ParamStore();
        try (ParamStore.Scope s = ParamStore.use(store);
             CompiledSVI<Double> svi = CompiledSVI.compile(CompiledErrorsTest::scale, CompiledErrorsTest::guide, new SGD(1e300),
                     new TraceELBO(), 8.5)) {
            double loc = store.get("loc").item();
            double scale = store.get("scale").item();
            assertThatThrownBy(() -> svi.step(8.5)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not finite").hasMessageContaining("no parameter was changed");
            assertThat(store.get("loc").item()).isEqualTo(loc);
            assertThat(store.get("scale").item()).isEqualTo(scale);
            // The graph's variables kept their values too: the next step fails alike and changes nothing either.
            Pyrite.setRngSeed(3);
            assertThatThrownBy(() -> svi.step(8.5)).isInstanceOf(IllegalStateException.class);
            assertThat(store.get("loc").item()).isEqualTo(loc);
        }
    }

    static Tensor trigammaModel(double guess) {
        Tensor w = sample("w", Normal.of(guess, 1.0));
        // Trigamma is TensorFlow's Polygamma, which has no gradient with respect to x.
        factor("penalty", w.exp().trigamma().neg());
        return w;
    }

    @Test
    void anOpWithoutAGradientIsNamedWithItsSite() {
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            assertThatThrownBy(() -> CompiledSVI.compile(CompiledErrorsTest::trigammaModel, CompiledErrorsTest::guide, new Adam(0.01),
                    new TraceELBO(), 0.5))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("no gradient for op Polygamma")
                    .hasMessageContaining("at or after site(s) [w]");
        }
    }

    static Tensor gammaGuide(double guess) {
        return sample("w", Gamma.of(param("k", Tensor.scalar(2.0), Constraints.positive()), Tensor.scalar(1.0)));
    }

    static Tensor positiveModel(double guess) {
        Tensor w = sample("w", Gamma.of(2.0, 1.0));
        return sample("y", Normal.of(w, 1.0), Tensor.scalar(guess));
    }

    @Test
    void aGuideDrawTheCompilerCannotMakeIsNamed() {
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            assertThatThrownBy(() -> CompiledSVI.compile(CompiledErrorsTest::positiveModel, CompiledErrorsTest::gammaGuide, new Adam(0.01),
                    new TraceELBO(), 0.5))
                    .hasMessageContaining("guide site 'w'").hasMessageContaining("Gamma");
        }
    }

    @Test
    void otherArgumentsThanTheCompiledOnesAreRefused() {
        try (ParamStore.Scope s = ParamStore.use(new ParamStore());
             CompiledSVI<Double> svi = CompiledSVI.compile(CompiledErrorsTest::scale, CompiledErrorsTest::guide, new Adam(0.01),
                     new TraceELBO(), 8.5)) {
            assertThatThrownBy(() -> svi.step(9.0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("compiled for arguments 8.5").hasMessageContaining("compile again");
        }
    }

    @Test
    void anOptimizerThatAlreadySteppedOnTheCpuIsRefused() {
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            Adam adam = new Adam(0.01);
            new SVI<>(CompiledErrorsTest::scale, CompiledErrorsTest::guide, adam, new TraceELBO()).step(8.5);
            assertThatThrownBy(() -> CompiledSVI.compile(CompiledErrorsTest::scale, CompiledErrorsTest::guide, adam, new TraceELBO(), 8.5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fresh optimizer");
        }
    }

    @Test
    void theMissingNativeLibraryMessageNamesTheArtifactThePlatformAndTheFix() {
        String msg = TensorFlowNative.missingMessage(new UnsatisfiedLinkError("no jnitensorflow in java.library.path"));
        assertThat(msg).contains("tensorflow-core-native:1.1.0", "linux-x86_64", System.getProperty("os.name"),
                System.getProperty("os.arch"), "no jnitensorflow", "-Pgpu", "CPU SVI");
    }
}
