package org.pyrite.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A chunk that fails on a helper reaches the caller after the chunks already running, not after the whole loop. */
class ChunkPoolFailureTest {
    @Test
    void afterAFailureTheUnclaimedChunksAreNotRun() {
        ChunkPool pool = new ChunkPool(2, "failure-test");
        Thread caller = Thread.currentThread();
        int chunks = 2_000;
        for (int attempt = 0; attempt < 20; attempt++) {
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger helperRan = new AtomicInteger();
            RuntimeException thrown = null;
            try {
                pool.forEachChunk(chunks, 1, (c, from, to) -> {
                    if (Thread.currentThread() != caller && helperRan.getAndIncrement() == 0) {
                        throw new IllegalStateException("helper failed on chunk " + c);
                    }
                    ran.incrementAndGet();
                    long until = System.nanoTime() + 100_000; // 0.1 ms a chunk: 200 ms for all of them
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
            } catch (IllegalStateException e) {
                thrown = e;
            }
            if (helperRan.get() > 0) {
                assertThat(thrown).as("the helper's failure reaches the caller").isNotNull().hasMessageContaining("helper failed");
                // Both threads stop claiming as soon as the failure is known: far fewer than the other
                // 1,999 chunks ran (before, the loop ran to its end and then reported the failure).
                assertThat(ran.get()).isLessThan(chunks / 2);
                return;
            }
            assertThat(thrown).isNull();
        }
        throw new AssertionError("in 20 loops the helper never ran a chunk: the failure path was not exercised");
    }
}
