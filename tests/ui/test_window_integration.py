"""The window's later parts: provenance of the focused value, search, warnings, intervals, footnotes, export."""

from __future__ import annotations

import math

import pytest

from hjk_desktop.core import comparability
from hjk_desktop.core.codes import Status
from hjk_desktop.core.provenance import describe_locator
from hjk_desktop.core.query import query
from hjk_desktop.core.table import DIFF, VALUE
from hjk_desktop.ui import navigation
from hjk_desktop.ui.exhibit_header import _first_sentence


def _value_index(window, row: int, key: str):
    column = next(j for j, c in enumerate(window.results.table.columns) if c.kind == VALUE and c.key == key)
    return window.table.proxy.mapFromSource(window.table.source_model.index(row, column))


def test_clicking_a_cell_shows_where_its_number_stands(window, qtbot):
    from PySide6.QtCore import Qt

    navigation.select_exhibit(window.selection, window.package, "fig7")
    result = window.results.result
    key, row = next((k, int(i)) for k in result.keys for i in result.frame.index[result.frame[f"{k}|status"] == Status.DERIVED])
    index = _value_index(window, row, key)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())
    assert window.selection.state.focus == (row, key)
    text = window.provenance.plain_text()
    assert describe_locator(result.frame.at[row, f"{key}|locator"], "nb") in text
    assert "fig7-syk-helt" in text or "25" in text  # the formula's terms are named or their values shown
    assert window.docks["provenance"].isVisible()


def test_a_bar_click_focuses_the_same_cell_as_the_table(window):
    navigation.select_exhibit(window.selection, window.package, "fig1")
    key = window.results.result.series[0].key
    row = int(window.results.result.frame[key].first_valid_index())
    window.chart.barClicked.emit(row, key)
    assert window.selection.state.focus == (row, key)
    assert window.table.currentIndex() == _value_index(window, row, key)
    assert window.results.result.frame.at[row, f"{key}|locator"] and window.provenance.current is not None


def test_moving_to_another_exhibit_clears_the_provenance(window):
    navigation.select_exhibit(window.selection, window.package, "fig1")
    key = window.results.result.series[0].key
    window.selection.update(focus=(1, key))
    assert window.provenance.current is not None
    navigation.select_exhibit(window.selection, window.package, "tab1")
    assert window.selection.state.focus is None
    assert window.provenance.current is None


def test_a_search_hit_opens_its_exhibit_and_selects_the_row(window):
    window.search_dialog.hitChosen.emit("tab1", 3)
    state = window.selection.state
    assert state.exhibit == "tab1"
    assert state.focus == (3, window.results.result.series[0].key)
    rows = {window.table.proxy.mapToSource(i).row() for i in window.table.selectionModel().selectedIndexes()}
    assert rows == {3}


def test_ctrl_f_opens_the_search(window, qtbot):
    window.actions["search"].trigger()
    assert window.search_dialog.isVisible()
    window.search_dialog.close()


@pytest.mark.parametrize("exhibit", ["k1", "k2", "k3", "fig1", "fig2", "tab1", "fig3", "fig4", "fig5", "fig6", "fig7", "fig8"])
def test_warnings_show_exactly_where_they_apply(window, package, exhibit):
    navigation.select_exhibit(window.selection, package, exhibit)
    expected = comparability.warnings(package, window.results.result, window.selection.state)
    label = window.header.warnings
    assert label.isVisible() == bool(expected)
    for warning in expected:
        assert warning.text("nb") in label.toolTip()
        assert _first_sentence(warning.text("nb")) in label.text()


def test_groups_shown_together_are_flagged(window, package):
    navigation.select_exhibit(window.selection, package, "fig7")
    assert len(window.selection.state.populations) == 2
    codes = {w.code for w in comparability.warnings(package, window.results.result, window.selection.state)}
    assert "populations_differ" in codes
    assert window.header.warnings.isVisible()
    window.selection.update(populations=("arbeidsplass",))
    codes = {w.code for w in comparability.warnings(package, window.results.result, window.selection.state)}
    assert "populations_differ" not in codes


def test_the_intervals_action_adds_interval_columns_only_where_n_is_known(window, package):
    navigation.select_exhibit(window.selection, package, "fig7")
    plain = len(window.results.table.columns)
    window.actions["intervals"].trigger()
    assert window.selection.state.intervals
    assert len(window.results.table.columns) > plain
    window.actions["intervals"].trigger()
    assert len(window.results.table.columns) == plain
    navigation.select_exhibit(window.selection, package, "k3")  # no N anywhere: nothing to add
    plain = len(window.results.table.columns)
    window.actions["intervals"].trigger()
    assert len(window.results.table.columns) == plain


def test_difference_between_two_groups_reads_back_from_the_table(window, package):
    navigation.select_exhibit(window.selection, package, "fig7")
    window.selection.update(difference=True)
    diff_col = next(j for j, c in enumerate(window.results.table.columns) if c.kind == DIFF)
    result = query(package, "fig7", window.selection.state.segments, window.selection.state.rounds, window.selection.state.populations)
    a, b = (s.key for s in result.series)
    for i, row in enumerate(window.results.table.rows):
        want = result.frame.at[i, b] - result.frame.at[i, a]
        got = row[diff_col].raw
        assert (math.isnan(want) and math.isnan(got)) or got == want


def test_copying_one_cell_can_carry_its_source_as_a_footnote(window, qtbot):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtGui import QGuiApplication

    navigation.select_exhibit(window.selection, window.package, "fig1")
    key = window.results.result.series[0].key
    row = int(window.results.result.frame[key].first_valid_index())
    index = _value_index(window, row, key)
    window.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.copy_table()
    assert "3:p4" not in QGuiApplication.clipboard().mimeData().html()  # option off: no footnote
    window.actions["footnote"].trigger()
    window.copy_table()
    html = QGuiApplication.clipboard().mimeData().html()
    assert describe_locator(window.results.result.frame.at[row, f"{key}|locator"], "nb") in html
    QGuiApplication.clipboard().clear()


def test_export_all_from_the_menu_writes_a_workbook(window, tmp_path, monkeypatch):
    import openpyxl

    from hjk_desktop.ui import export_dialog

    target = tmp_path / "alt.xlsx"
    real = export_dialog.export_all
    monkeypatch.setattr(export_dialog, "export_all", lambda parent, package, lang="nb", path=None: real(parent, package, lang, target))
    window.actions["export_all"].trigger()
    workbook = openpyxl.load_workbook(target)
    assert len(workbook.sheetnames) == len(window.package.exhibit_ids()) + 3  # Om, the exhibits, Verdier, Funn
    assert workbook.sheetnames[-1] == "Funn" and workbook["Funn"].max_row - 1 == len(window.package.findings)


def test_export_opens_the_dialog_for_the_shown_exhibit(window, monkeypatch):
    from hjk_desktop.ui import export_dialog

    seen = {}

    def fake_exec(dialog):
        seen["dialog"] = dialog
        return 0

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    navigation.select_exhibit(window.selection, window.package, "fig8")
    window.actions["export"].trigger()
    assert isinstance(seen["dialog"], export_dialog.ExportDialog)
