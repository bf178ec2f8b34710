package org.pyrite.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SplitDecisionTest {
    @Test
    void aLoopIsSplitOnlyWhenItsTimeExceedsTheHandoffByTheMargin() {
        long handoff = 2_000;
        assertThat(ChunkPool.worthSplitting(Double.NaN, 1_000_000, handoff)).as("never timed").isFalse();
        assertThat(ChunkPool.worthSplitting(1.0, 7_999, handoff)).isFalse();
        assertThat(ChunkPool.worthSplitting(1.0, 8_000, handoff)).isTrue();
        assertThat(ChunkPool.worthSplitting(0.001, 1_000_000, handoff)).isFalse();
    }

    @Test
    void workLearnsItsCostPerUnitAsAMovingAverage() {
        ChunkPool.Work work = new ChunkPool.Work("test");
        assertThat(work.nanosPerUnit()).isNaN();
        work.observe(1_000, 100);
        assertThat(work.nanosPerUnit()).isEqualTo(10.0);
        work.observe(2_000, 100);
        assertThat(work.nanosPerUnit()).isCloseTo(12.5, within(1e-12));
        work.observe(0, 0);
        assertThat(work.nanosPerUnit()).isCloseTo(12.5, within(1e-12));
    }

    @Test
    void aLoopOfOneChunkRunsOnTheCallerUntimed() {
        ChunkPool pool = new ChunkPool(2, "test");
        ChunkPool.Work work = new ChunkPool.Work("test");
        Thread caller = Thread.currentThread();
        int[] ran = new int[3];
        pool.forEachChunk(work, 100, 512, (c, from, to) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            ran[0]++;
            ran[1] = from;
            ran[2] = to;
        });
        assertThat(ran).containsExactly(1, 0, 100);
        // Nothing learned: a loop of one chunk is never split, and timing it would cost as much as a small kernel.
        assertThat(work.nanosPerUnit()).isNaN();
        pool.forEachChunk(work, new int[] {0, 7}, (c, from, to) -> ran[0]++);
        assertThat(ran[0]).isEqualTo(2);
        assertThat(work.nanosPerUnit()).isNaN();
    }

    @Test
    void aLoopNeverTimedRunsItsFirstChunkOnTheCallerAndIsTimed() {
        ChunkPool pool = new ChunkPool(2, "test");
        ChunkPool.Work work = new ChunkPool.Work("test");
        Thread caller = Thread.currentThread();
        Set<Integer> onCaller = ConcurrentHashMap.newKeySet();
        pool.forEachChunk(work, 64, 4, (c, from, to) -> {
            if (Thread.currentThread() == caller) {
                onCaller.add(c);
            }
        });
        assertThat(onCaller).contains(0);
        assertThat(work.nanosPerUnit()).isPositive();
    }

    @Test
    void anExpensiveLoopIsSplitOnItsFirstRunAfterItsFirstChunkWasTimed() {
        ChunkPool pool = new ChunkPool(2, "test");
        Thread caller = Thread.currentThread();
        for (int attempt = 0; attempt < 20; attempt++) {
            ChunkPool.Work work = new ChunkPool.Work("test");
            AtomicBoolean helped = new AtomicBoolean();
            Set<Integer> onCaller = ConcurrentHashMap.newKeySet();
            // Eight chunks of half a millisecond each: far above any hand-off.
            pool.forEachChunk(work, 8, 1, (c, from, to) -> {
                if (Thread.currentThread() == caller) {
                    onCaller.add(c);
                } else {
                    helped.set(true);
                }
                long end = System.nanoTime() + 500_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            });
            assertThat(onCaller).as("the first chunk, timed on the caller").contains(0);
            if (helped.get()) {
                return;
            }
        }
        throw new AssertionError("in 20 first runs of an expensive loop the helper never ran a chunk");
    }

    @Test
    void aCheapLoopStaysOnTheCaller() {
        ChunkPool pool = new ChunkPool(2, "test");
        ChunkPool.Work work = new ChunkPool.Work("test");
        Thread caller = Thread.currentThread();
        AtomicBoolean helped = new AtomicBoolean();
        for (int round = 0; round < 200; round++) {
            // A few nanoseconds of work in all: never worth even the cheapest hand-off.
            pool.forEachChunk(work, 4, 1, (c, from, to) -> {
                if (Thread.currentThread() != caller) {
                    helped.set(true);
                }
            });
        }
        assertThat(helped).isFalse();
    }

    @Test
    void theHandoffIsMeasuredQuicklyAndIsPositive() {
        long start = System.nanoTime();
        long handoff = HandoffCost.measure();
        long took = System.nanoTime() - start;
        assertThat(handoff).isPositive();
        // Its budget is 5 ms; a thread start and scheduling on a busy machine come on top.
        assertThat(took).isLessThan(50_000_000L);
    }
}
