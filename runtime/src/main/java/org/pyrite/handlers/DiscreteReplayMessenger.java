package org.pyrite.handlers;

import java.util.Map;

/**
 * The second run of {@code inferDiscrete}: enumerated sites take their decoded values, the other
 * latent sites the values of the enumerated run, so continuous draws agree with the discrete
 * values chosen given them.
 */
final class DiscreteReplayMessenger extends Messenger {
    private final Map<String, org.pyrite.tensor.Tensor> decoded;
    private final Trace first;

    DiscreteReplayMessenger(Map<String, org.pyrite.tensor.Tensor> decoded, Trace first) {
        this.decoded = decoded;
        this.first = first;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE || msg.isObserved()) {
            return;
        }
        org.pyrite.tensor.Tensor v = decoded.get(msg.name());
        if (v == null) {
            Site s = first.siteOrNull(msg.name());
            if (s == null || !s.isSample() || s.isObserved() || s.infer().containsKey(EnumMessenger.VAR_KEY)) {
                return;
            }
            v = s.value();
        }
        msg.setValue(v);
        msg.setDone(true);
    }
}
