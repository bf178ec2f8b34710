package org.pyrite.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pyrite.concurrent.ChunkPool;
import org.pyrite.distributions.Rng;
import org.pyrite.context.Validation;
import org.pyrite.handlers.HandlerStack;
import org.pyrite.handlers.ScaleMessenger;
import org.pyrite.params.ParamStore;
import org.pyrite.tensor.Autograd;

class PyriteContextTest {
    @Test
    void runWithGivesAnotherThreadTheCallersStateAndItsOwnHolders() throws Exception {
        ParamStore store = new ParamStore();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (ScaleMessenger s = new ScaleMessenger(2.0).enter();
                ParamStore.Scope p = ParamStore.use(store);
                Validation.Scope v = Validation.disabled();
                Autograd.Scope g = Autograd.noGrad()) {
            PyriteContext caller = PyriteContext.capture();
            Future<String> seen = other.submit(() -> PyriteContext.runWith(caller, () -> {
                String state = HandlerStack.depth() + " " + (ParamStore.current() == store) + " " + Validation.isEnabled() + " "
                        + Autograd.isEnabled();
                // Scopes entered here change this thread's copy only.
                try (ScaleMessenger inner = new ScaleMessenger(3.0).enter()) {
                    return state + " " + HandlerStack.depth();
                }
            }));
            assertThat(seen.get()).isEqualTo("1 true false false 2");
            assertThat(HandlerStack.depth()).isEqualTo(1);
            // The other thread's own context is back once the work is done.
            assertThat(other.submit(() -> HandlerStack.depth() + " " + Validation.isEnabled()).get()).isEqualTo("0 true");
        } finally {
            other.shutdown();
        }
    }

    @Test
    void runWithPutsTheThreadsOwnContextBackWhenTheWorkThrows() {
        PyriteContext captured;
        try (ScaleMessenger s = new ScaleMessenger(2.0).enter()) {
            captured = PyriteContext.capture();
        }
        assertThatThrownBy(() -> PyriteContext.runWith(captured, (Runnable) () -> {
            throw new IllegalArgumentException("boom");
        })).hasMessage("boom");
        assertThat(HandlerStack.depth()).isZero();
        assertThat(PyriteContext.current().isCapturedWork()).isFalse();
    }

    @Test
    void theCallersGeneratorIsNotSharedWithCapturedWork() {
        PyriteContext captured = PyriteContext.capture();
        assertThatThrownBy(() -> PyriteContext.runWith(captured, () -> Rng.current().gaussian()))
                .hasMessageContaining("no random generator on this thread").hasMessageContaining("Rng.install(Rng.seeded(seed))");
        double drawn = PyriteContext.runWith(captured, () -> {
            Rng.install(Rng.seeded(5));
            return Rng.current().gaussian();
        });
        assertThat(drawn).isEqualTo(Rng.seeded(5).gaussian());
        assertThat(Rng.current().gaussian()).as("the caller's generator still draws").isFinite();
    }

    @Test
    void kernelChunksOnHelperThreadsRunInTheCallersContext() {
        ChunkPool pool = new ChunkPool(2, "context-test");
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        Thread caller = Thread.currentThread();
        try (ScaleMessenger s = new ScaleMessenger(2.0).enter(); Validation.Scope v = Validation.disabled()) {
            for (int attempt = 0; attempt < 200 && seen.isEmpty(); attempt++) {
                pool.forEachChunk(64, 1, (c, from, to) -> {
                    if (Thread.currentThread() != caller) {
                        seen.add(HandlerStack.depth() + " " + Validation.isEnabled());
                    }
                    long until = System.nanoTime() + 20_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
            }
        }
        assertThat(seen).as("chunks a helper ran").isNotEmpty().containsOnly("1 false");
    }
}
