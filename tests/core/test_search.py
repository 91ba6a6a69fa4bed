"""Search: what it finds, in what order, and that every hit points at a real exhibit and row."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.codes import ALL, LANGUAGES, Chart, split_list
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.search import FIELDS, _normalise_all, build_index, entries, find, index_ready, normalise, search
from hjk_desktop.core.table import exhibit_title
from tests.generated import generator


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


# -- the index is read straight from the tables: it must list what the default query of each exhibit shows ----


def expected_entries(pkg, ex_id, lang):
    """What the search finds in an exhibit, read off its default query the way the first search did (one query per
    exhibit): {field: [(row, label), ...]} in order."""
    exhibit = pkg.exhibit(ex_id)
    rows = default_rows(pkg, ex_id)
    facts = exhibit["chart"] == Chart.FACTS
    found = {"exhibit": [(None, exhibit_title(pkg, ex_id, lang))], "item": [], "response": [], "segment": [], "population": []}
    for item in pkg.items_for(ex_id).itertuples(index=False):
        at = list(rows.index[rows["item"] == item.code])
        if facts and at:  # each fact is its own row
            found["item"] += [(int(i), str(rows.at[i, f"label_{lang}"])) for i in at]
        else:
            found["item"].append((int(at[0]) if at else None, str(getattr(item, f"label_{lang}"))))
    own = pkg.values_for(ex_id)
    for dim, column in (("segments", "segment"), ("populations", "population")):
        found[column] = [(None, pkg.label(dim, code, lang)) for code in dict.fromkeys(own[column]) if code != ALL]
    scale = split_list(exhibit["scale"])
    if not facts and len(scale) >= 2:
        for response in dict.fromkeys(scale + list(rows["response"])):
            if response in set(rows["response"]):
                found["response"].append((int(rows.index[rows["response"] == response][0]), pkg.label("responses", response, lang)))
    return {field: hits for field, hits in found.items() if hits}


def indexed_entries(pkg, lang):
    """The index's entries of every exhibit, in the same shape."""
    by_exhibit = {}
    for hit in entries(pkg, lang):
        if hit.field not in ("chapter", "finding"):
            by_exhibit.setdefault(hit.exhibit_id, {}).setdefault(hit.field, []).append((hit.row, hit.label))
    return by_exhibit


def check_index_against_queries(pkg):
    for lang in LANGUAGES:
        indexed = indexed_entries(pkg, lang)
        assert set(indexed) == set(pkg.exhibit_ids())
        for ex_id in pkg.exhibit_ids():
            assert indexed[ex_id] == expected_entries(pkg, ex_id, lang), (ex_id, lang)
        chapters = [h for h in entries(pkg, lang) if h.field == "chapter"]
        assert [(h.chapter, h.exhibit_id, h.label) for h in chapters] == [
            (int(n), pkg.exhibits_in(int(n))[0], str(pkg.chapter(n)[f"title_{lang}"])) for n in pkg.chapters.index
            if pkg.exhibits_in(int(n))]


def test_the_index_lists_what_the_default_query_of_every_exhibit_shows(pkg):
    """The row of every question and answer option is the row the exhibit's default table shows (read from the
    tables without a query, so this compares the two for every bundled exhibit and both languages)."""
    check_index_against_queries(pkg)


def test_index_rows_hold_for_tied_orders_repeated_scale_codes_other_facts_and_shuffled_values(package_copy):
    """The cases the index works out one by one: items tied on order (items_for's own sort decides), a scale that
    names a response twice, an item with no values, a response outside the scale, facts on a page that is not a
    key-figure page (the query's default selection), and values.csv in another order."""
    def rewrite(name, change):
        path = package_copy / f"{name}.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        fields = list(rows[0])
        rows = change(rows)
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def items(rows):
        for row in rows:
            if row["exhibit"] == "fig7":
                row["order"] = "1"
        fig7 = next(row for row in rows if row["exhibit"] == "fig7")
        return rows + [{**fig7, "code": "uten_tall", "label_nb": "Uten tall", "label_en": "No numbers", "order": "99"}]

    def exhibits(rows):
        for row in rows:
            if row["id"] == "fig5":
                row["scale"] = "svaert_viktig|ganske_viktig|svaert_viktig|svaert_eller_ganske_viktig"
            if row["id"] == "k2":
                row["kind"] = "figure"
        return rows

    def values(rows):
        for row in rows:
            if row["exhibit"] == "k2" and row["segment"] != ALL:
                row["round"] = "2021-06"  # then a figure's default shows only the whole group in June
        extra = next(r for r in rows if r["exhibit"] == "fig7")
        return list(reversed(rows)) + [{**extra, "id": "fig7-extra-andel", "response": "andel"}]

    rewrite("items", items)
    rewrite("exhibits", exhibits)
    rewrite("values", values)
    pkg = load_package(package_copy)
    assert pkg.exhibit("k2")["kind"] == "figure" and list(pkg.items_for("fig7")["order"]).count(1) == 6
    check_index_against_queries(pkg)
    assert len(default_rows(pkg, "k2")) < len(pkg.values_for("k2"))  # the figure's default left facts out
    hit = next(h for h in search(pkg, "uten tall") if h.field == "item")
    assert hit.exhibit_id == "fig7" and default_rows(pkg, "fig7").at[hit.row, "item"] == "uten_tall"


def test_a_generated_package_is_searched_from_its_tables(tmp_path):
    """benchmarks/make_large_package.py's labels are found, on the rows the default tables show."""
    module = generator()
    module.make_package(tmp_path / "pkg", chapters=20)
    pkg = load_package(tmp_path / "pkg")
    hits = search(pkg, "påstand 3 i spørsmål 57")
    assert hits[0].exhibit_id == "g57" and hits[0].field == "item" and hits[0].label == "Påstand 3 i spørsmål 57"
    assert default_rows(pkg, "g57").at[hits[0].row, "item"] == "p3"
    english = search(pkg, "statement 3 of question 57", "en")
    assert (english[0].exhibit_id, english[0].row, english[0].label) == ("g57", hits[0].row, "Statement 3 of question 57")
    assert search(pkg, "pastand 3 i sporsmal 57")[0] == hits[0]  # typed without å and ø
    assert search(pkg, "generert kapittel 20")[0].field == "chapter"
    check_index_against_queries(pkg)


def test_find_lists_the_first_hits_and_counts_them_all(pkg):
    everything = search(pkg, "a")
    found = find(pkg, "a", limit=7)
    assert found.hits == everything[:7] and found.total == len(everything) > 7
    assert find(pkg, "qwxz", limit=7) == find(pkg, "", limit=7) == find(pkg, "qwxz")
    assert find(pkg, "droftet", limit=2).hits == search(pkg, "droftet")[:2]  # the loose pass counts too


def test_a_build_stopped_half_way_leaves_no_index(pkg):
    fresh = dataclasses.replace(pkg)  # the same tables as a new package: nothing built yet
    steps = build_index(fresh)
    next(steps)
    steps.close()
    assert not index_ready(fresh)
    assert search(fresh, "hms") == search(pkg, "hms")  # searching builds it
    assert index_ready(fresh)
    assert list(build_index(fresh)) == []  # built once


def test_texts_normalised_together_equal_one_by_one():
    texts = ["Én dag i uka", "", "  ", "HMS (helse, miljø og sikkerhet)", "Café  Ünder_score", "a\u0301b", "ﬁ ½ ℌ",
             "«Drøftet» – ÆRLIG Å", "x_y__z", "İstanbul ß", "tab\tline\nend", "…", "1 234,5 %"]
    assert _normalise_all(texts) == [normalise(t) for t in texts]
    assert _normalise_all(["a\x00b", "c"]) == [normalise("a\x00b"), "c"]
