"""findings.csv: its schema, its keys, its ties to the text and to values.csv, and the loader's rules.

The bundled findings are read here with the csv module as well as through the loader, so the loader is
checked against an independent reading. Tests that need the report text skip when ../shared/source is
absent; the rest always run.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re

import pytest

from hjk_desktop.core import PackageError, codes, load_package
from hjk_desktop.core.findings import COLUMNS, load_findings, numbers_in, read_findings, validate_findings
from tests.source_text import SOURCE, locate

from .conftest import BUNDLED

HAS_SOURCE = SOURCE.is_file()
needs_source = pytest.mark.skipif(not HAS_SOURCE, reason=f"report text not found at {SOURCE}")
BLOCKS = locate(SOURCE.read_text(encoding="utf-8")) if HAS_SOURCE else {}

# Paragraphs that state no finding of the survey: a question that opens a chapter, or background on the
# regulation. Every other paragraph and bullet of the text must be cited by at least one finding.
BACKGROUND = {
    "3:p1": "the question the chapter sets out to answer",
    "4:p1": "the existing regulation and the 2020 guidelines on injury cover",
    "4:p2": "the 2021 proposal to change the regulation",
    "5:p1": "why responsibility matters, in general terms",
}
# Hedges a finding writes before an approximate number given in digits.
HEDGES = {"text_nb": ("om lag", "rundt", "omtrent"), "text_en": ("about", "roughly", "around")}


def _read(name: str) -> list[dict[str, str]]:
    with (BUNDLED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return _read("findings.csv")


@pytest.fixture(scope="module")
def values_by_id() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in _read("values.csv")}


def _refs(cell: str) -> list[str]:
    return [part for part in cell.split(";") if part]


# --------------------------------------------------------------------------------------------
# the bundled findings


def test_loader_reads_every_row(package, rows):
    frame = load_findings(BUNDLED, package)
    assert list(frame["id"]) == [row["id"] for row in rows]  # file order is reading order
    assert 50 <= len(frame) <= 80
    assert list(frame["locators"].iloc[0]) == _refs(rows[0]["locator"])
    assert validate_findings(BUNDLED, package) == []


def test_descriptor_declares_the_schema_and_keys(rows):
    meta = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in meta["resources"] if r["name"] == "findings")
    schema = resource["schema"]
    assert [f["name"] for f in schema["fields"]] == list(COLUMNS) == list(rows[0].keys())
    assert schema["primaryKey"] == ["id"]
    keys = {(tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"])) for fk in schema["foreignKeys"]}
    assert keys == {(("chapter",), "chapters", ("number",)), (("exhibit",), "exhibits", ("id",))}
    enums = {f["name"]: f["constraints"].get("enum") for f in schema["fields"] if "constraints" in f}
    assert tuple(enums["kind"]) == codes.FindingKind.ALL and tuple(enums["status"]) == codes.FindingStatus.ALL


def test_keys_and_references(rows):
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    chapter_of = {row["id"]: row["chapter"] for row in _read("exhibits.csv")}
    chapters = {row["number"] for row in _read("chapters.csv")}
    for row in rows:
        assert row["chapter"] in chapters, row["id"]
        if row["exhibit"]:
            assert chapter_of[row["exhibit"]] == row["chapter"], row["id"]
        assert row["kind"] in codes.FindingKind.ALL and row["status"] in codes.FindingStatus.ALL, row["id"]
        if row["status"] == codes.FindingStatus.INFERRED:
            assert row["note"].strip(), row["id"]
        for lang in ("text_nb", "text_en"):
            text = row[lang].strip()
            assert text and text[-1] in ".!?" and not re.search(r"[.!?]\s+[A-ZÆØÅ]", text[:-1]), (row["id"], "one sentence")


def test_locators_are_well_formed_and_in_the_chapter(rows):
    pattern = re.compile(r"^(\d+):(p\d+|bullet\d+|(figur|tabell)\d+(:r\d+c\d+)?)$")
    for row in rows:
        locators = _refs(row["locator"])
        assert locators, row["id"]
        for locator in locators:
            m = pattern.match(locator)
            assert m and m.group(1) == row["chapter"], (row["id"], locator)


@needs_source
def test_locators_name_blocks_of_the_text(rows):
    missing = [(row["id"], loc) for row in rows for loc in _refs(row["locator"]) if loc not in BLOCKS]
    assert not missing


def test_value_ids_exist_and_share_the_chapter(rows, values_by_id):
    for row in rows:
        for vid in _refs(row["values"]):
            assert vid in values_by_id, (row["id"], vid)
            assert values_by_id[vid]["chapter"] == row["chapter"], (row["id"], vid)


def test_no_number_in_a_finding_is_missing_from_its_values(rows, values_by_id):
    # the test's own reading of the rule: digits in the text, compared with the listed rows' values
    problems = []
    for row in rows:
        stated = {float(values_by_id[v]["value"]) for v in _refs(row["values"])}
        for lang in ("text_nb", "text_en"):
            for raw in re.findall(r"(?<![\d.,])\d+(?:[.,]\d+)?(?!\d)", row[lang]):
                if float(raw.replace(",", ".")) not in stated:
                    problems.append(f"{row['id']} {lang}: {raw}")
    assert not problems, problems


def test_both_languages_state_the_same_numbers(rows):
    for row in rows:
        assert sorted(numbers_in(row["text_nb"])) == sorted(numbers_in(row["text_en"])), row["id"]
        assert ("prosent" in row["text_nb"]) == ("per cent" in row["text_en"]), row["id"]


def test_every_listed_value_is_stated_in_the_finding_or_its_range(rows, values_by_id):
    # a finding lists the rows whose numbers it states; a range ("between 2 and 6") may list the rows inside it
    for row in rows:
        numbers = numbers_in(row["text_nb"])
        listed = [float(values_by_id[v]["value"]) for v in _refs(row["values"])]
        if not numbers:
            in_words = any(values_by_id[v]["approx"] == "true" for v in _refs(row["values"]))
            assert not listed or in_words, row["id"]
            continue
        low, high = min(numbers), max(numbers)
        assert all(low <= x <= high for x in listed), row["id"]


def test_approximate_numbers_keep_their_hedge(rows, values_by_id):
    checked = 0
    for row in rows:
        approx = {float(values_by_id[v]["value"]) for v in _refs(row["values"]) if values_by_id[v]["approx"] == "true"}
        for lang, hedges in HEDGES.items():
            for m in re.finditer(r"(?<![\d.,])\d+(?!\d)", row[lang]):
                if float(m.group()) in approx:
                    before = row[lang][: m.start()].rstrip().lower()
                    assert before.endswith(hedges), (row["id"], lang, m.group())
                    checked += 1
    assert checked >= 4  # panel sizes, "about 60", "about 3"


def test_each_value_is_cited_where_it_stands(rows, values_by_id):
    # the finding's locators include the block of every number it lists, or another block that repeats the
    # number (9:p4 repeats the 18 per cent of 9:p2); the second case can only be checked against the text
    for row in rows:
        locators = set(_refs(row["locator"]))
        for vid in _refs(row["values"]):
            value = values_by_id[vid]
            if value["locator"] in locators or not HAS_SOURCE:
                continue
            digits = re.compile(rf"(?<![\d,.]){int(float(value['value']))}(?!\d)")
            assert any(digits.search(BLOCKS.get(loc, "")) for loc in locators), (row["id"], vid)


def test_every_value_of_the_text_has_a_finding(rows, values_by_id):
    listed = {vid for row in rows for vid in _refs(row["values"])}
    # the N-per-figure list repeats the captions' N; it is not a finding of the report
    uncited = [vid for vid, v in values_by_id.items() if v["exhibit"] != "n" and vid not in listed]
    assert not uncited


def test_findings_cover_every_chapter(rows, package):
    chapters = {int(row["chapter"]) for row in rows}
    assert chapters == set(int(n) for n in package.chapters["number"])
    for exhibit_id in package.exhibit_ids():
        if exhibit_id != "n":  # the N list is ours, not the report's
            assert any(row["exhibit"] == exhibit_id for row in rows), exhibit_id


@needs_source
def test_every_paragraph_and_bullet_with_a_finding_is_cited(rows):
    cited = {loc for row in rows for loc in _refs(row["locator"])}
    text_blocks = {key for key in BLOCKS if re.search(r":(p|bullet)\d+$", key)}
    assert set(BACKGROUND) <= text_blocks
    assert text_blocks - cited == set(BACKGROUND)


@needs_source
def test_findings_are_in_reading_order(rows):
    # chapter by chapter, each finding's first locator no earlier in the text than the one before
    position = {key: i for i, key in enumerate(BLOCKS)}
    previous = (0, -1)
    for row in rows:
        here = (int(row["chapter"]), position[_refs(row["locator"])[0]])
        assert here >= previous, row["id"]
        previous = here


def test_rankings_without_numbers_have_no_values(rows):
    rankings = [row for row in rows if row["kind"] == codes.FindingKind.RANKING]
    assert len(rankings) >= 5
    for row in rankings:
        assert not row["values"] and not numbers_in(row["text_nb"]), row["id"]


def test_follow_up_questions_are_a_finding(rows):
    method = [row for row in rows if row["kind"] == codes.FindingKind.METHOD and row["chapter"] == "2"]
    assert any(row["status"] == codes.FindingStatus.STATED for row in method)
    assert any(row["status"] == codes.FindingStatus.INFERRED for row in method)


# --------------------------------------------------------------------------------------------
# the loader's rules, on broken copies


def _rewrite(path, change) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, data = reader.fieldnames, list(reader)
    data = change(data) or data
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)


def _set(finding_id: str, **cells):
    def change(data):
        for row in data:
            if row["id"] == finding_id:
                row.update(cells)

    return change


BROKEN = {
    "bad-kind": (_set("f3-01", kind="claim"), "kind", "enum"),
    "bad-status": (_set("f3-01", status="guessed"), "status", "enum"),
    "unknown-value": (_set("f3-01", values="k3-kartlagt-ja;k3-no-such-value"), "values", "unknown-code"),
    "inferred-without-note": (_set("f3-01", status="inferred", note=""), "note", "inferred-note"),
    "bad-locator": (_set("f3-01", locator="3:p2;3:para4"), "locator", "locator-syntax"),
    "locator-of-another-chapter": (_set("f3-01", locator="4:p4"), "locator", "locator-chapter"),
    "value-of-another-chapter": (_set("f3-01", values="k3-kartlagt-ja;k3-kartlagt-nei;fig4-en-dag"), "values", "value-chapter"),
    "exhibit-of-another-chapter": (_set("f3-01", exhibit="fig4"), "exhibit", "exhibit-chapter"),
    "unknown-exhibit": (_set("f3-01", exhibit="fig99"), "exhibit", "unknown-code"),
    "unknown-chapter": (_set("f3-01", chapter="42"), "chapter", "unknown-code"),
    "number-not-in-values": (_set("f3-01", values="k3-kartlagt-ja"), "text_nb", "number-unsupported"),
    "control-character": (_set("f3-01", text_en="Only 14 per cent\x07 say so; 53 per cent say not."), "text_en", "control-character"),
    "blank-text": (_set("f3-01", text_nb=""), "text_nb", "constraint"),
    "bad-id": (_set("f3-01", id="F3 01"), "id", "constraint"),
    "duplicate-id": (_set("f3-02", id="f3-01"), "id", "duplicate-key"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_each_fault_gives_its_rule(package_copy, case):
    pkg = load_package(package_copy)  # loaded before the break, as the app would hand it over
    change, column, rule = BROKEN[case]
    _rewrite(package_copy / "findings.csv", change)
    problems = validate_findings(package_copy, pkg)
    found = [p for p in problems if p.rule == rule and p.column == column and p.file == "findings.csv"]
    assert found, problems
    target = "f3-02" if case == "duplicate-id" else "f3-01"  # a duplicate is reported where it repeats
    line = 1 + next(i for i, row in enumerate(_read("findings.csv"), start=1) if row["id"] == target)
    assert found[0].line == line
    frame, _ = read_findings(package_copy, pkg)
    assert frame.empty  # nothing half-read


def test_all_problems_are_collected(package_copy):
    pkg = load_package(package_copy)
    path = package_copy / "findings.csv"
    _rewrite(path, _set("f3-01", kind="claim"))
    _rewrite(path, _set("f9-03", values="fig7-syk-helt"))  # 42 and 67 are then unsupported, in both languages
    _rewrite(path, _set("f5-01", locator="five"))
    rules = sorted(p.rule for p in validate_findings(package_copy, pkg))
    assert rules == ["enum", "locator-syntax"] + ["number-unsupported"] * 4
    with pytest.raises(PackageError) as caught:
        load_findings(package_copy, pkg)
    assert sorted(p.rule for p in caught.value.problems) == rules


def test_missing_column_is_reported(package_copy):
    pkg = load_package(package_copy)
    path = package_copy / "findings.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace(",status,", ",state,")
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = validate_findings(package_copy, pkg)
    assert [(p.rule, p.column, p.line) for p in problems] == [("column-missing", "status", 1)]


def test_optional_columns_may_be_left_out(package_copy):
    pkg = load_package(package_copy)
    path = package_copy / "findings.csv"
    stated = [{k: v for k, v in row.items() if k != "note"} for row in _read("findings.csv") if row["status"] == "stated"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[c for c in COLUMNS if c != "note"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(stated)
    frame = load_findings(package_copy, pkg)
    assert list(frame["id"]) == [row["id"] for row in stated] and set(frame["note"]) == {""}


def test_byte_order_mark_and_crlf_are_read(package_copy, rows):
    pkg = load_package(package_copy)
    path = package_copy / "findings.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    frame = load_findings(package_copy, pkg)
    assert list(frame["id"]) == [row["id"] for row in rows]
    assert list(frame["text_en"]) == [row["text_en"] for row in rows]


def test_a_package_without_findings_has_an_empty_frame(package_copy):
    meta_path = package_copy / "datapackage.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["resources"] = [r for r in meta["resources"] if r["name"] != "findings"]
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    (package_copy / "findings.csv").unlink()
    pkg = load_package(package_copy)
    frame = load_findings(package_copy, pkg)
    assert frame.empty and list(frame.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert validate_findings(package_copy, pkg) == []


def test_a_declared_but_absent_file_is_a_problem(package_copy):
    pkg = load_package(package_copy)
    (package_copy / "findings.csv").unlink()
    assert [p.rule for p in validate_findings(package_copy, pkg)] == ["file-missing"]


def test_a_path_outside_the_folder_is_refused(package_copy, tmp_path):
    pkg = load_package(package_copy)
    (tmp_path / "findings.csv").write_text((package_copy / "findings.csv").read_text(encoding="utf-8"), encoding="utf-8")
    meta = dict(pkg.meta)
    meta["resources"] = [dict(r, path="../findings.csv") if r["name"] == "findings" else r for r in meta["resources"]]
    outside = dataclasses.replace(pkg, meta=meta)
    assert [p.rule for p in validate_findings(package_copy, outside)] == ["path-parent"]
