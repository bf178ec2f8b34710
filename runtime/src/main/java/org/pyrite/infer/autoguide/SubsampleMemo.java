package org.pyrite.infer.autoguide;

import java.util.HashMap;
import java.util.Map;
import org.pyrite.handlers.Message;
import org.pyrite.handlers.Messenger;
import org.pyrite.tensor.Tensor;

/**
 * Makes every entry of a subsampled plate during one autoguide call use the indices drawn at its
 * first entry, as one Pyro plate object does across its uses: an autoguide enters a plate once per
 * site inside it, and a Pyrite plate draws at each entry. The first draw goes on to outer handlers
 * (a trace records it, and the model replays it); repeats are answered here and stopped, so a
 * trace holds one subsample site per plate.
 */
final class SubsampleMemo extends Messenger {
    private final Map<String, Tensor> drawn = new HashMap<>();

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SUBSAMPLE) {
            return;
        }
        Tensor previous = drawn.get(msg.name());
        if (previous != null) {
            msg.setValue(previous);
            msg.setDone(true);
            msg.stop();
        }
    }

    @Override
    protected void postprocess(Message msg) {
        if (msg.type() == Message.Type.SUBSAMPLE) {
            drawn.putIfAbsent(msg.name(), msg.value());
        }
    }
}
