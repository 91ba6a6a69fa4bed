"""The bundled package loads, its frames match the CSV files, and its fields agree with each other."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from hjk_desktop.core import Package, bundled_package_path, load_package
from hjk_desktop.core.spec import OPTIONAL_RESOURCES
from hjk_desktop.core.spec import TABLES as SPEC

from .conftest import BUNDLED

TABLES = ("chapters", "exhibits", "items", "values", "segments", "populations", "rounds", "responses")


def _csv(name: str) -> list[dict[str, str]]:
    with (BUNDLED / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_bundled_path_is_the_checkout_package():
    path = bundled_package_path()
    assert (path / "datapackage.json").is_file()
    assert path.name == "hjemmekontor-2021"


def test_frames_match_the_files(package):
    assert isinstance(package, Package)
    for name in TABLES:
        rows = _csv(name)
        frame = getattr(package, name)
        assert len(frame) == len(rows), name
        spec = {c.name for c in SPEC[name]}
        assert set(frame.columns) == spec, name  # in the spec's order, whatever the file's
        # every column the file has and the spec knows is read; a column the spec does not know is ignored
        assert set(rows[0].keys()) & spec <= set(frame.columns), name


def test_column_types(package):
    values = package.values
    assert values["value"].dtype == "float64"
    assert str(values["n"].dtype) == "Int64"
    assert values["approx"].dtype == bool
    assert values["n"].isna().any()  # a blank N stays missing, not 0
    assert not (values["n"] == 0).any()
    assert str(package.exhibits["number"].dtype) == "Int64"


def test_values_as_in_the_file(package, raw_values):
    frame = package.values.set_index("id")
    for row in raw_values:
        assert frame.at[row["id"], "value"] == float(row["value"])
        assert bool(frame.at[row["id"], "approx"]) == (row["approx"] == "true")
        n = frame.at[row["id"], "n"]
        assert (pd.isna(n) and row["n"] == "") or int(n) == int(row["n"])


def test_descriptor_fields(package):
    meta = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    assert package.citation == meta["citation"]
    assert package.homepage == meta["homepage"]
    assert package.title == meta["title"]
    names = {r["name"] for r in meta["resources"]}
    assert set(TABLES) <= names <= set(TABLES) | set(OPTIONAL_RESOURCES)
    for name in names:
        assert package.resource_path(name).is_file()


def test_reading_order(package, raw_exhibits):
    expected = [ex["id"] for ex in sorted(raw_exhibits, key=lambda ex: (int(ex["chapter"]), int(ex["order"])))]
    assert package.exhibit_ids() == expected
    for chapter in package.chapters.index:
        assert package.exhibits_in(chapter) == [e for e in expected if int(package.exhibit(e)["chapter"]) == chapter]
    assert sum(len(package.exhibits_in(c)) for c in package.chapters.index) == len(expected)


def test_lookups(package, raw_values):
    for ex in package.exhibit_ids():
        assert set(package.values_for(ex)["id"]) == {r["id"] for r in raw_values if r["exhibit"] == ex}
        items = package.items_for(ex)
        assert list(items["order"]) == sorted(items["order"])
    assert package.label("segments", "oslo", "en") == "Oslo"
    assert package.label("segments", "no-such-code") == "no-such-code"  # unknown codes are shown as they are
    assert package.item_label("fig8", "verve", "nb") == "Verve nye medlemmer"
    assert package.item_label("fig8", "no-such-item") == "no-such-item"
    with pytest.raises(KeyError):
        package.exhibit("fig99")


def test_dimension_tables_are_ordered(package):
    for name in ("segments", "populations", "rounds", "responses"):
        frame = getattr(package, name)
        assert list(frame["order"]) == sorted(frame["order"]), name
        assert frame.index.is_unique and list(frame.index) == list(frame["code"])
    assert package.segments.index[0] == "alle" and package.populations.index[0] == "alle"


# ----------------------------------------------------------------------------------------------
# rules of the package that the loader does not enforce but the data must keep


def test_locator_chapter_is_the_row_chapter(raw_values):
    for row in raw_values:
        assert row["locator"].split(":")[0] == row["chapter"], row["id"]


def test_coverage_against_items_and_scale(raw_values, raw_exhibits):
    """coverage: all / some / none of items × scale responses have a number (own population and round, any segment)."""
    items = _csv("items")
    for ex in raw_exhibits:
        if ex["chart"] == "facts":
            continue
        cells = {(i["code"], r) for i in items if i["exhibit"] == ex["id"] for r in ex["scale"].split("|")}
        given = {(v["item"], v["response"]) for v in raw_values
                 if v["exhibit"] == ex["id"] and v["population"] == ex["population"] and v["round"] == ex["round"]}
        assert given <= cells, ex["id"]
        expected = "none" if not given else "all" if given == cells else "some"
        assert ex["coverage"] == expected, ex["id"]


def test_rankings_name_their_items_in_order(raw_exhibits):
    items = _csv("items")
    ranked = [ex for ex in raw_exhibits if ex["ranking"]]
    assert {ex["id"] for ex in ranked} >= {ex["id"] for ex in raw_exhibits if ex["chart"] == "ranking"}
    for ex in ranked:
        codes = [code for rank in ex["ranking"].split("|") for code in rank.split("+")]
        assert len(codes) == len(set(codes)), ex["id"]  # an item holds one rank only
        assert set(codes) <= {i["code"] for i in items if i["exhibit"] == ex["id"]}, ex["id"]


def test_pairs_are_mutual(raw_exhibits):
    pairs = {ex["id"]: ex["pair"] for ex in raw_exhibits if ex["pair"]}
    for a, b in pairs.items():
        assert pairs.get(b) == a
        rounds = {ex["id"]: ex["round"] for ex in raw_exhibits}
        assert rounds[a] != rounds[b]  # a pair is the same question in two rounds


def test_compiled_exhibits_are_key_figures(raw_exhibits):
    for ex in raw_exhibits:
        assert (ex["compiled"] == "true") == (ex["kind"] == "key_figures"), ex["id"]
        assert (ex["number"] != "") == (ex["kind"] in ("figure", "table")), ex["id"]
        assert (ex["n"] != "") == (ex["kind"] in ("figure", "table")), ex["id"]


def test_derived_values_say_how(raw_values):
    by_id = {row["id"]: row for row in raw_values}
    for row in raw_values:
        if row["status"] == "derived":
            terms = row["formula"].split()[0::2]
            assert terms and all(t in by_id for t in terms), row["id"]
            # a sum of approximate numbers is approximate; a sum of exact ones is exact
            assert (row["approx"] == "true") == any(by_id[t]["approx"] == "true" for t in terms), row["id"]
        else:
            assert row["formula"] == "", row["id"]


def test_values_of_a_figure_carry_its_n(raw_values, raw_exhibits):
    n_of = {ex["id"]: ex["n"] for ex in raw_exhibits}
    population_of = {ex["id"]: ex["population"] for ex in raw_exhibits}
    for row in raw_values:
        if row["n"] and row["population"] == population_of[row["exhibit"]] and row["segment"] == "alle":
            assert row["n"] == n_of[row["exhibit"]], row["id"]


def test_load_twice_gives_equal_frames(package):
    again = load_package(BUNDLED)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(package, name))
