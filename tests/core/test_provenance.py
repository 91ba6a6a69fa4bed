"""Provenance of single cells: stated, derived with formula, approximate, table cell, missing, from the paired round."""

from __future__ import annotations

import math

import pytest

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.package import evaluate_formula
from hjk_desktop.core.provenance import describe_locator, footnote, provenance
from hjk_desktop.core.query import query
from hjk_desktop.core.stats import nominal_note, wilson


@pytest.fixture(scope="module")
def pkg():
    return load_package(bundled_package_path())


def row_of(result, item, response):
    rows = result.frame
    hit = rows.index[(rows["item"] == item) & (rows["response"] == response)]
    assert len(hit) == 1
    return int(hit[0])


def value_record(pkg, value_id):
    rec = pkg.values[pkg.values["id"] == value_id]
    assert len(rec) == 1
    return rec.iloc[0]


@pytest.mark.parametrize(("locator", "nb", "en"), [
    ("3:p4", "kapittel 3, avsnitt 4", "chapter 3, paragraph 4"),
    ("9:bullet2", "kapittel 9, punkt 2", "chapter 9, bullet point 2"),
    ("5:tabell1:r2c1", "kapittel 5, tabell 1, rad 2, kolonne 1", "chapter 5, table 1, row 2, column 1"),
    ("3:figur1", "kapittel 3, figurtittel (figur 1)", "chapter 3, caption of figure 1"),
    ("5:tabell1", "kapittel 5, tabelltittel (tabell 1)", "chapter 5, caption of table 1"),
    ("", "", ""),
    ("nonsense", "nonsense", "nonsense"),
])
def test_describe_locator(locator, nb, en):
    assert describe_locator(locator, "nb") == nb
    assert describe_locator(locator, "en") == en


def test_every_value_locator_is_put_into_words(pkg):
    for locator in set(pkg.values["locator"]):
        text = describe_locator(locator, "nb")
        assert text.startswith(f"kapittel {locator.split(':')[0]},"), locator


def test_table_cell_stated(pkg):
    result = query(pkg, "tab1")
    row = row_of(result, "hms", "droftet")
    p = provenance(pkg, result, row, result.keys[0], "nb")
    rec = value_record(pkg, "tab1-hms-droftet")
    assert p.status == "stated" and not p.approx and p.formula == ""
    assert p.value == rec["value"] and p.value_text == f"{int(rec['value'])} %"
    assert p.locator == rec["locator"] == "5:tabell1:r2c2"
    assert p.locator_text == "kapittel 5, tabell 1, rad 2, kolonne 2"
    assert p.chapter == 5 and p.chapter_title == pkg.chapter(5)["title_nb"]
    assert p.n == rec["n"] and p.n_text == str(int(rec["n"]))
    assert p.round == "2021-02" and p.round_text == "Februar 2021" and not p.round_inferred
    lo, hi = wilson(rec["value"], rec["n"])
    assert p.interval == pytest.approx((lo, hi)) and p.nominal_note == nominal_note("nb")
    assert p.citation == pkg.citation and p.homepage == pkg.homepage
    labels = [label for _, label, _ in p.fields()]
    assert "Sted i rapporten" in labels and "Formel" not in labels


def test_derived_value_shows_its_formula_with_the_referenced_values(pkg):
    result = query(pkg, "fig1")
    row = row_of(result, "utstyr", "helt_eller_delvis")
    p = provenance(pkg, result, row, result.keys[0], "nb")
    rec = value_record(pkg, "fig1-utstyr-helt-delvis")
    assert p.status == "derived" and p.formula == rec["formula"]
    by_id = {v: (val, u) for v, val, u in zip(pkg.values["id"], pkg.values["value"], pkg.values["unit"])}
    assert sum(t.value for t in p.terms) == evaluate_formula(rec["formula"], by_id) == p.value
    assert [t.id for t in p.terms] == ["fig1-utstyr-helt", "fig1-utstyr-delvis"]
    assert [t.label for t in p.terms] == ["Helt", "Delvis"]  # what sets each term apart from the sum
    for t in p.terms:
        assert f"{int(t.value)} ({t.label})" in p.formula_text
    assert p.formula_text.endswith(f"= {int(p.value)} %")
    assert p.round_inferred and "utledet" in p.round_text
    line = footnote(pkg, result, row, result.keys[0], "nb")
    assert p.formula_text in line and "N=952" in line and "kapittel 3, avsnitt 4" in line and pkg.citation in line


def test_derived_count_names_terms_by_group(pkg):
    result = query(pkg, "k1")
    rows = result.frame
    row = int(rows.index[rows["item"].eq("respondenter") & rows["population"].eq("alle")][0])
    p = provenance(pkg, result, row, "value", "en")
    assert p.status == "derived" and p.unit == "count"
    assert [t.label for t in p.terms] == [pkg.label("populations", code, "en") for code in ("arbeidsplass", "forening_forbund")]
    assert p.value == sum(t.value for t in p.terms)
    assert p.n_text == "" and p.interval is None  # a count has no N and no interval


def test_approximate_value(pkg):
    result = query(pkg, "fig8")
    row = row_of(result, "verve", "vanskeligere")
    for lang in ("nb", "en"):
        p = provenance(pkg, result, row, result.keys[0], lang)
        assert p.approx and p.value_text.startswith("≈ ")
        assert ("omtrentlig" if lang == "nb" else "approximate") in p.status_text
    line = footnote(pkg, result, row, result.keys[0], "en", decimal="point")
    assert "≈ 60%" in line and "N=963" in line and "round inferred" in line


def test_missing_cell(pkg):
    result = query(pkg, "fig1")
    row = row_of(result, "strom", "helt_eller_delvis")
    p = provenance(pkg, result, row, result.keys[0], "nb")
    assert p.missing and math.isnan(p.value) and p.value_text == "–"
    assert p.reason == "not_stated" and p.reason_text == "Ikke oppgitt i rapportens tekst"
    assert p.locator == "" and p.interval is None and p.n is None
    line = footnote(pkg, result, row, result.keys[0], "nb")
    assert ": – (ikke oppgitt i rapportens tekst)" in line
    assert " 0 " not in line and "0 %" not in line


def test_segment_value_without_n_points_to_the_figure_n(pkg):
    result = query(pkg, "fig3", segments=("statlig",))
    row = row_of(result, "kontorutstyr", "droftet")
    p = provenance(pkg, result, row, result.keys[0], "nb")
    assert p.n is None and p.interval is None
    assert "N=954" in p.n_text and "ikke oppgitt" in p.n_text
    assert p.locator_text == "kapittel 5, punkt 1" and p.segment_text.startswith("Statlig sektor")


def test_value_from_the_paired_round_says_so(pkg):
    both = ("2021-02", "2021-06")
    result = query(pkg, "fig3", segments=("alle", "statlig"), rounds=both)
    row = row_of(result, "kontorutstyr", "avtale")
    p = provenance(pkg, result, row, "alle|alle|2021-02", "nb")
    assert p.source_exhibit == "tab1" and p.value == value_record(pkg, "tab1-kontorutstyr-avtale")["value"]
    assert "Tabell 1 (februar 2021)" in p.origin_text and "annerledes" in p.origin_text
    assert p.locator_text == "kapittel 5, tabell 1, rad 4, kolonne 1"
    own = provenance(pkg, result, row, f"{pkg.exhibit('fig3')['population']}|statlig|2021-06", "nb")
    assert own.source_exhibit == "fig3" and own.origin_text == ""


def test_footnote_uses_the_chosen_decimal_mark(pkg):
    result = query(pkg, "tab1")
    row = row_of(result, "juridisk", "avtale")
    comma = provenance(pkg, result, row, result.keys[0], "nb", decimal="comma")
    point = provenance(pkg, result, row, result.keys[0], "nb", decimal="point")
    assert "," in comma.interval_text.split(":")[1] and "." not in comma.interval_text.split(":")[1]
    assert "." in point.interval_text.split(":")[1]
    assert "\n" not in footnote(pkg, result, row, result.keys[0])
