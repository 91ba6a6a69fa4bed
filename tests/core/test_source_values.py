"""Every stated number in the package stands in the report's text, at the place its locator names.

The report text lives outside the project (../shared/source). Where it is absent the whole module is
skipped; the package itself is still checked by test_package.py and test_malformed.py.
"""

from __future__ import annotations

import re

import pytest

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
