package org.pyrite.handlers;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Hides statements from the handlers outside it (Pyro's {@code block}): a hidden site still runs
 * (and inner handlers see it) but outer traces, conditions and replays do not.
 *
 * <pre>{@code
 * try (BlockMessenger b = BlockMessenger.hide("noise").enter()) {
 *     model.call(args);   // an outer trace records every site but "noise"
 * }
 * }</pre>
 */
public final class BlockMessenger extends Messenger {
    private final Predicate<Message> hidden;

    /** Hides the messages {@code hidden} accepts. */
    public BlockMessenger(Predicate<Message> hidden) {
        this.hidden = hidden;
    }

    /** Hides everything (Pyro's default). */
    public static BlockMessenger hideAll() {
        return new BlockMessenger(m -> true);
    }

    /** Hides the sites with these names. */
    public static BlockMessenger hide(String... names) {
        Set<String> s = Set.of(names);
        return new BlockMessenger(m -> s.contains(m.name()));
    }

    /** Hides every site except those with these names. */
    public static BlockMessenger expose(String... names) {
        Set<String> s = Set.of(names);
        return new BlockMessenger(m -> !s.contains(m.name()));
    }

    /** Hides observed sample sites (Pyro's {@code hide_types=["observe"]}). */
    public static BlockMessenger hideObserved() {
        return new BlockMessenger(m -> m.type() == Message.Type.SAMPLE && m.isObserved());
    }

    @Override
    protected void process(Message msg) {
        if (hidden.test(msg)) {
            msg.stop();
        }
    }
}
