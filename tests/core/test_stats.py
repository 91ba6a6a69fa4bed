"""Statistics against published worked examples, the defining property of the score interval, and the package."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.codes import IntervalReason, Reading
from hjk_desktop.core.messages import text
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.stats import (
    Z95,
    difference_frame,
    interval_frame,
    newcombe_difference,
    newcombe_difference_counts,
    newcombe_percent,
    nominal_note,
    reading,
    wilson,
    wilson_counts,
)


@pytest.fixture(scope="module")
def pkg():
    return load_package(bundled_package_path())


# Newcombe (1998), Statistics in Medicine 17:857–872, single proportions, Wilson score method without
# continuity correction (method 3); 81/263 is also the worked example in many textbooks.
SINGLE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]

# Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score, no correction).
# The brief listed 0.0426–0.7843 for 6/7 − 2/7; method 10 gives 0.0582–0.8062 for that pair (checked by hand
# against the formula as printed in the paper and in two independent implementations), so that is what is tested.
DIFFERENCES = [
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
    (6, 7, 2, 7, 0.0582, 0.8062),
    (5, 56, 0, 29, -0.0381, 0.1926),
    (0, 10, 0, 20, -0.1611, 0.2775),
    (10, 10, 0, 20, 0.6791, 1.0000),
]


@pytest.mark.parametrize(("x", "n", "lo", "hi"), SINGLE)
def test_wilson_reproduces_published_limits(x, n, lo, hi):
    got = wilson_counts(x, n)
    assert round(got[0], 4) == lo
    assert round(got[1], 4) == hi
    # the percent form, fed p = x/n directly, gives the same interval in percent
    plo, phi = wilson(100 * x / n, n)
    assert plo == pytest.approx(got[0] * 100, abs=1e-9)
    assert phi == pytest.approx(got[1] * 100, abs=1e-9)


@pytest.mark.parametrize(("x1", "n1", "x2", "n2", "lo", "hi"), DIFFERENCES)
def test_newcombe_reproduces_published_limits(x1, n1, x2, n2, lo, hi):
    d, got_lo, got_hi = newcombe_difference_counts(x1, n1, x2, n2)
    assert d == pytest.approx(x1 / n1 - x2 / n2)
    assert round(got_lo, 4) == lo
    assert round(got_hi, 4) == hi
    d2, lo2, hi2 = newcombe_difference(x1 / n1, n1, x2 / n2, n2)
    assert (d2, lo2, hi2) == pytest.approx((d, got_lo, got_hi))


@pytest.mark.parametrize(("p", "n"), [(0.14, 952), (0.6, 963), (0.03, 1598), (0.75, 320), (0.5, 10)])
def test_wilson_limits_are_where_the_score_statistic_equals_z(p, n):
    """The Wilson limits are the proportions p0 at which |p − p0| / sqrt(p0 (1 − p0) / n) is exactly z."""
    lo, hi = wilson(p * 100, n)
    for p0 in (lo / 100, hi / 100):
        score = abs(p - p0) / math.sqrt(p0 * (1 - p0) / n)
        assert score == pytest.approx(Z95, rel=1e-9)
    assert lo < p * 100 < hi


def test_edges_and_missing():
    assert wilson_counts(0, 20)[0] == 0.0
    assert wilson_counts(20, 20)[1] == 1.0
    assert wilson(0, 50)[0] == 0.0 and wilson(100, 50)[1] == 100.0
    for bad in (wilson(50, 0), wilson(float("nan"), 100), wilson(50, float("nan")), wilson(50, None), wilson(120, 100)):
        assert all(math.isnan(v) for v in bad)
    assert all(math.isnan(v) for v in wilson_counts(3, 0))
    assert all(math.isnan(v) for v in newcombe_percent(float("nan"), 100, 50, 100))
    d, lo, hi = newcombe_percent(60, 100, 50, 0)
    assert d == pytest.approx(10) and math.isnan(lo) and math.isnan(hi)
    # intervals never leave [-1, 1]
    _, lo, hi = newcombe_difference_counts(10, 10, 0, 10)
    assert -1 <= lo <= hi <= 1


def test_difference_is_antisymmetric():
    d1, lo1, hi1 = newcombe_percent(67, 947, 75, 320)
    d2, lo2, hi2 = newcombe_percent(75, 320, 67, 947)
    assert d1 == pytest.approx(-d2)
    assert lo1 == pytest.approx(-hi2) and hi1 == pytest.approx(-lo2)


def test_reading_says_whether_zero_is_inside():
    assert reading(2.0, 13.0, "nb") == "forskjellen er større enn usikkerheten"
    assert reading(-13.0, -2.0, "en") == text("reading.clear", "en")
    assert reading(-1.0, 5.0, "nb") == "kan skyldes tilfeldigheter"
    assert reading(-1.0, 5.0, "en") == "may be due to chance"
    assert reading(float("nan"), 1.0) == ""


def test_nominal_note_in_both_languages():
    assert "e-post" in nominal_note("nb") and "e-mail" in nominal_note("en")
    assert "nominelle" in nominal_note("nb") and "nominal" in nominal_note("en")


def _known(values: pd.DataFrame) -> set[tuple]:
    """Cells that can carry an interval, straight from values.csv: a percentage with an N."""
    rows = values[(values["unit"] == "percent") & values["n"].notna()]
    return {(r.population, r.segment, r.round or "", r.item, r.response) for r in rows.itertuples()}


def test_interval_frame_exactly_where_n_is_known(pkg):
    known = _known(pkg.values)
    checked = with_interval = 0
    for ex in pkg.exhibit_ids():
        if pkg.exhibit(ex)["chart"] == "facts":
            continue
        sel = default_selection(pkg, ex)
        result = query(pkg, ex, sel["segments"], sel["rounds"], sel["populations"])
        ci = interval_frame(result)
        assert list(ci.index) == list(result.frame.index)
        for spec in result.series:
            for i in result.frame.index:
                cell = (spec.population, spec.segment, spec.round, result.frame.at[i, "item"], result.frame.at[i, "response"])
                lo, hi = ci.at[i, f"{spec.key}|lo"], ci.at[i, f"{spec.key}|hi"]
                checked += 1
                if cell in known:
                    with_interval += 1
                    value = result.frame.at[i, spec.key]
                    assert lo < value < hi, (ex, cell)
                    assert ci.at[i, f"{spec.key}|ci_reason"] == ""
                else:
                    assert math.isnan(lo) and math.isnan(hi), (ex, cell)
                    assert ci.at[i, f"{spec.key}|ci_reason"] in (IntervalReason.MISSING, IntervalReason.N_UNKNOWN, IntervalReason.NOT_PERCENT)
    assert with_interval >= 20 and checked > with_interval


def test_interval_frame_reasons(pkg):
    fig3 = query(pkg, "fig3", segments=("statlig",))
    ci = interval_frame(fig3)
    key = fig3.keys[0]
    present = fig3.frame[key].notna()
    assert set(ci.loc[present, f"{key}|ci_reason"]) == {IntervalReason.N_UNKNOWN}  # segment values in fig3 carry no N
    assert set(ci.loc[~present, f"{key}|ci_reason"]) == {IntervalReason.MISSING}
    k1 = query(pkg, "k1")
    assert IntervalReason.NOT_PERCENT in set(interval_frame(k1)["value|ci_reason"])


def test_difference_frame_fig7_populations(pkg):
    result = query(pkg, "fig7", populations=("hjemmekontor_oppfordret", "forening_forbund"))
    a, b = result.keys
    diff = difference_frame(result, a, b, "nb")
    rows = result.frame
    for i in rows.index:
        va, vb = rows.at[i, a], rows.at[i, b]
        if math.isnan(va) or math.isnan(vb):
            assert math.isnan(diff.at[i, "d"]) and diff.at[i, "reason"] == IntervalReason.MISSING and diff.at[i, "reading"] == ""
            continue
        assert diff.at[i, "d"] == pytest.approx(vb - va)  # same direction as the table's difference column
        assert diff.at[i, "lo"] < diff.at[i, "d"] < diff.at[i, "hi"]
        assert diff.at[i, "reading"] in {text(f"reading.{c}", "nb") for c in (Reading.CLEAR, Reading.CHANCE)}
    # both statements the two groups share have an interval; 67 % of 947 against 75 % of 320
    shared = diff[diff["d"].notna()]
    assert len(shared) == 2
    syk = rows.index[(rows["item"] == "syk") & (rows["response"] == "helt_eller_delvis_enig")][0]
    d, lo, hi = newcombe_percent(75, 320, 67, 947)
    assert (diff.at[syk, "lo"], diff.at[syk, "hi"]) == pytest.approx((lo, hi))


def test_difference_frame_without_n(pkg):
    result = query(pkg, "fig3", segments=("statlig", "privat_tjeneste"))
    a, b = result.keys
    diff = difference_frame(result, a, b, "en")
    both = result.frame[a].notna() & result.frame[b].notna()
    assert both.any()
    assert (diff.loc[both, "reason"] == IntervalReason.N_UNKNOWN).all()
    assert diff.loc[both, "lo"].isna().all() and (diff.loc[both, "reading"] == "").all()
    assert diff.loc[both, "d"].tolist() == (result.frame.loc[both, b] - result.frame.loc[both, a]).tolist()


# -- differences between samples that are not independent ------------------------------------------


def _with_ns(result, n_first: float, n_second: float, **spec_changes):
    """The same result with both columns given an N (and their specs changed), to reach the interval branch."""
    import dataclasses

    frame = result.frame.copy()
    for key, n in zip(result.keys, (n_first, n_second)):
        frame[f"{key}|n"] = [n if v == v else float("nan") for v in frame[key]]
    series = tuple(dataclasses.replace(s, **spec_changes.get(s.key, {})) for s in result.series)
    return dataclasses.replace(result, frame=frame, series=series)


def test_dependence_is_exactly_segment_against_whole_and_round_against_round(pkg):
    from hjk_desktop.core.stats import dependence

    def spec(segment="alle", round_="2021-06", population="alle"):
        return query(pkg, "fig7").series[0].__class__(key="k", population=population, segment=segment, round=round_,
                                                       label_nb="", label_en="")

    assert dependence(spec("alle"), spec("statlig")) == IntervalReason.DEPENDENT  # a part against its whole
    assert dependence(spec("over_500"), spec("alle")) == IntervalReason.DEPENDENT
    assert dependence(spec(round_="2021-02"), spec(round_="2021-06")) == IntervalReason.DEPENDENT  # the same panel
    assert dependence(spec("statlig"), spec("privat_tjeneste")) == ""  # two disjoint sectors
    groups = query(pkg, "fig7").series  # workplace against association representatives: different people
    assert dependence(*groups) == ""


def test_dependent_difference_has_no_interval_and_says_why(pkg):
    from hjk_desktop.core.stats import ci_reason_text

    base = query(pkg, "fig8", segments=("alle", "statlig"))
    shared = base.frame[base.keys[0]].notna() & base.frame[base.keys[1]].notna()
    assert shared.any()
    result = _with_ns(base, 963, 300)
    diff = difference_frame(result, *result.keys, "nb")
    assert (diff.loc[shared, "reason"] == IntervalReason.DEPENDENT).all()
    assert diff.loc[shared, "lo"].isna().all() and (diff.loc[shared, "reading"] == "").all()
    assert diff.loc[shared, "d"].notna().all()  # the difference itself is still given
    assert "uavhengige" in ci_reason_text(IntervalReason.DEPENDENT, "nb")
    assert "independent" in ci_reason_text(IntervalReason.DEPENDENT, "en")
    # the same two columns as two rounds of one segment: still dependent
    first, second = result.keys
    rounds = _with_ns(base, 963, 300, **{first: {"segment": "statlig", "round": "2021-02"}, second: {"round": "2021-06"}})
    assert (difference_frame(rounds, *rounds.keys)["reason"][shared] == IntervalReason.DEPENDENT).all()
    # and as two groups of different people, the interval is back
    groups = _with_ns(base, 963, 300, **{first: {"segment": "statlig", "population": "arbeidsplass"},
                                         second: {"population": "forening_forbund"}})
    independent = difference_frame(groups, *groups.keys, "nb")
    assert independent.loc[shared, "lo"].notna().all() and (independent.loc[shared, "reading"] != "").all()


def _caveat_everywhere(pkg, result, state_kwargs) -> dict[str, bool]:
    """Whether the dependence caveat is said in the table reading, the chart note and tooltip, and the header."""
    from hjk_desktop.core.chart_layout import Kind, layout_chart, tooltip
    from hjk_desktop.core.comparability import DEPENDENT_SAMPLES, warnings
    from hjk_desktop.core.selection import SelectionState
    from hjk_desktop.core.table import READING, build_table

    state = SelectionState(exhibit=result.exhibit_id, difference=True, language="en", **state_kwargs)
    ci_text = text("interval.dependent", "en")
    table = build_table(pkg, result, "en", difference=True)
    j = [c.kind for c in table.columns].index(READING)
    readings = [row[j].raw for row in table.rows if row[j].raw]
    layout = layout_chart(pkg, result, state)
    rows = [x.row for x in layout.differences if not math.isnan(x.d)]
    tips = [tooltip(pkg, result, i, Kind.DIFF, "en", ".") for i in rows]
    return {
        "table": bool(readings) and all(text("table.dependent", "en") in r for r in readings),
        "chart": any("independent" in n for n in layout.notes),
        "tooltip": bool(tips) and all(ci_text in t for t in tips),
        "header": DEPENDENT_SAMPLES in {w.code for w in warnings(pkg, result, state)},
    }


@pytest.mark.parametrize(("exhibit_id", "choice", "dependent"), [
    ("fig8", {"segments": ("alle", "statlig")}, True),  # segment against the whole
    ("fig4", {"segments": ("alle", "statlig")}, True),
    ("tab1", {"segments": ("alle", "statlig"), "rounds": ("2021-02", "2021-06")}, True),  # February against June
    ("fig7", {}, False),  # workplace against association representatives
    ("fig3", {"segments": ("statlig", "privat_tjeneste")}, False),  # two sectors
])
def test_dependence_caveat_appears_exactly_where_it_applies(pkg, exhibit_id, choice, dependent):
    result = query(pkg, exhibit_id, **choice)
    assert len(result.series) == 2
    found = _caveat_everywhere(pkg, result, choice)
    for where in ("table", "chart", "tooltip", "header"):
        assert found[where] is dependent, (exhibit_id, where)
