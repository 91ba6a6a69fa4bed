"""Chapter pages tell the chapter's story: findings in reading order that open their exhibit on their numbers.

Also the exhibit's own findings above the chart, and copying findings with their places in the text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from hjk_desktop.core.chapter_story import target
from hjk_desktop.core.provenance import describe_locator
from hjk_desktop.ui import navigation


def chapter_of(window, number):
    navigation.select_chapter(window.selection, number)
    return window.chart.chapter_panel


def selected_value_ids(window) -> set[str]:
    result = window.results.result
    columns = window.table.source_model.table.columns
    return {str(result.field(columns[c].key, "id")[r]) for r, c in window.table.selected_cells() if columns[c].key}


def test_chapter_page_lists_its_findings_in_reading_order(window, package):
    for number in (2, 5, 9):
        panel = chapter_of(window, number)
        expected = [f for f, c in zip(package.findings["id"], package.findings["chapter"]) if c == number]
        assert panel.findings.finding_ids() == expected
        assert panel.findings.isVisibleTo(window) and panel.findings.count() == len(expected)
        first = package.findings.set_index("id").loc[expected[0]]
        assert panel.findings.item(0).text().startswith(first["text_nb"])
        assert describe_locator(first["locators"][0], "nb") in panel.findings.item(0).text()
        assert panel.exhibit_ids() == package.exhibits_in(number)
        assert panel.findings.accessibleName()


def test_chapter_page_says_title_and_summary_once_and_shows_no_table(window, package):
    panel = chapter_of(window, 9)
    summary = str(package.chapter(9)["summary_nb"])
    shown = [w for w in window.findChildren(object) if hasattr(w, "isVisibleTo") and w.isVisibleTo(window)]
    texts = [w.text() for w in shown if hasattr(w, "text") and callable(w.text) and isinstance(w.text(), str)]
    texts += [w.toPlainText() for w in shown if hasattr(w, "toPlainText")]
    assert sum(t.count(summary) for t in texts) == 1
    assert not window.table.isVisibleTo(window)  # no empty table strip under a chapter
    assert not window.findings.isVisibleTo(window)
    assert panel.isVisibleTo(window)
    navigation.select_exhibit(window.selection, package, "fig7")
    assert window.table.isVisibleTo(window) and not panel.isVisibleTo(window)


@pytest.mark.parametrize("chapter", [2, 3, 5, 9])
def test_activating_each_finding_opens_its_cells(window, package, qtbot, chapter):
    findings = package.findings.set_index("id")
    ids = chapter_of(window, chapter).findings.finding_ids()
    for fid in ids:
        panel = chapter_of(window, chapter)
        panel.findings.setFocus()
        panel.findings.setCurrentRow(ids.index(fid))
        qtbot.keyClick(panel.findings, Qt.Key.Key_Return)
        goal = target(package, fid)
        state = window.selection.state
        value_ids = findings.at[fid, "value_ids"]
        if not goal.exhibit:
            assert state.exhibit == "" and state.chapter == chapter
            continue
        assert state.exhibit == findings.at[fid, "exhibit"]
        if not value_ids:
            continue
        assert selected_value_ids(window) == set(value_ids)
        row, key = state.focus
        assert window.results.result.field(key, "id")[row] == value_ids[0]
        first = package.values.set_index("id").loc[value_ids[0]]
        assert describe_locator(first["locator"], "nb") in window.provenance.plain_text()


def test_a_click_opens_a_finding_and_an_exhibit(window, package, qtbot):
    panel = chapter_of(window, 9)
    fid = next(f for f in panel.findings.finding_ids() if package.findings.set_index("id").at[f, "values"])
    item = panel.findings.item(panel.findings.finding_ids().index(fid))
    rect = panel.findings.visualItemRect(item)
    qtbot.mouseClick(panel.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selection.state.exhibit == target(package, fid).exhibit
    panel = chapter_of(window, 9)
    rect = panel.exhibits.visualItemRect(panel.exhibits.item(0))
    qtbot.mouseClick(panel.exhibits.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selection.state.exhibit == package.exhibits_in(9)[0]


def test_exhibit_header_area_lists_its_findings_and_folds(window, package, qtbot):
    navigation.select_exhibit(window.selection, package, "fig7")
    listed = window.findings.list.finding_ids()
    assert listed == [f for f, e in zip(package.findings["id"], package.findings["exhibit"]) if e == "fig7"]
    assert window.findings.isVisibleTo(window) and not window.findings.list.isVisibleTo(window)  # folded at first
    window.findings.set_expanded(True)
    assert window.findings.list.isVisibleTo(window)
    window.findings.set_expanded(False)
    assert not window.findings.list.isVisibleTo(window) and "(15)" in window.findings.toggle.text()
    window.findings.set_expanded(True)
    fid = listed[-1]
    window.findings.list.activate_row(len(listed) - 1)
    assert selected_value_ids(window) == set(package.findings.set_index("id").at[fid, "value_ids"])
    without = next(ex for ex in package.exhibit_ids() if ex not in set(package.findings["exhibit"]))
    navigation.select_exhibit(window.selection, package, without)
    assert not window.findings.isVisibleTo(window)


def test_folded_state_is_remembered(make_window, package):
    first = make_window(exhibit="fig7")
    first.findings.set_expanded(True)
    assert make_window(exhibit="fig7").findings.expanded
    first.findings.set_expanded(False)
    assert not make_window(exhibit="fig7").findings.expanded


def test_copy_gives_the_texts_with_their_places(window, package, qtbot):
    panel = chapter_of(window, 9)
    findings = panel.findings
    findings.setFocus()
    findings.setCurrentRow(0)
    findings.item(1).setSelected(True)
    qtbot.keyClick(findings, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    lines = mime.text().splitlines()
    table = package.findings.set_index("id")
    for line, fid in zip(lines, findings.finding_ids()[:2]):
        assert line.startswith(table.at[fid, "text_nb"])
        assert all(describe_locator(loc, "nb") in line for loc in table.at[fid, "locators"])
    assert len(lines) == 2 and "<li>" in mime.html()


def test_english_chapter_page(window, package):
    window.set_language("en")
    try:
        panel = chapter_of(window, 9)
        first = package.findings.set_index("id").loc[panel.findings.finding_ids()[0]]
        assert panel.findings.item(0).text().startswith(first["text_en"])
        assert "chapter 9" in panel.findings.item(0).text()
        assert window.chart.description().splitlines()[0].endswith(str(package.chapter(9)["title_en"]))
    finally:
        window.set_language("nb")  # the translator is the application's: leave it as the next test expects


def test_context_menu_copies_the_current_finding(window, package):
    navigation.select_exhibit(window.selection, package, "fig7")
    findings = window.findings.list
    findings.clearSelection()
    findings.setCurrentRow(2)
    menu = findings.context_menu()
    (action,) = [a for a in menu.actions() if a.objectName() == "copyFindings"]
    assert action.isEnabled() and action.text()
    action.trigger()
    fid = findings.finding_ids()[2]
    text = QGuiApplication.clipboard().text()
    row = package.findings.set_index("id").loc[fid]
    assert text.startswith(row["text_nb"]) and describe_locator(row["locators"][0], "nb") in text
    assert "\n" not in text.strip()
