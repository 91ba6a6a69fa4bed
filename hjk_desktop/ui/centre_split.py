"""How the chart (above) and the table (below) share the centre's height.

A tall window gives the chart 5/7 of it, with room for six table rows at least, and keeps that split from
exhibit to exhibit (a switch moves nothing; a taller header takes from both, 3:2). A short one
(window_layout.SHORT_HEIGHT) has no height to spare, so the share follows each table shown: the table keeps its
header and up to TABLE_ROWS whole rows, the chart gets what its category rows need, and what is left goes to the
table. Once the user drags the splitter their split stands, until the window turns from short to tall or back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from hjk_desktop.core.results import TABLE_FIELDS
from hjk_desktop.ui.window_layout import TABLE_ROWS


class CentreSplit(QObject):
    """Shares the splitter between the chart pane and the table; told of the window's height by NarrowDocks
    (``set_compact``) and of each new table by the results (``on_results``)."""

    def __init__(self, splitter, chart_pane, table, parent=None) -> None:
        super().__init__(parent or splitter)
        self._splitter, self._pane, self._table = splitter, chart_pane, table
        self._short: bool | None = None
        self._by_hand = False
        splitter.splitterMoved.connect(self._moved)  # only a drag emits it, never setSizes
        self._stretch(3, 2)

    @property
    def short(self) -> bool:
        return bool(self._short)

    def _stretch(self, chart: int, table: int) -> None:
        self._splitter.setStretchFactor(0, chart)
        self._splitter.setStretchFactor(1, table)

    def set_compact(self, short: bool) -> None:
        if short != self._short:
            self._short = short
            self._by_hand = False
            # a short window gives a change of the centre's height (a taller header) to the chart, so the table
            # keeps the rows it was given for the exhibit; a tall one shares it out 3:2
            self._stretch(*((1, 0) if short else (3, 2)))
            QTimer.singleShot(0, self, self.fit)  # after the layout has given the splitter its new height

    def reset(self) -> None:
        """Forget a split dragged by hand and share the height by the rule again (View → reset layout)."""
        self._by_hand = False
        QTimer.singleShot(0, self, self.fit)

    def on_results(self, _results, changed: frozenset[str]) -> None:
        """A short window shares the height for each table shown (another exhibit, group, round or language);
        a tall one keeps its split (no relayout a switch)."""
        if not self._short or self._by_hand or not changed & TABLE_FIELDS or self._table.isHidden():
            return  # (a chapter page hides the table: the split waits for the next exhibit)
        self.fit()
        # and once more after Qt's layout pass: the table's width may settle a pixel or two later, and its rows
        # rewrap with it (a row that took a second line would push the sixth out of view)
        QTimer.singleShot(0, self, self.fit)

    def _moved(self, _pos: int, _index: int) -> None:
        self._by_hand = True

    # -- what each side needs, in pixels -------------------------------------------------------------

    def _table_frame(self) -> int:
        table = self._table
        header = table.horizontalHeader()
        # the fit sets the header's fixed height at once; its geometry follows on the next layout pass
        height = header.minimumHeight() or header.height()
        return ((height if header.isVisibleTo(table) else 0) + 2 * table.frameWidth()
                + table.horizontalScrollBar().sizeHint().height() // 2)

    def table_need(self, rows: int | None = None) -> int:
        """The table's header and frame and its first ``rows`` rows (all of them when None), as laid out now."""
        table = self._table
        count = table.model().rowCount() if table.model() is not None else 0
        count = count if rows is None else min(count, rows)
        if count == 0 and rows is not None:  # nothing laid out yet: room for rows of the default height
            return self._table_frame() + rows * table.verticalHeader().defaultSectionSize()
        return self._table_frame() + sum(table.rowHeight(r) for r in range(count))

    def chart_need(self) -> int:
        """The pane's height at which the plot needs no scrolling: the plot's own need plus the pane's other parts."""
        chart = self._pane.chart
        scroll = getattr(chart, "plot_scroll", None)
        if scroll is None or not chart.plot_widget.isVisibleTo(chart):
            return self._pane.minimumSizeHint().height()
        return chart.plot_widget.minimumHeight() + max(0, self._pane.height() - scroll.viewport().height())

    # -- the split -------------------------------------------------------------------------------------

    def shares(self, total: int) -> tuple[int, int]:
        """(chart, table) heights for a centre ``total`` pixels tall."""
        chart_least = max(self._pane.minimumSizeHint().height(), self._pane.chart.minimumHeight())
        if not self._short:
            rows = self._table.verticalHeader().defaultSectionSize() * TABLE_ROWS
            table = min(max(total - round(total * 5 / 7), self._table_frame() + rows), total * 2 // 3)
        elif self._table.isHidden():
            table = 0
        else:
            least, whole = self.table_need(TABLE_ROWS), self.table_need()
            table = min(max(total - self.chart_need(), least), max(whole, least))
        table = max(0, min(table, total - chart_least))
        return total - table, table

    def fit(self) -> None:
        """Share the height now, so that a switch is laid out before Qt paints."""
        sizes = self._splitter.sizes()
        if self._by_hand or len(sizes) != 2 or sum(sizes) <= 0:
            return
        chart, table = self.shares(sum(sizes))
        if abs(sizes[1] - table) > 2:
            self._splitter.setSizes([chart, table])
