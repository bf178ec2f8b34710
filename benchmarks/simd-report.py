#!/usr/bin/env python3
"""The figures of the SIMD and threading work (issue 20) from run.sh's extra JMH runs, as Markdown
(standard library only): logistic regression on one and two threads, without and with the Vector
API module; the size sweep of one against two threads; importance two threads against one; the
kernels one at a time; and, for every run, whether the first and last measured iterations are
within 10 % of each other (steady state). Medians over the measurement iterations.

Usage: simd-report.py TARGET_DIR   (reads TARGET_DIR/jmh-*.json, TARGET_DIR/latency-*.txt)
"""
import json
import os
import statistics
import sys

SCALE = {"us/op": 1.0, "ms/op": 1000.0, "ns/op": 0.001, "s/op": 1e6}


def load(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        text = f.read()
    # An interrupted JMH run leaves an empty file: treat it as missing.
    return json.loads(text) if text.strip() else []


def raw_us(b):
    scale = SCALE[b["primaryMetric"]["scoreUnit"]]
    return [x * scale for fork in b["primaryMetric"]["rawData"] for x in fork]


def median_us(b):
    return statistics.median(raw_us(b))


def key(b):
    name = b["benchmark"].rsplit(".", 2)
    params = ",".join(f"{k}={v}" for k, v in sorted(b.get("params", {}).items()))
    return name[-2] + "." + name[-1] + ("(" + params + ")" if params else "")


def find(results, method, **params):
    for b in results:
        if b["benchmark"].endswith("." + method) and all(str(b.get("params", {}).get(k)) == str(v) for k, v in params.items()):
            return median_us(b)
    return None


def fmt(v, unit="us"):
    return "n/a" if v is None else f"{v:,.1f} {unit}"


def ratio(a, b):
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


def met(value, target, smaller_is_better=True):
    if value is None:
        return "n/a"
    return "yes" if (value <= target if smaller_is_better else value >= target) else "no"


def main(folder):
    runs = {
        "scalar, 2 threads": load(folder, "jmh.json"),
        "scalar, 1 thread": load(folder, "jmh-1t.json"),
        "vector, 2 threads": load(folder, "jmh-vector.json"),
        "vector, 1 thread": load(folder, "jmh-vector-1t.json"),
    }
    lat = []
    for name in ("latency-before.txt", "latency-after.txt"):
        try:
            with open(os.path.join(folder, name)) as f:
                lat.append(f.read().strip() + " ns")
        except OSError:
            lat.append("n/a")
    print("## CPU kernels: SIMD and threads (issue 20)\n")
    print(f"Cross-core round trip (`CoreLatency`) before and after: {lat[0]} and {lat[1]}. "
          "\"vector\": the JVM started with `--add-modules jdk.incubator.vector`; \"1 thread\": `-Dpyrite.cpu.threads=1`.\n")
    print("| benchmark | scalar, 1 thread | vector, 1 thread | scalar, 2 threads | vector, 2 threads | target | met |")
    print("|---|---|---|---|---|---|---|")
    rows = [("logreg SVI step, full batch 10,000 x 20", "fullBatch", (("1 thread", 60.0), ("2 threads", 40.0))),
            ("logreg SVI step, subsample 1,000", "subsample", (("1 thread", 12.0),)),
            ("SVI step, scale model", "step", (("1 thread", 2.0), ("2 threads", 2.0)))]
    for label, method, targets in rows:
        vals = {k: find(v, method) for k, v in runs.items()}
        # A target holds when the better of the scalar and vector kernels meets it on that thread count.
        verdicts = []
        for which, target in targets:
            got = [v for k, v in vals.items() if v is not None and k.endswith(which)]
            verdicts.append(f"{which}: {met(min(got) if got else None, target)}")
        target_text = "; ".join(f"{which} <= {target:g} us" for which, target in targets)
        print(f"| {label} | {fmt(vals['scalar, 1 thread'])} | {fmt(vals['vector, 1 thread'])} | {fmt(vals['scalar, 2 threads'])} "
              f"| {fmt(vals['vector, 2 threads'])} | {target_text} | {'; '.join(verdicts)} |")
    print()
    for label, name in (("scalar", "jmh-sweep"), ("vector", "jmh-sweep-vector")):
        one = load(folder, name + "-1.json")
        two = load(folder, name + "-2.json")
        if not one or not two:
            continue
        print(f"Size sweep, {label} kernels: `SweepBenchmark` (X w, Bernoulli-logits likelihood, gradient in w; X n x 20), "
              "one thread against two. Two must never be slower.\n")
        print("| n | 1 thread | 2 threads | speed-up |")
        print("|---|---|---|---|")
        for b in one:
            n = b["params"]["n"]
            t1 = median_us(b)
            t2 = find(two, "likelihoodAndGradient", n=n)
            print(f"| {int(n):,} | {fmt(t1)} | {fmt(t2)} | {ratio(t1, t2)} |")
        print()
    imp = load(folder, "jmh-importance-sweep.json")
    if imp:
        print("Importance sampling, two threads against one (`ImportanceBenchmark`, scalar kernels; targets: >= 1.8x at "
              "N = 10,000, never below 1.0x).\n")
        print("| N | 1 thread | 2 threads | speed-up |")
        print("|---|---|---|---|")
        for n in sorted({int(b["params"]["n"]) for b in imp}):
            t1 = find(imp, "run", n=n, threads=1)
            t2 = find(imp, "run", n=n, threads=2)
            print(f"| {n:,} | {fmt(t1)} | {fmt(t2)} | {ratio(t1, t2)} |")
        print()
    ks, kv = load(folder, "jmh-kernels-scalar.json"), load(folder, "jmh-kernels-vector.json")
    if ks:
        print("Kernels one at a time, one thread (`KernelBenchmark`; netlib: `dev.ludovic.netlib:blas` 3.2.0, "
              "its Java or Vector API implementation, no native BLAS installed).\n")
        print("| kernel | scalar | vector | speed-up |")
        print("|---|---|---|---|")
        for b in ks:
            m = b["benchmark"].rsplit(".", 1)[1]
            s = median_us(b)
            v = find(kv, m)
            print(f"| {m} | {fmt(s)} | {fmt(v)} | {ratio(s, v)} |")
        print()
    print("Steady state: first against last measured iteration (target: within 10 %).\n")
    print("| run | benchmark | first | last | apart |")
    print("|---|---|---|---|---|")
    for name in sorted(f for f in os.listdir(folder) if f.startswith("jmh") and f.endswith(".json")):
        for b in load(folder, name):
            raw = raw_us(b)
            if len(raw) < 2:
                continue
            apart = abs(raw[-1] - raw[0]) / min(raw[0], raw[-1])
            flag = "" if apart <= 0.10 else " **over 10 %**"
            print(f"| {name} | {key(b)} | {fmt(raw[0])} | {fmt(raw[-1])} | {apart:.0%}{flag} |")


if __name__ == "__main__":
    main(sys.argv[1])
