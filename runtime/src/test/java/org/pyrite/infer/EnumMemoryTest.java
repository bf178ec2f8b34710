package org.pyrite.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.Pyrite.sample;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.distributions.Categorical;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Autograd;
import org.pyrite.tensor.Tensor;
import org.pyrite.tensor.Vindex;

/**
 * The enumerated ELBO of an HMM costs memory linear in the chain's length: the bytes one estimate
 * and its gradient allocate grow fourfold (not sixteenfold, nor exponentially) from 1,000 to 4,000
 * steps, as each step's factors hold at most two enumeration dimensions and are eliminated as
 * soon as the chain moves past them.
 */
class EnumMemoryTest {
    private static final Tensor TRANS = Tensor.of(new double[][] {{0.9, 0.05, 0.05}, {0.05, 0.9, 0.05}, {0.05, 0.05, 0.9}});

    static Object hmm(Tensor locs, double[] y) {
        Tensor[] x = {Tensor.scalar(0.0)};
        Poutine.markov(y.length, t -> {
            x[0] = sample("x_" + t, Categorical.probs(Vindex.rows(TRANS, x[0])), Map.of("enumerate", "parallel"));
            sample("y_" + t, Normal.of(Vindex.rows(locs, x[0]), 1.0), Tensor.scalar(y[t]));
        });
        return null;
    }

    private static long allocatedBytes(int length) {
        double[] y = new double[length];
        for (int t = 0; t < length; t++) {
            y[t] = Math.sin(t * 0.05) * 3;
        }
        Tensor locs = Tensor.of(-3.0, 0.0, 3.0).requiringGrad();
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        ELBO.Estimate e = new TraceEnumELBO(0).estimate(a -> hmm(locs, y), a -> null, null, true);
        Autograd.grad(e.surrogate(), locs);
        return bean.getThreadAllocatedBytes(tid) - before;
    }

    @Test
    void allocationGrowsLinearlyInTheChainLength() {
        allocatedBytes(1000); // warm-up: class loading and first-call allocations
        long short1000 = allocatedBytes(1000);
        long long4000 = allocatedBytes(4000);
        double ratio = (double) long4000 / short1000;
        System.out.printf("HMM ELBO + gradient allocates %.1f MB at 1,000 steps, %.1f MB at 4,000: ratio %.2f%n",
                short1000 / 1e6, long4000 / 1e6, ratio);
        assertThat(ratio).isBetween(3.0, 5.0);
    }
}
