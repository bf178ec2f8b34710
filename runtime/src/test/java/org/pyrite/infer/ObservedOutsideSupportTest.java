package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Beta;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.optim.Adam;
import org.pyrite.tensor.Tensor;

/** An observation outside its distribution's support is an error that names the site, wherever it is scored. */
class ObservedOutsideSupportTest {
    private static final Model<Object, Tensor> MODEL = u -> sample("test_site", Beta.of(1.0, 1.0), 2.0);

    @AfterEach
    void clear() {
        Pyrite.clearParamStore();
    }

    @Test
    void aTracesLogDensityNamesTheSite() {
        assertThatThrownBy(() -> Poutine.trace(MODEL).getTrace(null).logProbSum())
                .hasMessageContaining("site 'test_site' (observed)").hasMessageContaining("2.0 is outside the support of Beta");
    }

    @Test
    void importanceNamesTheSite() {
        assertThatThrownBy(() -> new Importance<>(MODEL, 10).run(null)).hasMessageContaining("site 'test_site'")
                .hasMessageContaining("outside the support");
    }

    @Test
    void anSviStepNamesTheSite() {
        Model<Object, Tensor> model = u -> {
            Tensor p = sample("p", Beta.of(1.0, 1.0));
            return sample("test_site", Beta.of(1.0, 1.0), 2.0);
        };
        Model<Object, Tensor> guide = u -> {
            Tensor a = param("a", Tensor.scalar(1.0), Constraints.positive());
            return sample("p", Beta.of(a, a));
        };
        SVI<Object> svi = new SVI<>(model, guide, new Adam(0.01), new TraceELBO());
        assertThatThrownBy(() -> svi.step(null)).hasMessageContaining("site 'test_site'").hasMessageContaining("outside the support");
    }
}
