"""Every stated number in the package stands in the report's text, at the place its locator names.

The report text lives outside the project (../shared/source). Where it is absent the whole module is
skipped; the package itself is still checked by test_package.py and test_malformed.py.
"""

from __future__ import annotations

import csv
import re

import pytest

from hjk_desktop.core.codes import parse_ranking
from tests.source_text import SOURCE, locate

if not SOURCE.is_file():
    pytest.skip(f"report text not found at {SOURCE}", allow_module_level=True)

BLOCKS = locate(SOURCE.read_text(encoding="utf-8"))

# The shares the text gives as "N av ti" or "hver fjerde" rather than in digits.
WORD_NUMBERS = {
    25: ("hver fjerde",),
    40: ("fire av ti",),
    60: ("seks av ti",),
    70: ("sju av ti",),
}
# Words that mark a number as approximate in the text: a hedge before digits, or a share in words.
HEDGES = ("om lag", "rundt", "omtrent", "cirka", "ca.", "nesten", "drøyt", "i underkant av", "i overkant av")


def _digits(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _digit_positions(text: str, value: float) -> list[int]:
    """Where the number stands alone in digits (not inside 2021, 1598 or 3,5)."""
    pattern = rf"(?<![\d,.]){re.escape(_digits(value))}(?!\d|,\d)"
    return [m.start() for m in re.finditer(pattern, text)]


def _in_words(text: str, value: float) -> bool:
    lower = text.lower()
    return any(phrase in lower for phrase in WORD_NUMBERS.get(int(value), ()) if float(value).is_integer())


def _stated(raw_values):
    return [row for row in raw_values if row["status"] == "stated"]


def test_source_has_the_expected_blocks():
    # a sanity check on the splitter: ten chapters, each with some paragraphs, and the table
    chapters = {key.split(":")[0] for key in BLOCKS}
    assert chapters == {str(n) for n in range(1, 11)}
    assert "5:tabell1" in BLOCKS and "5:tabell1:r5c2" in BLOCKS


def test_every_stated_value_is_in_its_block(raw_values):
    problems = []
    for row in _stated(raw_values):
        block = BLOCKS.get(row["locator"])
        if block is None:
            problems.append(f"{row['id']}: locator {row['locator']} names no block")
            continue
        value = float(row["value"])
        if not (_digit_positions(block, value) or _in_words(block, value)):
            problems.append(f"{row['id']}: {row['value']} not found in {row['locator']}: {block[:80]}…")
    assert not problems, "\n".join(problems)


def test_exact_values_stand_in_digits(raw_values):
    # a value not marked approximate must be printed as a number, not only paraphrased in words
    problems = []
    for row in _stated(raw_values):
        if row["approx"] == "false" and not _digit_positions(BLOCKS.get(row["locator"], ""), float(row["value"])):
            problems.append(f"{row['id']}: {row['value']} is not in digits in {row['locator']}")
    assert not problems, "\n".join(problems)


def test_approximate_values_carry_a_hedge(raw_values):
    approx = [row for row in raw_values if row["approx"] == "true"]
    assert approx, "the package has approximate values; the test must see them"
    problems = []
    for row in approx:
        block = BLOCKS.get(row["locator"], "")
        value = float(row["value"])
        lower = block.lower()
        if _in_words(block, value):
            continue  # "sju av ti" is approximate by itself
        hedged = any(
            any(lower[max(0, pos - len(h) - 1):pos].rstrip().endswith(h) for h in HEDGES)
            for pos in _digit_positions(block, value)
        )
        if not hedged:
            problems.append(f"{row['id']}: {row['value']} in {row['locator']} has no approximating word before it")
    assert not problems, "\n".join(problems)


def test_every_exhibit_n_is_in_its_caption(raw_exhibits):
    with_n = [ex for ex in raw_exhibits if ex["n"]]
    assert len(with_n) >= 9  # eight figures and Tabell 1
    problems = []
    for ex in with_n:
        place = {"figure": "figur", "table": "tabell"}[ex["kind"]]
        locator = f"{ex['chapter']}:{place}{ex['number']}"
        caption = BLOCKS.get(locator)
        if caption is None:
            problems.append(f"{ex['id']}: no caption block {locator}")
        elif not re.search(rf"N={ex['n']}(?!\d)", caption):
            problems.append(f"{ex['id']}: N={ex['n']} not in caption {locator}: {caption[-40:]}")
    assert not problems, "\n".join(problems)


def test_value_n_is_given_in_the_text(raw_values, raw_exhibits):
    # an N on a value is the exhibit's own N, or one the chapter states as "N=<n>"
    exhibit_n = {ex["id"]: ex["n"] for ex in raw_exhibits}
    problems = []
    for row in raw_values:
        if not row["n"] or row["n"] == exhibit_n.get(row["exhibit"]):
            continue
        chapter_text = " ".join(v for k, v in BLOCKS.items() if k.split(":")[0] == row["chapter"])
        if f"N={row['n']}" not in chapter_text:
            problems.append(f"{row['id']}: N={row['n']} is neither the exhibit's N nor stated in chapter {row['chapter']}")
    assert not problems, "\n".join(problems)


def test_n_compilation_matches_the_exhibits(raw_values, raw_exhibits):
    # the key-figure list "n" repeats each exhibit's N; the two places must agree
    exhibit_n = {ex["id"]: ex["n"] for ex in raw_exhibits if ex["n"]}
    listed = {row["item"]: row["value"] for row in raw_values if row["exhibit"] == "n"}
    assert listed.keys() == exhibit_n.keys()
    for item, value in listed.items():
        assert int(float(value)) == int(exhibit_n[item]), item


def test_all_ten_cells_of_tabell_1(package, raw_values):
    cells = {row["locator"]: row for row in raw_values if row["exhibit"] == "tab1"}
    expected = {f"5:tabell1:r{r}c{c}" for r in range(1, 6) for c in (1, 2)}
    assert set(cells) == expected
    columns = {1: "avtale", 2: "droftet"}  # the table's two columns: agreement made, discussed
    items = package.items_for("tab1")
    for r in range(1, 6):
        row_label = BLOCKS[f"5:tabell1:r{r}"]
        for c in (1, 2):
            row = cells[f"5:tabell1:r{r}c{c}"]
            assert float(row["value"]) == float(BLOCKS[f"5:tabell1:r{r}c{c}"]), row["id"]
            assert row["response"] == columns[c], row["id"]
            label = items.loc[items["code"] == row["item"], "label_nb"].item()
            assert label == row_label, row["id"]


def test_every_derived_value_equals_its_formula(raw_values):
    """Recomputed here from values.csv with the csv module, independently of the loader."""
    by_id = {row["id"]: float(row["value"]) for row in raw_values}
    derived = [row for row in raw_values if row["status"] == "derived"]
    assert derived
    for row in derived:
        tokens = row["formula"].split()
        assert len(tokens) % 2 == 1, row["id"]
        total = by_id[tokens[0]]
        for sign, term in zip(tokens[1::2], tokens[2::2]):
            assert sign in ("+", "-"), row["id"]
            total = total + by_id[term] if sign == "+" else total - by_id[term]
        assert total == pytest.approx(float(row["value"])), row["id"]
        # a derived value's inputs share its exhibit, unit and locator's chapter
        for term in tokens[0::2]:
            source = next(r for r in raw_values if r["id"] == term)
            assert source["unit"] == row["unit"], (row["id"], term)
            assert source["chapter"] == row["chapter"], (row["id"], term)


# --------------------------------------------------------------------------------------------
# who answered, which round, which sector: the package claims no more than the text

FOLLOW_UP = "hjemmekontor_oppfordret"
_MONTH = re.compile(r"februar|juni", re.IGNORECASE)
_BOTH_GROUPS = re.compile(r"både arbeidsplasstillitsvalgte og tillitsvalgte i foreninger", re.IGNORECASE)


def _raw(name: str) -> list[dict[str, str]]:
    from .conftest import BUNDLED

    with (BUNDLED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_follow_up_exhibits_carry_their_population(raw_exhibits, raw_values):
    # 2:p2: only those who said yes to "asked to work from home" got the follow-up questions. A June figure
    # whose N is below the number of workplace representatives who answered, and whose chapter does not
    # say both groups were asked, rests on them (data/README.md, "Who answered which questions").
    assert "oppfølgingsspørsmål" in BLOCKS["2:p2"] and "«ja»" in BLOCKS["2:p2"]
    workplace = next(int(float(r["value"])) for r in raw_values if r["id"] == "k1-svar-arbeidsplass")
    follow_up = set()
    for ex in raw_exhibits:
        if not ex["n"]:
            continue
        chapter_text = " ".join(v for k, v in BLOCKS.items() if k.split(":")[0] == ex["chapter"])
        if ex["round"] == "2021-06" and int(ex["n"]) < workplace and not _BOTH_GROUPS.search(chapter_text):
            follow_up.add(ex["id"])
    assert follow_up == {"fig1", "fig3", "fig4", "fig7", "fig8"}
    follow_up.add("k3")  # no N; the same kind of question as fig1 beside it (the exhibit's note says so)
    for ex in raw_exhibits:
        assert (ex["population"] == FOLLOW_UP) == (ex["id"] in follow_up), ex["id"]
    for row in raw_values:
        if row["exhibit"] in follow_up:
            # fig7 also holds the association representatives, who were all asked (N=320)
            assert row["population"] in (FOLLOW_UP, "forening_forbund"), row["id"]
    populations = {row["code"]: row for row in _raw("populations.csv")}
    assert populations[FOLLOW_UP]["note_nb"] and populations[FOLLOW_UP]["note_en"]


def _month_named(locator: str) -> bool:
    """The block names a month, or, for a caption or table cell, the caption or the paragraph before it does."""
    if _MONTH.search(BLOCKS[locator]):
        return True
    place = locator.split(":")[1]
    if not place.startswith(("figur", "tabell")):
        return False
    caption = ":".join(locator.split(":")[:2])
    keys = list(BLOCKS)
    return bool(_MONTH.search(BLOCKS[caption]) or _MONTH.search(BLOCKS[keys[keys.index(caption) - 1]]))


def test_a_round_the_text_does_not_name_is_flagged(raw_values):
    # Figur 3's sector numbers stand in bullets that name no month: their June is inferred, like every other
    from hjk_desktop.core.comparability import note_says_round_inferred

    checked = 0
    for row in raw_values:
        if row["round"] not in ("2021-02", "2021-06") or row["status"] != "stated":
            continue
        inferred = not _month_named(row["locator"])
        assert note_says_round_inferred(row["note"]) == inferred, row["id"]
        assert note_says_round_inferred(row["note_en"]) == inferred, row["id"]
        checked += 1
    assert checked > 50


def test_health_trusts_only_where_the_text_says_so(raw_values):
    statlig = next(row for row in _raw("segments.csv") if row["code"] == "statlig")
    assert "helse" not in statlig["label_nb"].lower() and "health" not in statlig["label_en"].lower()
    for row in raw_values:
        if row["segment"] == "statlig":
            said = "helseforetak" in BLOCKS[row["locator"]]
            assert ("helseforetak" in row["note"]) == said, row["id"]
            assert ("health trusts" in row["note_en"]) == said, row["id"]


def test_lku_rounds_only_for_numbers_the_text_ties_to_the_survey(raw_values):
    # a value placed in LKU 2019 must stand in a sentence that names the living conditions survey
    lku = [row for row in raw_values if row["round"] == "2019"]
    assert lku
    for row in lku:
        sentences = re.split(r"(?<=\.)\s+(?=\d|[A-ZÆØÅ])", BLOCKS[row["locator"]])
        holding = [s for s in sentences if _digit_positions(s, float(row["value"]))]
        assert holding and all("LKU" in s or "levekårsundersøkelsen" in s for s in holding), row["id"]


def test_summaries_name_every_item_tied_for_first(package):
    # a chapter summary that names the leading items of a ranking names all of those sharing first place
    for exhibit_id in package.exhibit_ids():
        ranks = parse_ranking(package.exhibit(exhibit_id)["ranking"])
        if not ranks or len(ranks[0]) < 2:
            continue
        chapter = package.chapter(package.exhibit(exhibit_id)["chapter"])
        for lang in ("nb", "en"):
            summary = chapter[f"summary_{lang}"].lower()
            last_words = [package.item_label(exhibit_id, code, lang).lower().split()[-1] for code in ranks[0]]
            if any(word in summary for word in last_words):
                assert all(word in summary for word in last_words), (exhibit_id, lang, last_words)
