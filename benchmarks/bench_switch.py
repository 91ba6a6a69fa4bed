"""Exhibit switching as a user feels it: a mouse click on a tree entry until the window has painted the result.

    python benchmarks/bench_switch.py [--laps 6] [--data PACKAGE] [--out docs/bench-switch.md]

The window is shown offscreen at 1280×800. Each lap clicks every exhibit entry of the tree in turn (for a large
package, a sample of about 60 spread over the tree, each scrolled into view first); the time runs from the click
to the end of the event processing that follows it, which includes the selection update, the redraw of header,
chart, table and status line, and Qt's layout and paint of what changed. Cheap control changes are not mixed in.
The explorer is started as app.run starts it: the loaded package is frozen for the garbage collector (gc.freeze),
so that a full collection during a click does not walk it.

A floor of the same libraries (a wrapped header label, a PlotWidget with eight bars and value labels, an
eight-row table in a 1280×800 window) is measured the same way, changing its data on each click. The app's
clicks and the floor's alternate, one each, so on a shared machine both see the same load: the ratio is the
figure to compare there. Each click is timed in wall-clock time and in the main thread's CPU time
(``time.thread_time``), which leaves out the time spent waiting for a core.

With ``--out`` the results are written to that page, in a section for the bundled or the large package (the
other section is kept), beside the targets, the machine, the date and the load.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bench_common import machine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGETS = {"median_ms": 16.0, "p95_ms": 33.0}
LARGE_FACTOR = 1.5  # a large package may take this much longer
SIZE = (1280, 800)
SAMPLE = 60  # entries clicked per lap in a large package


def _p95(xs: list[float]) -> float:
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _settle(app) -> None:
    """Process posted events, then the layout and paint requests that processing posted in turn."""
    for _ in range(3):
        app.sendPostedEvents()
        app.processEvents()


def _click(widget, pos) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def _timed(app, action) -> tuple[float, float]:
    """Wall-clock and main-thread CPU milliseconds from ``action`` until the events it caused are processed."""
    cpu, wall = time.thread_time(), time.perf_counter()
    action()
    _settle(app)
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000


class Floor:
    """The same libraries doing the least a switch needs: new header text, eight bars and labels, a new table."""

    def __init__(self) -> None:
        import numpy as np
        import pyqtgraph as pg
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

        self.window = QMainWindow()
        centre = QWidget()
        layout = QVBoxLayout(centre)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.button = QPushButton("next")
        plot = pg.PlotWidget()
        self.plot = plot
        self.bars = pg.BarGraphItem(x0=np.zeros(8), y=np.arange(8), width=np.ones(8), height=0.6)
        plot.addItem(self.bars)
        self.labels = [pg.TextItem("") for _ in range(8)]
        for label in self.labels:
            plot.addItem(label)
        self.model = QStandardItemModel(8, 3)
        table = QTableView()
        table.setModel(self.model)
        splitter = QSplitter()
        splitter.setOrientation(pg.QtCore.Qt.Orientation.Vertical)
        splitter.addWidget(plot)
        splitter.addWidget(table)
        layout.addWidget(self.button)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        self.window.setCentralWidget(centre)
        self.window.resize(*SIZE)
        self.np = np
        self.rng = np.random.default_rng(1)
        self.button.clicked.connect(self.update)
        self.window.show()

    def update(self) -> None:
        from PySide6.QtGui import QStandardItem

        values = self.rng.integers(1, 99, 8).astype(float)
        self.header.setText(f"Figur {int(values[0])}. " + "Et spørsmål som er langt nok til å brytes over flere linjer " * 3)
        self.bars.setOpts(x0=self.np.zeros(8), y=self.np.arange(8), width=values, height=0.6)
        for i, label in enumerate(self.labels):
            label.setText(f"{values[i]:.0f}")
            label.setPos(values[i], i)
        self.plot.getAxis("left").setTicks([[(i, f"Påstand {i} {int(values[i])}") for i in range(8)]])
        for r in range(8):
            self.model.setItem(r, 0, QStandardItem(f"Påstand {r}"))
            self.model.setItem(r, 1, QStandardItem(f"{values[r]:.0f}"))
            self.model.setItem(r, 2, QStandardItem(f"{100 - values[r]:.0f}"))

    def click(self) -> None:
        _click(self.button, self.button.rect().center())


class App:
    """The explorer on a package, with the tree entries to click."""

    def __init__(self, data: str | None) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from hjk_desktop.core import bundled_package_path, load_package
        from hjk_desktop.ui.main_window import MainWindow

        app = QApplication.instance()
        settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "hjk-bench-switch.ini"), QSettings.Format.IniFormat)
        settings.clear()
        started = time.perf_counter()
        self.package = load_package(data or bundled_package_path())
        gc.freeze()  # as app.run does once the package is loaded (the explorer as a user starts it)
        self.window = MainWindow(self.package, settings=settings)
        self.window.resize(*SIZE)
        self.window.show()
        _settle(app)
        self.opened = time.perf_counter() - started
        tree = self.tree = self.window.tree
        model = tree.model()
        leaves = []
        for r in range(model.rowCount()):
            chapter = model.index(r, 0)
            tree.expand(chapter)
            for c in range(model.rowCount(chapter)):
                leaves.append(model.index(c, 0, chapter))
        if data:  # a large package: a sample of entries spread over the tree, each clicked after scrolling to it
            leaves = leaves[::max(1, len(leaves) // SAMPLE)]
        self.leaves = leaves
        _settle(app)

    def click(self, index) -> None:
        _click(self.tree.viewport(), self.tree.visualRect(index).center())


def run(laps: int, data: str | None) -> dict:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    explorer = App(data)
    floor = Floor()
    _settle(app)
    times: dict[str, list[float]] = {"app": [], "app_cpu": [], "floor": [], "floor_cpu": []}
    load_before = os.getloadavg()
    for _ in range(laps):
        for index in explorer.leaves:
            explorer.tree.scrollTo(index)  # not timed: a user scrolls before clicking
            _settle(app)
            wall, cpu = _timed(app, lambda index=index: explorer.click(index))
            times["app"].append(wall)
            times["app_cpu"].append(cpu)
            wall, cpu = _timed(app, floor.click)
            times["floor"].append(wall)
            times["floor_cpu"].append(cpu)
    load_after = os.getloadavg()
    explorer.window.close()
    floor.window.close()
    package = explorer.package
    return {"times": times, "entries": len(explorer.leaves), "laps": laps, "opened_s": explorer.opened,
            "load": (load_before, load_after), "data": data,
            "package": (len(package.chapters), len(package.exhibits), len(package.values))}


def summary(times: list[float]) -> dict:
    return {"n": len(times), "median_ms": statistics.median(times), "p95_ms": _p95(times)}


def targets(data: str | None) -> dict[str, float]:
    factor = LARGE_FACTOR if data else 1.0
    return {name: value * factor for name, value in TARGETS.items()}


def report(found: dict) -> list[str]:
    """The results as lines of text (printed, and the body of the page)."""
    t = found["times"]
    app, floor = summary(t["app"]), summary(t["floor"])
    app_cpu, floor_cpu = summary(t["app_cpu"]), summary(t["floor_cpu"])
    first = t["app"][:found["entries"]]
    later = t["app"][found["entries"]:] or first
    aim = targets(found["data"])
    return [
        f"window opened and painted in {found['opened_s']:.2f} s; {found['entries']} tree entries × {found['laps']} laps",
        f"app   tree click → painted: median {app['median_ms']:.1f} ms, p95 {app['p95_ms']:.1f} ms "
        f"(targets {aim['median_ms']:.0f} / {aim['p95_ms']:.0f} ms)",
        f"floor click → painted:      median {floor['median_ms']:.1f} ms, p95 {floor['p95_ms']:.1f} ms",
        f"ratio to floor: median {app['median_ms'] / floor['median_ms']:.2f}×, p95 {app['p95_ms'] / floor['p95_ms']:.2f}×",
        f"main-thread CPU: app median {app_cpu['median_ms']:.1f} ms, p95 {app_cpu['p95_ms']:.1f} ms; "
        f"floor median {floor_cpu['median_ms']:.1f} ms, p95 {floor_cpu['p95_ms']:.1f} ms",
        f"app first lap (nothing cached yet) median {statistics.median(first):.1f} ms, max {max(first):.1f} ms; "
        f"later laps median {statistics.median(later):.1f} ms",
    ]


def page_section(found: dict, lines: list[str]) -> str:
    t = found["times"]
    app, floor = summary(t["app"]), summary(t["floor"])
    aim = targets(found["data"])
    title = "Large package" if found["data"] else "Bundled package"
    chapters, exhibits, values = found["package"]
    (b1, _b5, _b15), (a1, _a5, _a15) = found["load"]

    def verdict(value: float, limit: float) -> str:
        return "met" if value <= limit else "missed"

    rows = [
        "| | median | p95 |",
        "|---|---:|---:|",
        f"| hjk-desktop | {app['median_ms']:.1f} ms | {app['p95_ms']:.1f} ms |",
        f"| floor | {floor['median_ms']:.1f} ms | {floor['p95_ms']:.1f} ms |",
        f"| ratio to floor | {app['median_ms'] / floor['median_ms']:.2f}× | {app['p95_ms'] / floor['p95_ms']:.2f}× |",
        f"| target | ≤ {aim['median_ms']:.0f} ms ({verdict(app['median_ms'], aim['median_ms'])}) "
        f"| ≤ {aim['p95_ms']:.0f} ms ({verdict(app['p95_ms'], aim['p95_ms'])}) |",
    ]
    return "\n".join([
        f"## {title}",
        "",
        f"{'`' + str(found['data']) + '`' if found['data'] else 'The bundled package'}: {chapters} chapters, {exhibits} exhibits, "
        f"{values} values; {found['entries']} tree entries clicked per lap, {found['laps']} laps, "
        f"{len(t['app'])} clicks each for the app and the floor, alternating.",
        "",
        *rows,
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; load average (1 min) {b1:.2f} before, {a1:.2f} after.",
        "",
        "```",
        *lines,
        "```",
        "",
    ])


def write_page(path: Path, section: str, title: str) -> None:
    """Put ``section`` (starting "## title") into the page, replacing an older one and keeping the others."""
    head = [
        "# Exhibit switching: benchmark",
        "",
        "Written by `benchmarks/bench_switch.py` (`.venv/bin/python benchmarks/bench_switch.py --laps 6 --out "
        "docs/bench-switch.md`, and again with `--data /tmp/large` for the large package from "
        "`benchmarks/make_large_package.py`).",
        "",
        "What is timed: a mouse click on an exhibit in the tree until the 1280×800 window (offscreen) has processed "
        "every event that followed and painted the result (the explorer started as `app.run` starts it, the loaded "
        "package frozen for the garbage collector). The floor is the same libraries doing the least a switch "
        "needs (a wrapped header label, eight bars with value labels, an eight-row table); its clicks alternate with "
        "the app's, so on a shared machine the ratio is the robust figure. The first lap includes the first visit of "
        "every exhibit (nothing cached yet).",
        "",
        f"Targets: median ≤ {TARGETS['median_ms']:.0f} ms and p95 ≤ {TARGETS['p95_ms']:.0f} ms with the bundled package; "
        f"with the large package (5,000 exhibits) ≤ {LARGE_FACTOR}× those.",
        "",
        f"Machine: {machine('offscreen')}.",
        "",
    ]
    sections: dict[str, str] = {}
    if path.exists():
        text = path.read_text(encoding="utf-8")
        for part in text.split("\n## ")[1:]:
            name = part.split("\n", 1)[0].strip()
            sections[name] = "## " + part.rstrip() + "\n"
    sections[title] = section
    measured = ("Bundled package", "Large package")  # then any section written by hand, kept as it is
    order = [name for name in measured if name in sections] + [name for name in sections if name not in measured]
    path.write_text("\n".join(head) + "\n" + "\n".join(sections[name] for name in order), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laps", type=int, default=6)
    parser.add_argument("--data", default=None, help="another package (for example one from make_large_package.py)")
    parser.add_argument("--out", default=None, help="write the results to this page (e.g. docs/bench-switch.md)")
    args = parser.parse_args(argv)
    found = run(args.laps, args.data)
    lines = report(found)
    print("\n".join(lines))
    if args.out:
        title = "Large package" if args.data else "Bundled package"
        write_page(Path(args.out), page_section(found, lines), title)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
