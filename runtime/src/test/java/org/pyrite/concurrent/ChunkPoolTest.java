package org.pyrite.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkPoolTest {
    static Stream<Arguments> splits() {
        return Stream.of(Arguments.of(0, 0, 7), Arguments.of(0, 1, 7), Arguments.of(2, 1, 1), Arguments.of(3, 100, 7),
                Arguments.of(1, 10_000, 512), Arguments.of(3, 10_000, 512), Arguments.of(1, 1024, 512), Arguments.of(2, 1025, 512));
    }

    @ParameterizedTest(name = "{0} helpers, n = {1}, grain = {2}")
    @MethodSource("splits")
    void everyChunkRunsOnceWithItsOwnBounds(int helpers, int n, int grain) {
        ChunkPool pool = new ChunkPool(helpers + 1, "test");
        int count = ChunkPool.chunkCount(n, grain);
        for (int round = 0; round < 50; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(count, 1));
            AtomicIntegerArray covered = new AtomicIntegerArray(Math.max(n, 1));
            pool.forEachChunk(n, grain, (c, from, to) -> {
                assertThat(from).isEqualTo(c * grain);
                assertThat(to).isEqualTo(Math.min(n, from + grain));
                runs.incrementAndGet(c);
                for (int i = from; i < to; i++) {
                    covered.incrementAndGet(i);
                }
            });
            for (int c = 0; c < count; c++) {
                assertThat(runs.get(c)).as("chunk %d", c).isEqualTo(1);
            }
            for (int i = 0; i < n; i++) {
                assertThat(covered.get(i)).as("index %d", i).isEqualTo(1);
            }
        }
    }

    @Test
    void aChunkThatThrowsReachesTheCallerAndThePoolKeepsWorking() {
        ChunkPool pool = new ChunkPool(2, "test");
        for (int round = 0; round < 20; round++) {
            int failing = round % 8;
            assertThatThrownBy(() -> pool.forEachChunk(8 * 64, 64, (c, from, to) -> {
                if (c == failing) {
                    throw new IllegalArgumentException("chunk " + c);
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk " + failing);
            AtomicIntegerArray runs = new AtomicIntegerArray(8);
            pool.forEachChunk(8 * 64, 64, (c, from, to) -> runs.incrementAndGet(c));
            for (int c = 0; c < 8; c++) {
                assertThat(runs.get(c)).isEqualTo(1);
            }
        }
    }

    @Test
    void threadCountComesFromTheProperty() {
        assertThat(ChunkPool.threads(null)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(ChunkPool.threads("1")).isEqualTo(1);
        assertThat(ChunkPool.threads(" 4 ")).isEqualTo(4);
        for (String bad : new String[] {"0", "-2", "two", ""}) {
            assertThatThrownBy(() -> ChunkPool.threads(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pyrite.cpu.threads").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void idleHelpersEndAndTheNextJobStartsNewOnes() throws InterruptedException {
        ChunkPool pool = new ChunkPool(3, "test", 20_000_000L);
        AtomicIntegerArray runs = new AtomicIntegerArray(64);
        pool.forEachChunk(64 * 100, 100, (c, from, to) -> runs.incrementAndGet(c));
        assertThat(pool.liveHelpers()).isEqualTo(2);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pool.liveHelpers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.liveHelpers()).as("helpers 5 s after their 20 ms idle limit").isZero();
        pool.forEachChunk(64 * 100, 100, (c, from, to) -> runs.incrementAndGet(c));
        assertThat(pool.liveHelpers()).isEqualTo(2);
        for (int c = 0; c < 64; c++) {
            assertThat(runs.get(c)).isEqualTo(2);
        }
    }

    @Test
    void aPoolNeedsAtLeastTheCallerAndAPositiveGrain() {
        assertThatThrownBy(() -> new ChunkPool(0, "test")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> ChunkPool.chunkCount(10, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grain");
    }
}
