"""The pyqtgraph plot the chart view paints into, set up once: fixed axes, no mouse interaction, and title,
legend and notes spanning the whole width; the pool of plot items a drawing reuses, and the pens and brushes
it asks for. Split from chart_view so that it only paints."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QFrame, QScrollArea

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
# Qt's raster engine hands any fill taller than about 96 lines (a scroll bar's gradient, a cached background) to a
# thread pool and waits for it. For a window of flat widgets the hand-over costs far more than it saves: a Fusion
# scroll bar 300 px tall paints in 0.86 ms with the pool and 0.05 ms without (2 cores), and on a busy machine the
# paint also waits for the pool's threads to get a core. Qt reads this when it first needs the pool (at a paint),
# so setting it on import, before the window is shown, is enough.
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
import pyqtgraph as pg  # noqa: E402  (PySide6 first, so pyqtgraph never picks another binding)


@dataclass(frozen=True)
class PlotParts:
    widget: pg.PlotWidget
    item: pg.PlotItem
    view_box: pg.ViewBox
    scroll: QScrollArea
    legend: pg.LabelItem
    note: pg.LabelItem
    markers: pg.ScatterPlotItem


def build_plot(right_margin: int) -> PlotParts:
    widget = pg.PlotWidget(viewBox=pg.ViewBox(enableMenu=False))  # no context menu: none is built
    item = widget.getPlotItem()
    # the plot scrolls rather than being cut off when the pane is lower than the chart needs
    scroll = QScrollArea()
    scroll.setObjectName("chartScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(widget)
    item.setMenuEnabled(False)
    item.setMouseEnabled(x=False, y=False)
    item.hideButtons()
    item.showAxis("top", False)
    item.showAxis("right", False)
    view_box = item.getViewBox()
    view_box.invertY(True)
    view_box.setDefaultPadding(0.0)
    item.getAxis("left").setStyle(hideOverlappingLabels=False, autoExpandTextSpace=False, tickLength=0)
    bottom = item.getAxis("bottom")
    for name in ("left", "bottom", "top", "right"):  # no units, so never a prefix: without this every axis set its
        item.getAxis(name).enableAutoSIPrefix(False)  # label's HTML again on each change of the view's range
    bottom.setStyle(hideOverlappingLabels=False)
    # title, legend and notes span the label column too, so they wrap to the whole width of the pane
    legend = pg.LabelItem("", justify="left")
    note = pg.LabelItem("", justify="left")
    item.layout.removeItem(item.titleLabel)
    item.layout.addItem(item.titleLabel, 0, 0, 1, 3)
    item.layout.addItem(legend, 4, 0, 1, 3)
    item.layout.addItem(note, 5, 0, 1, 3)
    item.layout.setContentsMargins(6, 6, right_margin, 6)
    markers = pg.ScatterPlotItem()  # every "ikke oppgitt" ring of a drawing, set at once
    markers.setZValue(5)
    item.addItem(markers)
    return PlotParts(widget, item, view_box, scroll, legend, note, markers)


def steady_width(scroll: QScrollArea) -> int:
    """The plot's width in its scroll area as it is with the scroll bar beside it, whether the bar is shown or not:
    texts wrapped and value labels fitted to this stay as they are when a taller or shorter chart brings the bar or
    takes it away (each such switch wrapped and fitted the chart's texts a second time). Read from the scroll area,
    whose width the bar does not change (the plot is resized before the bar is shown or hidden)."""
    return scroll.width() - 2 * scroll.frameWidth() - scroll.verticalScrollBar().sizeHint().width()


# texts and whiskers over the bars whatever order the pooled items were made in (a bar made later hid a label)
Z_ORDER = {"bar": 0, "line": -10, "error": 3, "text": 4}


class ItemPool:
    """Plot items reused from one drawing to the next. A drawing takes items in order (each made and added to the
    plot only the first time); when it is done the items it did not take are hidden. Items it takes again stay
    shown, so a redraw does not hide and show every item (each of which makes the scene work)."""

    def __init__(self, plot_item: pg.PlotItem) -> None:
        self._plot_item = plot_item
        self.pool: dict[str, list] = {kind: [] for kind in Z_ORDER}
        self.used: dict[str, int] = dict.fromkeys(self.pool, 0)

    def begin(self) -> None:
        self.used = dict.fromkeys(self.pool, 0)

    def _make(self, kind: str):
        item = {"bar": lambda: pg.BarGraphItem(x0=[0], y=[0], width=[1], height=[1]),
                "text": lambda: pg.TextItem(""),
                "line": lambda: pg.InfiniteLine(angle=90, movable=False),
                "error": lambda: pg.ErrorBarItem(x=np.array([0.0]), y=np.array([0.0]))}[kind]()
        item.setZValue(Z_ORDER[kind])
        self._plot_item.addItem(item)
        self.pool[kind].append(item)
        return item

    def take(self, kind: str):
        pool, index = self.pool[kind], self.used[kind]
        if index == len(pool):
            self._make(kind)
        item = pool[index]
        self.used[kind] = index + 1
        if not item.isVisible():
            item.setVisible(True)
        return item

    def finish(self) -> None:
        """Hide what this drawing did not take."""
        for kind, pool in self.pool.items():
            for item in pool[self.used[kind]:]:
                if item.isVisible():
                    item.setVisible(False)

    def clear(self) -> None:
        self.begin()
        self.finish()


_PENS: dict[tuple, QPen] = {}
_BRUSHES: dict[tuple, QBrush] = {}


def pen(colour: QColor | None, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """pg.mkPen for a colour, width and style, made once (a chart asks for the same few pens on every redraw)."""
    key = (colour.rgba() if colour is not None else None, width, style)
    found = _PENS.get(key)
    if found is None:
        found = _PENS[key] = pg.mkPen(colour, width=width, style=style) if colour is not None else pg.mkPen(None)
    return found


def brush(colour: QColor | None, style: Qt.BrushStyle = Qt.BrushStyle.SolidPattern) -> QBrush:
    """A brush for a colour and style (None: no brush), made once."""
    key = (colour.rgba() if colour is not None else None, style)
    found = _BRUSHES.get(key)
    if found is None:
        found = _BRUSHES[key] = pg.mkBrush(None) if colour is None else QBrush(colour, style)
    return found
