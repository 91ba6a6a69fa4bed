"""Copy: Ctrl+C puts TSV and HTML on the clipboard; both parse back to the numbers the core gives."""

from __future__ import annotations

import csv
import io
import math
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import parse_shown, same, value_columns


class _Cells(HTMLParser):
    """The table's cells from the copied HTML, row by row."""

    def __init__(self):
        super().__init__()
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(autouse=True)
def _empty_clipboard_afterwards():
    yield
    QApplication.clipboard().clear()  # leave no copied data for Qt to free at interpreter exit


def _open(window, exhibit):
    window.tree.setCurrentItem(window.tree.item_for("exhibit", exhibit))


def _tsv(text):
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


def test_ctrl_c_without_selection_copies_the_whole_table(qtbot, window):
    _open(window, "fig7")
    window.table.setFocus()
    window.table.clearSelection()
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasText() and mime.hasHtml()
    result = window.results.result
    columns = value_columns(window.table.source_model)
    rows = _tsv(mime.text())
    header, body = rows[0], rows[1:]
    assert len(body) == len(result.rows)
    html_rows = _Cells()
    html_rows.feed(mime.html())
    html_body = html_rows.rows[1:]
    assert len(html_body) == len(result.rows)
    for key, column in columns.items():
        assert header[column] == window.table.source_model.table.columns[column].header
        for row in range(len(result.rows)):
            expected = float(result.frame.at[row, key])
            assert same(float(body[row][column].replace(",", ".")) if body[row][column] else math.nan, expected)
            assert same(parse_shown(html_body[row][column]), expected)


def test_ctrl_c_with_a_selection_copies_those_cells_even_when_sorted(qtbot, window):
    _open(window, "fig7")
    table = window.table
    key = window.results.result.keys[1]
    column = value_columns(table.source_model)[key]
    table.sortByColumn(column, Qt.SortOrder.DescendingOrder)  # proxy rows no longer match source rows
    selection = table.selectionModel()
    selection.clearSelection()
    picked_source_rows = []
    for proxy_row in (0, 1):
        index = table.proxy.index(proxy_row, column)
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)
        picked_source_rows.append(table.proxy.mapToSource(index).row())
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    rows = _tsv(mime.text())
    assert len(rows) == 3 and len(rows[0]) == 2  # header + two rows; label column + the chosen column
    got = {r[0]: float(r[1].replace(",", ".")) for r in rows[1:]}
    expected = {window.results.result.row_label(r): float(window.results.result.frame.at[r, key]) for r in picked_source_rows}
    assert got == expected
    cells = _Cells()
    cells.feed(mime.html())
    assert {r[0]: parse_shown(r[1]) for r in cells.rows[1:]} == expected


def test_copy_as_markdown_and_copy_figure(window):
    _open(window, "fig4")
    window.table.clearSelection()
    window.actions["copy_markdown"].trigger()
    text = QApplication.clipboard().mimeData().text()
    table_lines = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table_lines) == 2 + len(window.results.result.rows)
    key = window.results.result.keys[0]
    for row, line in enumerate(table_lines[2:]):
        cell = line.strip("|").split("|")[1].strip()
        assert same(parse_shown(cell), float(window.results.result.frame.at[row, key]))
    window.actions["copy_figure"].trigger()
    image = QApplication.clipboard().image()
    assert not image.isNull() and image.width() > 100


def test_copy_is_off_on_a_chapter_overview(window):
    window.tree.setCurrentItem(window.tree.item_for("chapter", 2))
    assert not window.actions["copy"].isEnabled()
    window.tree.setCurrentItem(window.tree.item_for("exhibit", "fig4"))
    assert window.actions["copy"].isEnabled()


def test_context_menu_offers_the_copy_actions(window):
    texts = [a.text() for a in window.table._context_actions]
    assert window.actions["copy"].text() in texts and window.actions["copy_markdown"].text() in texts


def test_copying_one_cell_puts_just_that_value_on_the_clipboard(qtbot, window):
    _open(window, "fig7")
    table = window.table
    key = window.results.result.keys[0]
    column = value_columns(table.source_model)[key]
    frame = window.results.result.frame
    row = int(frame[key].first_valid_index())
    proxy_index = table.proxy.mapFromSource(table.source_model.index(row, column))
    table.selectionModel().select(proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    text = mime.text()
    assert "\t" not in text and "\n" not in text  # one value pastes into one spreadsheet cell
    assert same(parse_shown(text), float(frame.at[row, key]))
    cells = _Cells()
    cells.feed(mime.html())
    assert len(cells.rows) == 1 and len(cells.rows[0]) == 1
    assert same(parse_shown(cells.rows[0][0]), float(frame.at[row, key]))
    assert 'sdval="' in mime.html()
