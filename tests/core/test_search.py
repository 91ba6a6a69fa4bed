"""Search: what it finds, in what order, and that every hit points at a real exhibit and row."""

from __future__ import annotations

import pytest

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.search import FIELDS, normalise, search


@pytest.fixture(scope="module")
def pkg():
    return load_package(bundled_package_path())


def default_rows(pkg, ex_id):
    sel = default_selection(pkg, ex_id)
    return query(pkg, ex_id, sel["segments"], sel["rounds"], sel["populations"]).rows


def labels_only(hits):
    """The hits on labels (chapters, exhibits, questions, answers, groups): findings left out."""
    return [h for h in hits if h.field != "finding"]


def check_hit(pkg, hit, lang):
    assert hit.field in FIELDS
    if hit.field == "finding":
        row = pkg.findings.set_index("id").loc[hit.finding]
        assert hit.label == row[f"text_{lang}"] and hit.row is None
        assert hit.exhibit_id == row["exhibit"] and hit.chapter == int(row["chapter"])
        return
    assert hit.exhibit_id in pkg.exhibits.index
    rows = default_rows(pkg, hit.exhibit_id)
    if hit.row is None:
        assert hit.field in ("chapter", "exhibit", "segment", "population") or hit.label in set(pkg.items[f"label_{lang}"])
        return
    assert 0 <= hit.row < len(rows)
    if hit.field == "item":
        assert hit.label in (rows.at[hit.row, f"item_label_{lang}"], rows.at[hit.row, f"label_{lang}"])
    elif hit.field == "response":
        assert rows.at[hit.row, f"response_label_{lang}"] == hit.label


def test_normalise_keeps_norwegian_letters_and_drops_other_accents():
    assert normalise("Én dag i uka") == "en dag i uka"
    assert normalise("Drøftet") == "drøftet" and normalise("ÆRLIG Å") == "ærlig å"
    assert normalise("Helse, miljø og sikkerhet (HMS)") == "helse miljø og sikkerhet hms"
    assert normalise("Café  Ünder_score") == "cafe under score"


def test_hms_finds_every_hms_question_in_reading_order(pkg):
    hits = labels_only(search(pkg, "hms"))
    got = [(h.exhibit_id, h.field) for h in hits]
    # HMS is an item in figure 2, table 1 and figure 3, and nowhere else
    assert got == [("fig2", "item"), ("tab1", "item"), ("fig3", "item")]
    for h in hits:
        check_hit(pkg, h, "nb")
        assert "HMS" in h.label
    tab1 = next(h for h in hits if h.exhibit_id == "tab1")
    assert default_rows(pkg, "tab1").at[tab1.row, "item"] == "hms"
    assert search(pkg, "HMS") == search(pkg, "hms") == search(pkg, "  Hms ")


def test_english_labels(pkg):
    hits = search(pkg, "hse", "en")
    for h in hits:
        check_hit(pkg, h, "en")
    hits = labels_only(hits)
    assert {h.exhibit_id for h in hits} == {"fig2", "tab1", "fig3"}
    assert hits[0].label == "HSE requirements"  # starts with the word: ranked first
    for h in hits:
        check_hit(pkg, h, "en")


def test_exact_match_ranks_first_and_accents_fold(pkg):
    hits = search(pkg, "arbeidstid")
    assert [h.label for h in hits[:2]] == ["Arbeidstid", "Arbeidstid"] and hits[0].score == 0
    assert any(h.label == "Mer fleksibel arbeidstid" for h in hits[2:])
    assert search(pkg, "en dag")[0].label == "Én dag i uka"


def test_figure_number_and_chapter_number(pkg):
    hits = search(pkg, "figur 7")
    assert hits[0].exhibit_id == "fig7" and hits[0].field == "exhibit" and hits[0].row is None
    chapter = search(pkg, "kapittel 5")
    assert chapter[0].field == "chapter" and chapter[0].chapter == 5 and chapter[0].exhibit_id == pkg.exhibits_in(5)[0]
    assert search(pkg, "Omfang")[0].field == "chapter"


def test_responses_are_found_where_they_are_answer_options(pkg):
    hits = search(pkg, "drøftet")
    responses = [h for h in hits if h.field == "response"]
    assert {h.exhibit_id for h in responses} == {"tab1", "fig3"}
    for h in hits:
        check_hit(pkg, h, "nb")
    # a keyboard without ø: the loose pass finds the same answer options
    assert [(h.exhibit_id, h.field) for h in search(pkg, "droftet") if h.field == "response"] == [(h.exhibit_id, "response") for h in responses]


def test_segments_and_groups_open_the_exhibits_with_their_numbers(pkg):
    oslo = labels_only(search(pkg, "oslo"))
    assert [(h.exhibit_id, h.field) for h in oslo] == [("k3", "segment")]
    assert (pkg.values_for("k3")["segment"] == "oslo").any()
    groups = {h.exhibit_id for h in search(pkg, "foreninger") if h.field == "population"}
    assert groups == set(pkg.values.loc[pkg.values["population"] == "forening_forbund", "exhibit"])


def test_words_in_any_order_and_nothing_for_nonsense(pkg):
    a = labels_only(search(pkg, "kolleger savn"))
    assert [h.label for h in a] == ["Savn av kolleger"]
    assert search(pkg, "qwxz") == [] and search(pkg, "") == [] and search(pkg, " ,. ") == []


@pytest.mark.parametrize("text", ["hjemmekontor", "helt", "arbeidsgiver", "pandemien", "stress", "juni"])
def test_every_hit_points_at_a_real_exhibit_and_row(pkg, text):
    hits = search(pkg, text)
    assert hits
    for h in hits:
        check_hit(pkg, h, "nb")
    scores = [h.score for h in hits]
    assert scores == sorted(scores)
    assert len(search(pkg, text, limit=3)) == min(3, len(hits))


def test_findings_are_found_by_their_text_in_either_language(pkg):
    findings = pkg.findings.set_index("id")
    for fid in ("f9-02", "f5-03", findings.index[-1]):
        for typed_in, shown_in in (("nb", "nb"), ("en", "nb"), ("nb", "en"), ("en", "en")):
            typed = " ".join(str(findings.at[fid, f"text_{typed_in}"]).split()[:6])
            hits = [h for h in search(pkg, typed, shown_in) if h.field == "finding"]
            assert fid in [h.finding for h in hits], (fid, typed_in, shown_in)
            for h in hits:
                check_hit(pkg, h, shown_in)


def test_findings_rank_after_labels_that_match_as_well(pkg):
    hits = search(pkg, "hms")
    fields = [h.field for h in hits]
    assert "finding" in fields and fields.index("finding") > fields.index("item")
    assert all(h.finding == "" for h in hits if h.field != "finding")


def test_a_term_is_found_in_either_language_whatever_the_interface(pkg):
    package = pkg
    """«drøftet» and «Tabell 1» typed into the English interface find what the bokmål words name, shown in English."""
    for typed, lang, exhibit, shown in (("drøftet", "en", "tab1", "Discussed"), ("Tabell 1", "en", "tab1", "Table 1"),
                                        ("discussed", "nb", "tab1", "Drøftet"), ("Table 1", "nb", "tab1", "Tabell 1")):
        hits = search(package, typed, lang)
        assert hits, typed
        first = next(h for h in hits if h.exhibit_id == exhibit)
        assert first.label.startswith(shown), (typed, first.label)
