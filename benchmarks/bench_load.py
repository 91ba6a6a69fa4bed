"""How long loading and validating a data package takes, once the modules are imported: the bundled one and a large one.

Usage: python benchmarks/bench_load.py [--repeat N] [--large PATH | --skip-large] [--large-repeat N] [--out docs/bench-load.md]

Each repetition reads every CSV file, checks every rule and builds the frames, as opening the app does.
A separate fresh interpreter measures the one-off cost of importing pandas and the core, for context.
The large package (500 chapters, 5,000 exhibits, about 208,000 values) is generated into a temporary folder
with benchmarks/make_large_package.py's defaults unless --large names one; its load time and its peak memory
(tracemalloc's peak, and the growth of the process's peak resident size) are each measured in a fresh
interpreter. The results and the machine they came from are written to docs/bench-load.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench_common import cpu_model, percentile

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TARGET_MS = 50.0
LARGE_TARGET_S = 1.5  # issue 13: the large package loads, with every check, within 1.5 s
LARGE_TARGET_MIB = 250.0  # ... and within 250 MiB at its peak
MIB = 1024 * 1024

# run in a fresh interpreter: "time" loads the package N times; "rss" and "traced" measure one first load
LARGE_PROBE = r"""
import json, sys, time, tracemalloc
from hjk_desktop.core import bundled_package_path, load_package
path, repeat, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
load_package(bundled_package_path())  # imports and one-off set-up done, as in a running app


def status(key):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(key):
                return int(line.split()[1]) * 1024
    return None


out = {}
if mode == "time":
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        package = load_package(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        del package
    out = {"wall": walls, "cpu": cpus}
elif mode == "rss":
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")  # peak resident size := current resident size
        out["reset"] = True
    except OSError:
        out["reset"] = False
    before = status("VmRSS")
    package = load_package(path)
    out.update(before=before, peak=status("VmHWM"), after=status("VmRSS"))
    out["rows"] = {name: len(getattr(package, name)) for name in ("chapters", "exhibits", "items", "values")}
else:
    tracemalloc.start()
    package = load_package(path)
    current, peak = tracemalloc.get_traced_memory()
    out = {"peak": peak, "kept": current}
print(json.dumps(out))
"""


def summary(samples_ms: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples_ms),
        "p95": percentile(samples_ms, 0.95),
        "min": min(samples_ms),
        "max": max(samples_ms),
    }


def time_it(fn, repeat: int, warmup: int = 5) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def large_probe(path: Path, mode: str, repeat: int = 1) -> dict:
    done = subprocess.run([sys.executable, "-c", LARGE_PROBE, str(path), str(repeat), mode], capture_output=True,
                          text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_large(out: Path) -> dict[str, int]:
    spec = importlib.util.spec_from_file_location("make_large_package", REPO / "benchmarks" / "make_large_package.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_package(out)  # the generator's defaults: 500 chapters, 5,000 exhibits


def measure_large(path: Path, repeat: int) -> dict:
    """Load time (fresh interpreter, ``repeat`` loads) and peak memory of the first load (two more interpreters)."""
    timed = large_probe(path, "time", repeat)
    rss = large_probe(path, "rss")
    traced = large_probe(path, "traced")
    return {
        "wall": summary([t * 1000 for t in timed["wall"]]),
        "cpu": summary([t * 1000 for t in timed["cpu"]]),
        "repeat": repeat,
        "rss_growth": (rss["peak"] - rss["before"]) / MIB if rss.get("reset") else None,
        "rss_peak": rss["peak"] / MIB,
        "rss_after": rss["after"] / MIB,
        "traced_peak": traced["peak"] / MIB,
        "traced_kept": traced["kept"] / MIB,
        "rows": rss["rows"],
        "bytes": sum(p.stat().st_size for p in path.iterdir() if p.is_file()),
    }


def import_cost() -> dict[str, float]:
    """Import of the core and the first load, in a fresh interpreter (one-off costs at start-up)."""
    probe = (
        "import time; t0 = time.perf_counter()\n"
        "from hjk_desktop.core import bundled_package_path, load_package\n"
        "t1 = time.perf_counter(); load_package(bundled_package_path()); t2 = time.perf_counter()\n"
        "print((t1 - t0) * 1000, (t2 - t1) * 1000)\n"
    )
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO,
                             env={**os.environ, "PYTHONPATH": str(REPO)}, check=True).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    return {"import": statistics.median(r[0] for r in runs), "first_load": statistics.median(r[1] for r in runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--out", default=str(REPO / "docs" / "bench-load.md"))
    parser.add_argument("--large", type=Path, help="a large package to load (default: generate one to a temporary folder)")
    parser.add_argument("--large-repeat", type=int, default=5)
    parser.add_argument("--skip-large", action="store_true", help="measure the bundled package only")
    args = parser.parse_args()
    load_before = os.getloadavg()

    import numpy
    import pandas

    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core import query as query_module
    from hjk_desktop.core.query import query

    path = bundled_package_path()
    package = load_package(path)
    sizes = {p.name: p.stat().st_size for p in sorted(path.iterdir()) if p.is_file()}

    load = summary(time_it(lambda: load_package(path), args.repeat))

    def load_and_query_all() -> None:
        pkg = load_package(path)  # a new package: nothing cached from the previous round
        for ex in pkg.exhibit_ids():
            query(pkg, ex)

    both = summary(time_it(load_and_query_all, max(50, args.repeat // 3)))
    if hasattr(query_module, "_exhibit_data"):
        query_module._exhibit_data.cache_clear()
    start_up = import_cost()

    large = None
    if not args.skip_large:
        if args.large is not None:
            large = measure_large(args.large.resolve(), args.large_repeat)
            large["where"] = str(args.large)
        else:
            with tempfile.TemporaryDirectory(prefix="hjk-large-") as folder:
                make_large(Path(folder) / "large")
                large = measure_large(Path(folder) / "large", args.large_repeat)
            large["where"] = "generated by `benchmarks/make_large_package.py` with its defaults, in a temporary folder"
    load_after = os.getloadavg()

    verdict = "within" if load["p95"] <= TARGET_MS else "OVER"
    lines = [
        "# Loading the data package: benchmark",
        "",
        "Written by `benchmarks/bench_load.py`; run `.venv/bin/python benchmarks/bench_load.py` to measure again.",
        "",
        f"Measured {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        "## What is timed",
        "",
        "`load_package(bundled_package_path())` after the modules are imported: reading the descriptor and all",
        "eight CSV files, every validation rule (types, codes, keys, locators, formulas) and building the frames.",
        f"{args.repeat} repetitions after 5 warm-up runs; wall-clock time with `time.perf_counter`.",
        f"The package: {len(package.chapters)} chapters, {len(package.exhibits)} exhibits, {len(package.items)} items,",
        f"{len(package.values)} values; {sum(sizes.values()):,} bytes in {len(sizes)} files.".replace(",", " "),
        "",
        "## Results (milliseconds)",
        "",
        "| Measurement | median | p95 | min | max |",
        "|---|---:|---:|---:|---:|",
        f"| load and validate | {load['median']:.1f} | {load['p95']:.1f} | {load['min']:.1f} | {load['max']:.1f} |",
        f"| load, validate and query every exhibit | {both['median']:.1f} | {both['p95']:.1f} | {both['min']:.1f} | {both['max']:.1f} |",
        "",
        f"Target: load and validate within {TARGET_MS:.0f} ms. p95 is {load['p95']:.1f} ms: **{verdict} the target**.",
        "",
        "One-off costs in a fresh interpreter (median of 5 runs), for context; not part of the target:",
        "",
        f"- importing `hjk_desktop.core` (pandas, numpy included): {start_up['import']:.0f} ms",
        f"- the first `load_package` in that interpreter: {start_up['first_load']:.0f} ms",
        "",
    ]
    large_ok = True
    if large is not None:
        rows = large["rows"]
        seconds = large["wall"]["median"] / 1000
        memory = max(m for m in (large["traced_peak"], large["rss_growth"]) if m is not None)
        large_ok = seconds <= LARGE_TARGET_S and memory <= LARGE_TARGET_MIB
        rss = (f"{large['rss_growth']:.0f} MiB" if large["rss_growth"] is not None
               else "not measured (the peak resident size cannot be reset here)")
        lines += [
            "## The large package",
            "",
            f"`load_package` on a package of {grouped(rows['chapters'])} chapters, {grouped(rows['exhibits'])} exhibits,"
            f" {grouped(rows['items'])} items and {grouped(rows['values'])} values ({large['bytes'] / MIB:.1f} MiB of files),"
            f" {large['where']}.",
            "Everything the bundled package goes through: every rule, every cross-check, nothing skipped. Each",
            "figure comes from a fresh interpreter in which the modules are imported and the bundled package was",
            f"loaded once; the time is that of {large['repeat']} loads in a row, the memory that of the first load.",
            "",
            "| Measurement | value | target | verdict |",
            "|---|---:|---:|---|",
            f"| load and validate, median wall-clock | {seconds:.2f} s | {LARGE_TARGET_S} s | "
            f"{'within' if seconds <= LARGE_TARGET_S else 'OVER'} |",
            f"| the same, min–max | {large['wall']['min'] / 1000:.2f}–{large['wall']['max'] / 1000:.2f} s | | |",
            f"| CPU time of the load (median) | {large['cpu']['median'] / 1000:.2f} s | | |",
            f"| peak of traced Python and numpy memory (tracemalloc) | {large['traced_peak']:.0f} MiB | {LARGE_TARGET_MIB:.0f} MiB | "
            f"{'within' if large['traced_peak'] <= LARGE_TARGET_MIB else 'OVER'} |",
            f"| growth of the peak resident size (VmHWM) during the load | {rss} | {LARGE_TARGET_MIB:.0f} MiB | "
            f"{'within' if large['rss_growth'] is None or large['rss_growth'] <= LARGE_TARGET_MIB else 'OVER'} |",
            f"| kept by the loaded package (tracemalloc, after the load) | {large['traced_kept']:.0f} MiB | | |",
            "",
            "tracemalloc counts what Python and numpy allocate; the resident size also counts pandas' CSV parser",
            "buffers and the allocator's slack, so the two are given side by side.",
            "",
        ]
    lines += [
        "## Machine",
        "",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores",
        f"- OS: {platform.system()} {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- pandas {pandas.__version__}, numpy {numpy.__version__}",
        f"- load average (1, 5, 15 min) before: {', '.join(f'{v:.2f}' for v in load_before)};"
        f" after: {', '.join(f'{v:.2f}' for v in load_after)}",
        "",
        "The machine was shared with other jobs while this ran, so max and p95 include some noise from them.",
        "",
    ]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(line for line in lines if line.startswith("|") or "Target" in line))
    print(f"written to {out}")
    return 0 if load["p95"] <= TARGET_MS and large_ok else 1


if __name__ == "__main__":
    sys.exit(main())
