"""The table model: Qt's model tester, display text, tooltips, sort order and the frame left untouched."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt

from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.table import build_table
from hjk_desktop.ui.table_model import RAW_ROLE, ExhibitSortProxy, ExhibitTableModel
from tests.ui.helpers import parse_shown, same, value_columns


def _model(package, exhibit, difference=False, decimal="comma", **choice):
    result = query(package, exhibit, **(choice or default_selection(package, exhibit)))
    model = ExhibitTableModel()
    model.set_table(build_table(package, result, "nb", difference), decimal)
    return model, result


@pytest.mark.parametrize("exhibit", ["k1", "k3", "fig1", "fig2", "tab1", "fig7", "fig8"])
def test_qt_model_tester_accepts_the_model(qtmodeltester, package, exhibit):
    model, _ = _model(package, exhibit)
    qtmodeltester.check(model, force_py=True)
    proxy = ExhibitSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy, force_py=True)


@pytest.mark.parametrize("exhibit", ["fig1", "fig5", "fig7", "k2", "tab1"])
def test_display_and_raw_roles_carry_the_query_values(package, exhibit):
    model, result = _model(package, exhibit)
    columns = value_columns(model)
    assert set(columns) == set(result.keys)
    for key, column in columns.items():
        for row in range(model.rowCount()):
            expected = float(result.frame.at[row, key])
            index = model.index(row, column)
            shown = index.data(Qt.ItemDataRole.DisplayRole)
            assert same(parse_shown(shown), expected), (exhibit, row, key, shown)
            assert same(index.data(RAW_ROLE), expected)
            if math.isnan(expected):
                assert shown == "–"
                reason = result.frame.at[row, f"{key}|reason"]
                assert reason and index.data(Qt.ItemDataRole.ToolTipRole).startswith(("Ikke", "Ingen"))
            elif result.frame.at[row, f"{key}|approx"]:
                assert shown.startswith("≈ ")
            else:
                assert "≈" not in shown


def test_derived_values_are_italic_and_explain_their_formula(package):
    model, result = _model(package, "fig7")
    columns = value_columns(model)
    found = 0
    for key, column in columns.items():
        for row in range(model.rowCount()):
            index = model.index(row, column)
            derived = result.frame.at[row, f"{key}|status"] == "derived"
            font = index.data(Qt.ItemDataRole.FontRole)
            assert (font is not None and font.italic()) == derived
            if derived:
                found += 1
                assert result.frame.at[row, f"{key}|formula"] in index.data(Qt.ItemDataRole.ToolTipRole)
    assert found >= 1


def test_decimal_mark_and_signed_difference(package):
    model, result = _model(package, "fig7", difference=True, decimal="point")
    diff_col = [j for j, c in enumerate(model.table.columns) if c.kind == "diff"]
    assert len(diff_col) == 1
    a, b = result.keys
    for row in range(model.rowCount()):
        shown = model.index(row, diff_col[0]).data()
        expected = float(result.frame.at[row, b] - result.frame.at[row, a])
        assert same(parse_shown(shown), expected)
        if not math.isnan(expected) and expected < 0:
            assert shown.lstrip("≈ ").startswith("−")
    model.set_decimal("comma")
    texts = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(1, model.columnCount())]
    assert not any("." in t for t in texts)


def test_numbers_are_right_aligned_labels_left(package):
    model, _ = _model(package, "fig4")
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft.value
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight.value


def test_header_data_answers_only_what_it_knows(package):
    model, _ = _model(package, "fig7")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Spørsmål / svar"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole) is None
    assert model.headerData(99, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.FontRole) is None


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_puts_missing_values_last_in_both_orders(package, order):
    model, result = _model(package, "fig7")
    proxy = ExhibitSortProxy()
    proxy.setSourceModel(model)
    key = result.keys[1]  # the second group has values and gaps
    column = value_columns(model)[key]
    proxy.sort(column, order)
    values = [proxy.index(r, column).data(RAW_ROLE) for r in range(proxy.rowCount())]
    present = [v for v in values if not math.isnan(v)]
    assert any(math.isnan(v) for v in values) and present
    assert all(not math.isnan(v) for v in values[: len(present)])  # every number before every gap
    assert present == sorted(present, reverse=order == Qt.SortOrder.DescendingOrder)


def test_the_model_never_changes_the_frame_it_shows(package):
    result = query(package, "fig7", **default_selection(package, "fig7"))
    before = result.frame.copy(deep=True)
    model = ExhibitTableModel()
    model.set_table(build_table(package, result, "nb", True), "comma")
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RAW_ROLE):
                model.index(r, c).data(role)
    model.set_decimal("point")
    assert result.frame.equals(before)


def test_view_selects_a_value_and_a_row_wherever_sorting_put_them(qtbot, package):
    from hjk_desktop.ui.table_view import ExhibitTableView

    result = query(package, "fig1", **default_selection(package, "fig1"))
    table = build_table(package, result, "nb")
    view = ExhibitTableView()
    qtbot.addWidget(view)
    view.set_table(table)
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    key = result.keys[0]
    row = len(result.frame) - 1
    assert view.select_cell(row, key)
    current = view.proxy.mapToSource(view.currentIndex())
    assert (current.row(), current.column()) == (row, value_columns(view.source_model)[key])
    assert not view.select_cell(row, "no|such|series")
    view.select_row(1)
    assert {r for r, _c in view.selected_cells()} == {1}


def _interval_model(package, **extra):
    choice = {**default_selection(package, "fig7"), "populations": ("hjemmekontor_oppfordret", "forening_forbund")}
    result = query(package, "fig7", **choice)
    model = ExhibitTableModel()
    model.set_table(build_table(package, result, "nb", intervals=True, **extra), "comma")
    proxy = ExhibitSortProxy()
    proxy.setSourceModel(model)
    return model, proxy


@pytest.mark.parametrize("difference", [False, True])
def test_qt_model_tester_accepts_the_merged_view(qtmodeltester, package, difference):
    _model_, proxy = _interval_model(package, difference=difference)
    qtmodeltester.check(proxy, force_py=True)


@pytest.mark.parametrize("difference", [False, True])
def test_the_view_shows_each_interval_as_one_lo_hi_column(package, difference):
    from hjk_desktop.core.table import CI_HI, CI_LO, DIFF_HI, DIFF_LO

    model, proxy = _interval_model(package, difference=difference)
    kinds = [c.kind for c in model.table.columns]
    pairs = kinds.count(CI_LO) + kinds.count(DIFF_LO)
    assert pairs == kinds.count(CI_HI) + kinds.count(DIFF_HI) >= 2
    assert proxy.columnCount() == model.columnCount() - pairs  # the model (what copy writes) keeps both limits
    merged = 0
    for section in range(proxy.columnCount()):
        columns = proxy.source_columns(section)
        if len(columns) == 1:
            for row in range(proxy.rowCount()):
                assert proxy.index(row, section).data() == model.index(row, columns[0]).data()
            continue
        lo, hi = columns
        assert (kinds[lo], kinds[hi]) in ((CI_LO, CI_HI), (DIFF_LO, DIFF_HI))
        merged += 1
        for row in range(proxy.rowCount()):
            shown = proxy.index(row, section).data()
            low, high = (model.index(row, c).data() for c in (lo, hi))
            if low == "–" and high == "–":
                assert shown == "–"
                continue
            assert parse_shown(low) == parse_shown(shown.replace("≈", "").split("–" if kinds[lo] == CI_LO else " – ")[0])
            assert shown.endswith(high.replace("≈ ", ""))
            assert shown.count("≈") == (1 if "≈" in low + high else 0)
            assert proxy.index(row, section).data(RAW_ROLE) == model.index(row, lo).data(RAW_ROLE) or math.isnan(
                model.index(row, lo).data(RAW_ROLE))
    assert merged == pairs


def test_compact_headers_with_the_full_text_in_the_tooltip(package):
    model, proxy = _interval_model(package, difference=True)
    tip_role = Qt.ItemDataRole.ToolTipRole
    for section in range(proxy.columnCount()):
        shown = proxy.headerData(section, Qt.Orientation.Horizontal)
        tip = proxy.headerData(section, Qt.Orientation.Horizontal, tip_role)
        columns = proxy.source_columns(section)
        full = [model.table.columns[c].header for c in columns]
        assert tip == "\n".join(full)
        kind = model.table.columns[columns[0]].kind
        if kind == "n":
            assert shown == "N" and "(" in tip  # the N's series is named in full in the tooltip
        elif len(columns) == 2:
            assert shown and full[0].startswith(shown) and full[1].startswith(shown)  # the words both limits share
            assert len(shown) < len(full[0]) and len(shown) < len(full[1])
        else:  # a group's short name where the package gives one, else the header as built
            assert shown == (model.table.columns[columns[0]].short or full[0])
    assert proxy.headerData(proxy.columnCount(), Qt.Orientation.Horizontal) is None


def test_value_columns_show_short_group_names_and_the_whole_name_in_the_tooltip(package):

    pops = ("hjemmekontor_oppfordret", "forening_forbund")
    for lang, short in (("nb", ("Bedt om hjemmekontor", "Forening / forbund")),
                        ("en", ("Asked to work from home", "Regional / national reps"))):
        result = query(package, "fig7", populations=pops)
        model = ExhibitTableModel()
        model.set_table(build_table(package, result, lang), "comma")
        values = [c for c in range(model.columnCount()) if model.table.columns[c].kind == "value"]
        assert [model.headerData(c, Qt.Orientation.Horizontal) for c in values] == list(short)
        tips = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) for c in values]
        assert tips == [package.label("populations", p, lang) for p in pops]


def test_interval_text_formats_both_limits_once():
    from hjk_desktop.core.table import CI_HI, CI_LO, DIFF_HI, DIFF_LO, TableCell
    from hjk_desktop.ui.table_model import interval_text

    assert interval_text(TableCell(12.3, CI_LO), TableCell(20.1, CI_HI), "comma") == "12,3–20,1"
    assert interval_text(TableCell(12.3, CI_LO, approx=True), TableCell(20.1, CI_HI, approx=True), "point") == "≈ 12.3–20.1"
    assert interval_text(TableCell(-5.2, DIFF_LO), TableCell(3.1, DIFF_HI), "comma") == "−5,2 – +3,1"
    assert interval_text(TableCell(float("nan"), CI_LO), TableCell(float("nan"), CI_HI), "comma") == "–"


def test_selecting_a_shown_interval_selects_both_limits(qtbot, package):
    from hjk_desktop.core.table import CI_HI, CI_LO
    from hjk_desktop.ui.table_view import ExhibitTableView

    model, _proxy = _interval_model(package)
    view = ExhibitTableView()
    qtbot.addWidget(view)
    view.set_table(model.table)
    kinds = [c.kind for c in model.table.columns]
    section = next(s for s in range(view.proxy.columnCount()) if len(view.proxy.source_columns(s)) == 2)
    view.setCurrentIndex(view.proxy.index(0, section))
    cells = view.selected_cells()
    assert [kinds[c] for _r, c in cells] == [CI_LO, CI_HI] and {r for r, _c in cells} == {0}


# -- what the view asks for while it paints is answered by Qt; rows fitted once per table and widths ----------


def test_the_view_merges_intervals_through_its_own_proxy_only_while_they_are_shown(qtbot, package):
    from PySide6.QtCore import QSortFilterProxyModel

    from hjk_desktop.ui.table_model import SortProxy
    from hjk_desktop.ui.table_view import ExhibitTableView

    plain_model, _ = _model(package, "fig7")
    merged_model, _ = _interval_model(package)
    view = ExhibitTableView()
    qtbot.addWidget(view)
    view.set_table(plain_model.table)
    assert type(view.proxy) is SortProxy and view.model() is view.proxy
    assert type(view.proxy).data is QSortFilterProxyModel.data  # no per-cell Python on the usual path
    view.set_table(merged_model.table)
    assert isinstance(view.proxy, ExhibitSortProxy) and view.model() is view.proxy
    section = next(s for s in range(view.proxy.columnCount()) if len(view.proxy.source_columns(s)) == 2)
    assert "–" in view.proxy.index(0, section).data()
    view.set_table(plain_model.table)  # back: the selection follows the model shown
    assert type(view.proxy) is SortProxy
    key = next(iter(value_columns(view.source_model)))
    assert view.select_cell(0, key)
    assert view.proxy.mapToSource(view.currentIndex()).column() == value_columns(view.source_model)[key]


def test_headers_are_compact_with_the_full_text_in_the_tooltip_in_the_model_too(package):
    model, result = _model(package, "fig7", populations=("hjemmekontor_oppfordret", "forening_forbund"),
                           segments=("alle",), rounds=("2021-06",))
    tip = Qt.ItemDataRole.ToolTipRole
    n_columns = [c for c, col in enumerate(model.table.columns) if col.kind == "n"]
    assert n_columns
    for c in n_columns:
        assert model.headerData(c, Qt.Orientation.Horizontal) == "N"
        assert model.headerData(c, Qt.Orientation.Horizontal, tip) == model.table.columns[c].header != "N"


def test_rows_are_as_tall_as_their_contents_and_follow_a_column_resized_by_hand(qtbot, package):
    from PySide6.QtWidgets import QHeaderView

    from hjk_desktop.ui.table_view import ExhibitTableView

    model, _ = _model(package, "fig7")
    view = ExhibitTableView()
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    view.set_table(model.table)
    rows = view.verticalHeader()
    fitted = [view.rowHeight(r) for r in range(view.model().rowCount())]
    rows.resizeSections(QHeaderView.ResizeMode.ResizeToContents)  # Qt's own rule, applied again
    assert fitted == [view.rowHeight(r) for r in range(view.model().rowCount())]
    label = view.horizontalHeader()
    label.resizeSection(0, 90)  # narrower by hand: the labels wrap onto more lines
    assert sum(view.rowHeight(r) for r in range(view.model().rowCount())) > sum(fitted)
