#!/usr/bin/env python3
"""Turns JMH's JSON output and the long-run CSV into benchmarks/RESULTS.md (standard library only).

Medians are taken over the measurement iterations (each iteration's score is that second's mean
time per operation); the error column is JMH's 99.9% confidence half-width of the mean.
"""
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

# Keyed by class and method: several benchmarks have a method named "step" (VaeStepBenchmark's is in
# sections.py's VAE table, not this one).
SHORT = {"TraceBenchmark.trace": "trace", "TraceBenchmark.plainCall": "plain call",
         "TraceBenchmark.traceLogProbSum": "trace+logp", "SviBenchmark.step": "SVI step",
         "LogisticRegressionBenchmark.fullBatch": "logreg full", "LogisticRegressionBenchmark.subsample": "logreg sub"}
PYRO = {  # ../shared/baselines/pyro.md, same machine kind
    "TraceBenchmark.trace": ("trace of scale", 56.0, "us", 0.5),
    "TraceBenchmark.plainCall": ("plain call of scale", 36.5, "us", None),
    "TraceBenchmark.traceLogProbSum": ("trace + log-prob sum", 123.0, "us", None),
    "SviBenchmark.step": ("SVI step, scale, Adam", 552.0, "us", 2.0),
    "LogisticRegressionBenchmark.fullBatch": ("logreg SVI step, full batch", 1502.0, "us", 150.0),
    "LogisticRegressionBenchmark.subsample": ("logreg SVI step, subsample 1,000", 1165.0, "us", 30.0),
}
PYRO_TRACES_PER_S = {1000: 3635.0, 10000: 3183.0}


def median_us(b):
    unit = b["primaryMetric"]["scoreUnit"]
    scale = {"us/op": 1.0, "ms/op": 1000.0, "ns/op": 0.001, "s/op": 1e6}[unit]
    raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
    return statistics.median(raw) * scale, b["primaryMetric"]["scoreError"] * scale


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return cpu, os.cpu_count(), java


def read_latency(path):
    try:
        with open(path) as f:
            return float(f.read().strip())
    except (OSError, ValueError):
        return None


def cold_start_section(path):
    """RESULTS.md's cold-start table from cold-start.sh's CSV: medians over the fresh JVMs of each setting."""
    import csv
    rows = {}
    order = []
    with open(path) as f:
        for r in csv.DictReader(f):
            key = (r["config"], r["flags"])
            if key not in rows:
                rows[key] = {}
                order.append(key)
            rows[key].setdefault(r["mode"], []).append(r)

    def med(rs, field, scale=1.0, fmt="{:,.0f}"):
        xs = [float(r[field]) * scale for r in rs if r[field] not in ("", "nan", "NaN")]
        return fmt.format(statistics.median(xs)) if xs else "n/a"

    reps = max((len(m) for v in rows.values() for m in v.values()), default=0)
    out = ["", "## Cold start: a user's first runs in a fresh JVM", "",
           f"`benchmarks/cold-start.sh`: medians over {reps} fresh JVMs per setting, one program per JVM, on the machine "
           "above. JMH's warm-up hides these costs; a user's program meets them. \"first\" is the first 10,000 "
           "importance samples of the tutorial's conditioned model, or the first 2,000 SVI steps (scale model, Adam); "
           "\"steady\" the median round in the sixth second; \"settled\" the seconds until a round first ran within "
           "1.5x of steady. The tutorial is every cell of the seed tutorial (its own clock, and the whole JVM's wall "
           "time with start-up and plots).", "",
           "| JVM setting | importance: first 10,000 | steady 10,000 | settled after | SVI: first 2,000 steps "
           "| steady 2,000 | settled after | tutorial | tutorial JVM wall |",
           "|---|---|---|---|---|---|---|---|---|"]
    for key in order:
        name, flags = key
        m = rows[key]
        imp, svi, tut = m.get("importance", []), m.get("svi", []), m.get("tutorial", [])
        label = f"{name} (`{flags}`)" if flags else name
        out.append(f"| {label} | {med(imp, 'first_ms')} ms | {med(imp, 'steady_ms', fmt='{:.2f}')} ms | "
                   f"{med(imp, 'settled_s', fmt='{:.1f}')} s | {med(svi, 'first_ms')} ms | "
                   f"{med(svi, 'steady_ms', fmt='{:.1f}')} ms | {med(svi, 'settled_s', fmt='{:.1f}')} s | "
                   f"{med(tut, 'first_ms', 0.001, '{:.2f}')} s | {med(tut, 'wall_s', fmt='{:.2f}')} s |")
    return out


NUTS = [  # harness, label, Pyro (s), Stan wall (ms), target (ms); ../shared/baselines/pyro.md and stan.md
    ("NutsScaleRun", "scale model", 1.76, 20.0, 20.0),
    ("NutsLogisticRun", "logistic regression 1,000 x 5", 4.94, 348.0, 100.0),
    ("NutsEightSchoolsRun", "eight schools, non-centred", None, 83.0, None),
    ("NutsBreastCancerRun", "breast cancer, 569 x 30", None, 2000.0, None),
]
# Stan's min bulk ESS per second, from stan.md's careful run: per wall second of sampling(), and
# per second of Stan's own timer (warm-up + sampling, without R): (wall, timer).
STAN_ESS_PER_SECOND = {
    "NutsScaleRun": (31490, 426 / 0.0052),
    "NutsLogisticRun": (2055, 670 / 0.328),
    "NutsEightSchoolsRun": (7083, 486 / 0.024),
    "NutsBreastCancerRun": (482, 956 / 1.92),
}


def nuts_section(folder):
    """NUTS harness medians (one chain, 500 warm-up + 1,000 draws) beside Pyro and Stan."""
    import re
    rows = []
    ess_rows = []
    for name, label, pyro, stan, target in NUTS:
        try:
            with open(os.path.join(folder, name + ".txt")) as f:
                text = f.read()
        except OSError:
            continue
        m = re.search(r"([0-9.]+) ms wall, ([0-9.]+) ms cpu", text)
        if not m:
            continue
        wall, cpu = float(m.group(1)), float(m.group(2))
        f = re.search(r"first run ([0-9.]+) ms wall", text)
        first = f"{float(f.group(1)):,.1f} ms" if f else ""
        met = "" if target is None else ("yes" if wall <= target else "no")
        rows.append(f"| {label} | {wall:.1f} ms | {cpu:.1f} ms | {first} | {'' if pyro is None else f'{pyro:g} s'} | "
                    f"{stan:g} ms | {'' if pyro is None else f'{pyro * 1000 / wall:,.0f}x'} | "
                    f"{'' if target is None else f'<= {target:g} ms'} | {met} |")
        e = re.search(r"min bulk ESS ([0-9.]+), min ESS per wall second ([0-9.]+)", text)
        if e:
            ess, per_second = float(e.group(1)), float(e.group(2))
            stan_wall, stan_timer = STAN_ESS_PER_SECOND[name]
            ess_rows.append(f"| {label} | {ess:,.0f} | {per_second:,.0f} | {stan_wall:,.0f} | {stan_timer:,.0f} | "
                            f"{per_second / stan_wall:.2f}x | {'yes' if per_second >= stan_wall else 'no'} |")
    if not rows:
        return []
    return ["", "## NUTS: one chain, 500 warm-up + 1,000 draws", "",
            "`NutsScaleRun`, `NutsLogisticRun`, `NutsEightSchoolsRun`, `NutsBreastCancerRun` (benchmarks/): seeded runs repeated in one JVM "
            "until the JIT is warm (300 of the scale model, 60 of logistic regression, 120 of eight schools, 30 of breast "
            "cancer), medians of the last 10 (wall, and the JVM's CPU time with its 10 ms ticks), and the first run's wall "
            "time, which a program that samples once in a fresh JVM sees. Pyro: `../shared/baselines/pyro.md`; Stan: rstan's wall time "
            "(`../shared/baselines/stan.md`).", "",
            "| model | Pyrite wall | Pyrite CPU | first run | Pyro | Stan | vs Pyro | target | met |",
            "|---|---|---|---|---|---|---|---|---|", *rows, "",
            "Effective samples per second (target: at least Stan's on all four models). Pyrite: the median over the "
            "last 10 runs of each run's min bulk ESS (split chains, rank-normalised, as Pyro's and Stan's) divided by "
            "its wall time. Stan: min bulk ESS by `rstan::monitor` per wall second of `sampling()`, and per second of "
            "Stan's own timer (warm-up + sampling without R), the stricter figure.", "",
            "| model | Pyrite min ESS | Pyrite ESS/s | Stan ESS/s (wall) | Stan ESS/s (own timer) | vs Stan wall | met |",
            "|---|---|---|---|---|---|---|", *ess_rows, "",
            "What bounds logistic regression (JFR profiles of `NutsLogisticRun`, 2026-12-04): about 70% of the time is "
            "in the tensor kernels of the Bernoulli-logits likelihood (exp/log1p) and the two matrix-vector products, "
            "about 8% in checking the observed labels against the support at every evaluation; the MCMC code itself is "
            "under 2%. In eight schools the MCMC code is about 8%, the rest the tape's bookkeeping (an IdentityHashMap "
            "per backward pass). Both are the tensor layer's to speed up (the SIMD issue), not the sampler's."]


def main(jmh_json, gc_json, longrun_csv, chart_csv, latency_before=None, latency_after=None, coldstart_csv=None,
         harness_folder=None):
    with open(jmh_json) as f:
        results = json.load(f)
    with open(gc_json) as f:
        gc_results = json.load(f)
    cpu, cores, java = machine()
    lat = [read_latency(p) for p in (latency_before, latency_after) if p]
    out = ["# Pyrite benchmarks against Pyro", "",
           f"Measured {datetime.date.today().isoformat()} by `benchmarks/run.sh` on {cores} cores ({cpu}), {java}, "
           f"{platform.system()} {platform.release()}. JMH 1.37, one fork, 5 x 1 s warm-up, 5 x 1 s measurement, 2 GiB heap. "
           "Pyro's figures: `../shared/baselines/pyro.md` (Pyro 1.8.6, torch 1.13, same machine kind).", "",
           *([f"Cross-core round trip (`CoreLatency`, a cache line between two threads) before and after the suite: "
              + " and ".join(f"{x:.0f} ns" for x in lat if x is not None)
              + ". Two-thread results depend on it: this machine kind has shown about 60 ns in some hours and about "
              "380 ns in others (see the notes at the end).", ""] if any(x is not None for x in lat) else []),
           "| benchmark | Pyrite median | error (99.9%) | Pyro | speed-up | target | met |",
           "|---|---|---|---|---|---|---|"]
    chart = []
    imp = {}
    alloc = None
    for b in results:
        method = ".".join(b["benchmark"].rsplit(".", 2)[1:])
        med, err = median_us(b)
        params = b.get("params", {})
        if "ImportanceBenchmark" in b["benchmark"]:
            imp[(int(params["n"]), int(params["threads"]))] = (med, err)
            continue
        if method not in PYRO:
            continue
        label, pyro, unit, target = PYRO[method]
        ok = "" if target is None else ("yes" if med <= target else "no")
        out.append(f"| {label} | {med:.3f} us | ±{err:.3f} | {pyro:g} us | {pyro / med:,.0f}x | "
                   f"{'' if target is None else f'<= {target:g} us'} | {ok} |")
        chart.append((SHORT[method], pyro, med))
    alloc_trace = None
    for b in gc_results:
        norm = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        if norm and b["benchmark"].endswith("SviBenchmark.step"):
            alloc = norm["score"]
        if norm and b["benchmark"].endswith("ImportanceBenchmark.run") and b.get("params", {}).get("threads") == "1":
            alloc_trace = norm["score"] / int(b["params"]["n"])
    for (n, threads), (med, err) in sorted(imp.items()):
        rate = n / (med / 1e6)
        pyro = PYRO_TRACES_PER_S[n]
        target = ">= 1,000,000 traces/s" if (n == 10000 and threads == 1) else ""
        ok = ("yes" if rate >= 1e6 else "no") if target else ""
        out.append(f"| Importance, N = {n:,}, {threads} thread{'s' if threads > 1 else ''} | {rate:,.0f} traces/s "
                   f"({med / 1000:.2f} ms per run) | ±{err / 1000:.2f} ms | {pyro:,.0f} traces/s | {rate / pyro:,.0f}x | {target} | {ok} |")
        if threads == 1:
            chart.append((f"IS N={n // 1000}k / trace", 1e6 / pyro, med / n))
    for n in (1000, 10000):
        if (n, 1) in imp and (n, 2) in imp:
            speedup = imp[(n, 1)][0] / imp[(n, 2)][0]
            out.append(f"| Importance, N = {n:,}: 2 threads vs 1 | {speedup:.2f}x | | | | >= 1.8x | {'yes' if speedup >= 1.8 else 'no'} |")
    out += ["", "## Memory: 1,000,000 SVI steps on the scale model", ""]
    if alloc is not None:
        out.append(f"JMH's GC profiler, in a separate run of `SviBenchmark` (the profiler perturbs the two-thread "
                   f"timings above): {alloc:,.0f} bytes allocated per SVI step (`gc.alloc.rate.norm`)"
                   + (f"; importance allocates {alloc_trace:,.0f} bytes per trace (N = 10,000, one thread), the "
                      "traces it returns included." if alloc_trace is not None else "."))
        out.append("")
    with open(longrun_csv) as f:
        lines = [l.strip() for l in f if l.strip()]
    out += ["Old generation after a full GC at every tenth of the run (`LongRun`, -Xmx512m):", "",
            "| step | old gen (bytes) | allocated per step so far (bytes) |", "|---|---|---|"]
    for line in lines[1:]:
        if line.startswith("steps="):
            out += ["", line]
        else:
            s, old, a = line.split(",")
            out.append(f"| {int(s):,} | {int(old):,} | {float(a):,.1f} |")
    out += ["", "## Why the kernels are written as they are", "",
            "Measurements from earlier sessions' profiles that the code's comments point to (not outputs of this run).", "",
            "- `ScalarMath` instead of `Math`: on JDK 17 `Math.exp` is a call into a stub (about 3 ns per element) and "
            "`Math.log1p` no intrinsic (about 10 ns per element); the table-driven versions inline into the element loops "
            "(softplus over 10,000 elements: 126 -> 57 us).",
            "- The array loops scan for out-of-range inputs first, then run without a branch: with the fallback branch "
            "inside, the full-batch logistic-regression step took 190 or 228 us depending on how C2 compiled the loop "
            "in that JVM (193-200 us in five JVMs after the change, 2026-11-25).",
            "- The sigmoid's numerator is chosen by the sign bit: a mispredicted branch per element made the fused "
            "Bernoulli kernel with its gradient take 107 instead of 75 us at n = 10,000.",
            "- With validation off, `Distribution.logProb` returns the log-density unmasked after one scan of the "
            "support: building the mask first made validation off a slowdown (logistic regression, full batch: 342 us "
            "off against 191 us on; 131 us off after the change).",
            "- `ChunkPool`'s helpers spin before they park: a parked thread took 40-60 us to wake on this machine kind, "
            "about as long as a 10,000 x 20 matrix-vector product (about 40 us).",
            "- A loop of one chunk (n no more than the grain, e.g. 512 elements) runs on the caller untimed: it can never "
            "be split, and the two clock reads that fed the cost estimate took about 50 ns (24 ns each here), as much as "
            "the kernel: exp of 25 values took 0.138 us with them and 0.074 us without (`KernelBenchmark.expOf25`, JMH, "
            "2 forks x 5 iterations, 2026-12-04).",
            "",
            "## Notes from the profiles of 2026-11-25 (third session)", "",
            "These are measurements made while optimising, not outputs of this run.", "",
            "- Logistic regression, full batch: the transcendental loops (`ScalarMath`) first scan their input and "
            "then run a loop without a branch. With the fallback branch inside, C2 compiled the exp loop up to 2.5 times "
            "slower whenever it was inlined into the fused likelihood, and whether it was inlined varied by JVM: the "
            "step took 190 or 228 us depending on the run. The large kernels (both matrix-vector products, the "
            "likelihood, the row gather) are then split over both cores by `ChunkPool`: chunk bounds depend only on "
            "sizes, so results are the same bits on any thread count. The caller claims chunks from the front and the "
            "helper from the back, so each core keeps reading its own half of the 1.6 MB design matrix, and each half "
            "fits that core's 1 MB L2. A 10,000 x 20 matrix-vector product is still scalar arithmetic, because C2 on "
            "Java 17 does not vectorise a dot product's reduction.",
            "- Logistic regression, subsample 1,000: `x.index(0, rows)` keeps the picked rows as a view, and the "
            "matrix-vector products read them in place, both ways. A fresh 160 KB array cost 4.3 us just to allocate "
            "and zero. Subsample indices come out ascending, so with the front/back split each core reads the same "
            "half of the data at every step (35 to 30 us). Drawing the subset uses two 32-bit draws per 64-bit word. "
            "About 6.5 us of each step does not depend on the batch size: the small tensor operations of the guide, "
            "the ELBO and Adam on 20-dimensional parameters.",
            "- Two-thread results on this machine have two steady modes. In one JVM the subsample step ran at 29.4 us "
            "for 3 s, then at 36.5 us for 2.5 s, then at 29.4 us again. PrintCompilation showed no compilation in "
            "between, and both threads stayed at 97-99% CPU. Once, a two-thread importance run at N = 1,000 took 122 "
            "us (slower than one thread) for a whole JVM. Single-thread figures do not move this way; we take it to be "
            "where the hypervisor places the two vCPUs: a cache line's round trip between two threads measured 54-74 ns "
            "in the fast hours and 360-420 ns in the slow ones (`CoreLatency`, printed at the top of this file for "
            "this run).",
            "- Importance on two threads: the caller and one helper claim chunks from opposite ends. Chunks are large "
            "at the ends and 64 samples where the two meet, and the chunks are the same for any thread count. GC takes "
            "1-2.5% of a two-thread run (6.5 GB/s allocated per thread). At N = 10,000 the ratio was 1.79-1.93x over "
            "this session's JMH runs. At N = 1,000 a run lasts about 60 us on two threads, and the ratio ranged from "
            "1.43x to 1.85x over this session's JMH runs (1.62x to 1.93x in a plain timing loop). Each run pays a few "
            "microseconds of fixed costs: 14 chunks, each with its own seeded generator, and waiting for the other "
            "thread's last chunk. Middle chunks of 16 or 32 samples instead of 64 made no difference that stood out "
            "from the run-to-run spread.",
            "- JMH's GC profiler perturbs the two-thread timings: with `-prof gc` the subsampled step measured "
            "34.0 +- 14.2 us, without it 28.3 +- 0.3 us, minutes apart. So `run.sh` times the suite without the "
            "profiler and measures allocation in a separate run of `SviBenchmark`."]
    if harness_folder:
        nuts = nuts_section(harness_folder)
        at = out.index("## Why the kernels are written as they are") - 1
        out[at:at] = nuts
    if coldstart_csv and os.path.exists(coldstart_csv):
        cold = cold_start_section(coldstart_csv)
        at = out.index("## Why the kernels are written as they are") - 1
        out[at:at] = cold
    with open(chart_csv, "w") as f:
        for label, pyro, pyrite in chart:
            f.write(f"{label};{pyro};{pyrite}\n")
    print("\n".join(out))


if __name__ == "__main__":
    main(*sys.argv[1:9])
