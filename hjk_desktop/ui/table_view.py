"""The table under the chart: sortable, selectable cells, a context menu with the window's copy actions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from hjk_desktop.core.table import TableData
from hjk_desktop.ui.table_model import ExhibitSortProxy, ExhibitTableModel


class ExhibitTableView(QTableView):
    """Shows an ExhibitTableModel through a sort proxy; knows how to map its selection back to the table."""

    copyRequested = Signal()  # Ctrl+C pressed in the table: the window's copy action does the work

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exhibitTable")
        self.source_model = ExhibitTableModel(self)
        self.proxy = ExhibitSortProxy(self)
        self.proxy.setSourceModel(self.source_model)
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
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 8)
        header.setSortIndicatorShown(True)
        self.setMinimumHeight(120)
        self.retranslate()
        self._context_actions: list[QAction] = []
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Tabell med tallene i figuren"))
        self.setAccessibleDescription(self.tr("Piltaster flytter mellom cellene, Skift+piltast velger flere, Ctrl+C kopierer"))
        self.horizontalHeader().setAccessibleName(self.tr("Kolonneoverskrifter"))
        self.verticalHeader().setAccessibleName(self.tr("Radnumre"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_table(self, table: TableData | None, decimal: str = "comma") -> None:
        self.source_model.set_table(table, decimal)
        self._fit_columns()

    def set_decimal(self, decimal: str) -> None:
        self.source_model.set_decimal(decimal)

    def set_context_actions(self, actions: list[QAction]) -> None:
        self._context_actions = list(actions)

    def selected_cells(self) -> list[tuple[int, int]]:
        """Selected cells as (row, column) of the source table, whatever the sort order."""
        cells = []
        for index in self.selectionModel().selectedIndexes():
            source = self.proxy.mapToSource(index)
            if source.isValid():
                cells.append((source.row(), source.column()))
        return sorted(set(cells))

    def reset_sort(self) -> None:
        self.proxy.sort(-1)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _fit_columns(self) -> None:
        """Columns as wide as their header's longest word (so no word is cut), the label column takes the rest;
        the header as tall as its most wrapped title. Cheap enough for every resize; skipped when nothing changed."""
        model = self.source_model
        columns = model.columnCount()
        if not columns:
            return
        header = self.horizontalHeader()
        width = max(self.viewport().width(), 400)
        heads = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
        key = (tuple(heads), width, header.font().key())
        if key == getattr(self, "_fit_key", None):
            return
        self._fit_key = key
        metrics = header.fontMetrics()
        pad = 22  # the section's margins and the sort arrow
        numbers = columns - 1
        fair = max(80, min(125, (width - 240) // max(numbers, 1)))
        widths = [0]
        for text in heads[1:]:
            longest = max((metrics.horizontalAdvance(word) for word in text.split()), default=0) + pad
            widths.append(int(min(max(fair, longest), 240)))
        widths[0] = max(200, width - sum(widths) - 4)
        tallest = metrics.lineSpacing()
        flags = int((Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap).value)
        for w, text in zip(widths, heads):
            tallest = max(tallest, metrics.boundingRect(QRect(0, 0, max(20, w - pad), 4000), flags, text).height())
        header.setFixedHeight(max(metrics.lineSpacing() * 3 + 8, tallest + 12))
        for column, w in enumerate(widths):
            header.resizeSection(column, w)

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
