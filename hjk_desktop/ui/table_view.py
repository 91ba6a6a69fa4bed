"""The table under the chart: sortable, selectable cells, a context menu with the window's copy actions.

It follows a Results (``on_results``): a new table when the shown table changes, new numbers when the
decimal mark does, and the focused value as its current cell. Moving the current cell to a value focuses
that value in the selection, so the chart and the provenance panel follow.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QMimeData, QPoint, QRect, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView

from hjk_desktop.core.codes import COMMA
from hjk_desktop.core.table import LABEL, READING, VALUE, TableData
from hjk_desktop.ui.table_model import ExhibitSortProxy, ExhibitTableModel, SortProxy, merged_upper

HEADER_PAD = 22  # a header section's margins and its sort arrow
FITS_KEPT = 128  # fitted widths of recently shown tables, so going back lays the table out at once
CELL_PAD = 14  # a cell's margins and the grid line
_WRAP = int((Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap).value)


def _longest_word(texts, metrics: QFontMetrics) -> int:
    return max((metrics.horizontalAdvance(word) for text in texts for word in text.split()), default=0)


def fit_widths(heads: list[str], kinds: list[str], texts: list[list[str]], width: int, head_metrics: QFontMetrics,
               cell_metrics: QFontMetrics) -> list[int]:
    """Column widths for the viewport ``width``: see ExhibitTableView._fit_columns. Over ``width`` only when the
    narrowest readable widths do not fit (then the table scrolls)."""
    text_kinds = (LABEL, READING)
    least, roomy = [], []
    for head, kind, cells in zip(heads, kinds, texts):
        words = _longest_word([head], head_metrics) + HEADER_PAD
        if kind in text_kinds:
            least.append(max(words, _longest_word(cells, cell_metrics) + CELL_PAD, 120 if kind == LABEL else 90))
            roomy.append(max((cell_metrics.horizontalAdvance(t) for t in cells), default=0) + CELL_PAD)
        else:
            content = max((cell_metrics.horizontalAdvance(t) for t in cells), default=0) + CELL_PAD
            least.append(max(words, content, 44))
            roomy.append(max(least[-1], min(head_metrics.horizontalAdvance(head) + HEADER_PAD, 125)))
    widths = list(least)
    spare = width - sum(widths)
    numbers = [c for c, kind in enumerate(kinds) if kind not in text_kinds]
    label = kinds.index(LABEL) if LABEL in kinds else None
    if label is not None:  # fewer lines per row first: the table pane is short
        give = max(0, min(spare, min(roomy[label], 260) - widths[label]))
        widths[label] += give
        spare -= give
    for c in numbers:  # a wider number column: fewer header lines
        give = max(0, min(spare, roomy[c] - widths[c]))
        widths[c] += give
        spare -= give
    for c, kind in enumerate(kinds):
        if kind == READING:
            give = max(0, min(spare, roomy[c] - widths[c], width // 3 - widths[c]))
            widths[c] += give
            spare -= give
    if spare > 0:
        widths[label if label is not None else 0] += spare
    return widths


def header_height(heads: list[str], widths: list[int], metrics: QFontMetrics) -> int:
    """Tall enough for the most wrapped header (at least three lines, so the height rarely jumps)."""
    tallest = metrics.lineSpacing()
    for w, text in zip(widths, heads):
        tallest = max(tallest, metrics.boundingRect(QRect(0, 0, max(20, w - HEADER_PAD), 4000), _WRAP, text).height())
    return max(metrics.lineSpacing() * 3 + 8, tallest + 12)


class ExhibitTableView(QTableView):
    """Shows an ExhibitTableModel through a sort proxy; knows how to map its selection back to the table."""

    copyRequested = Signal()  # Ctrl+C pressed in the table: the window's copy action does the work

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._fit_key = None
        self._fitted: OrderedDict[tuple, tuple] = OrderedDict()  # column widths and header height by table and width
        self.setObjectName("exhibitTable")
        self.source_model = ExhibitTableModel(self)
        # the plain proxy answers from Qt alone; the merging one (intervals shown as "lo–hi") only while needed
        self._proxies = {False: SortProxy(self), True: ExhibitSortProxy(self)}
        for proxy in self._proxies.values():
            proxy.setSourceModel(self.source_model)
        self.proxy = self._proxies[False]
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the report's order until a header is clicked
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves the table for the chart
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        # rows as tall as their contents, measured by Qt's own rule once per table and column widths (_fit_rows),
        # not again on every layout pass as ResizeToContents would
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 8)
        header.setSortIndicatorShown(True)
        header.sectionResized.connect(self._on_column_resized)
        self.setMinimumHeight(120)
        self.retranslate()
        self._context_actions: list[QAction] = []
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self._results = None
        self.selectionModel().currentChanged.connect(self._on_current)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Tabell med tallene i figuren"))
        self.setAccessibleDescription(self.tr("Piltaster flytter mellom cellene, Skift+piltast velger flere, Ctrl+C kopierer"))
        self.horizontalHeader().setAccessibleName(self.tr("Kolonneoverskrifter"))
        self.verticalHeader().setAccessibleName(self.tr("Radnumre"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.source_model.refresh_colours()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_key = None  # texts measure differently: fit columns and rows again
            self._fit_columns()

    def set_table(self, table: TableData | None, decimal: str = COMMA) -> None:
        merges = table is not None and any(merged_upper(table, c) is not None for c in range(len(table.columns)))
        if self._proxies[merges] is not self.proxy:
            self._use_proxy(self._proxies[merges])
        self.source_model.set_table(table, decimal)
        self._fit_key = None  # the reset gave every section its default size: fit them (from the cache) again
        self._fit_columns()

    def lay_out_now(self) -> None:
        """Lay the rows out now rather than on Qt's next pass (the window calls this before it is painted)."""
        self.executeDelayedItemsLayout()

    def _use_proxy(self, proxy: SortProxy) -> None:
        """Show the table through another proxy; the sort indicator carries over (Qt sorts the new one by it)."""
        old = self.selectionModel()
        self.proxy = proxy
        self.setModel(proxy)
        self.selectionModel().currentChanged.connect(self._on_current)
        if old is not None:
            old.deleteLater()
        # each header made a selection model of its own for the new model, then took the view's: Qt deletes neither
        for header in (self.horizontalHeader(), self.verticalHeader()):
            for model in header.findChildren(QItemSelectionModel, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if model is not header.selectionModel():
                    model.deleteLater()

    def on_results(self, results, changed: frozenset[str]) -> None:
        """Redraw from a core Results: the table as computed there, in the selection's decimal mark."""
        self._results = results
        state = results.state
        if self.parentWidget() is not None:  # no empty table strip under a chapter page or the hint
            self.setHidden(results.result is None)
        if results.table is not self.source_model.table and (results.table is not None or self.source_model.columnCount()):
            self.set_table(results.table, state.decimal)
        elif "decimal" in changed:
            self.set_decimal(state.decimal)
        if "exhibit" in changed:
            self.reset_sort()
        if state.focus is not None:
            self.select_cell(*state.focus)

    # -- copy ------------------------------------------------------------------------------------
    def copy_cells(self) -> int | None:
        """Put the selected cells (or the whole table) on the clipboard as text and HTML; returns how many
        cells were copied, None for the whole table. One value carries its source when the footnote option is on."""
        from hjk_desktop.core.clipboard import mime_payload  # copy code is loaded on first copy, not at start

        cells = self.selected_cells() or None
        state = self._results.state
        payload = mime_payload(self.source_model.table, cells, state.decimal, self._footnote(cells))
        mime = QMimeData()
        mime.setText(payload["text/plain"])
        mime.setHtml(payload["text/html"])
        QGuiApplication.clipboard().setMimeData(mime)
        return len(cells) if cells else None

    def copy_markdown(self) -> None:
        from hjk_desktop.core.clipboard import to_markdown

        mime = QMimeData()
        mime.setText(to_markdown(self.source_model.table, self.selected_cells() or None, self._results.state.decimal))
        QGuiApplication.clipboard().setMimeData(mime)

    def can_copy(self) -> bool:
        return self._results is not None and self._results.table is not None

    def _footnote(self, cells) -> str:
        results = self._results
        state = results.state
        if not state.footnote or not cells or len(cells) != 1 or results.result is None:
            return ""
        row, column = cells[0]
        col = self.source_model.table.columns[column]
        if col.kind != VALUE or not col.key:
            return ""
        from hjk_desktop.core.provenance import footnote

        return footnote(results.package, results.result, row, col.key, state.language, state.decimal)

    def _value_column(self, key: str) -> int:
        for column, col in enumerate(self.source_model.table.columns):
            if col.kind == VALUE and col.key == key:
                return column
        return -1

    def select_cell(self, row: int, key: str) -> bool:
        """Make the value of series ``key`` in source row ``row`` the current cell (scrolled into view)."""
        column = self._value_column(key)
        if column < 0:
            return False
        index = self.proxy.mapFromSource(self.source_model.index(row, column))
        if not index.isValid():
            return False
        if self.currentIndex() != index:
            self.setCurrentIndex(index)
            self.scrollTo(index)
        return True

    def select_cells(self, cells) -> int:
        """Select the values of the (source row, series key) cells, the first one current; returns how many are shown."""
        indexes = []
        for row, key in cells:
            column = self._value_column(key)
            index = self.proxy.mapFromSource(self.source_model.index(row, column)) if column >= 0 else None
            if index is not None and index.isValid():
                indexes.append(index)
        if not indexes:
            return 0
        chosen = QItemSelection()
        for index in indexes:
            chosen.select(index, index)
        model = self.selectionModel()
        model.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(indexes[0])
        return len(indexes)

    def select_row(self, row: int) -> None:
        """Select the whole source row ``row``, wherever sorting has put it."""
        index = self.proxy.mapFromSource(self.source_model.index(row, 0))
        if index.isValid():
            self.selectRow(index.row())

    def _on_current(self, current, _previous) -> None:
        if self._results is None or not current.isValid():
            return
        source = self.proxy.mapToSource(current)
        columns = self.source_model.table.columns
        col = columns[source.column()] if 0 <= source.column() < len(columns) else None
        if col is not None and col.kind == VALUE and col.key:
            self._results.selection.update(focus=(source.row(), col.key))

    def set_decimal(self, decimal: str) -> None:
        self.source_model.set_decimal(decimal)
        self._fit_columns()  # "1 598" and "1,598" differ in width

    def set_context_actions(self, actions: list[QAction]) -> None:
        self._context_actions = list(actions)

    def selected_cells(self) -> list[tuple[int, int]]:
        """Selected cells as (row, column) of the source table, whatever the sort order; a shown interval is both
        its limits."""
        cells = []
        for index in self.selectionModel().selectedIndexes():
            source = self.proxy.mapToSource(index)
            if source.isValid():
                cells += [(source.row(), column) for column in self.proxy.source_columns(index.column())]
        return sorted(set(cells))

    def reset_sort(self) -> None:
        self.proxy.sort(-1)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _fit_columns(self) -> None:
        """Fit the shown columns to the viewport so the table does not scroll sideways where it can be helped.

        Each column first gets the least it needs: numbers their widest cell or their header's longest word (headers
        wrap at word boundaries, never inside a word), text columns their longest word. What is left goes to the
        label (up to 260 px, so rows take fewer lines), then to number columns whose header would take fewer lines,
        then to the reading (up to a third), and the rest to the label. The header is as
        tall as its most wrapped title. Kept per table and width, so a resize that keeps the width and a table shown
        again cost nothing."""
        model = self.model()
        columns = model.columnCount()
        if not columns:
            return
        header = self.horizontalHeader()
        bar = self.verticalScrollBar()  # room for it kept always: its coming and going must not refit the columns
        width = self.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width())
        table = self.source_model.table
        key = (id(table), self.source_model.decimal, self.proxy.merges, width, header.font().key(), self.font().key())
        if key == self._fit_key:  # a resize that keeps the width (the splitter moved): nothing to do
            return
        self._fit_key = key
        fitted = self._fitted.get(key)
        if fitted is None or fitted[0] is not table:  # (the table itself is kept, so its id stays its own)
            heads = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
            kinds = [self._kind(c) for c in range(columns)]
            shown, rows = self.proxy.shown_columns(), range(self.source_model.rowCount())
            texts = [[self.proxy.shown_text(r, shown[c]) for r in rows] for c in range(columns)]
            widths = fit_widths(heads, kinds, texts, width, header.fontMetrics(), self.fontMetrics())
            fitted = self._fitted[key] = (table, widths, header_height(heads, widths, header.fontMetrics()))
            while len(self._fitted) > FITS_KEPT:
                self._fitted.popitem(last=False)
        self._fitted.move_to_end(key)
        _table, widths, height = fitted[:3]
        if header.height() != height or header.minimumHeight() != height or header.maximumHeight() != height:
            header.setFixedHeight(height)
        # the headers say nothing while the fit runs: on each section resized the view would start a timer that
        # repaints the viewport once more after the paint that is coming anyway; the view is updated once below
        rows = self.verticalHeader()
        with QSignalBlocker(header), QSignalBlocker(rows):
            for column, w in enumerate(widths):
                if header.sectionSize(column) != w:
                    header.resizeSection(column, w)
            if len(fitted) < 4:  # rows: Qt's ResizeToContents rule, applied once for these widths and kept
                self._fit_rows()
                self._fitted[key] = (*fitted, [rows.sectionSize(r) for r in range(model.rowCount())])
            else:
                self._set_rows(fitted[3])
        self.updateGeometries()
        self.viewport().update()

    def _fit_rows(self) -> None:
        """Every row as tall as its contents at the columns' widths (what ResizeToContents does, once)."""
        self.verticalHeader().resizeSections(QHeaderView.ResizeMode.ResizeToContents)

    def _set_rows(self, heights: list[int]) -> None:
        rows = self.verticalHeader()
        for row, h in enumerate(heights):
            if rows.sectionSize(row) != h:
                rows.resizeSection(row, h)

    def _on_column_resized(self, _column: int, _old: int, _new: int) -> None:
        self._fit_rows()  # a column resized by hand (the fit's own resizes are not signalled): rows take the lines they need

    def _kind(self, section: int) -> str:
        column = self.proxy.source_column(section)
        columns = self.source_model.table.columns
        return columns[column].kind if 0 <= column < len(columns) else VALUE

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        """Shift+wheel scrolls sideways, as in spreadsheets and browsers (Qt would page the vertical bar)."""
        bar = self.horizontalScrollBar()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and bar.maximum() > bar.minimum():
            delta = event.angleDelta().y() or event.angleDelta().x()
            steps = delta / 120 * QApplication.wheelScrollLines() * bar.singleStep()
            bar.setValue(bar.value() - round(steps))
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copyRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_menu(self, pos: QPoint) -> None:
        if not self._context_actions:
            return
        menu = QMenu(self)
        for action in self._context_actions:
            menu.addAction(action)
        menu.exec(self.viewport().mapToGlobal(pos))
