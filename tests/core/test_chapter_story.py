"""The chapter story: findings in reading order with their numbers and sources, and the cells each one opens on."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from hjk_desktop.core import chapter_story as cs
from hjk_desktop.core.codes import COMMA, POINT, Status
from hjk_desktop.core.formatting import APPROX
from hjk_desktop.core.provenance import describe_locator
from hjk_desktop.core.query import default_selection, query

from .conftest import BUNDLED


@pytest.fixture(scope="module")
def raw_findings() -> list[dict[str, str]]:
    with (BUNDLED / "findings.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_chapter_findings_in_reading_order(package, raw_findings):
    for number in package.chapters.index:
        expected = [r["id"] for r in raw_findings if int(r["chapter"]) == int(number)]
        story = cs.story(package, int(number), "nb")
        assert [f.id for f in story.findings] == expected
        assert story.title.endswith(str(package.chapter(number)["title_nb"]))
        assert [ex for ex, _caption in story.exhibits] == package.exhibits_in(int(number))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_finding_texts_and_places_in_the_language(package, raw_findings, lang):
    shown = {f.id: f for f in cs.findings(package, lang)}
    assert list(shown) == [r["id"] for r in raw_findings]
    for raw in raw_findings:
        f = shown[raw["id"]]
        assert f.text == raw[f"text_{lang}"]
        locators = [loc.strip() for loc in raw["locator"].split(";") if loc.strip()]
        assert f.places == tuple(describe_locator(loc, lang) for loc in locators)
        assert all(place in f.source_line for place in f.places)
        assert f.lines()[0] == f.text and f.plain().startswith(f.text)


def test_numbers_carry_the_marks_of_their_rows(package):
    values = package.values.set_index("id")
    seen_approx = seen_derived = False
    for f in cs.findings(package, "nb", COMMA):
        assert [n.value_id for n in f.numbers] == [v for v in package.findings.set_index("id").at[f.id, "value_ids"]]
        for n in f.numbers:
            row = values.loc[n.value_id]
            assert n.approx == bool(row["approx"]) and n.shown.startswith(APPROX) == n.approx
            assert n.derived == (row["status"] == Status.DERIVED) and n.shown.endswith("(beregnet)") == n.derived
            assert n.shown in f.numbers_line
            seen_approx |= n.approx
            seen_derived |= n.derived
        assert bool(f.numbers_line) == bool(f.numbers)
    assert seen_approx and seen_derived  # the bundled findings exercise both marks


def test_numbers_follow_the_decimal_mark(package):
    values = package.values.set_index("id")
    decimal_ids = [v for v in values.index if float(values.at[v, "value"]) != int(values.at[v, "value"])]
    owner = next((f for f in cs.findings(package, "en", POINT) if {n.value_id for n in f.numbers} & set(decimal_ids)), None)
    if owner is None:
        pytest.skip("no finding states a number with decimals")
    comma = cs.finding(package, owner.id, "en", COMMA)
    assert any("," in n.shown for n in comma.numbers) and any("." in n.shown for n in owner.numbers)


def test_every_target_shows_every_value_of_its_finding(package):
    for fid, exhibit, value_ids in zip(package.findings["id"], package.findings["exhibit"], package.findings["value_ids"]):
        target = cs.target(package, fid)
        if not exhibit:
            assert target.exhibit == "" and target.cells == () and target.selection()["chapter"] == target.chapter
            continue
        assert target.exhibit == exhibit
        result = query(package, exhibit, target.segments, target.rounds, target.populations)
        shown = {str(result.field(key, "id")[row]) for row, key in target.cells}
        assert shown == set(value_ids)
        for vid in value_ids:
            assert any(vid == v for key in result.keys for v in result.field(key, "id"))
        if value_ids:
            row, key = target.focus
            assert result.field(key, "id")[row] == value_ids[0]  # the source panel opens on the first value
        else:
            default = default_selection(package, exhibit)
            assert (target.segments, target.rounds, target.populations) == (
                default["segments"], default["rounds"], default["populations"])
            assert target.focus is None


def test_target_keeps_the_default_choices(package):
    for fid, exhibit in zip(package.findings["id"], package.findings["exhibit"]):
        if not exhibit:
            continue
        target = cs.target(package, fid)
        default = default_selection(package, exhibit)
        for name in ("segments", "rounds", "populations"):
            assert set(default[name]) <= set(getattr(target, name))


def test_unknown_finding_is_a_key_error(package):
    with pytest.raises(KeyError):
        cs.target(package, "no-such-finding")
    with pytest.raises(KeyError):
        cs.finding(package, "no-such-finding")


def test_package_without_findings_has_an_empty_story(package):
    bare = dataclasses.replace(package, findings=package.findings.iloc[0:0])
    assert not cs.has_findings(bare)
    assert cs.story(bare, 9, "nb").findings == ()
    assert "9." in cs.story(bare, 9, "nb").describe()


def test_copy_text_and_html(package):
    items = list(cs.findings(package, "en", exhibit="fig7"))[:2]
    plain = cs.copy_text(items)
    assert plain.splitlines() == [f.plain() for f in items]
    assert all(place in plain for f in items for place in f.places)
    marked = dataclasses.replace(items[0], text="<b>x</b> & y")
    assert "<b>x" not in cs.copy_html([marked]) and "&lt;b&gt;x&lt;/b&gt; &amp; y" in cs.copy_html([marked])


def test_exhibit_findings_are_the_files_rows_for_that_exhibit(package, raw_findings):
    """The findings list of an exhibit (asked for on every switch, from a per-package index) holds the file's rows
    for that exhibit in the file's order, each the same finding the single look-up gives."""
    for exhibit in [*package.exhibit_ids(), "no-such-exhibit"]:
        expected = [r["id"] for r in raw_findings if r["exhibit"] == exhibit]
        shown = cs.findings(package, "en", POINT, exhibit=exhibit)
        assert [f.id for f in shown] == expected
        assert list(shown) == [cs.finding(package, fid, "en", POINT) for fid in expected]
        chapter = int(package.exhibit(exhibit)["chapter"]) if expected else 1
        assert cs.findings(package, "en", POINT, chapter=chapter, exhibit=exhibit) == shown
        assert cs.findings(package, "en", POINT, chapter=chapter + 100, exhibit=exhibit) == ()


def test_a_value_id_the_package_lacks_adds_no_number(package):
    findings = package.findings.copy()
    findings["value_ids"] = findings["value_ids"].astype(object)
    row = next(i for i, ids in enumerate(findings["value_ids"]) if len(ids))
    findings.at[findings.index[row], "value_ids"] = [*findings["value_ids"].iloc[row], "no-such-value"]
    changed = dataclasses.replace(package, findings=findings)
    fid = findings["id"].iloc[row]
    before = next(f for f in cs.findings(package, "nb") if f.id == fid)
    after = next(f for f in cs.findings(changed, "nb") if f.id == fid)
    assert after.numbers == before.numbers and after.numbers
