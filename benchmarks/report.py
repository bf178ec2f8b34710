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
    out += ["", "## What bounds the targets not met (profiles of 2026-11-25, second session)", "",
            "- Logistic regression, full batch: JFR on the step (2,834 samples) puts 27% in X^T g and 21% in X w, "
            "34% in the fused Bernoulli-logits kernel, and the rest in validation scans, sums and the broadcast gradient "
            "(592 KB allocated per step). Each matrix-vector product is 200,000 scalar multiply-adds at about half of the "
            "core's scalar peak (38 to 50 us; 33 us when the row length is a compile-time constant): C2 does not "
            "vectorize a dot product's reduction, which would reorder the sums, and the Vector API is an incubator module "
            "on Java 17. The likelihood costs about 6 ns per element: exp (2 ns) and log1p (3 ns), written in Java "
            "(`ScalarMath`, within one ulp), plus a division and the stores. Splitting a kernel over the second core "
            "costs more than it saves here: a parked thread takes tens of microseconds to wake on these machines (a "
            "10,000 x 20 matrix-vector product took 38 us alone and 65 to 79 us split in two with a ForkJoinPool).",
            "- Logistic regression, subsample 1,000: JFR (3,362 samples) puts 18% in gathering the 1,000 rows of X from "
            "the 1.6 MB matrix, about 25% in the likelihood, 13% in the matrix-vector products, 10% in drawing the "
            "subset, 8% in validating the observed labels, and the rest in the two traces, the autoguide and Adam.",
            "- Importance on two threads: chunks are claimed dynamically and the calling thread draws too, and GC takes "
            "under 2% of the run (JMH GC profiler), so what remains is the worker's wake-up (tens of microseconds), the "
            "tail of the last chunk and the serial assembly of the trace list. Smaller chunks (32 per thread) gave the "
            "same 1.7x at N = 10,000; at N = 1,000 a run lasts about 0.1 ms and the wake-up is a large share of it."]
    with open(chart_csv, "w") as f:
        for label, pyro, pyrite in chart:
            f.write(f"{label};{pyro};{pyrite}\n")
    print("\n".join(out))


if __name__ == "__main__":
    main(*sys.argv[1:4])
