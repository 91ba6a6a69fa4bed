"""Queries against values.csv read independently: every value lands in its cell, every gap says why, none is 0."""

from __future__ import annotations

import math

import pytest

from hjk_desktop.core.codes import Reason
from hjk_desktop.core.query import availability, default_selection, difference, query


def _grid_exhibits(package):
    return [ex for ex in package.exhibit_ids() if package.exhibit(ex)["chart"] != "facts"]


def _facts_exhibits(package):
    return [ex for ex in package.exhibit_ids() if package.exhibit(ex)["chart"] == "facts"]


def _everything(package, ex):
    avail = availability(package, ex)
    return query(package, ex, avail.segments, avail.rounds, avail.populations)


def _row_index(result, item, response):
    hits = result.frame.index[(result.frame["item"] == item) & (result.frame["response"] == response)]
    assert len(hits) == 1, (result.exhibit_id, item, response)
    return hits[0]


def test_every_value_lands_in_its_cell(package, raw_values):
    checked = 0
    for ex in _grid_exhibits(package):
        result = _everything(package, ex)
        own = [row for row in raw_values if row["exhibit"] == ex]
        for row in own:
            key = f"{row['population']}|{row['segment']}|{row['round']}"
            assert key in result.keys, (ex, key)
            cell = result.cell(_row_index(result, row["item"], row["response"]), key)
            assert cell["value"] == float(row["value"]), row["id"]
            assert cell["id"] == row["id"] and cell["locator"] == row["locator"]
            assert cell["status"] == row["status"] and cell["approx"] == (row["approx"] == "true")
            assert cell["source"] == ex
            checked += 1
        # and nothing else of the exhibit's own is shown
        shown = sum(int((result.frame[k].notna() & (result.frame[f"{k}|source"] == ex)).sum()) for k in result.keys)
        assert shown == len(own), ex
    assert checked == sum(1 for row in raw_values if package.exhibit(row["exhibit"])["chart"] != "facts")


def test_missing_is_nan_with_a_reason_never_zero(package, raw_values):
    zeros_in_data = {row["id"] for row in raw_values if float(row["value"]) == 0}
    for ex in package.exhibit_ids():
        result = _everything(package, ex)
        for key in result.keys:
            for i in range(len(result.frame)):
                cell = result.cell(i, key)
                if cell["status"] == "missing":
                    assert math.isnan(cell["value"]), (ex, key, i)
                    assert cell["reason"] in Reason.ALL
                    assert cell["id"] == "" and cell["locator"] == ""
                else:
                    assert cell["reason"] == ""
                    if cell["value"] == 0:
                        assert cell["id"] in zeros_in_data


@pytest.mark.parametrize(
    ("exhibit", "selection", "reason"),
    [
        # Figur 1: the text leaves electricity without a number
        ("fig1", {}, "not_stated"),
        # Figur 1 has no numbers for Oslo at all
        ("fig1", {"segments": ["oslo"]}, "no_segment_data"),
        # Figur 8 exists only in the June round
        ("fig8", {"rounds": ["2021-02"]}, "not_asked"),
        # Figur 8 is not split by kind of representative
        ("fig8", {"populations": ["arbeidsplass"]}, "no_population_data"),
    ],
)
def test_each_missing_reason(package, exhibit, selection, reason):
    result = query(package, exhibit, **selection)
    assert len(result.series) == 1
    key = result.keys[0]
    reasons = set(result.frame[f"{key}|reason"]) - {""}
    assert reason in reasons
    if reason != "not_stated":  # a whole series without data gives one reason for all its cells
        assert reasons == {reason}
        assert result.frame[key].isna().all()


def test_not_stated_rows_of_figure_1(package, raw_values):
    result = query(package, "fig1")
    given = {row["item"] for row in raw_values if row["exhibit"] == "fig1"}
    key = result.keys[0]
    for i, item in enumerate(result.frame["item"]):
        if item not in given:
            assert result.frame.at[i, f"{key}|reason"] == "not_stated"
    assert given < set(result.frame["item"])  # some items of the figure have no number in the text


def test_coverage_none_and_all(package):
    # (coverage itself is checked against items × scale in test_package.py)
    for ex in _grid_exhibits(package):
        exhibit = package.exhibit(ex)
        segments = availability(package, ex).segments
        present = query(package, ex, segments, [exhibit["round"]], [exhibit["population"]]).values().notna().any(axis=1)
        if exhibit["coverage"] == "none":
            assert not present.any(), ex
        elif exhibit["coverage"] == "all":
            assert present.all(), ex


def test_rows_follow_the_items(package):
    for ex in _grid_exhibits(package):
        result = query(package, ex)
        item_order = list(package.items_for(ex)["code"])
        seen = list(dict.fromkeys(result.rows["item"]))
        assert seen == item_order, ex
        assert result.rows["label_nb"].str.len().min() > 0 and result.rows["label_en"].str.len().min() > 0


def test_series_are_the_product_of_the_selection(package):
    result = query(package, "fig3", segments=["statlig", "privat_tjeneste"], rounds=["2021-06"])
    group = package.exhibit("fig3")["population"]
    assert [(s.population, s.segment, s.round) for s in result.series] == [
        (group, "statlig", "2021-06"), (group, "privat_tjeneste", "2021-06"),
    ]
    # one round: a chosen segment without values still gets its (empty) column, so the choice is visible
    empty = query(package, "tab1", segments=["alle", "statlig"], rounds=["2021-02"])
    assert [s.segment for s in empty.series] == ["alle", "statlig"]
    assert empty.frame[empty.series[1].key].isna().all()


def test_side_by_side_keeps_the_columns_with_values(package):
    # February gives only the whole group (Tabell 1), June only the sectors (Figur 3): the product would
    # have two empty columns, side by side shows the two that carry values
    result = query(package, "tab1", segments=["alle", "statlig"], rounds=["2021-02", "2021-06"], populations=["alle"])
    june_group = package.exhibit("fig3")["population"]  # June comes from Figur 3, asked of another group
    assert [(s.population, s.segment, s.round) for s in result.series] == [
        ("alle", "alle", "2021-02"), (june_group, "statlig", "2021-06"),
    ]
    assert all(result.frame[s.key].notna().any() for s in result.series)
    labels = [s.label("nb") for s in result.series]
    assert len(set(labels)) == 2  # each series can be told apart
    assert all(s.label("en") for s in result.series)
    assert not any(k.startswith("alle|statlig|") for k in result.frame.columns)  # no stray fields of a dropped column


def test_availability_lists_codes_with_values(package, raw_values):
    for ex in _grid_exhibits(package):
        avail = availability(package, ex)
        own = [row for row in raw_values if row["exhibit"] == ex]
        assert {row["segment"] for row in own} <= set(avail.segments)
        assert {row["population"] for row in own} <= set(avail.populations)
        assert {row["round"] for row in own} <= set(avail.rounds)
        assert "alle" in avail.segments
        assert package.exhibit(ex)["population"] in avail.populations
    # the pair's rounds and segments count: Tabell 1 can be shown for June through Figur 3
    assert set(availability(package, "tab1").rounds) == {"2021-02", "2021-06"}
    assert {"statlig", "privat_tjeneste"} <= set(availability(package, "tab1").segments)


def test_default_selection(package):
    for ex in package.exhibit_ids():
        defaults = default_selection(package, ex)
        avail = availability(package, ex)
        assert set(defaults["segments"]) <= set(avail.segments)
        assert set(defaults["rounds"]) <= set(avail.rounds) and defaults["rounds"]
        assert set(defaults["populations"]) <= set(avail.populations) and defaults["populations"]
    # the whole group where the text gives it; Figur 3 gives only sector values, so it opens on those
    for ex in ("fig1", "tab1", "fig4", "fig7", "fig8"):
        assert default_selection(package, ex)["segments"] == ("alle",), ex
    assert default_selection(package, "fig3")["segments"] == ("statlig", "privat_tjeneste")
    assert default_selection(package, "tab1")["rounds"] == ("2021-02",)
    assert default_selection(package, "fig3")["rounds"] == ("2021-06",)
    # a query without a selection uses the defaults
    assert query(package, "fig7").keys == query(package, "fig7", **default_selection(package, "fig7")).keys


def test_facts_layout(package, raw_values):
    for ex in _facts_exhibits(package):
        result = query(package, ex)
        assert [s.key for s in result.series] == ["value"]
        own = {row["id"]: float(row["value"]) for row in raw_values if row["exhibit"] == ex}
        assert len(result.frame) == len(own), ex
        assert dict(zip(result.frame["value|id"], result.frame["value"])) == own
        assert result.frame["label_nb"].is_unique, ex  # qualifiers tell facts about the same item apart


def test_facts_follow_the_selection(package, raw_values):
    result = query(package, "k2", segments=["statlig"], rounds=["2021-06", "2019"], populations=["alle", "arbeidstakere"])
    expected = {row["id"] for row in raw_values if row["exhibit"] == "k2" and row["segment"] == "statlig"
                and row["round"] in ("2021-06", "2019") and row["population"] in ("alle", "arbeidstakere")}
    assert set(result.frame["value|id"]) == expected and expected


def test_pair_fills_the_other_round(package, raw_values):
    alone = query(package, "tab1")
    assert not alone.from_pair
    both = query(package, "tab1", segments=["statlig"], rounds=["2021-02", "2021-06"])
    assert both.from_pair
    june = f"{package.exhibit('fig3')['population']}|statlig|2021-06"  # named for the group Figur 3 asked
    fig3 = {(r["item"], r["response"]): float(r["value"]) for r in raw_values if r["exhibit"] == "fig3" and r["segment"] == "statlig"}
    shown = {}
    for i in range(len(both.frame)):
        cell = both.cell(i, june)
        if cell["status"] != "missing":
            assert cell["source"] == "fig3"
            shown[(both.frame.at[i, "item"], both.frame.at[i, "response"])] = cell["value"]
    # every statlig value of Figur 3 whose item and response Tabell 1 also has
    tab1_rows = set(zip(both.frame["item"], both.frame["response"]))
    assert shown == {k: v for k, v in fig3.items() if k in tab1_rows}
    # and the other way: Figur 3 for February shows Tabell 1's numbers
    feb = query(package, "fig3", segments=["alle"], rounds=["2021-02"])
    assert feb.from_pair
    tab1 = {(r["item"], r["response"]): float(r["value"]) for r in raw_values if r["exhibit"] == "tab1"}
    for i in range(len(feb.frame)):
        cell = feb.cell(i, feb.keys[0])
        key = (feb.frame.at[i, "item"], feb.frame.at[i, "response"])
        if key in tab1:
            assert cell["value"] == tab1[key] and cell["source"] == "tab1"
        else:
            assert cell["status"] == "missing"


def test_difference_is_second_minus_first(package):
    result = query(package, "fig7", populations=["hjemmekontor_oppfordret", "forening_forbund"])
    a, b = result.keys
    diff = difference(result, a, b)
    for i in range(len(result.frame)):
        va, vb = result.frame.at[i, a], result.frame.at[i, b]
        if math.isnan(va) or math.isnan(vb):
            assert math.isnan(diff[i])
        else:
            assert diff[i] == vb - va
    assert diff.notna().any() and diff.isna().any()


def test_counts_add_up(package):
    for ex in package.exhibit_ids():
        result = _everything(package, ex)
        counts = result.counts()
        assert counts["stated"] + counts["derived"] + counts["missing"] == result.values().size
        assert counts["approx"] <= counts["stated"] + counts["derived"]


def test_unknown_exhibit(package):
    with pytest.raises(KeyError):
        query(package, "fig99")


# -- switching stays cheap: no scan of the package's values per query, no frames unless asked -----------


def test_queries_use_the_index_not_a_scan_of_the_values(monkeypatch, package_copy):
    from hjk_desktop.core import load_package
    from hjk_desktop.core.package import Package
    from hjk_desktop.core.query import rows_of

    fresh = load_package(package_copy)  # its own index: nothing kept from other tests

    def no_scan(self, exhibit_id):
        raise AssertionError("a query scanned the package's values for one exhibit")

    monkeypatch.setattr(Package, "values_for", no_scan)
    monkeypatch.setattr(Package, "items_for", no_scan)
    for ex in fresh.exhibit_ids():
        query(fresh, ex, **default_selection(fresh, ex))
    monkeypatch.undo()
    for ex in fresh.exhibit_ids():  # the index gives exactly the rows a scan gives, in the file's order
        scanned = fresh.values[fresh.values["exhibit"] == ex]
        indexed = rows_of(fresh, "values", ex)
        for column in scanned.columns:
            assert [str(v) for v in indexed[column]] == [str(v) for v in scanned[column].tolist()], (ex, column)


def test_a_result_builds_its_frames_only_when_asked(package):
    import dataclasses

    result = query(package, "fig7", **default_selection(package, "fig7"))
    assert "_frame" not in result.__dict__ and "rows" not in result.__dict__  # the chart and table read plain lists
    assert result.n_rows == len(result.columns["item"]) == len(result.frame) == len(result.rows)
    assert list(result.frame.columns) == list(result.columns)
    for key in result.keys:
        assert same(result.frame[key].tolist(), result.columns[key])
    changed = result.frame.copy()
    changed[result.keys[0]] = 1.0
    given = dataclasses.replace(result, frame=changed)  # a frame handed in is the data
    assert given.frame is changed and given.columns[result.keys[0]] == [1.0] * result.n_rows
    assert dataclasses.replace(result).frame.equals(result.frame)


def same(a, b) -> bool:
    return all((x != x and y != y) or x == y for x, y in zip(a, b, strict=True))
