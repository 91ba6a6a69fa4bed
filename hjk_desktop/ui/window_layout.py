"""The window's size and placement on the screen it opens on, and how its docks give way on a small one.

The first start takes about 90 % of the screen's available area (what panels and task bars leave), capped
at a comfortable size, and all of a screen too small for that; a remembered geometry that no longer fits (a smaller screen, a higher scale factor)
is shrunk and moved inside. The offscreen and minimal platforms have no real screen (offscreen reports a
fixed 800×800), so there the window keeps its default size unless a test gives an area.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from hjk_desktop.ui.settings_store import STATE_VERSION

SHARE = 0.9  # of the available area a first start takes
LARGEST = QSize(1600, 1000)  # larger than this and lines get long: leave the rest of a big screen free
SMALLEST = QSize(1024, 640)  # the smallest window the layout is made for (its minimum size is below this)
DECORATION = QSize(8, 32)  # a window manager's borders and title bar, at most, on a screen the window fills
NARROW_WIDTH = 1200  # below this the right-hand docks share one column as tabs, so the centre keeps its width
SHORT_HEIGHT = 800  # below this the header and chart go compact and the centre is shared per exhibit (centre_split)
TABLE_ROWS = 6  # a short window still shows this many table rows below the header row
NARROW_SIDES, WIDE_SIDES = (190, 240), (250, 300)  # widths of the tree and the controls column

ScreenArea = Callable[[], "QRect | None"]


def screen_area(window) -> QRect | None:
    """The available geometry of the window's screen; None where there is no real screen."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return None
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def first_size(area: QRect) -> QSize:
    """About 90 % of the area, never larger than it nor than LARGEST; on a screen so small that 90 % would be
    below SMALLEST (the size the layout is made for), as much of the area as that side needs, up to all of it."""
    width = min(round(area.width() * SHARE), LARGEST.width(), area.width())
    height = min(round(area.height() * SHARE), LARGEST.height(), area.height())
    if width < SMALLEST.width():  # leave room for the window manager's frame, which is not known before showing
        width = min(area.width(), SMALLEST.width()) - DECORATION.width()
    if height < SMALLEST.height():
        height = min(area.height(), SMALLEST.height()) - DECORATION.height()
    return QSize(width, height)


def clamp_rect(rect: QRect, area: QRect) -> QRect:
    """rect shrunk to fit inside area and moved so that all of it lies inside."""
    width, height = min(rect.width(), area.width()), min(rect.height(), area.height())
    left = min(max(rect.left(), area.left()), area.left() + area.width() - width)
    top = min(max(rect.top(), area.top()), area.top() + area.height() - height)
    return QRect(left, top, width, height)


def centred(size: QSize, area: QRect) -> QRect:
    return QRect(area.left() + (area.width() - size.width()) // 2, area.top() + (area.height() - size.height()) // 2,
                 size.width(), size.height())


def place(window, area: QRect | None, restored: bool) -> None:
    """Size and place the window in area: a first start centred at first_size, a restored one clamped."""
    if area is None or area.isEmpty():
        return
    if restored:
        frame = window.frameGeometry()
        extra = QSize(frame.width() - window.width(), frame.height() - window.height())
        fitted = clamp_rect(frame, area)
        if fitted != frame:
            window.resize(max(fitted.width() - extra.width(), 1), max(fitted.height() - extra.height(), 1))
            window.move(fitted.topLeft())
        return
    rect = centred(first_size(area), area)
    window.resize(rect.size())
    window.move(rect.topLeft())


class NarrowDocks(QObject):
    """Below NARROW_WIDTH the provenance dock joins the controls as a tab; above it they are split again.

    Only the arrangement this object made is undone, so a layout the user built by hand is left alone.
    """

    def __init__(self, window, tree, controls, provenance, compact=()) -> None:
        super().__init__(window)
        self._window, self._tree, self._controls, self._provenance = window, tree, controls, provenance
        # views with set_compact(bool), told when the window turns short or tall: the header, the chart, and
        # centre_split.CentreSplit, which shares the height between chart and table
        self._compact = compact
        self._tabbed = False
        self._short = None  # not yet known: the first resize splits the centre for the window's height
        window.installEventFilter(self)

    @property
    def tabbed(self) -> bool:
        return self._tabbed

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if obj is self._window and event.type() == event.Type.Resize:
            self.apply(event.size().width())
            self._share_height(event.size().height())
        return False

    def _share_height(self, height: int) -> None:
        short = height < SHORT_HEIGHT
        if short != self._short:
            self._short = short
            for view in self._compact:
                view.set_compact(short)

    def _side_by_side(self) -> bool:
        w = self._window
        area = Qt.DockWidgetArea.RightDockWidgetArea
        return (not self._controls.isFloating() and not self._provenance.isFloating()
                and w.dockWidgetArea(self._controls) == area and w.dockWidgetArea(self._provenance) == area
                and self._provenance not in w.tabifiedDockWidgets(self._controls))

    def apply(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        if narrow and not self._tabbed and self._side_by_side():
            self._window.tabifyDockWidget(self._controls, self._provenance)
            self._controls.raise_()
            self._tabbed = True
            # and both side columns at their narrowest, so the chart and table keep the width
            QTimer.singleShot(0, self, lambda: self._window.resizeDocks(
                [self._tree, self._controls], [NARROW_SIDES[0], NARROW_SIDES[1]], Qt.Orientation.Horizontal))
        elif not narrow and self._tabbed:
            self._tabbed = False
            if self._provenance in self._window.tabifiedDockWidgets(self._controls):
                visible = self._provenance.isVisibleTo(self._window)
                self._window.removeDockWidget(self._provenance)  # splitting a tabbed dock leaves it tabbed
                self._window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._provenance)
                self._window.splitDockWidget(self._controls, self._provenance, Qt.Orientation.Vertical)
                self._provenance.setVisible(visible)
                QTimer.singleShot(0, self, lambda: self._window.resizeDocks(
                    [self._tree, self._controls], [WIDE_SIDES[0], WIDE_SIDES[1]], Qt.Orientation.Horizontal))

    def reset(self, state, docks, area: QRect | None) -> None:
        """Back to the default layout (``state``, saved at start): every dock docked and shown, the controls in front."""
        self._tabbed = False
        self._window.restoreState(state, STATE_VERSION)
        for dock in docks:
            dock.setFloating(False)
            dock.show()
        self._controls.raise_()
        place(self._window, area, restored=False)
        self.apply(self._window.width())
