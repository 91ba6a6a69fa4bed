"""Export timings: "Eksporter alt" (the whole-package workbook) must take at most 1 s once the program runs.

Start-up (imports and loading the package) is timed apart, then each export is repeated and the median
and worst run are printed. Exit status 1 when the "Eksporter alt" median is over budget.
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_export.py [--repeat N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BUDGET_ALL_XLSX = 1.0


def timed(fn, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return {"median": statistics.median(runs), "max": max(runs), "min": min(runs), "runs": len(runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core import export as ex
    from hjk_desktop.core.query import query
    from hjk_desktop.core.selection import SelectionState
    from hjk_desktop.core.table import build_table

    package = load_package(bundled_package_path())
    startup = time.perf_counter() - t0

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        counter = iter(range(10**6))
        results["all_xlsx_first"] = timed(lambda: ex.write_all_xlsx(package, folder / "first.xlsx"), 1)
        results["all_xlsx"] = timed(lambda: ex.write_all_xlsx(package, folder / f"alt{next(counter)}.xlsx"), args.repeat)
        results["all_csv"] = timed(lambda: ex.write_all_csv(package, folder / f"csv{next(counter)}"), args.repeat)
        table = build_table(package, query(package, "fig7"))
        results["one_xlsx"] = timed(lambda: ex.write_xlsx(table, folder / f"f{next(counter)}.xlsx", package=package), args.repeat)
        results["one_csv"] = timed(lambda: ex.write_csv(table, folder / f"f{next(counter)}.csv", package=package), args.repeat)

        from hjk_desktop.ui.chart_export import chart_bytes, ensure_app

        ensure_app()

        result = query(package, "fig7")
        state = SelectionState(exhibit="fig7")
        chart_bytes(package, result, state, "png")  # first chart pays for fonts and pyqtgraph set-up
        results["png_fig7"] = timed(lambda: chart_bytes(package, result, state, "png"), args.repeat)
        results["svg_fig7"] = timed(lambda: chart_bytes(package, result, state, "svg"), args.repeat)
        size = (folder / "first.xlsx").stat().st_size

    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}")
    print(f"start-up (imports + load package): {startup:.3f} s")
    for name, r in results.items():
        print(f"{name:<16} median {r['median'] * 1000:8.1f} ms   min {r['min'] * 1000:8.1f} ms   max {r['max'] * 1000:8.1f} ms   ({r['runs']} runs)")
    print(f"all-workbook size: {size / 1024:.0f} KiB, {len(package.exhibit_ids())} exhibit sheets + Verdier ({len(package.values)} rows) + Om")
    ok = results["all_xlsx"]["median"] <= BUDGET_ALL_XLSX
    print(f"Eksporter alt budget {BUDGET_ALL_XLSX:.1f} s: {'OK' if ok else 'OVER'}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine, "startup_s": startup, "results": results, "xlsx_bytes": size}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
