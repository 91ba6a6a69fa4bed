"""The exhibit's table as a Qt model over core.table.TableData; it only reads the data it is given.

The model has TableData's columns one for one (what copy and export write), with the view's compact headers
(the full text in their tooltip); the sort proxy is the table as seen, and where an interval is shown its lower
and upper limits are one "lo–hi" column (ExhibitSortProxy).

Every role of every cell is worked out once, when a table or a decimal mark is set, and kept in Qt's own items:
a view asks for about ten roles per cell each time it measures or paints a row, and an answer from Python costs
more than the rest of the paint. For the same reason the proxy a view normally uses (SortProxy) answers from Qt
alone; only the merging proxy, used while intervals are shown, answers the display role itself.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtGui import Qt as GuiQt

from hjk_desktop.core.codes import COMMA, DEFAULT_LANGUAGE, IntervalReason, Reason, Status, language
from hjk_desktop.core.formatting import APPROX, MISSING, format_number, reason_text
from hjk_desktop.core.messages import text
from hjk_desktop.core.table import (
    CI_HI,
    CI_LO,
    DIFF,
    DIFF_HI,
    DIFF_LO,
    INTERVAL_KINDS,
    LABEL,
    READING,
    SIGNED_KINDS,
    N,
    TableCell,
    TableData,
)
from hjk_desktop.ui.chart_style import mix, readable

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value: float (NaN when missing) or the label text
CELL_ROLE = Qt.ItemDataRole.UserRole + 2  # the TableCell itself, for provenance views
ORDER_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's place in the report's order

_EMPTY = TableData(columns=(), rows=())
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LABEL_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_LABEL_ALIGN_INT = int(_LABEL_ALIGN.value)
_NUMBER_ALIGN_INT = int(_NUMBER_ALIGN.value)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TIP = Qt.ItemDataRole.ToolTipRole
_SPOKEN = Qt.ItemDataRole.AccessibleTextRole
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip that Qt never reads as rich text: package texts that look like markup are escaped."""
    if text and GuiQt.mightBeRichText(text):
        return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
    return text


def display_text(cell: TableCell, decimal: str) -> str:
    """A cell as shown: the label, the dash for missing, ≈ on approximate values, signs on differences."""
    if cell.kind == LABEL or (cell.kind == READING and not cell.missing):
        return str(cell.raw)
    if cell.missing:
        return MISSING
    text = format_number(cell.raw, decimal, signed=cell.kind in SIGNED_KINDS)
    return f"{APPROX} {text}" if cell.approx else text


_UPPER = {CI_LO: CI_HI, DIFF_LO: DIFF_HI}  # a lower limit's kind → its upper limit's


def merged_upper(table: TableData, column: int) -> int | None:
    """The upper-limit column shown together with the lower limit in ``column``, or None: build_table puts an
    interval's limits side by side, for the same series."""
    columns = table.columns
    if not 0 <= column < len(columns) - 1:
        return None
    col, nxt = columns[column], columns[column + 1]
    return column + 1 if _UPPER.get(col.kind) == nxt.kind and nxt.key == col.key else None


def is_merged_upper(table: TableData, column: int) -> bool:
    """True for an upper limit that the table view shows inside its lower limit's column."""
    return column > 0 and merged_upper(table, column - 1) == column


def interval_text(lo: TableCell, hi: TableCell, decimal: str) -> str:
    """Both limits in one cell: '12,3–20,1', '−5,2 – +3,1' (signed limits get spaces), '≈' once, the dash for none."""
    if lo.missing and hi.missing:
        return MISSING
    signed = lo.kind in SIGNED_KINDS
    low, high = (MISSING if c.missing else format_number(c.raw, decimal, signed=signed) for c in (lo, hi))
    text = f"{low} – {high}" if signed else f"{low}–{high}"
    return f"{APPROX} {text}" if (lo.approx or hi.approx) else text


def compact_header(table: TableData, column: int) -> str:
    """A short header for the view: 'N' for counts (their series is the column before), an interval's shared words
    ('95 % KI (nominelt)') for its merged limits, else the column's short header (short group names) or its header."""
    col = table.columns[column]
    if col.kind == N:
        return "N"
    upper = merged_upper(table, column)
    if upper is not None:
        words = []
        for a, b in zip((col.short or col.header).split(), (table.columns[upper].short or table.columns[upper].header).split()):
            if a != b:
                break
            words.append(a)
        return " ".join(words).rstrip(",") or col.short or col.header
    return col.short or col.header


def full_header(table: TableData, column: int) -> str:
    """The header as built (both limits' headers for a merged interval), for the tooltip."""
    upper = merged_upper(table, column)
    head = table.columns[column].header
    return head if upper is None else f"{head}\n{table.columns[upper].header}"


class ExhibitTableModel(QStandardItemModel):
    """Read-only model: one row per table row, columns as in TableData (label, values, N, difference)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._table = _EMPTY
        self._decimal = COMMA
        self._italic = QFont()
        self._italic.setItalic(True)
        self._muted_key = None
        self._muted = QBrush()
        self._shown: list[list[str]] = []  # display text, computed once per table and decimal mark

    # -- data in -------------------------------------------------------------------------------
    def set_table(self, table: TableData | None, decimal: str = COMMA) -> None:
        """Show a table: one model reset, every cell's roles stored at once (signals held back while filling)."""
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self._table = table or _EMPTY
            self._decimal = decimal
            self._shown = self._texts()
            self.setRowCount(0)
            self.setColumnCount(0)
            columns = self._table.columns
            self.setColumnCount(len(columns))
            self.setRowCount(len(self._table.rows))
            for c in range(len(columns)):
                head = QStandardItem(compact_header(self._table, c))
                head.setData(plain_tooltip(full_header(self._table, c)), _TIP)
                self.setHorizontalHeaderItem(c, head)
            muted = self.muted_brush()
            for r, row in enumerate(self._table.rows):
                for c, cell in enumerate(row):
                    self.setItem(r, c, self._item(cell, r, self._shown[r][c], muted))
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _item(self, cell: TableCell, row: int, shown: str, muted: QBrush) -> QStandardItem:
        item = QStandardItem(shown)
        item.setFlags(_FLAGS)
        item.setData(_LABEL_ALIGN_INT if cell.kind in (LABEL, READING) else _NUMBER_ALIGN_INT, _ALIGN)
        tip = self._tooltip(cell)
        item.setData(plain_tooltip(tip), _TIP)
        item.setData(tip if cell.missing else shown, _SPOKEN)
        if cell.kind != LABEL and not cell.missing and cell.status == Status.DERIVED:
            item.setData(self._italic, Qt.ItemDataRole.FontRole)
        if cell.missing:
            item.setData(muted, Qt.ItemDataRole.ForegroundRole)
        if cell.kind == LABEL or (cell.kind == READING and not cell.missing):
            item.setData(str(cell.raw), RAW_ROLE)
        else:
            item.setData(float("nan") if cell.missing else float(cell.raw), RAW_ROLE)
        item.setData(row, ORDER_ROLE)
        item.setData(cell, CELL_ROLE)
        return item

    def set_decimal(self, decimal: str) -> None:
        if decimal == self._decimal:
            return
        self._decimal = decimal
        self._shown = self._texts()
        blocked = self.blockSignals(True)
        try:
            for r, row in enumerate(self._table.rows):
                for c, cell in enumerate(row):
                    item, shown, tip = self.item(r, c), self._shown[r][c], self._tooltip(cell)
                    item.setData(shown, _DISPLAY)
                    item.setData(plain_tooltip(tip), _TIP)
                    item.setData(tip if cell.missing else shown, _SPOKEN)
        finally:
            self.blockSignals(blocked)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [_DISPLAY, _TIP, _SPOKEN])

    def refresh_colours(self) -> None:
        """The grey of missing cells again after the palette changed (a view calls this on a palette change)."""
        key = self._muted_key
        muted = self.muted_brush()
        if key == self._muted_key or not self.rowCount():
            return
        for r, row in enumerate(self._table.rows):
            for c, cell in enumerate(row):
                if cell.missing:
                    self.item(r, c).setData(muted, Qt.ItemDataRole.ForegroundRole)

    def _texts(self) -> list[list[str]]:
        return [[display_text(cell, self._decimal) for cell in row] for row in self._table.rows]

    @property
    def table(self) -> TableData:
        return self._table

    @property
    def decimal(self) -> str:
        return self._decimal

    def shown_text(self, row: int, column: int) -> str:
        """A cell's display text (as the display role answers), without a round trip through Qt."""
        return self._shown[row][column]

    @property
    def lang(self) -> str:
        return self._table.meta.get("lang", DEFAULT_LANGUAGE) if self._table.meta else DEFAULT_LANGUAGE

    # -- helpers ---------------------------------------------------------------------------------
    def muted_brush(self) -> QBrush:
        """Grey for missing cells, from the palette: quieter than the text yet 4.5:1 on the cell (dark palettes too)."""
        palette = QGuiApplication.palette()
        key = palette.cacheKey()
        if key != self._muted_key:
            text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
            grey = readable(mix(text, base, 0.45), base, text)
            self._muted = QBrush(readable(grey, palette.color(QPalette.ColorRole.AlternateBase), text))  # rows alternate
            self._muted_key = key
        return self._muted

    def _tooltip(self, cell: TableCell) -> str | None:
        if cell.kind == LABEL:
            return str(cell.raw)
        if cell.kind in INTERVAL_KINDS or cell.kind == READING:
            return self._interval_tooltip(cell)
        if cell.missing:
            return reason_text(cell.reason or Reason.NOT_STATED, self.lang)
        lines = []
        if cell.kind == N:
            lines.append(self.tr("Antall svar (N)"))
        elif cell.kind == DIFF:
            lines.append(self.tr("Beregnet differanse: %1").replace("%1", cell.formula))
        else:
            if cell.status == Status.DERIVED:
                lines.append(self.tr("Beregnet: %1").replace("%1", cell.formula))
            else:
                lines.append(self.tr("Oppgitt i teksten"))
            if cell.approx:
                lines.append(self.tr("≈ omtrentlig verdi"))
            if cell.locator:
                lines.append(self.tr("Sted i rapporten: %1").replace("%1", cell.locator))
            if cell.n is not None:
                lines.append(self.tr("N = %1").replace("%1", format_number(cell.n, self._decimal)))
            if cell.note:
                lines.append(cell.note)
        return "\n".join(lines)


    def _interval_tooltip(self, cell: TableCell) -> str:
        """Interval limits and the reading: how they were computed, or why there is none; always nominal."""
        lang = language(self.lang)
        lines = []
        if cell.missing or cell.reason in IntervalReason.ALL:
            why = cell.reason or Reason.NOT_STATED
            lines.append(text(f"interval.{why}", lang) if why in IntervalReason.ALL else reason_text(why, lang))
        elif cell.formula:
            lines.append(cell.formula)
        if cell.approx and not cell.missing:
            lines.append(self.tr("≈ omtrentlig verdi"))
        lines += [text("stats.method_note", lang), text("stats.nominal_note", lang)]
        return "\n".join(lines)


class SortProxy(QSortFilterProxyModel):
    """The table as seen, sorted: on the raw role, missing values (NaN) last whichever way the column is sorted.
    Every column of the model is shown; everything but sorting is answered by Qt."""

    merges = False  # an interval's two limits in one column (ExhibitSortProxy)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(RAW_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)

    def _table(self) -> TableData:
        source = self.sourceModel()
        return source.table if isinstance(source, ExhibitTableModel) else _EMPTY

    def shown_columns(self) -> list[int]:
        """The model (TableData) columns shown, in the view's order."""
        return list(range(len(self._table().columns)))

    def source_column(self, section: int) -> int:
        """The model (TableData) column shown in the view's column ``section``; -1 if there is none."""
        shown = self.shown_columns()
        return shown[section] if 0 <= section < len(shown) else -1

    def source_columns(self, section: int) -> list[int]:
        """Every model column a view column shows: one, or an interval's two limits."""
        column = self.source_column(section)
        if column < 0:
            return []
        upper = merged_upper(self._table(), column) if self.merges else None
        return [column] if upper is None else [column, upper]

    def shown_text(self, row: int, column: int) -> str:
        """The display text of model cell (row, column) as this proxy shows it."""
        source = self.sourceModel()
        return source.shown_text(row, column) if isinstance(source, ExhibitTableModel) else ""

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        a = left.data(RAW_ROLE)
        b = right.data(RAW_ROLE)
        if isinstance(a, float) or isinstance(b, float):
            a_nan = not isinstance(a, float) or math.isnan(a)
            b_nan = not isinstance(b, float) or math.isnan(b)
            if a_nan or b_nan:
                if a_nan and b_nan:
                    return left.row() < right.row()
                # NaN last: in descending order Qt swaps the result, so answer the other way round
                descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
                return (not a_nan) != descending
            if a == b:
                return left.row() < right.row()
            return a < b
        return super().lessThan(left, right)


class ExhibitSortProxy(SortProxy):
    """The table as seen with intervals: an interval's upper limit is filtered out and shown with the lower one
    ("lo–hi"). The display role goes through Python here, so the view uses this proxy only while it has to."""

    merges = True

    def filterAcceptsColumn(self, source_column: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not is_merged_upper(self._table(), source_column)

    def shown_columns(self) -> list[int]:
        table = self._table()
        return [c for c in range(len(table.columns)) if not is_merged_upper(table, c)]

    def shown_text(self, row: int, column: int) -> str:
        table = self._table()
        upper = merged_upper(table, column)
        if upper is not None and row < len(table.rows):
            return interval_text(table.rows[row][column], table.rows[row][upper], self.sourceModel().decimal)
        return super().shown_text(row, column)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role in (_DISPLAY, _SPOKEN) and index.isValid():
            source = self.mapToSource(index)
            table = self._table()
            upper = merged_upper(table, source.column())
            if upper is not None and source.row() < len(table.rows):
                row = table.rows[source.row()]
                shown = interval_text(row[source.column()], row[upper], self.sourceModel().decimal)
                if role == _DISPLAY or shown != MISSING:
                    return shown
        return super().data(index, role)
