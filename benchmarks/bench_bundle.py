"""The PyInstaller bundle against the installed program: start-up time of the same commands, and size on disk.

Each command runs --repeat times in a fresh process, from the bundle (dist/hjk-desktop/hjk-desktop) and from
the virtual environment (python -m hjk_desktop); the medians and their ratio are printed. Budget: the bundle
starts in at most 1.3 × the installed program's time. Build the bundle first: bash packaging/build.sh
Usage: .venv/bin/python benchmarks/bench_bundle.py [--repeat N] [--no-smoke] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "hjk-desktop"
BINARY = BUNDLE / ("hjk-desktop.exe" if os.name == "nt" else "hjk-desktop")
BUDGET_RATIO = 1.3


FAILURES: list[str] = []


def run(cmd: list[str], repeat: int, env: dict) -> float:
    """Median wall time; a run that exits non-zero is timed all the same and reported at the end."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, env=env, timeout=600)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            last = (done.stderr.decode(errors="replace").strip().splitlines() or [""])[0]
            FAILURES.append(f"{' '.join(cmd[-2:])} exited {done.returncode}: {last[:200]}")
    return statistics.median(times)


def size_on_disk(folder: Path) -> tuple[int, int]:
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-smoke", action="store_true", help="leave out the --smoke run (it opens every exhibit)")
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    if not BINARY.is_file():
        print(f"bench_bundle: {BINARY} is missing; build it with: bash packaging/build.sh", file=sys.stderr)
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    python = [sys.executable, "-m", "hjk_desktop"]
    commands = {"--version": ["--version"], "list": ["list"]}
    if not args.no_smoke:
        commands["--smoke"] = ["--smoke"]
    rows = {}
    ok = True
    for name, argv in commands.items():
        repeat = max(1, args.repeat if name != "--smoke" else min(args.repeat, 3))
        run([str(BINARY), *argv], 1, env)  # warm the file cache for both
        run([*python, *argv], 1, env)
        bundle = run([str(BINARY), *argv], repeat, env)
        installed = run([*python, *argv], repeat, env)
        ratio = bundle / installed
        ok &= ratio <= BUDGET_RATIO
        rows[name] = {"bundle_s": bundle, "installed_s": installed, "ratio": ratio, "runs": repeat}
        print(f"{name:<10} bundle {bundle:7.3f} s   installed {installed:7.3f} s   ratio {ratio:5.2f}  ({repeat} runs, median)")
    total, files = size_on_disk(BUNDLE)
    print(f"bundle size: {total / 2**20:.1f} MiB in {files} files ({BUNDLE.relative_to(ROOT)})")
    print(f"start-up budget {BUDGET_RATIO} x installed: {'OK' if ok else 'OVER'}")
    for failure in FAILURES:
        print(f"non-zero exit: {failure}")
    if args.json:
        Path(args.json).write_text(json.dumps({"commands": rows, "bytes": total, "files": files}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
