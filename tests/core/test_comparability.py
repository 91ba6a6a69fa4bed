"""Each comparability warning appears where it applies and nowhere else."""

from __future__ import annotations

import re

import pytest

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.comparability import (
    APPROXIMATE,
    CODES,
    NOMINAL_INTERVALS,
    POPULATIONS_DIFFER,
    ROUND_INFERRED,
    WORDING_CHANGED,
    exhibit_round_inferred,
    note_says_round_inferred,
    warnings,
)
from hjk_desktop.core.query import query
from hjk_desktop.core.selection import Selection, SelectionState
from hjk_desktop.core.stats import nominal_note
from hjk_desktop.core.table import build_table
from tests.source_text import SOURCE, locate


@pytest.fixture(scope="module")
def pkg():
    return load_package(bundled_package_path())


def codes(pkg, result, state=None) -> set[str]:
    found = warnings(pkg, result, state)
    assert len({w.code for w in found}) == len(found), "a warning appears twice"
    for w in found:
        assert w.code in CODES and w.text_nb and w.text_en and w.text_nb != w.text_en
    return {w.code for w in found}


# What each exhibit shows by default, read off the package by hand:
EXPECTED_DEFAULT = {
    "k1": {POPULATIONS_DIFFER, APPROXIMATE},  # panel sizes for all / workplace / association reps, given as "about"
    "n": {POPULATIONS_DIFFER, ROUND_INFERRED},  # fig7's N is workplace reps only; most Ns are for an inferred round
    "k2": {POPULATIONS_DIFFER, APPROXIMATE},  # employees in other studies next to reps; "about 60"; no year inferred
    "k3": {ROUND_INFERRED},
    "fig1": {ROUND_INFERRED},
    "fig2": {ROUND_INFERRED},  # a ranking without numbers, but its round is still inferred
    "tab1": set(),  # February named in the caption, all ten cells exact, one group
    "fig3": {ROUND_INFERRED},  # opens on the sector values (the only ones the text gives); their round is inferred
    "fig4": {ROUND_INFERRED},
    "fig5": {APPROXIMATE, ROUND_INFERRED},  # "about four in ten"
    "fig6": {ROUND_INFERRED},
    "fig7": {POPULATIONS_DIFFER, ROUND_INFERRED},  # both groups are shown by default
    "fig8": {APPROXIMATE, ROUND_INFERRED},  # "six in ten", "seven in ten"
}


def test_expectations_cover_every_exhibit(pkg):
    assert set(EXPECTED_DEFAULT) == set(pkg.exhibit_ids())


@pytest.mark.parametrize("exhibit_id", list(EXPECTED_DEFAULT))
def test_default_selection_warnings(pkg, exhibit_id):
    result = query(pkg, exhibit_id)
    assert codes(pkg, result) == EXPECTED_DEFAULT[exhibit_id]
    assert codes(pkg, result, SelectionState()) == EXPECTED_DEFAULT[exhibit_id]  # intervals off: no nominal note


@pytest.mark.parametrize("exhibit_id", list(EXPECTED_DEFAULT))
def test_approximate_matches_the_table(pkg, exhibit_id):
    """Cross-check with the table the user sees: the warning is there exactly when a shown cell carries ≈."""
    result = query(pkg, exhibit_id)
    table = build_table(pkg, result)
    approx_cells = [c for row in table.rows for c in row if c.kind == "value" and c.approx and not c.missing]
    found = [w for w in warnings(pkg, result) if w.code == APPROXIMATE]
    assert bool(found) == bool(approx_cells)
    if len(approx_cells) > 1:
        assert found[0].text_nb.startswith(f"{len(approx_cells)} av de viste tallene")


def test_wording_changed_only_when_the_other_round_is_shown(pkg):
    both = ("2021-02", "2021-06")
    only_alle = query(pkg, "tab1", segments=("alle",), rounds=both)
    assert WORDING_CHANGED not in codes(pkg, only_alle)  # June has no whole-group numbers: nothing to compare
    mixed = query(pkg, "tab1", segments=("alle", "statlig"), rounds=both)
    assert mixed.from_pair
    found = {w.code: w for w in warnings(pkg, mixed)}
    assert WORDING_CHANGED in found
    assert "Tabell 1 (februar 2021)" in found[WORDING_CHANGED].text_nb and "Figur 3 (juni 2021)" in found[WORDING_CHANGED].text_nb
    assert "Table 1 (February 2021)" in found[WORDING_CHANGED].text_en
    # the June column is Figur 3's follow-up group, and its sector values' round is inferred: both are said too
    assert set(found) == {WORDING_CHANGED, POPULATIONS_DIFFER, ROUND_INFERRED}
    named = found[POPULATIONS_DIFFER].text_nb
    assert pkg.label("populations", "alle", "nb") in named and pkg.label("populations", pkg.exhibit("fig3")["population"], "nb") in named
    # and from the June side: fig3 with February's whole-group numbers brought in
    june = query(pkg, "fig3", segments=("alle", "statlig"), rounds=both)
    assert WORDING_CHANGED in codes(pkg, june)
    assert WORDING_CHANGED not in codes(pkg, query(pkg, "fig3", segments=("statlig", "privat_tjeneste")))
    assert WORDING_CHANGED not in codes(pkg, query(pkg, "tab1", rounds=("2021-02",)))


def test_populations_differ_for_fig7(pkg):
    both = query(pkg, "fig7", populations=("hjemmekontor_oppfordret", "forening_forbund"))
    found = {w.code: w for w in warnings(pkg, both)}
    assert POPULATIONS_DIFFER in found
    text = found[POPULATIONS_DIFFER].text_nb
    first, second = (pkg.label("populations", code) for code in ("hjemmekontor_oppfordret", "forening_forbund"))
    assert f"{first} (N=947)" in text and f"{second} (N=320)" in text
    for one in ("hjemmekontor_oppfordret", "forening_forbund"):
        assert POPULATIONS_DIFFER not in codes(pkg, query(pkg, "fig7", populations=(one,)))


def test_nominal_note_only_with_intervals_that_can_be_drawn(pkg):
    on = SelectionState(intervals=True)
    fig1 = query(pkg, "fig1")
    found = {w.code: w for w in warnings(pkg, fig1, on)}
    assert found[NOMINAL_INTERVALS].text_nb == nominal_note("nb")
    selection = Selection(SelectionState(intervals=True))
    assert NOMINAL_INTERVALS in codes(pkg, fig1, selection)  # a Selection works as well as its state
    assert NOMINAL_INTERVALS not in codes(pkg, fig1, SelectionState(intervals=False))
    # fig3's segment numbers have no N, fig2 has no numbers at all: nothing nominal to warn about
    assert NOMINAL_INTERVALS not in codes(pkg, query(pkg, "fig3", segments=("statlig",)), on)
    assert NOMINAL_INTERVALS not in codes(pkg, query(pkg, "fig2"), on)


def test_round_inferred_follows_what_is_shown(pkg):
    # fig3 names June for the whole group, but its state-sector numbers carry an inferred round in their notes
    assert ROUND_INFERRED not in codes(pkg, query(pkg, "fig3", segments=("alle",)))
    assert ROUND_INFERRED in codes(pkg, query(pkg, "fig3", segments=("statlig",)))


def test_inferred_note_pattern():
    assert note_says_round_inferred("Runden er utledet.")
    assert note_says_round_inferred("Helt pluss delvis; runden er utledet.")
    assert note_says_round_inferred("The round is inferred (June 2021).")
    assert note_says_round_inferred("Statlig ansatte før pandemien; året er utledet fra sammenhengen med LKU 2019.")
    assert not note_says_round_inferred("Helt pluss delvis enig.")
    assert not note_says_round_inferred("Summen av de to gruppene som svarte i juni.")
    assert not note_says_round_inferred(None)


@pytest.mark.skipif(not SOURCE.is_file(), reason="the report text is not on this machine")
def test_inferred_rounds_are_those_the_report_does_not_name(pkg):
    """Numbered exhibits whose caption and lead-in paragraph name no month are exactly the flagged ones."""
    blocks = locate(SOURCE.read_text(encoding="utf-8"))
    keys = list(blocks)
    month = re.compile(r"februar|juni", re.IGNORECASE)
    checked = 0
    for ex_id in pkg.exhibit_ids():
        ex = pkg.exhibit(ex_id)
        if ex["kind"] == "key_figures" or not ex["round"]:
            continue
        key = f"{int(ex['chapter'])}:{'figur' if ex['kind'] == 'figure' else 'tabell'}{int(ex['number'])}"
        lead = blocks[keys[keys.index(key) - 1]]
        named = bool(month.search(blocks[key]) or month.search(lead))
        assert exhibit_round_inferred(pkg, ex_id) == (not named), ex_id
        checked += 1
    assert checked == 9  # tab1 and figures 1–8


def test_the_nominal_note_needs_an_interval_that_is_actually_drawn(pkg):
    from hjk_desktop.core.selection import SelectionState

    one_series = query(pkg, "fig1")  # one column: a difference is not shown, so Newcombe draws nothing
    assert NOMINAL_INTERVALS not in codes(pkg, one_series, SelectionState(difference=True))
    assert NOMINAL_INTERVALS in codes(pkg, one_series, SelectionState(intervals=True))  # Wilson where N=952
    both = query(pkg, "fig7", populations=("hjemmekontor_oppfordret", "forening_forbund"))
    assert NOMINAL_INTERVALS in codes(pkg, both, SelectionState(difference=True))  # 67 vs 75 and 18 vs 56 have both Ns
    no_n = query(pkg, "k3")
    assert NOMINAL_INTERVALS not in codes(pkg, no_n, SelectionState(intervals=True, difference=True))
