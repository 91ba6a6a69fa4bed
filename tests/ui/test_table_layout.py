"""The table as laid out in the window: no sideways scrolling at 1280×800, whole words in the headers, the full
header text in tooltips, Shift+wheel scrolling sideways where the table is wider than its pane, readings not cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionHeader

from hjk_desktop.core.table import READING
from hjk_desktop.ui import navigation
from tests.ui.helpers import settle

WRAP = int((Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap).value)
CELL_WRAP = int((Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap).value)
OWN, UNION = "hjemmekontor_oppfordret", "forening_forbund"





def _open(window, package, exhibit, size=(1280, 800), **choice):
    navigation.select_exhibit(window.selection, package, exhibit)
    if choice:
        window.selection.update(**choice)
    settle(window, size)
    return window.table


def _views(package):
    """Every exhibit's default view, Figur 7 with both groups and Figur 3 with two segments (intervals off)."""
    out = [(ex, {}) for ex in package.exhibit_ids()]
    out.append(("fig7", {"populations": (OWN, UNION)}))
    out.append(("fig3", {"segments": ("statlig", "privat_tjeneste"), "difference": False}))
    return out


def _label_rect(header, section: int) -> QRect:
    """Where the style draws a header's text, with room taken for a sort arrow (the worst case)."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.rect = QRect(0, 0, header.sectionSize(section), header.height())
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    option.text = str(header.model().headerData(section, Qt.Orientation.Horizontal) or "")
    return header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)


def _check_headers(table):
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    model = table.model()
    for section in range(model.columnCount()):
        text = str(model.headerData(section, Qt.Orientation.Horizontal))
        rect = _label_rect(header, section)
        for word in text.split():  # a word wider than its section would be cut inside the word
            assert metrics.horizontalAdvance(word) <= rect.width(), (text, word, rect.width())
        wrapped = metrics.boundingRect(QRect(0, 0, rect.width(), 10_000), WRAP, text)
        assert wrapped.height() <= rect.height(), (text, wrapped.height(), rect.height())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_sideways_scrolling_at_1280x800(window, package, lang):
    window.selection.update(language=lang)
    for exhibit, choice in _views(package):
        table = _open(window, package, exhibit, **choice)
        if table.isHidden():
            continue
        shown = table.model().columnCount()
        assert shown >= 2, exhibit
        assert not table.horizontalScrollBar().isVisible(), (exhibit, choice)
        assert table.horizontalHeader().length() <= table.viewport().width(), (exhibit, choice)
        _check_headers(table)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_headers_wrap_at_whole_words_with_intervals_and_differences(window, package, size):
    for choice in ({"intervals": True}, {"difference": True}, {"difference": True, "intervals": True}):
        table = _open(window, package, "fig7", size, populations=(OWN, UNION), **choice)
        _check_headers(table)
        table = _open(window, package, "fig3", size, **choice)
        _check_headers(table)


def test_header_tooltips_carry_the_full_text(window, package):
    table = _open(window, package, "fig7", populations=(OWN, UNION), intervals=True, difference=True)
    model, proxy = table.source_model, table.model()
    full = model.table.headers
    seen = []
    for section in range(proxy.columnCount()):
        tip = proxy.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        shown = proxy.headerData(section, Qt.Orientation.Horizontal)
        columns = proxy.source_columns(section)
        assert columns and all(full[c] in tip for c in columns), (shown, tip)
        assert len(shown) <= len(tip)
        seen += columns
    assert seen == list(range(len(full)))  # every column of the table is in the view, in its order
    labels = [s.label("nb") for s in window.results.result.series]
    assert all(any(label in full[c] for c in range(len(full))) for label in labels)


def _wheel(widget, delta: int, modifiers=Qt.KeyboardModifier.NoModifier):
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, delta), Qt.MouseButton.NoButton,
                        modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_shift_wheel_scrolls_the_table_sideways(window, package):
    table = _open(window, package, "fig7", (900, 600), populations=(OWN, UNION), intervals=True, difference=True)
    bar = table.horizontalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0  # narrow enough that the table scrolls
    bar.setValue(0)
    vertical = table.verticalScrollBar().value()
    _wheel(table.viewport(), -120, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() > 0
    assert table.verticalScrollBar().value() == vertical
    moved = bar.value()
    _wheel(table.viewport(), 120, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() < moved


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_the_reading_is_never_cut(window, package, lang, size):
    window.selection.update(language=lang)
    for exhibit, choice in (("fig3", {}), ("fig7", {"populations": (OWN, UNION)}), ("fig3", {"segments": ("alle", "statlig")})):
        table = _open(window, package, exhibit, size, difference=True, **choice)
        proxy = table.model()
        kinds = [table.source_model.table.columns[proxy.source_column(s)].kind for s in range(proxy.columnCount())]
        assert READING in kinds, (exhibit, choice)
        column = kinds.index(READING)
        metrics = table.fontMetrics()
        width = table.columnWidth(column) - 8  # the cell's text margins
        for row in range(proxy.rowCount()):
            text = str(proxy.index(row, column).data() or "")
            for word in text.split():
                assert metrics.horizontalAdvance(word) <= width, (text, word)
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), CELL_WRAP, text).height()
            assert needed <= table.rowHeight(row), (text, needed, table.rowHeight(row))
