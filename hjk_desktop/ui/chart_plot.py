"""The pyqtgraph plot the chart view paints into, set up once: fixed axes, no mouse interaction, and title,
legend and notes spanning the whole width. Split from chart_view so that it only paints."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
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
    bottom.enableAutoSIPrefix(False)
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
