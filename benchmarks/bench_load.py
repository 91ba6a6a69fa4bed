"""How long loading and validating the bundled data package takes, once the modules are imported.

Usage: python benchmarks/bench_load.py [--repeat N] [--out docs/bench-load.md]

Each repetition reads every CSV file, checks every rule and builds the frames, as opening the app does.
A separate fresh interpreter measures the one-off cost of importing pandas and the core, for context.
The results and the machine they came from are written to docs/bench-load.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TARGET_MS = 50.0


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    pos = (len(ordered) - 1) * q
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


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
    args = parser.parse_args()

    import numpy
    import pandas

    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.query import _exhibit_data, query

    path = bundled_package_path()
    package = load_package(path)
    sizes = {p.name: p.stat().st_size for p in sorted(path.iterdir()) if p.is_file()}

    load = summary(time_it(lambda: load_package(path), args.repeat))

    def load_and_query_all() -> None:
        pkg = load_package(path)  # a new package: nothing cached from the previous round
        for ex in pkg.exhibit_ids():
            query(pkg, ex)

    both = summary(time_it(load_and_query_all, max(50, args.repeat // 3)))
    _exhibit_data.cache_clear()
    start_up = import_cost()

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
        "## Machine",
        "",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores",
        f"- OS: {platform.system()} {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- pandas {pandas.__version__}, numpy {numpy.__version__}",
        "",
        "The machine was shared with other jobs while this ran, so max and p95 include some noise from them.",
        "",
    ]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines[14:24]))
    print(f"written to {out}")
    return 0 if load["p95"] <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
