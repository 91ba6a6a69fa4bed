"""Run every benchmark in turn (each writes its own section under docs/), then merge docs/benchmarks.md.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run_all.py
The bundle benchmark runs only when dist/hjk-desktop exists (make bundle).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCS = ROOT / "docs"
SECTIONS = ["bench-summary.md", "bench-switch.md", "bench-startup.md", "bench-load.md", "bench-search.md", "bench-export.md", "bench-soak.md"]  # the summary and the soak page are written by hand


def main() -> int:
    failed = 0
    for script in ("bench_switch.py", "bench_startup.py", "bench_load.py", "bench_search.py", "bench_export.py"):
        print(f"== {script}", flush=True)
        failed |= subprocess.call([sys.executable, str(HERE / script)], cwd=ROOT) != 0
    if (ROOT / "dist" / "hjk-desktop").exists():
        print("== bench_bundle.py", flush=True)
        failed |= subprocess.call([sys.executable, str(HERE / "bench_bundle.py")], cwd=ROOT) != 0
    merge()
    return 1 if failed else 0


def merge() -> None:
    """docs/benchmarks.md: an index of the measured numbers, with each benchmark's own page included."""
    parts = ["# Benchmarks\n",
             "Each benchmark under `benchmarks/` writes its own page; `benchmarks/run_all.py` runs them all and",
             "rebuilds this file from those pages. Timings are never asserted in tests.\n"]
    for name in SECTIONS:
        page = DOCS / name
        if page.exists():
            text = page.read_text(encoding="utf-8").strip()
            # demote the page's headings one level so they nest under this one
            text = "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines())
            parts.append(text + "\n")
    (DOCS / "benchmarks.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--merge-only"]:
        merge()
        sys.exit(0)
    sys.exit(main())
