"""The search dialog: type, move with the arrow keys, press Enter or double-click, and the signal carries the hit."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.search import index_ready, search
from hjk_desktop.core.selection import Selection
from hjk_desktop.ui import search_dialog
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
    assert [h.field for h in dialog.hits][:3] == ["item", "item", "item"]  # the questions, then findings naming HMS
    assert dialog.results.count() == len(dialog.hits) > 3
    assert dialog.status.text() == f"{len(dialog.hits)} treff"
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
    # the English words find the question in the bokmål interface too, shown with its bokmål label
    bokmal = [h.label for h in dialog.hits if h.field != "finding"]
    assert bokmal[:2] == ["Arbeidstid", "Arbeidstid"]
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
    assert [(h.exhibit_id, h.field) for h in dialog.hits if h.field != "finding"] == [("k3", "segment")]
    dialog.close()


def test_grab_renders(dialog, qtbot, tmp_path):
    qtbot.keyClicks(dialog.edit, "arbeidstid")
    path = tmp_path / "search.png"
    assert dialog.grab().save(str(path)) and path.stat().st_size > 1000


def test_a_finding_hit_emits_its_id(dialog, qtbot, pkg):
    text = pkg.findings.set_index("id").at["f9-02", "text_en"]  # typed in English, listed in bokmål
    qtbot.keyClicks(dialog.edit, text)
    first = dialog.results.item(0)
    assert first.data(HIT_ROLE).finding == "f9-02"
    assert first.text().startswith(pkg.findings.set_index("id").at["f9-02", "text_nb"])
    assert "Funn" in first.text()
    with qtbot.waitSignal(dialog.findingChosen) as blocker:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert blocker.args == ["f9-02"]


def test_choosing_a_finding_in_the_window_opens_its_cells(window, qtbot, package):
    from hjk_desktop.core.chapter_story import target

    window.open_search()
    dialog = window.search_dialog
    fid = "f9-03"
    qtbot.keyClicks(dialog.edit, package.findings.set_index("id").at[fid, "text_nb"])
    assert dialog.hits[0].finding == fid
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    goal = target(package, fid)
    state = window.selection.state
    assert state.exhibit == goal.exhibit and state.focus == goal.focus
    result = window.results.result
    chosen = window.table.selected_cells()
    ids = {result.field(window.table.source_model.table.columns[c].key, "id")[r] for r, c in chosen}
    assert ids == set(package.findings.set_index("id").at[fid, "value_ids"])


def test_a_long_list_is_cut_and_the_status_says_how_many_there_are(qtbot, pkg):
    widget = SearchDialog(pkg, "nb", limit=3)
    qtbot.addWidget(widget)
    qtbot.keyClicks(widget.edit, "hms")
    everything = search(pkg, "hms")
    assert len(everything) > 3
    assert widget.results.count() == 3 and widget.hits == everything[:3] and widget.total == len(everything)
    assert widget.status.text() == f"De første 3 av {len(everything)} treff. Skriv mer for å snevre inn."
    qtbot.keyClicks(widget.edit, " ansvar")  # fewer hits than the cap: all listed, counted as before
    assert widget.total == widget.results.count() <= 3 and widget.status.text() == f"{widget.total} treff"


def test_the_index_is_built_on_first_open_not_before(qtbot, pkg):
    fresh = dataclasses.replace(pkg)  # the same tables as a new package object: no index yet
    widget = SearchDialog(fresh, "nb")
    qtbot.addWidget(widget)
    assert not index_ready(fresh)
    widget.open_fresh()
    assert index_ready(fresh)
    qtbot.keyClicks(widget.edit, "oslo")
    assert [(h.exhibit_id, h.field) for h in widget.hits if h.field != "finding"] == [("k3", "segment")]


def test_a_slow_build_shows_progress_and_cancel_leaves_no_index(qtbot, pkg, monkeypatch):
    monkeypatch.setattr(search_dialog, "PROGRESS_AFTER", 0.0)  # every build counts as slow
    fresh = dataclasses.replace(pkg)
    widget = SearchDialog(fresh, "nb")
    qtbot.addWidget(widget)
    seen = []

    def press_cancel():
        progress = widget.findChild(QProgressDialog, "searchProgress")
        seen.append(progress is not None and progress.isVisible())
        button = progress.findChild(QPushButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_cancel)
    widget.open_fresh()
    assert seen == [True]
    assert not index_ready(fresh) and not widget.isVisible()  # cancelled: no index, and the search closed
    widget.open_fresh()  # the next open builds it again, to the end
    assert index_ready(fresh) and widget.isVisible()
    assert not any(progress.isVisible() for progress in widget.findChildren(QProgressDialog))
    qtbot.keyClicks(widget.edit, "hms")
    assert widget.hits == search(pkg, "hms")[: len(widget.hits)]
