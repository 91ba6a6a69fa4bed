"""The search dialog: type, move with the arrow keys, press Enter or double-click, and the signal carries the hit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.selection import Selection
from hjk_desktop.ui.search_dialog import HIT_ROLE, NO_ROW, SearchDialog


@pytest.fixture(scope="module")
def pkg():
    return load_package(bundled_package_path())


@pytest.fixture
def dialog(qtbot, pkg):
    widget = SearchDialog(pkg, "nb")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def row_item(pkg, exhibit_id, row):
    sel = default_selection(pkg, exhibit_id)
    return query(pkg, exhibit_id, sel["segments"], sel["rounds"], sel["populations"]).rows.iloc[row]


def test_typing_lists_hits(dialog, qtbot):
    assert dialog.results.count() == 0
    qtbot.keyClicks(dialog.edit, "hms")
    assert dialog.results.count() == 3
    assert dialog.status.text() == "3 treff"
    first = dialog.results.item(0)
    assert first.text().startswith("Helse, miljø og sikkerhet (HMS)")
    assert first.data(HIT_ROLE).exhibit_id == "fig2"


def test_enter_emits_the_first_hit_with_its_row(dialog, qtbot, pkg):
    qtbot.keyClicks(dialog.edit, "ansvar for hms")
    with qtbot.waitSignal(dialog.hitChosen) as blocker:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    exhibit_id, row = blocker.args
    assert exhibit_id == "tab1"
    assert row_item(pkg, exhibit_id, row)["item"] == "hms"
    assert not dialog.isVisible()  # accepted and closed


def test_arrow_down_then_enter_chooses_the_second_hit(dialog, qtbot, pkg):
    qtbot.keyClicks(dialog.edit, "HMS")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 1
    with qtbot.waitSignal(dialog.hitChosen) as blocker:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert blocker.args[0] == "tab1"
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Up)  # stays within the list
    assert dialog.results.currentRow() in (0, -1)


def test_double_click_chooses_that_hit(dialog, qtbot, pkg):
    qtbot.keyClicks(dialog.edit, "drøftet")
    hits = dialog.hits
    index = next(i for i, h in enumerate(hits) if h.exhibit_id == "fig3" and h.field == "response")
    item = dialog.results.item(index)
    rect = dialog.results.visualItemRect(item)
    viewport = dialog.results.viewport()
    with qtbot.waitSignal(dialog.hitChosen) as blocker:
        # Qt 6 only reports a double-click that follows a press and release at the same place
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    exhibit_id, row = blocker.args
    assert exhibit_id == "fig3"
    assert row_item(pkg, exhibit_id, row)["response"] == "droftet"


def test_exhibit_hit_has_no_row(dialog, qtbot):
    qtbot.keyClicks(dialog.edit, "figur 7")
    with qtbot.waitSignal(dialog.hitChosen) as blocker:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Enter)
    assert blocker.args == ["fig7", NO_ROW]


def test_no_hits_and_no_signal(dialog, qtbot):
    qtbot.keyClicks(dialog.edit, "qwxz")
    assert dialog.results.count() == 0 and dialog.status.text() == "Ingen treff"
    with qtbot.assertNotEmitted(dialog.hitChosen):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()


def test_english_and_language_switch(qtbot, pkg):
    selection = Selection()
    dialog = SearchDialog(pkg, selection)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edit, "working hours")
    assert not dialog.hits  # bokmål first: the English words are not found
    selection.update(language="en")  # the dialog follows the selection's language, hits included
    labels = [h.label for h in dialog.hits]
    assert labels[:2] == ["Working hours", "Working hours"]


def test_ctrl_f_opens_the_search_in_the_window(window, qtbot):
    action = window.actions["search"]
    assert action.shortcut().toString() == "Ctrl+F"
    assert action in window.menus["edit"].actions()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.edit, "oslo")
    assert [h.exhibit_id for h in dialog.hits] == ["k3"]
    dialog.close()


def test_grab_renders(dialog, qtbot, tmp_path):
    qtbot.keyClicks(dialog.edit, "arbeidstid")
    path = tmp_path / "search.png"
    assert dialog.grab().save(str(path)) and path.stat().st_size > 1000
