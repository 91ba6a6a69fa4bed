"""Exhibit switching as a user feels it: a mouse click on a tree entry until the window has painted the result.

    python benchmarks/bench_switch.py [--laps 6] [--data PACKAGE] [--out docs/bench-switch.md]

The window is shown offscreen at 1280×800. Each lap clicks every exhibit entry of the tree in turn; the time
runs from the click to the end of the event processing that follows it, which includes the selection update,
the redraw of header, chart, table and status line, and Qt's layout and paint of what changed. Cheap control
changes are not mixed in. A floor of the same libraries (a wrapped header label, a PlotWidget with eight bars
and value labels, an eight-row table in a 1280×800 window) is measured the same way, changing its data on
each click, and the ratio is reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGETS = {"median_ms": 16.0, "p95_ms": 33.0}
SIZE = (1280, 800)


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


def floor_switches(laps: int, clicks: int) -> list[float]:
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

    app = QApplication.instance() or QApplication([])
    window = QMainWindow()
    centre = QWidget()
    layout = QVBoxLayout(centre)
    header = QLabel()
    header.setWordWrap(True)
    button = QPushButton("next")
    plot = pg.PlotWidget()
    bars = pg.BarGraphItem(x0=np.zeros(8), y=np.arange(8), width=np.ones(8), height=0.6)
    plot.addItem(bars)
    labels = [pg.TextItem("") for _ in range(8)]
    for label in labels:
        plot.addItem(label)
    model = QStandardItemModel(8, 3)
    table = QTableView()
    table.setModel(model)
    splitter = QSplitter()
    splitter.setOrientation(pg.QtCore.Qt.Orientation.Vertical)
    splitter.addWidget(plot)
    splitter.addWidget(table)
    layout.addWidget(button)
    layout.addWidget(header)
    layout.addWidget(splitter, 1)
    window.setCentralWidget(centre)
    window.resize(*SIZE)
    rng = np.random.default_rng(1)

    def update() -> None:
        values = rng.integers(1, 99, 8).astype(float)
        header.setText(f"Figur {int(values[0])}. " + "Et spørsmål som er langt nok til å brytes over flere linjer " * 3)
        bars.setOpts(x0=np.zeros(8), y=np.arange(8), width=values, height=0.6)
        for i, label in enumerate(labels):
            label.setText(f"{values[i]:.0f}")
            label.setPos(values[i], i)
        plot.getAxis("left").setTicks([[(i, f"Påstand {i} {int(values[i])}") for i in range(8)]])
        for r in range(8):
            model.setItem(r, 0, QStandardItem(f"Påstand {r}"))
            model.setItem(r, 1, QStandardItem(f"{values[r]:.0f}"))
            model.setItem(r, 2, QStandardItem(f"{100 - values[r]:.0f}"))

    button.clicked.connect(update)
    window.show()
    _settle(app)
    times = []
    for _ in range(laps):
        for _ in range(clicks):
            start = time.perf_counter()
            _click(button, button.rect().center())
            _settle(app)
            times.append((time.perf_counter() - start) * 1000)
    window.close()
    return times


def app_switches(laps: int, data: str | None) -> tuple[list[float], int, float]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "hjk-bench-switch.ini"), QSettings.Format.IniFormat)
    settings.clear()
    started = time.perf_counter()
    package = load_package(data or bundled_package_path())
    window = MainWindow(package, settings=settings)
    window.resize(*SIZE)
    window.show()
    _settle(app)
    opened = time.perf_counter() - started
    tree = window.tree
    leaves = []
    model = tree.model()
    for r in range(model.rowCount()):
        chapter = model.index(r, 0)
        tree.expand(chapter)
        for c in range(model.rowCount(chapter)):
            leaves.append(model.index(c, 0, chapter))
    if data:  # a large package: a sample of entries spread over the tree, each clicked after scrolling to it
        step = max(1, len(leaves) // 60)
        leaves = leaves[::step]
    _settle(app)
    times = []
    for _ in range(laps):
        for index in leaves:
            tree.scrollTo(index)
            _settle(app)
            rect = tree.visualRect(index)
            start = time.perf_counter()
            _click(tree.viewport(), rect.center())
            _settle(app)
            times.append((time.perf_counter() - start) * 1000)
    window.close()
    return times, len(leaves), opened


def summary(times: list[float]) -> dict:
    return {"n": len(times), "median_ms": statistics.median(times), "p95_ms": _p95(times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laps", type=int, default=6)
    parser.add_argument("--data", default=None, help="another package (for example one from make_large_package.py)")
    args = parser.parse_args(argv)
    times, leaves, opened = app_switches(args.laps, args.data)
    app = summary(times)
    floor = summary(floor_switches(args.laps, max(8, leaves)))
    print(f"window opened and painted in {opened:.2f} s; {leaves} tree entries × {args.laps} laps")
    print(f"app   tree click → painted: median {app['median_ms']:.1f} ms, p95 {app['p95_ms']:.1f} ms "
          f"(targets {TARGETS['median_ms']:.0f} / {TARGETS['p95_ms']:.0f} ms)")
    print(f"floor click → painted:      median {floor['median_ms']:.1f} ms, p95 {floor['p95_ms']:.1f} ms")
    print(f"ratio to floor: median {app['median_ms'] / floor['median_ms']:.2f}×, p95 {app['p95_ms'] / floor['p95_ms']:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
