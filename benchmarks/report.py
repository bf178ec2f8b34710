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

SHORT = {"trace": "trace", "plainCall": "plain call", "traceLogProbSum": "trace+logp", "step": "SVI step",
         "fullBatch": "logreg full", "subsample": "logreg sub"}
PYRO = {  # ../shared/baselines/pyro.md, same machine kind
    "trace": ("trace of scale", 56.0, "us", 0.5),
    "plainCall": ("plain call of scale", 36.5, "us", None),
    "traceLogProbSum": ("trace + log-prob sum", 123.0, "us", None),
    "step": ("SVI step, scale, Adam", 552.0, "us", 2.0),
    "fullBatch": ("logreg SVI step, full batch", 1502.0, "us", 150.0),
    "subsample": ("logreg SVI step, subsample 1,000", 1165.0, "us", 30.0),
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


def main(jmh_json, longrun_csv, chart_csv):
    with open(jmh_json) as f:
        results = json.load(f)
    cpu, cores, java = machine()
    out = ["# Pyrite benchmarks against Pyro", "",
           f"Measured {datetime.date.today().isoformat()} by `benchmarks/run.sh` on {cores} cores ({cpu}), {java}, "
           f"{platform.system()} {platform.release()}. JMH 1.37, one fork, 3 x 1 s warm-up, 5 x 1 s measurement, 2 GiB heap. "
           "Pyro's figures: `../shared/baselines/pyro.md` (Pyro 1.8.6, torch 1.13, same machine kind).", "",
           "| benchmark | Pyrite median | error (99.9%) | Pyro | speed-up | target | met |",
           "|---|---|---|---|---|---|---|"]
    chart = []
    imp = {}
    alloc = None
    for b in results:
        method = b["benchmark"].rsplit(".", 1)[1]
        med, err = median_us(b)
        params = b.get("params", {})
        if "ImportanceBenchmark" in b["benchmark"]:
            imp[(int(params["n"]), int(params["threads"]))] = (med, err)
            continue
        if method == "step":
            norm = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            if norm:
                alloc = norm["score"]
        if method not in PYRO:
            continue
        label, pyro, unit, target = PYRO[method]
        ok = "" if target is None else ("yes" if med <= target else "no")
        out.append(f"| {label} | {med:.3f} us | ±{err:.3f} | {pyro:g} us | {pyro / med:,.0f}x | "
                   f"{'' if target is None else f'<= {target:g} us'} | {ok} |")
        chart.append((SHORT[method], pyro, med))
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
        out.append(f"JMH's GC profiler: {alloc:,.0f} bytes allocated per SVI step (`gc.alloc.rate.norm`).")
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
    out += ["", "## What bounds the targets not met (profiles of 2026-11-25)", "",
            "- SVI step on the scale model: roughly 100 to 150 scalar tensor operations per step (counted from the code path) (guide and model traces, three "
            "log-densities with their validation, the ELBO, the backward pass, Adam), each an immutable tensor plus, when "
            "recorded, a record of its parents and backward rule: about 8 KB of short-lived objects per step (JMH GC profiler) and about 20 ns per "
            "operation. JFR showed no single hot spot after the autograd identity maps were cut to one (the map of one "
            "backward pass, about 1 KB, is the largest single allocation); the next step is fewer operations per step "
            "(fused scalar log-densities with their own backward rules, reused traces).",
            "- Logistic regression: about 30 passes over 10,000-element arrays per full-batch step, each allocating its "
            "result (80 KB). JFR on the full batch: the two matrix-vector products (X w and X^T g) about 33% of samples "
            "(about 55 us each, reading the 1.6 MB design matrix), softplus and sigmoid about 30% (Math.exp and Math.log "
            "cost about 3.7 and 5 ns per element here, scalar, so the likelihood and its gradient alone take about 130 us "
            "per step), the rest products, sums and validation scans. 150 us needs vectorized exp/log and fused "
            "likelihood-gradient kernels (the Vector API or native code), not faster single ops. On 1,000-row subsamples "
            "the same costs shrink tenfold but the fixed cost per step (two traces, the autoguide, Adam, about 25 us) "
            "and the row gather remain.",
            "- Importance on two threads: each trace allocates about 0.8 KB (messages, sites, distributions, tensors) and "
            "all traces stay alive until the run ends, so the two threads share young-generation collections that copy "
            "live traces and pause both; the speed-up was 1.6x to 1.8x across runs at N = 10,000 and 1.1x to 1.4x at "
            "N = 1,000, where a run lasts about 0.1 ms and waking the worker costs a noticeable share of it."]
    with open(chart_csv, "w") as f:
        for label, pyro, pyrite in chart:
            f.write(f"{label};{pyro};{pyrite}\n")
    print("\n".join(out))


if __name__ == "__main__":
    main(*sys.argv[1:4])
