"""The floor for start-up: the same libraries and the same kinds of widget as the app, and nothing of its own.

Imports PySide6, pandas and pyqtgraph, then shows a 1280×800 main window with a tree of ten chapters, a
PlotWidget with eight horizontal bars and their value labels, and an eight-row table, and prints
"HJK_FIRST_PAINT <unix time>" once the window has painted (the marker the app prints under
HJK_BENCH_STARTUP=1), then quits. Run by bench_startup.py.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np  # noqa: E402
import pandas  # noqa: E402, F401  (the app imports it too)
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

MARKER = "HJK_FIRST_PAINT"


class _PaintWatch(QObject):
    done = False

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, _report)
        return False


def _report() -> None:
    app = QApplication.instance()
    app.processEvents()
    print(f"{MARKER} {time.time():.6f}", flush=True)
    app.quit()


def build() -> QMainWindow:
    window = QMainWindow()
    tree = QTreeWidget()
    tree.setHeaderHidden(True)
    for chapter in range(1, 11):
        node = QTreeWidgetItem(tree, [f"Chapter {chapter}"])
        for figure in range(2):
            QTreeWidgetItem(node, [f"Figure {chapter}.{figure + 1}"])
    tree.expandAll()
    dock = QDockWidget("Contents", window)
    dock.setWidget(tree)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    centre = QWidget()
    layout = QVBoxLayout(centre)
    header = QLabel("Figure 1: a question of some length that wraps onto a second line in a narrow window")
    header.setWordWrap(True)
    plot = pg.PlotWidget()
    values = np.array([25, 42, 67, 75, 12, 8, 31, 54], dtype=float)
    plot.addItem(pg.BarGraphItem(x0=np.zeros(8), y=np.arange(8), width=values, height=0.6))
    for row, value in enumerate(values):
        label = pg.TextItem(f"{value:.0f}", anchor=(0, 0.5))
        label.setPos(value + 1, row)
        plot.addItem(label)
    model = QStandardItemModel(8, 3)
    for row, value in enumerate(values):
        model.setItem(row, 0, QStandardItem(f"Answer {row + 1}"))
        model.setItem(row, 1, QStandardItem(f"{value:.0f}"))
        model.setItem(row, 2, QStandardItem("947"))
    table = QTableView()
    table.setModel(model)
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(plot)
    splitter.addWidget(table)
    layout.addWidget(header)
    layout.addWidget(splitter, 1)
    window.setCentralWidget(centre)
    window.statusBar().showMessage("ready")
    width, height = (int(x) for x in os.environ.get("HJK_FLOOR_SIZE", "1280x800").split("x"))
    window.resize(width, height)  # the app's first size on this screen when the benchmark says so
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = build()
    watch = _PaintWatch(window)
    window.installEventFilter(watch)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
