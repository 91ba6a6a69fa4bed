"""The floor for start-up: import PySide6, pandas and pyqtgraph, show one PlotWidget, report the first paint.

Run by bench_startup.py; prints "HJK_FIRST_PAINT <unix time>" once the widget has painted, then quits.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pandas  # noqa: E402, F401  (the app imports it too)
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

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


def main() -> int:
    app = QApplication(sys.argv[:1])
    widget = pg.PlotWidget()
    widget.plot([1, 2, 3], [3, 1, 2])
    widget.resize(1280, 800)
    watch = _PaintWatch(widget)
    widget.viewport().installEventFilter(watch)  # a QGraphicsView paints in its viewport
    widget.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
