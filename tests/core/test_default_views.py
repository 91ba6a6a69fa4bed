"""Every exhibit opens on data, side by side shows both rounds' values, and every column is named with its own N."""

from __future__ import annotations

import math

import pytest

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.chart_layout import layout_chart
from hjk_desktop.core.codes import ALL, Chart, Round, Status, View, is_missing, parse_ranking
from hjk_desktop.core.query import availability, default_selection, pair_exhibit, query, segments_with_data, series_ns
from hjk_desktop.core.selection import SelectionState
from hjk_desktop.core.table import build_table, caption

FEBRUARY, JUNE = Round.SURVEY


@pytest.fixture(scope="module")
def package():
    return load_package(bundled_package_path())


def _stated(result) -> int:
    return sum(1 for k in result.keys for v, s in zip(result.columns[k], result.field(k, "status"))
               if not is_missing(v) and s == Status.STATED)


def _stated_in_text(package, ex) -> int:
    values = package.values_for(ex)
    return int((values["status"] == Status.STATED).sum())


@pytest.mark.parametrize("exhibit_id", load_package(bundled_package_path()).exhibit_ids())
def test_default_view_shows_a_stated_value(package, exhibit_id):
    result = query(package, exhibit_id, **default_selection(package, exhibit_id))
    ex = package.exhibit(exhibit_id)
    if _stated_in_text(package, exhibit_id) == 0:
        # the text gives no number for it at all (a ranking in words): the view is the stated order
        assert ex["chart"] == Chart.RANKING and parse_ranking(ex["ranking"]), exhibit_id
        return
    assert _stated(result) >= 1, exhibit_id


@pytest.mark.parametrize("exhibit_id", load_package(bundled_package_path()).exhibit_ids())
def test_default_view_has_no_empty_column(package, exhibit_id):
    result = query(package, exhibit_id, **default_selection(package, exhibit_id))
    if _stated_in_text(package, exhibit_id) == 0:
        return
    for spec in result.series:
        assert any(not is_missing(v) for v in result.columns[spec.key]), (exhibit_id, spec.key)


def test_figur_3_opens_on_the_sectors_the_text_gives(package):
    choice = default_selection(package, "fig3")
    assert choice["segments"] == ("statlig", "privat_tjeneste") and choice["rounds"] == (JUNE,)
    assert ALL not in choice["segments"]  # the text gives no whole-group value for June


def test_whole_group_stays_the_simple_default_where_the_text_gives_it(package):
    # Figur 8 also has a state-sector and a large-workplace value, but its whole-group values come first
    assert default_selection(package, "fig8")["segments"] == (ALL,)
    assert default_selection(package, "tab1") == {"segments": (ALL,), "rounds": (FEBRUARY,), "populations": ("alle",)}


def test_no_default_could_show_more_with_a_single_segment(package):
    """The default for one segment is the one with the most stated values (ties go to the whole group)."""
    for ex in package.exhibit_ids():
        choice = default_selection(package, ex)
        if package.exhibit(ex)["chart"] == Chart.FACTS or len(choice["segments"]) != 1:
            continue
        shown = _stated(query(package, ex, **choice))
        for segment in availability(package, ex).segments:
            other = _stated(query(package, ex, **{**choice, "segments": (segment,)}))
            assert other <= shown, (ex, segment)


@pytest.mark.parametrize("exhibit_id", ["tab1", "fig3"])
def test_side_by_side_shows_values_from_both_rounds(package, exhibit_id):
    rounds = (FEBRUARY, JUNE)
    assert set(rounds) <= set(availability(package, exhibit_id).rounds)
    choice = {**default_selection(package, exhibit_id), "rounds": rounds}
    choice["segments"] = segments_with_data(package, exhibit_id, rounds, choice["populations"])
    result = query(package, exhibit_id, **choice)
    for round_ in rounds:
        columns = [s for s in result.series if s.round == round_]
        assert columns and all(any(not is_missing(v) for v in result.columns[s.key]) for s in columns), round_


def test_pairs_point_to_each_other(package):
    assert pair_exhibit(package, "tab1") == "fig3" and pair_exhibit(package, "fig3") == "tab1"
    assert pair_exhibit(package, "fig7") == ""


# -- N of each column ---------------------------------------------------------------------------------


def test_each_group_has_its_own_n(package):
    result = query(package, "fig7")
    ns = {s.population: n for s, n in zip(result.series, series_ns(package, result).values())}
    assert ns == {"hjemmekontor_oppfordret": 947.0, "forening_forbund": 320.0}
    layout = layout_chart(package, result, SelectionState(exhibit="fig7", language="nb"))
    assert "N=947" in layout.title_extra and "N=320" in layout.title_extra


def test_a_column_without_n_is_said_to_have_none(package):
    result = query(package, "fig3", segments=(ALL, "statlig"))
    ns = series_ns(package, result)
    assert ns[result.keys[0]] == 954.0  # the whole June group: the figure's N
    assert math.isnan(ns[result.keys[1]])  # the state sector: the text gives no N


def test_difference_title_names_both_ns_or_n_unknown(package):
    state = SelectionState(exhibit="fig3", segments=(ALL, "statlig"), rounds=(JUNE,), difference=True, language="nb")
    result = query(package, "fig3", segments=state.segments, rounds=state.rounds)
    layout = layout_chart(package, result, state)
    assert layout.view == View.DIFFERENCE
    assert "Alle: N=954" in layout.title_extra and "Statlig sektor: N ukjent" in layout.title_extra
    state_en = SelectionState(exhibit="fig7", difference=True, language="en")
    layout = layout_chart(package, query(package, "fig7"), state_en)
    assert "N=947" in layout.title_extra and "N=320" in layout.title_extra


def test_caption_names_the_round_and_n_of_what_is_shown(package):
    june = query(package, "tab1", segments=("statlig", "privat_tjeneste"), rounds=(JUNE,))
    said = caption(package, "tab1", "nb", june)
    assert "(juni 2021)" in said and "ebruar" not in said and "1598" not in said  # a month mid-sentence: lower case
    assert build_table(package, june, "nb").caption == said
    february = query(package, "tab1")
    assert "N=1598" in caption(package, "tab1", "nb", february) and "februar 2021" in caption(package, "tab1", "nb", february)
    both = query(package, "tab1", segments=(ALL, "statlig"), rounds=(FEBRUARY, JUNE))
    said = caption(package, "tab1", "en", both)
    assert "February 2021" in said and "June 2021" in said and "N=" not in said  # each column's N is listed apart


def test_the_n_page_never_says_its_n_is_missing(package):
    from hjk_desktop.core.chart_layout import describe, tooltip

    result = query(package, "n")
    assert len(result.frame) and all(not is_missing(v) for v in result.columns["value"])
    layout = layout_chart(package, result, SelectionState(exhibit="n", language="nb"))
    said = [tooltip(package, result, i, "value", "nb", ",") for i in range(len(result.frame))]
    said += [describe(layout), layout.title, layout.title_extra, caption(package, "n", "nb", result)]
    assert not any("N ikke oppgitt" in s or "N ukjent" in s for s in said)
    # a percentage without N still says so
    fig3 = query(package, "fig3")
    row = next(i for i, v in enumerate(fig3.columns[fig3.keys[0]]) if not is_missing(v))
    assert "N ikke oppgitt" in tooltip(package, fig3, row, fig3.keys[0], "nb", ",")
