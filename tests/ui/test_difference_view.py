"""The difference view: with two series and the difference switched on, the chart draws second minus first
per row, with a nominal Newcombe interval exactly where both Ns are known and a visible "N ukjent" note where
the difference is given but an N is not. The window's table shows the same intervals and reading.

Which rows have both Ns is read from the query; the interval and the reading come from core.stats.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from hjk_desktop.core import bundled_package_path, load_package, stats
from hjk_desktop.core.codes import ALL, IntervalReason
from hjk_desktop.core.table import DIFF_HI, DIFF_LO, READING

pytest.importorskip("PySide6.QtCore")
from PySide6.QtCore import QPoint, Qt  # noqa: E402

from hjk_desktop.core.codes import View  # noqa: E402
from tests.ui.helpers import marks, parse_shown, render_exhibit  # noqa: E402

OWN = load_package(bundled_package_path()).exhibit("fig7")["population"]
BOTH_GROUPS = {"populations": (OWN, "forening_forbund")}
N_MISSING = {"populations": (OWN,), "segments": (ALL, "privat_tjeneste")}
UNKNOWN_NOTE = "N ukjent – ingen usikkerhet kan beregnes"


@pytest.fixture
def view(make_chart_view):
    return make_chart_view(900, 700)


def show(view, package, exhibit_id, **options):
    return render_exhibit(view, package, exhibit_id, **options)


def intervals(view) -> list[dict]:
    return [{"row": i.row, "key": i.key, "lo": i.lo, "hi": i.hi} for i in view.layout.intervals]


def differences(view) -> list[dict]:
    return [x.as_dict() for x in view.layout.differences]


def drawn_labels(view) -> list[str]:
    return [label.text for label in view.layout.labels]


def _known(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _rows_with_both_ns(result) -> set[int]:
    a, b = result.keys
    cols = result.columns
    return {i for i in range(len(cols[a]))
            if all(_known(cols[k][i]) and _known(cols[f"{k}|n"][i]) for k in (a, b))}


def test_fig7_intervals_drawn_exactly_where_both_ns_are_known(view, package):
    result = show(view, package, "fig7", difference=True, **BOTH_GROUPS)
    assert view.layout.view == View.DIFFERENCE
    a, b = result.keys
    cols = result.columns
    expected = _rows_with_both_ns(result)
    assert {cols["item"][i] for i in expected} == {"syk", "spare_lokaler"}
    drawn = {i["row"]: i for i in intervals(view)}
    assert set(drawn) == expected
    for i in expected:
        d, lo, hi = stats.newcombe_percent(cols[b][i], cols[f"{b}|n"][i], cols[a][i], cols[f"{a}|n"][i])
        assert drawn[i]["lo"] == pytest.approx(lo) and drawn[i]["hi"] == pytest.approx(hi)
        assert drawn[i]["key"] == "diff"
    by_row = {x["row"]: x for x in differences(view)}
    assert set(by_row) == set(range(len(cols[a])))
    for i, x in by_row.items():
        if _known(cols[a][i]) and _known(cols[b][i]):
            assert x["d"] == pytest.approx(cols[b][i] - cols[a][i])
        else:
            assert math.isnan(x["d"]) and math.isnan(x["lo"])
        if i not in expected:
            assert math.isnan(x["lo"]) and math.isnan(x["hi"])
    # a bar per known difference, a missing marker for the rest; no interval where there is no bar
    kinds = {d["row"]: d["kind"] for d in marks(view)}
    assert {i for i, k in kinds.items() if k == "diff"} == {i for i, x in by_row.items() if _known(x["d"])}
    assert {i for i, k in kinds.items() if k == "missing"} == {i for i, x in by_row.items() if not _known(x["d"])}


def test_signed_value_labels_and_nominal_note(view, package):
    result = show(view, package, "fig7", difference=True, **BOTH_GROUPS)
    a, b = result.keys
    labels = drawn_labels(view)
    for x in differences(view):
        if _known(x["d"]):
            assert any(t.startswith(("+", "−")) and parse_shown(t) == pytest.approx(x["d"]) for t in labels)
    assert stats.nominal_note("nb") in view.description()
    assert UNKNOWN_NOTE not in labels  # both Ns are known wherever a difference is drawn here


def test_unknown_n_gives_a_visible_note_and_no_interval(view, package):
    result = show(view, package, "fig7", difference=True, **N_MISSING)
    a, b = result.keys
    cols = result.columns
    without = [i for i in range(len(cols[a]))
               if _known(cols[a][i]) and _known(cols[b][i]) and i not in _rows_with_both_ns(result)]
    assert without
    by_row = {x["row"]: x for x in differences(view)}
    for i in without:
        assert by_row[i]["note"] == UNKNOWN_NOTE and by_row[i]["reason"] == IntervalReason.N_UNKNOWN
        assert math.isnan(by_row[i]["lo"])
    assert intervals(view) == []
    assert drawn_labels(view).count(UNKNOWN_NOTE) == len(without)


def test_hover_gives_the_reading_and_the_nominal_note(view, package, qtbot):
    show(view, package, "fig7", difference=True, **BOTH_GROUPS)
    target = next(x for x in differences(view) if _known(x["lo"]))
    point = view.scene_point(target["row"], "diff")
    qtbot.wait(40)
    qtbot.mouseMove(view.plot_widget.viewport(), QPoint(round(point.x()), round(point.y())))
    qtbot.waitUntil(lambda: view.hover_text() != "", timeout=8000)
    text = view.hover_text()
    assert stats.reading(target["lo"], target["hi"], "nb") in text
    assert stats.nominal_note("nb") in text


def test_values_view_again_when_the_difference_is_off_or_not_two_series(view, package):
    show(view, package, "fig7", difference=True, **BOTH_GROUPS)
    assert view.layout.view == View.DIFFERENCE
    show(view, package, "fig7", difference=False, **BOTH_GROUPS)
    assert view.layout.view == View.VALUES and differences(view) == [] and intervals(view) == []
    show(view, package, "fig7", difference=True, populations=(OWN,))
    assert view.layout.view == View.VALUES


def test_svg_of_the_difference_view_has_the_intervals(view, package):
    show(view, package, "fig7", difference=True, **BOTH_GROUPS)
    root = ET.fromstring(view.svg_bytes())
    ns = {"s": "http://www.w3.org/2000/svg"}
    paths = [p for p in root.iter(f"{{{ns['s']}}}path") if p.get("class") == "interval"]
    assert len(paths) == len(intervals(view))
    bars = [r for r in root.iter(f"{{{ns['s']}}}rect") if "bar" in (r.get("class") or "")]
    assert len(bars) == sum(1 for x in differences(view) if _known(x["d"]))


def test_window_checkbox_switches_chart_and_table(window, package, qtbot):
    from hjk_desktop.ui import navigation

    navigation.select_exhibit(window.selection, package, "fig7")
    window.selection.update(populations=BOTH_GROUPS["populations"])
    check = window.controls.difference
    assert check.isEnabled()
    # on the box itself: the widget may be wider than its indicator and text
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert window.selection.state.difference
    assert window.chart.layout.view == View.DIFFERENCE
    model = window.table.source_model
    kinds = [c.kind for c in model.table.columns]
    lo_col, hi_col, read_col = kinds.index(DIFF_LO), kinds.index(DIFF_HI), kinds.index(READING)
    drawn = {i["row"]: i for i in intervals(window.chart)}
    for row in range(model.rowCount()):
        lo_text = model.index(row, lo_col).data()
        hi_text = model.index(row, hi_col).data()
        reading_text = model.index(row, read_col).data()
        if row in drawn:  # the table shows the drawn interval, to one decimal, and its reading
            assert parse_shown(lo_text) == pytest.approx(drawn[row]["lo"], abs=0.05)
            assert parse_shown(hi_text) == pytest.approx(drawn[row]["hi"], abs=0.05)
            assert reading_text == stats.reading(drawn[row]["lo"], drawn[row]["hi"], "nb")
        else:
            assert math.isnan(parse_shown(lo_text)) and math.isnan(parse_shown(hi_text))
