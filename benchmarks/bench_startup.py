"""Start-up and memory of the explorer window against a floor app of the same libraries.

    python benchmarks/bench_startup.py [--runs 9] [--platform offscreen|xcb] [--large PATH] [--out docs/bench-startup.md]

* cold start: time from spawning the process to a marker printed just after the window's first paint
  (HJK_BENCH_STARTUP=1 makes hjk_desktop.ui.app print it), median of several interleaved runs, against
  benchmarks/floor_app.py: PySide6, pandas and pyqtgraph imported and a 1280×800 main window with a tree,
  a PlotWidget with eight bars and labels, and a table, which is the least any app of this kind starts with;
* the same start with a large generated package (benchmarks/make_large_package.py; made in a temporary
  folder unless --large names one): start to first paint, target 2.5 s;
* memory: peak resident set (ru_maxrss) of the start-up child, against the floor's.

With --platform xcb the runs go to a real X server: $DISPLAY if set, otherwise an Xvfb started for the run.
Exhibit switching is measured by bench_switch.py (a click in the tree until painted).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import machine

ROOT = Path(__file__).resolve().parent.parent
MARKER = "HJK_FIRST_PAINT"
TARGETS = {"start_ratio": 1.1, "large_start_s": 2.5, "memory_extra_mib": 40.0}
NOTES = "## Where the time goes"  # a hand-written section of the page, kept when the page is measured again


SIZES: dict[str, str] = {}  # the app's window size as its marker reports it, by command


def _spawn(cmd: list[str], env: dict) -> tuple[float, float]:
    """Seconds from spawn to the first-paint marker, and the child's peak RSS in MiB."""
    start = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, text=True)
    painted = None
    for line in proc.stdout:
        if line.startswith(MARKER):
            painted = float(line.split()[1])
            SIZES[" ".join(cmd)] = (line.split()[2:] or [""])[0]
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    if painted is None:
        raise RuntimeError(f"no first-paint marker from {' '.join(cmd)}")
    return painted - start, usage.ru_maxrss / 1024.0


def _app_command() -> list[str]:
    """How a user starts the app: the installed `hjk-desktop` command (a script beside this interpreter, as pip
    makes it), else `python -m hjk_desktop` (a checkout without an install; runpy adds a few ms)."""
    script = Path(sys.executable).with_name("hjk-desktop")
    return [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m", "hjk_desktop"]


def _environment(home: str, pycache: str, qpa: str) -> dict:
    """Both processes keep compiled bytecode (in a throwaway PYTHONPYCACHEPREFIX), as an installed wheel or the
    bundle has; a start without .pyc would measure the compiler rather than the app."""
    env = dict(os.environ, QT_QPA_PLATFORM=qpa, HJK_BENCH_STARTUP="1", XDG_CONFIG_HOME=home, PYQTGRAPH_QT_LIB="PySide6",
               PYTHONPYCACHEPREFIX=pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold_start(runs: int, qpa: str, large: str | None) -> dict:
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as pycache:
        env = _environment(home, pycache, qpa)
        app_cmd = _app_command()
        floor_cmd = [sys.executable, str(ROOT / "benchmarks" / "floor_app.py")]
        _spawn(app_cmd, env)  # compile once and warm the file cache, so "cold" means a new process, not a cold disk
        # the floor's window as large as the app's first window on this screen (90 % of it, at most 1600×1000;
        # offscreen has no real screen and both are 1280×800): the same pixels to lay out and paint
        env = dict(env, HJK_FLOOR_SIZE=SIZES.get(" ".join(app_cmd)) or "1280x800")
        _spawn(floor_cmd, env)
        app, floor, big = [], [], []
        for _ in range(runs):  # interleaved, so drift in machine load hits both alike
            app.append(_spawn(app_cmd, env))
            floor.append(_spawn(floor_cmd, env))
        if large:
            _spawn(app_cmd + ["--data", large], env)
            big = [_spawn(app_cmd + ["--data", large], env) for _ in range(max(3, runs // 3))]
    ratios = sorted(a / f for (a, _), (f, _) in zip(app, floor))
    return {
        "app_s": statistics.median(t for t, _ in app), "floor_s": statistics.median(t for t, _ in floor),
        "pair_ratio": statistics.median(ratios),
        "app_mib": max(m for _, m in app), "floor_mib": max(m for _, m in floor),
        "app_all": [round(t, 3) for t, _ in app], "floor_all": [round(t, 3) for t, _ in floor],
        "large_s": statistics.median(t for t, _ in big) if big else None,
        "large_mib": max(m for _, m in big) if big else None, "large_all": [round(t, 3) for t, _ in big],
        "size": env["HJK_FLOOR_SIZE"],
    }


class _Xvfb:
    """A display for --platform xcb: $DISPLAY when set, otherwise an Xvfb of 1920×1080 for the run."""

    def __init__(self) -> None:
        self.proc = None

    def __enter__(self) -> str:
        if os.environ.get("DISPLAY"):
            return os.environ["DISPLAY"]
        if not shutil.which("Xvfb"):
            raise SystemExit("--platform xcb needs $DISPLAY or Xvfb (apt-get install xvfb)")
        display = ":97"
        self.proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
                break
            time.sleep(0.1)
        os.environ["DISPLAY"] = display
        return display

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait()
            os.environ.pop("DISPLAY", None)


def _ok(good: bool) -> str:
    return "met" if good else "MISSED"


def report(results: dict[str, dict], runs: int, load: str) -> str:
    lines = [
        "# Start-up and memory", "",
        "Measured by `benchmarks/bench_startup.py`: spawn to the first paint of the window, median of interleaved",
        "runs, against `benchmarks/floor_app.py` (PySide6, pandas and pyqtgraph imported; a 1280×800 main window",
        "with a tree, a PlotWidget with eight labelled bars and a table). Both keep compiled bytecode, as an",
        "installed wheel or the bundle has. Re-run the script to refresh this page. Exhibit switching has its own",
        "page (bench_switch.py).", "",
        f"Machine: {machine()}.", f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Runs: {runs} each, "
        f"interleaved. Load average before the run: {load}.", "",
        "| What | hjk-desktop | Floor | Target | |", "|---|---:|---:|---|---|",
    ]
    for qpa, r in results.items():
        ratio = r["app_s"] / r["floor_s"]
        extra = r["app_mib"] - r["floor_mib"]
        lines.append(f"| Start to first paint, {qpa}, window {r['size']} (median) | {r['app_s'] * 1000:.0f} ms | {r['floor_s'] * 1000:.0f} ms | "
                     f"≤ {TARGETS['start_ratio']}× floor (is {ratio:.2f}×; median of run pairs {r['pair_ratio']:.2f}×) | "
                     f"{_ok(ratio <= TARGETS['start_ratio'])} |")
        lines.append(f"| Peak memory, {qpa} (ru_maxrss) | {r['app_mib']:.0f} MiB | {r['floor_mib']:.0f} MiB | "
                     f"≤ floor + {TARGETS['memory_extra_mib']:.0f} MiB (is +{extra:.0f}) | {_ok(extra <= TARGETS['memory_extra_mib'])} |")
        if r["large_s"] is not None:
            lines.append(f"| Start to first paint with the large package, {qpa} | {r['large_s']:.2f} s "
                         f"({r['large_mib']:.0f} MiB) | | ≤ {TARGETS['large_start_s']} s | {_ok(r['large_s'] <= TARGETS['large_start_s'])} |")
    lines += ["", "Runs (seconds):", ""]
    for qpa, r in results.items():
        lines.append(f"- {qpa}: app {r['app_all']}, floor {r['floor_all']}" + (f", large package {r['large_all']}" if r["large_all"] else ""))
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", action="append", choices=("offscreen", "xcb"),
                        help="where the windows open; give twice for both (default: offscreen)")
    parser.add_argument("--large", help="a large package to start with (default: generate the standard one)")
    parser.add_argument("--no-large", action="store_true", help="skip the large-package start")
    parser.add_argument("--out", default=str(ROOT / "docs" / "bench-startup.md"))
    args = parser.parse_args(argv)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        large = None
        if not args.no_large:
            large = args.large
            if large is None:
                sys.path.insert(0, str(ROOT / "benchmarks"))
                from make_large_package import make_package

                large = str(Path(tmp) / "large")
                make_package(Path(large))
        for qpa in args.platform or ["offscreen"]:
            if qpa == "xcb":
                with _Xvfb():
                    results[qpa] = cold_start(args.runs, qpa, large)
            else:
                results[qpa] = cold_start(args.runs, qpa, large)
    text = report(results, args.runs, load)
    out = Path(args.out)
    kept = out.read_text(encoding="utf-8") if out.exists() else ""
    if NOTES in kept:  # the hand-written analysis below the measured table stays
        text += "\n" + kept[kept.index(NOTES):]
    out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
