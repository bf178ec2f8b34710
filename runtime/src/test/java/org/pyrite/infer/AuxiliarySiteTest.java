package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Poutine;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.handlers.Trace;
import org.pyrite.optim.SGD;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Tensor;

/**
 * Guide-only sample sites marked {@code "is_auxiliary"} (Pyro's {@code infer={"is_auxiliary": True}},
 * e.g. an autoguide's joint latent vector): the model/guide site check skips them, and the ELBO
 * still counts their log-density in {@code log q}.
 */
@SuppressWarnings("try") // handler and param-store scopes are used for their effect, not referenced
class AuxiliarySiteTest {
    /** Marks the named sites auxiliary, as a guide would with Pyro's infer option. */
    static final class MarkAuxiliary extends Messenger {
        private final String name;

        MarkAuxiliary(String name) {
            this.name = name;
        }

        @Override
        protected void process(Message msg) {
            if (msg.name().equals(name)) {
                msg.infer().put("is_auxiliary", Boolean.TRUE);
            }
        }
    }

    static Tensor model(Tensor data) {
        Tensor z = sample("z", Normal.of(0.0, 1.0));
        return sample("y", Normal.of(z, 1.0), data);
    }

    /** z = aux + 0.5 with aux ~ N(loc, 1): the density of z is carried by the auxiliary site. */
    static Tensor guide(Tensor data, boolean mark) {
        Tensor loc = param("loc", Tensor.scalar(0.2));
        Tensor aux;
        if (mark) {
            try (MarkAuxiliary m = new MarkAuxiliary("aux").enter()) {
                aux = sample("aux", Normal.of(loc, 1.0));
            }
        } else {
            aux = sample("aux", Normal.of(loc, 1.0));
        }
        return sample("z", org.pyrite.distributions.Delta.of(aux.add(0.5)));
    }

    @Test
    void markedGuideOnlySitesPassTheSiteCheckAndCountInTheElbo() {
        Tensor y = Tensor.scalar(0.7);
        Model<Tensor, Tensor> guide = d -> guide(d, true);
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            Pyrite.setRngSeed(11);
            ELBO.Estimate e = new TraceELBO().estimate(AuxiliarySiteTest::model, guide, y, true);
            Pyrite.setRngSeed(11);
            Trace g = Poutine.trace(guide).getTrace(y);
            double z = g.site("z").value().item();
            double logQ = Normal.of(0.2, 1.0).logProb(z - 0.5).item();
            double logP = Normal.of(0.0, 1.0).logProb(z).item() + Normal.of(z, 1.0).logProb(0.7).item();
            assertThat(e.loss()).isCloseTo(logQ - logP, within(1e-12));
            assertThat(new SVI<>(AuxiliarySiteTest::model, guide, new SGD(0.01), new TraceELBO()).step(y)).isFinite();
        }
    }

    @Test
    void unmarkedGuideOnlySitesAreStillReported() {
        Model<Tensor, Tensor> guide = d -> guide(d, false);
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            SVI<Tensor> svi = new SVI<>(AuxiliarySiteTest::model, guide, new SGD(0.01), new TraceELBO());
            assertThatThrownBy(() -> svi.step(Tensor.scalar(0.7))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("guide sites missing from the model: [aux]");
        }
    }
}
