"""The window as a user meets it: click each tree node, read the table and the chart back against the core."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from hjk_desktop.core.chart_layout import Kind
from hjk_desktop.core.query import query
from hjk_desktop.ui.chapter_tree import NODE_ROLE
from tests.ui.helpers import parse_shown, same, value_columns


def _click(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _check_exhibit_shown(window, package, exhibit_id):
    state = window.selection.state
    result = query(package, exhibit_id, state.segments, state.rounds, state.populations)
    proxy = window.table.model()
    model = window.table.source_model
    assert proxy.rowCount() == len(result.rows)
    columns = value_columns(model)
    assert list(columns) == result.keys
    for key, column in columns.items():
        for row in range(model.rowCount()):
            shown = model.index(row, column).data()
            assert same(parse_shown(shown), float(result.frame.at[row, key])), (exhibit_id, row, key, shown)
    for mark in window.chart.layout.marks:
        expected = float(result.frame.at[mark.row, mark.key])
        if mark.kind == Kind.MISSING:
            assert math.isnan(expected), (exhibit_id, mark)
        else:
            assert same(float(mark.value), expected), (exhibit_id, mark)


def test_clicking_every_tree_node_shows_its_exhibit_or_chapter(qtbot, window, package):
    seen_exhibits, seen_chapters = [], []
    for item in window.tree.node_items():
        _click(qtbot, window.tree, item)
        kind, key = item.data(0, NODE_ROLE)
        state = window.selection.state
        if kind == "exhibit":
            assert state.exhibit == key
            _check_exhibit_shown(window, package, key)
            assert package.exhibit(key)["title_nb"] in window.header.title.text()
            counts = window.results.result.counts()
            status = window.status_line.text()
            assert f"{counts['missing']} mangler" in status and f"{counts['stated']} oppgitt" in status
            seen_exhibits.append(key)
        else:
            assert state.exhibit == "" and state.chapter == key
            assert window.table.model().rowCount() == 0
            assert package.chapter(key)["summary_nb"] == window.header.summary.text()
            assert "Kapitteloversikt" in window.status_line.text()
            seen_chapters.append(key)
    assert seen_exhibits == package.exhibit_ids()
    assert seen_chapters == [int(n) for n in package.chapters.index]


def test_keyboard_walks_the_tree_in_reading_order(qtbot, window, package):
    tree = window.tree
    tree.setFocus()
    first = tree.node_items()[0]
    _click(qtbot, tree, first)
    order = []
    for _ in range(len(tree.node_items()) - 1):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        state = window.selection.state
        order.append(state.exhibit or f"chapter {state.chapter}")
    expected = []
    for number in package.chapters.index:
        expected.append(f"chapter {int(number)}")
        expected += package.exhibits_in(int(number))
    assert order == expected[1:]
    # Left closes a chapter, so Down from it skips its exhibits
    tree.setCurrentItem(tree.item_for("chapter", 2))
    qtbot.keyClick(tree, Qt.Key.Key_Left)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert window.selection.state.chapter == 3 and window.selection.state.exhibit == ""


def test_exhibit_change_resets_choices_in_one_notification(qtbot, window, package):
    window.tree.setCurrentItem(window.tree.item_for("exhibit", "tab1"))
    window.controls.segment_checks["statlig"].click()
    assert "statlig" in window.selection.state.segments
    notes = []
    window.selection.connect(lambda state, changed: notes.append(changed))
    _click(qtbot, window.tree, window.tree.item_for("exhibit", "fig3"))
    assert len(notes) == 1
    from hjk_desktop.core.query import default_selection

    assert window.selection.state.segments == default_selection(package, "fig3")["segments"]  # fig3's own, not tab1's


def test_bar_click_selects_the_matching_table_cell(window, package):
    window.tree.setCurrentItem(window.tree.item_for("exhibit", "fig4"))
    key = window.results.result.keys[0]
    window.chart.barClicked.emit(1, key)
    current = window.table.proxy.mapToSource(window.table.currentIndex())
    assert (current.row(), current.column()) == (1, value_columns(window.table.source_model)[key])


def test_menus_hold_the_named_actions_and_docks_toggle(window):
    names = {a.objectName() for m in window.menus.values() for a in m.actions()}
    for name in ("open", "quit", "copy", "copy_markdown", "copy_figure", "reset_layout", "about", "shortcuts"):
        assert f"action_{name}" in names
    window.actions["toggle_tree"].trigger()
    assert not window.docks["tree"].isVisible()
    window.actions["reset_layout"].trigger()
    assert window.docks["tree"].isVisible() and window.docks["controls"].isVisible()


def test_about_and_shortcut_dialogs_show_citation_and_keys(qtbot, window, package, monkeypatch):
    shown = {}

    def fake_exec(dialog):
        shown[dialog.objectName()] = dialog
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    window.actions["about"].trigger()
    window.actions["shortcuts"].trigger()
    about = shown["aboutDialog"].label.text()
    assert package.homepage in about and "Omtrentlig" in about and "Mangler" in about
    table = shown["shortcutsDialog"].table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Kopier"] == window.actions["copy"].shortcut().toString(window.actions["copy"].shortcut().SequenceFormat.NativeText)


def test_opening_a_bad_package_keeps_the_current_one(window, package, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "datapackage.json").write_text("{ not json", encoding="utf-8")
    before = window.selection.state.exhibit
    assert window.open_package(str(bad), show_errors=False) is False
    assert window.package is package and window.selection.state.exhibit == before
    assert window.last_package_error.problems[0].rule == "json-syntax"


def test_opening_a_good_package_rebuilds_the_tree(window, package):
    assert window.open_package(str(package.path), show_errors=False)
    assert window.package is not package
    assert len(window.tree.node_items()) == len(package.chapters) + len(package.exhibits)
    assert window.selection.state.exhibit == window.package.exhibit_ids()[0]
    QApplication.processEvents()


def test_package_texts_that_look_like_markup_are_shown_as_text(qtbot, package):
    """A package's titles and summaries are untrusted: the header and the tree never read them as rich text."""
    import copy

    from hjk_desktop.core.selection import Selection
    from hjk_desktop.ui.chapter_tree import ChapterTree
    from hjk_desktop.ui.exhibit_header import ExhibitHeader
    from hjk_desktop.ui.table_model import plain_tooltip

    marked = copy.deepcopy(package)
    number = int(marked.chapters.index[0])
    title = "<b>Fet</b> <img src='file:///x'>"
    marked.chapters.at[number, "title_nb"] = title
    marked.chapters.at[number, "summary_nb"] = "<a href='file:///x'>lenke</a>"
    header = ExhibitHeader()
    qtbot.addWidget(header)
    header.show_chapter(marked, number, "nb")
    assert title in header.title.text() and "<a href=" in header.summary.text()
    labels = (header.title, header.facts, header.summary, header.warnings)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    tree = ChapterTree(Selection(), marked)
    qtbot.addWidget(tree)
    item = tree.item_for("chapter", number)
    assert title in item.text(0)
    tip = item.toolTip(0)
    assert "<a href=" not in tip and "&lt;a href=" in tip  # escaped: Qt shows the characters, follows no link
    assert plain_tooltip("plain words") == "plain words"  # ordinary text is left as it is


def test_menus_and_checkable_actions_come_from_the_action_table(window):
    from PySide6.QtCore import QCoreApplication

    from hjk_desktop.ui.actions import ACTIONS

    for spec in ACTIONS:
        action = window.actions[spec.name]
        assert action in window.menus[spec.menu].actions(), spec.name
        assert action.text() == QCoreApplication.translate("MainWindow", spec.text)
        assert action.isCheckable() == bool(spec.field) or spec.dock
    window.selection.update(intervals=True)  # whoever changes the selection, the menu shows it
    assert window.actions["intervals"].isChecked()
    window.actions["intervals"].trigger()
    assert window.selection.state.intervals is False


def test_a_switch_is_laid_out_before_qt_paints(window, package):
    """Choosing an exhibit lays the header, chart and table out at once, so the first paint is the final one."""
    from PySide6.QtWidgets import QApplication

    from hjk_desktop.ui.navigation import select_exhibit

    for _ in range(3):  # the window's own first layout (the centre split for its height) is done
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    for ex in ("fig7", "k1", "tab1", "fig2", "fig8"):
        select_exhibit(window.selection, package, ex)
        parts = (window.header, window.chart.plot_widget, window.table, window.table.horizontalHeader())
        before = [w.geometry() for w in parts] + [window.table.rowHeight(r) for r in range(window.table.model().rowCount())]
        for _ in range(3):
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        after = [w.geometry() for w in parts] + [window.table.rowHeight(r) for r in range(window.table.model().rowCount())]
        assert before == after, ex


def test_switching_the_table_between_its_proxies_leaves_no_objects_behind(window, package, qtbot):
    """Intervals on and off swap the table's proxy; the selection models Qt makes for it (the view's and each
    header's) are deleted with the old proxy, so a long session does not pile them up."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    from hjk_desktop.ui.navigation import select_exhibit

    select_exhibit(window.selection, package, "fig7")

    def objects() -> int:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return len(window.table.findChildren(QObject))

    window.selection.update(intervals=True)
    window.selection.update(intervals=False)
    before = objects()
    for _ in range(10):
        window.selection.update(intervals=True)
        window.selection.update(intervals=False)
    assert objects() == before
