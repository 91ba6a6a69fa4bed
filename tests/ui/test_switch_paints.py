"""Switching exhibits redraws what changed once: each widget is painted at most once per switch, the chart's texts
do not depend on the exhibit shown before, the header's remembered sizes follow a new font, and the controls fit
their dock at 1280×800. (What a switch costs is measured by benchmarks/bench_switch.py; no timing here.)"""

from __future__ import annotations

from collections import Counter

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHeaderView, QWidget

SIZE = (1280, 800)


def _settle(app) -> None:
    for _ in range(3):
        app.sendPostedEvents()
        app.processEvents()


class _Paints(QObject):
    """Counts the paint events each widget receives while on."""

    def __init__(self) -> None:
        super().__init__()
        self.on = False
        self.counts: Counter = Counter()
        self.names: dict[int, str] = {}

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if self.on and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            key = shiboken6.getCppPointer(obj)[0]
            self.counts[key] += 1
            parent = obj.parentWidget()
            self.names[key] = f"{parent.objectName() if parent else ''}/{obj.objectName() or type(obj).__name__}"
        return False


def _leaves(tree):
    model = tree.model()
    leaves = []
    for r in range(model.rowCount()):
        chapter = model.index(r, 0)
        tree.expand(chapter)
        leaves += [model.index(c, 0, chapter) for c in range(model.rowCount(chapter))]
    return leaves


def _click(tree, index) -> None:
    tree.scrollTo(index)
    _settle(QApplication.instance())
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tree.visualRect(index).center())


@pytest.fixture
def big_window(make_window, qtbot):
    window = make_window()
    window.resize(*SIZE)
    qtbot.waitUntil(lambda: window.size() == QSize(*SIZE))
    _settle(QApplication.instance())
    return window


def test_each_widget_is_painted_at_most_once_per_switch(big_window):
    """One paint pass a switch: widgets shown during it (a scroll bar, the plot after a text page) are painted with
    the rest, the table's fit does not repaint its cells later, and the header's titles are not painted twice."""
    app = QApplication.instance()
    tree = big_window.tree
    leaves = _leaves(tree)
    paints = _Paints()
    app.installEventFilter(paints)
    try:
        for _lap in range(2):  # the second lap from the last exhibit to the first, all from cached results
            for index in leaves:
                _click(tree, index)
                paints.counts.clear()
                paints.on = True
                _settle(app)
                paints.on = False
                twice = {paints.names[k]: n for k, n in paints.counts.items() if n > 1}
                assert not twice, f"painted more than once switching to {big_window.selection.state.exhibit}: {twice}"
    finally:
        app.removeEventFilter(paints)


def test_the_plot_is_painted_on_every_switch_to_an_exhibit(big_window):
    """(The check above must not pass by painting nothing: the chart and the table are painted each time.)"""
    app = QApplication.instance()
    tree = big_window.tree
    paints = _Paints()
    app.installEventFilter(paints)
    plot = shiboken6.getCppPointer(big_window.chart.plot_widget.viewport())[0]
    try:
        leaves = _leaves(tree)
        for index in leaves[1:] + leaves[:1]:  # (the window opens on the first)
            paints.counts.clear()
            paints.on = True
            _click(tree, index)
            _settle(app)
            paints.on = False
            if big_window.chart.plot_widget.isVisible():
                assert paints.counts[plot] == 1, big_window.selection.state.exhibit
    finally:
        app.removeEventFilter(paints)


def _title_and_range(window):
    chart = window.chart
    return chart.plot_item.titleLabel.text, tuple(round(x, 6) for x in chart.vb.viewRange()[0])


def test_the_charts_texts_do_not_depend_on_the_exhibit_shown_before(big_window, package):
    """A chart taller than its pane brings a scroll bar, which narrows the plot: the title and the value axis are
    fitted to the plot with the bar whether or not it is shown, so each exhibit looks the same however it was reached."""
    app = QApplication.instance()
    tree = big_window.tree
    leaves = _leaves(tree)
    bar = big_window.chart.plot_scroll.verticalScrollBar()
    tall, short = [], []
    for index in leaves:
        _click(tree, index)
        _settle(app)
        if big_window.chart.plot_widget.isVisible():
            (tall if bar.isVisible() else short).append(index)
    assert tall and short, "the bundled package has charts both taller and shorter than the pane"
    for index in tall[:2] + short[:2]:
        seen = set()
        for before in (tall[-1], short[-1]):
            if before == index:
                continue
            _click(tree, before)
            _settle(app)
            _click(tree, index)
            _settle(app)
            seen.add(_title_and_range(big_window))
        assert len(seen) == 1, index.data()


def test_the_headers_remembered_sizes_follow_a_new_font(big_window):
    """The header's labels keep their sizes per text; a bigger font must still make the header taller."""
    app = QApplication.instance()
    header = big_window.header
    _settle(app)
    before = header.height()
    font = header.title.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    header.title.setFont(font)
    _settle(app)
    assert header.height() > before
    assert header.title.height() >= header.title.heightForWidth(header.title.width())


def test_the_controls_fit_their_dock_at_1280x800_for_every_exhibit(big_window):
    """Every control in view without scrolling, whichever groups and rounds the exhibit offers."""
    app = QApplication.instance()
    tree = big_window.tree
    scroll = big_window.controls._scroll
    for index in _leaves(tree):
        _click(tree, index)
        _settle(app)
        assert not scroll.verticalScrollBar().isVisible(), index.data()


def test_a_column_resized_by_hand_still_refits_its_rows(big_window, package):
    """The fit sets widths with the headers' signals held back; a user's own resize still reflows the rows."""
    from hjk_desktop.ui import navigation

    navigation.select_exhibit(big_window.selection, package, "fig7")
    _settle(QApplication.instance())
    table = big_window.table
    header, rows = table.horizontalHeader(), table.verticalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive
    before = sum(rows.sectionSize(r) for r in range(table.model().rowCount()))
    header.resizeSection(0, max(60, header.sectionSize(0) // 3))
    after = sum(rows.sectionSize(r) for r in range(table.model().rowCount()))
    assert after > before
