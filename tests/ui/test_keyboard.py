"""Keyboard only: Ctrl+L to the tree, arrows to an exhibit, Tab through the controls (Space ticks one),
Tab to the table, arrows and Shift to select, Ctrl+C; the clipboard is read back and checked against the
core's query. Then Tab to the chart, whose arrow keys step through the bars and select the same cell.
"""

from __future__ import annotations

import math

import pytest

from hjk_desktop.core.chart_layout import Kind
from tests.ui.helpers import parse_shown, same


def _focus(qapp):
    return qapp.focusWidget()


def _inside(widget, parent) -> bool:
    while widget is not None:
        if widget is parent:
            return True
        widget = widget.parentWidget()
    return False


def _press(qtbot, qapp, key, modifier=None):
    from PySide6.QtCore import Qt

    target = qapp.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)
    qapp.processEvents()


@pytest.fixture
def active_window(window, qtbot, qapp):
    window.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is window, timeout=3000)
    return window


def test_keyboard_walk_from_tree_through_controls_to_a_copied_table(active_window, package, qtbot, qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from hjk_desktop.core.query import availability, query
    from hjk_desktop.ui.chapter_tree import NODE_ROLE

    window = active_window
    QGuiApplication.clipboard().clear()
    # Ctrl+L: the contents tree
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qapp.processEvents()
    assert _focus(qapp) is window.tree
    # arrows down the tree to fig7
    _press(qtbot, qapp, Qt.Key.Key_Home)
    nodes = [item.data(0, NODE_ROLE) for item in window.tree.node_items()]
    for _ in range(nodes.index(("exhibit", "fig7"))):
        _press(qtbot, qapp, Qt.Key.Key_Down)
    assert window.selection.state.exhibit == "fig7"

    # Tab into the controls; Space on the first segment box that is free to tick
    available = availability(package, "fig7").segments
    wanted = next(code for code in window.controls.segment_checks if code in available and code not in window.selection.state.segments)
    visited = []
    for _ in range(40):
        _press(qtbot, qapp, Qt.Key.Key_Tab)
        visited.append(_focus(qapp))
        if _focus(qapp) is window.controls.segment_checks[wanted]:
            break
    assert _focus(qapp) is window.controls.segment_checks[wanted], [w.objectName() for w in visited]
    assert all(_inside(w, window.controls) for w in visited), "Tab left the controls before reaching the segments"
    before = window.selection.state.segments
    _press(qtbot, qapp, Qt.Key.Key_Space)
    state = window.selection.state
    assert wanted in state.segments and len(state.segments) == len(before) + 1

    # Tab on to the table
    for _ in range(40):
        if _focus(qapp) is window.table:
            break
        _press(qtbot, qapp, Qt.Key.Key_Tab)
        assert _inside(_focus(qapp), window.controls) or _inside(_focus(qapp), window.provenance) \
            or _focus(qapp) is window.table, _focus(qapp)
    assert _focus(qapp) is window.table
    # first value cell, then Shift+Down twice: three cells of one column
    _press(qtbot, qapp, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, qapp, Qt.Key.Key_Right)
    _press(qtbot, qapp, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    _press(qtbot, qapp, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    _press(qtbot, qapp, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)

    text = QGuiApplication.clipboard().text()
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) >= 3, text
    expected = query(package, "fig7", state.segments, state.rounds, state.populations)
    first_key = expected.series[0].key
    want = [float(expected.frame.at[i, first_key]) for i in range(3)]
    got = [parse_shown(line.split("\t")[-1]) for line in lines[-3:]]
    assert all(same(g, w) for g, w in zip(got, want)), (got, want)
    assert any(not math.isnan(w) for w in want)


def test_tab_order_is_tree_controls_source_table_chart(active_window, qtbot, qapp):
    from PySide6.QtCore import Qt

    window = active_window
    window.tree.setFocus(Qt.FocusReason.TabFocusReason)
    order = []
    for _ in range(60):
        _press(qtbot, qapp, Qt.Key.Key_Tab)
        widget = _focus(qapp)
        part = ("tree" if _inside(widget, window.tree) else "controls" if _inside(widget, window.controls)
                else "provenance" if _inside(widget, window.provenance)
                else "table" if widget is window.table else "chart" if widget is window.chart
                else "description" if _inside(widget, window.chart_pane) else "other")
        if not order or order[-1] != part:
            order.append(part)
        if part == "tree":
            break
    assert order[:5] == ["controls", "provenance", "table", "chart", "description"], order


def test_chart_arrow_keys_step_through_the_bars_and_select_the_cell(active_window, package, qtbot, qapp):
    from PySide6.QtCore import Qt

    from hjk_desktop.ui.navigation import select_exhibit
    from hjk_desktop.ui.table_model import CELL_ROLE

    window = active_window
    select_exhibit(window.selection, package, "fig4")
    qapp.processEvents()
    window.chart.setFocus(Qt.FocusReason.TabFocusReason)
    assert _focus(qapp) is window.chart
    bars = [(m.row, m.key) for m in window.chart.layout.marks if m.kind != Kind.TOTAL]
    seen = []
    for _ in range(len(bars)):
        _press(qtbot, qapp, Qt.Key.Key_Down)
        cell = window.table.currentIndex().data(CELL_ROLE)
        source = window.table.proxy.mapToSource(window.table.currentIndex())
        seen.append((source.row(), window.table.source_model.table.columns[source.column()].key))
        assert cell is not None
        description = window.chart.accessibleDescription()
        label = str(window.results.result.frame.at[source.row(), "label_nb"])
        assert label in description
    assert seen == bars
    _press(qtbot, qapp, Qt.Key.Key_Home)
    first = window.table.proxy.mapToSource(window.table.currentIndex())
    assert (first.row(), window.table.source_model.table.columns[first.column()].key) == bars[0]


def test_focus_is_visible_along_the_tab_chain(active_window, qtbot, qapp):
    """Each control Tab reaches looks different while it has the focus (grabbed focused, then after the next Tab)."""
    from PySide6.QtCore import Qt

    window = active_window
    window.tree.setFocus(Qt.FocusReason.OtherFocusReason)
    pending = None  # (widget, what is grabbed, image with focus)
    checked = []
    for _ in range(60):
        _press(qtbot, qapp, Qt.Key.Key_Tab)  # real Tab presses: styles draw focus marks only after keyboard moves
        if pending is not None:
            widget, shown, focused = pending
            assert shown.grab().toImage() != focused, f"{widget.objectName() or type(widget).__name__} shows no focus"
            checked.append(widget)
        widget = qapp.focusWidget()
        if widget is window.tree:
            break
        shown = window.chart_pane if widget is window.chart else widget
        pending = (widget, shown, shown.grab().toImage())
    names = {type(w).__name__ for w in checked}
    assert window.table in checked and window.chart in checked
    assert {"QCheckBox", "QRadioButton"} <= names, names


def test_text_description_toggle_works_from_the_keyboard(active_window, package, qtbot, qapp):
    from PySide6.QtCore import Qt

    from hjk_desktop.ui.navigation import select_exhibit

    window = active_window
    select_exhibit(window.selection, package, "fig1")
    pane = window.chart_pane
    pane.toggle.setFocus(Qt.FocusReason.TabFocusReason)
    assert not pane.text.isVisible()
    _press(qtbot, qapp, Qt.Key.Key_Space)
    assert pane.text.isVisible() and pane.text.isReadOnly()
    assert pane.text.toPlainText() == window.chart.description("nb")
    _press(qtbot, qapp, Qt.Key.Key_Tab)
    assert _focus(qapp) is pane.text  # the text can be read (and selected) from the keyboard
    pane.toggle.setFocus(Qt.FocusReason.TabFocusReason)
    _press(qtbot, qapp, Qt.Key.Key_Space)
    assert not pane.text.isVisible()
