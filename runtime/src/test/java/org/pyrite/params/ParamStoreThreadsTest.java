package org.pyrite.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.param;
import static org.pyrite.Pyrite.sample;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrite.Model;
import org.pyrite.Pyrite;
import org.pyrite.distributions.Normal;
import org.pyrite.distributions.constraints.Constraints;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.SGD;
import org.pyrite.tensor.Tensor;

/**
 * One store, two threads (issue 13, item 7). A failed step on one thread used to remove, by count,
 * the 100 params another thread had created meanwhile, and then throw
 * ConcurrentModificationException. Now a store is changed by one thread at a time: a change
 * that overlaps another thread's step is refused with the fix named, a failed step removes only
 * what it created, and reading stays open to every thread. Each overlap is made certain with
 * latches: the first thread's guide waits inside its step until the second has tried.
 */
class ParamStoreThreadsTest {
    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch proceed = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        proceed.countDown();
        other.shutdownNow();
        assertThat(other.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private static Tensor scale(double guess) {
        Tensor weight = sample("weight", Normal.of(guess, 1.0));
        return sample("measurement", Normal.of(weight, 0.75));
    }

    private static final Model<Double, Tensor> CONDITIONED = Pyrite.condition(ParamStoreThreadsTest::scale, Map.of("measurement", 9.5));

    private static Tensor guide(double guess) {
        Tensor a = param("a", Tensor.scalar(guess));
        Tensor b = param("b", Tensor.scalar(1.0), Constraints.positive());
        return sample("weight", Normal.of(a, b));
    }

    /** The tutorial's guide, which waits inside the step (params read) until told to go on, then fails if asked to. */
    private Model<Double, Tensor> pausingGuide(boolean fail) {
        return guess -> {
            Tensor weight = guide(guess);
            inside.countDown();
            await(proceed);
            if (fail) {
                throw new IllegalStateException("the guide failed on purpose");
            }
            return weight;
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Future<Double> stepElsewhere(ParamStore store, Model<Double, Tensor> guide) {
        return other.submit(() -> ParamStore.scope(store, () -> new SVI<>(CONDITIONED, guide, new SGD(0.001), new TraceELBO()).step(8.5)));
    }

    @Test
    void paramsAnotherThreadCreatesDuringAFailedStepAreRefusedNotDeleted() throws Exception {
        ParamStore shared = new ParamStore();
        Future<Double> failing = stepElsewhere(shared, pausingGuide(true));
        await(inside);
        assertThatThrownBy(() -> ParamStore.scope(shared, () -> {
            for (int i = 0; i < 100; i++) {
                param("mine" + i, Tensor.scalar(i));
            }
            return null;
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot create param 'mine0' while thread")
                .hasMessageContaining("give each thread its own store")
                .hasMessageContaining("ParamStore.scope(new ParamStore()");
        proceed.countDown();
        assertThatThrownBy(failing::get).hasRootCauseMessage("the guide failed on purpose");
        assertThat(shared.names()).as("the failed step removed the params it created").isEmpty();

        // Once the step is over the store is this thread's to change, and a later failed step keeps them.
        ParamStore.scope(shared, () -> {
            for (int i = 0; i < 100; i++) {
                param("mine" + i, Tensor.scalar(i));
            }
            return null;
        });
        SVI<Double> failingHere = new SVI<>(CONDITIONED, g -> {
            guide(g);
            throw new IllegalStateException("fails again");
        }, new SGD(0.001), new TraceELBO());
        assertThatThrownBy(() -> ParamStore.scope(shared, () -> failingHere.step(8.5))).hasMessage("fails again");
        assertThat(shared.names()).hasSize(100).doesNotContain("a", "b");
    }

    @Test
    void aSecondThreadsStepOnTheSameStoreIsRefusedAndTheFirstCompletes() throws Exception {
        ParamStore shared = new ParamStore();
        ParamStore.scope(shared, () -> new SVI<>(CONDITIONED, ParamStoreThreadsTest::guide, new SGD(0.001), new TraceELBO()).step(8.5));
        Map<String, Tensor> before = shared.values();
        Future<Double> first = stepElsewhere(shared, pausingGuide(false));
        await(inside);
        SVI<Double> second = new SVI<>(CONDITIONED, ParamStoreThreadsTest::guide, new SGD(0.001), new TraceELBO());
        assertThatThrownBy(() -> ParamStore.scope(shared, () -> second.step(8.5))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot run an SVI step while thread")
                .hasMessageContaining("give each thread its own store");
        assertThat(shared.values().get("a").item()).as("the refused step changed nothing").isEqualTo(before.get("a").item());
        proceed.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isFinite();
        assertThat(shared.values().get("a").item()).as("the first thread's step was applied").isNotEqualTo(before.get("a").item());
        // Taking turns is fine: this thread may step now.
        assertThat(ParamStore.scope(shared, () -> second.step(8.5))).isFinite();
    }

    @Test
    void otherThreadsReadAndSaveWhileAStepRuns() throws Exception {
        ParamStore shared = new ParamStore();
        ParamStore.scope(shared, () -> new SVI<>(CONDITIONED, ParamStoreThreadsTest::guide, new SGD(0.001), new TraceELBO()).step(8.5));
        Future<Double> first = stepElsewhere(shared, pausingGuide(false));
        await(inside);
        double a = shared.get("a").item();
        assertThat(ParamStore.scope(shared, () -> param("a").item())).isEqualTo(a);
        assertThat(shared.values()).containsOnlyKeys("a", "b");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("shared", ".bin");
        try {
            shared.save(file);
        } finally {
            java.nio.file.Files.delete(file);
        }
        proceed.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isFinite();
    }

    @Test
    void eachThreadWithItsOwnStoreTrainsUndisturbed() throws Exception {
        ParamStore mine = new ParamStore();
        ParamStore theirs = new ParamStore();
        Future<Double> first = stepElsewhere(theirs, pausingGuide(true));
        await(inside);
        double loss = ParamStore.scope(mine, () -> new SVI<>(CONDITIONED, ParamStoreThreadsTest::guide, new SGD(0.001), new TraceELBO()).step(8.5));
        assertThat(loss).isFinite();
        proceed.countDown();
        assertThatThrownBy(first::get).hasRootCauseMessage("the guide failed on purpose");
        assertThat(mine.names()).containsExactly("a", "b");
        assertThat(theirs.names()).isEmpty();
        assertThat(CompletableFuture.supplyAsync(() -> mine.get("b").item()).get()).isPositive();
    }
}
