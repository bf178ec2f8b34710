package org.pyrite.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.pyrite.Pyrite;
import org.pyrite.infer.SVI;
import org.pyrite.infer.TraceELBO;
import org.pyrite.optim.Adam;
import org.pyrite.params.ParamStore;

/**
 * One long SVI run on the scale model (default 1,000,000 steps): prints the bytes allocated per
 * step and the old generation's occupancy after a full GC at every tenth of the run, to show the
 * heap stays flat. Run by {@code benchmarks/run.sh}.
 */
public final class LongRun {
    private LongRun() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Pyrite.setRngSeed(0);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (ParamStore.Scope s = ParamStore.use(new ParamStore())) {
            SVI<Double> svi = new SVI<>(ScaleModels.CONDITIONED, ScaleModels::guide, new Adam(0.01), new TraceELBO());
            int tenth = steps / 10;
            long allocStart = threads.getThreadAllocatedBytes(thread);
            long timeStart = System.nanoTime();
            System.out.println("step,old_gen_bytes_after_gc,alloc_bytes_per_step_so_far");
            for (int t = 1; t <= steps; t++) {
                svi.step(ScaleModels.GUESS);
                if (t % tenth == 0) {
                    long alloc = threads.getThreadAllocatedBytes(thread) - allocStart;
                    System.gc();
                    System.out.printf(Locale.ROOT, "%d,%d,%.1f%n", t, oldGenUsed(), (double) alloc / t);
                }
            }
            double seconds = (System.nanoTime() - timeStart) / 1e9;
            System.out.printf(Locale.ROOT, "steps=%d seconds=%.2f us_per_step=%.3f%n", steps, seconds, seconds * 1e6 / steps);
        }
    }

    private static long oldGenUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Old") || name.contains("Tenured"))) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }
}
