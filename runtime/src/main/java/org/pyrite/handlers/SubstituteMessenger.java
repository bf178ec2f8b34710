package org.pyrite.handlers;

import java.util.Map;
import org.pyrite.tensor.Tensor;

/**
 * Replaces the values of param statements (Pyro's {@code substitute}); the param store is not
 * read or changed for those names.
 *
 * <pre>{@code
 * try (SubstituteMessenger s = new SubstituteMessenger(Map.of("a", Tensor.scalar(9.0))).enter()) {
 *     guide(8.5);   // param("a", ...) returns 9.0
 * }
 * }</pre>
 */
public final class SubstituteMessenger extends Messenger {
    private final Map<String, Tensor> data;

    /** Substitutes params by name with {@code Double}s or {@code Tensor}s. */
    public SubstituteMessenger(Map<String, ?> data) {
        this.data = DataMessenger.toTensors("substitute", data);
    }

    private SubstituteMessenger(SubstituteMessenger template) {
        this.data = template.data;
    }

    /** A fresh messenger with the same, already converted values (a model wrapper makes one per call). */
    public SubstituteMessenger copy() {
        return new SubstituteMessenger(this);
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.PARAM) {
            return;
        }
        Tensor v = data.get(msg.name());
        if (v != null) {
            msg.setValue(v);
            msg.setDone(true);
        }
    }
}
