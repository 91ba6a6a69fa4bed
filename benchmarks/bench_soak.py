"""Soak: many cycles through every exhibit and control of a real window; does memory or the object count grow?

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/bench_soak.py [--cycles 1000] [--warmup 100]

One cycle visits every chapter overview and every exhibit, and on each exhibit changes every control
the window offers through its Selection: each available segment, round and population on its own and
all together, the difference and interval views, the decimal mark, the language (on the first exhibit
of each cycle, since it retranslates the whole window) and the provenance focus. The window is driven
only through public things (window.selection, window.package, ui.navigation), as a user's clicks would.

Printed: resident memory (RSS) and the number of live widgets, QObjects under the window and Python
objects after the warm-up and at the end; the growth over the cycles after the warm-up is the number
to watch (target < 5 MiB over the last 900 of 1,000 cycles).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

TARGET_MIB = 5.0


def rss_mib() -> float:
    """Resident set size now (not the peak), from /proc; falls back to the peak elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def counts(app, window) -> dict[str, int]:
    from PySide6.QtCore import QObject

    gc.collect()
    return {"widgets": len(app.allWidgets()), "qobjects": len(window.findChildren(QObject)), "python objects": len(gc.get_objects())}


def steps(package, exhibit_id: str) -> list[dict]:
    """The control changes made on one exhibit, as Selection updates."""
    from hjk_desktop.core.query import availability, default_selection

    avail = availability(package, exhibit_id)
    chosen = default_selection(package, exhibit_id)
    out: list[dict] = []
    for field in ("segments", "rounds", "populations"):
        options = getattr(avail, field)
        out += [{field: (code,)} for code in options]
        if len(options) > 1:
            out.append({field: tuple(options)})
        out.append({field: chosen[field]})
    out += [{"difference": True}, {"intervals": True}, {"difference": False}, {"intervals": False}]
    out += [{"focus": (0, "")}, {"focus": None}]
    return out


def pump(app) -> None:
    """What returning to the event loop does: pending events, then the deleteLater() requests, which
    processEvents() alone leaves waiting (they would otherwise look like a leak)."""
    from PySide6.QtCore import QEvent

    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def cycle(app, window, plans: dict[str, list[dict]], first: bool) -> int:
    from hjk_desktop.core.codes import DECIMALS, LANGUAGES
    from hjk_desktop.ui import navigation

    package, selection = window.package, window.selection
    changes = 0
    for number in package.chapters.index:
        navigation.select_chapter(selection, int(number))
        pump(app)
        changes += 1
    for index, exhibit_id in enumerate(package.exhibit_ids()):
        navigation.select_exhibit(selection, package, exhibit_id)
        pump(app)
        for change in plans[exhibit_id]:
            selection.update(**change)
            pump(app)
        for decimal in (*DECIMALS[1:], DECIMALS[0]):
            selection.update(decimal=decimal)
            pump(app)
        changes += len(plans[exhibit_id]) + len(DECIMALS) + 1
        if first and index == 0:
            for lang in (*LANGUAGES[1:], LANGUAGES[0]):
                window.set_language(lang)
                pump(app)
                changes += 1
    return changes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100, help="cycles before the baseline is taken")
    args = parser.parse_args()

    import PySide6  # noqa: F401  (before pyqtgraph)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    package = load_package(bundled_package_path())
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        window = MainWindow(package, settings=QSettings(os.path.join(tmp, "soak.ini"), QSettings.Format.IniFormat))
        window.show()
        app.processEvents()
        plans = {ex: steps(package, ex) for ex in package.exhibit_ids()}
        started = time.perf_counter()
        baseline = None
        changes = 0
        for n in range(1, args.cycles + 1):
            changes += cycle(app, window, plans, first=True)
            if n == min(args.warmup, args.cycles - 1) or (baseline is None and n == args.cycles):
                baseline = (n, rss_mib(), counts(app, window))
            if n % max(1, args.cycles // 10) == 0:
                print(f"  cycle {n}: RSS {rss_mib():.1f} MiB, {time.perf_counter() - started:.0f} s", flush=True)
        end_rss, end_counts = rss_mib(), counts(app, window)
        window.close()
    elapsed = time.perf_counter() - started
    base_n, base_rss, base_counts = baseline
    growth = end_rss - base_rss
    print(f"soak: {args.cycles} cycles, {changes} selection changes, {elapsed:.0f} s "
          f"({elapsed / args.cycles:.2f} s per cycle), {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
          f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"RSS after cycle {base_n}: {base_rss:.1f} MiB; after cycle {args.cycles}: {end_rss:.1f} MiB; "
          f"growth over the last {args.cycles - base_n} cycles: {growth:+.2f} MiB (target < {TARGET_MIB:g} MiB)")
    for key in base_counts:
        print(f"{key}: {base_counts[key]} after cycle {base_n}, {end_counts[key]} at the end "
              f"({end_counts[key] - base_counts[key]:+d})")
    ok = growth < TARGET_MIB
    print("soak: OK" if ok else "soak: OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
