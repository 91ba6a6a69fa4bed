"""The report's findings (findings.csv): read, checked against the loaded package, and returned as a frame.

A finding is one sentence in our own words, tied to the blocks of the report it comes from (locators)
and to the value rows whose numbers it states. The resource is optional: a package without it has an
empty findings frame. Problems are collected, never raised one at a time, in the same form as the rest
of the package (``Problem(file, line, column, rule, message)``), so the loader can add them to its own.

The rule that keeps findings honest: every number written in a finding's text must be the value of one
of the rows it lists, so a sentence can never state a number the package does not hold.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pandas as pd

from hjk_desktop.core import codes, package_files
from hjk_desktop.core.package import LOCATOR, Package, PackageError, Problem, _read_csv
from hjk_desktop.core.spec import CODE

RESOURCE = "findings"
FILE = "findings.csv"
REQUIRED = ("id", "chapter", "kind", "text_nb", "text_en", "locator", "status")
OPTIONAL = ("exhibit", "values", "note")
COLUMNS = ("id", "chapter", "exhibit", "kind", "text_nb", "text_en", "locator", "values", "status", "note")
TEXTS = ("text_nb", "text_en")
# a number as a finding writes it: digits, perhaps with a decimal comma (nb) or point (en)
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?(?!\d)")
_TOLERANCE = 1e-9


def numbers_in(text: str) -> list[float]:
    """Every number written in digits in ``text`` ("67 prosent" -> 67.0, "3,5" and "3.5" -> 3.5)."""
    return [float(m.group().replace(",", ".")) for m in _NUMBER.finditer(text or "")]


def split_refs(cell) -> list[str]:
    """'a;b' -> ['a', 'b']; blank or missing -> []."""
    if codes.is_missing(cell):
        return []
    return [part.strip() for part in str(cell).split(codes.REF_SEP) if part.strip()]


def empty_findings() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series([], dtype="Int64" if c == "chapter" else "object") for c in COLUMNS})
    frame["locators"] = pd.Series([], dtype="object")
    frame["value_ids"] = pd.Series([], dtype="object")
    return frame


def _declared_path(package_dir: Path, package: Package, problems: list[Problem]) -> Path | None:
    """The findings file if the descriptor lists one (checked to lie inside the folder), else None."""
    resources = package.meta.get("resources") if isinstance(package.meta, dict) else None
    for index, res in enumerate(resources or ()):
        if isinstance(res, dict) and res.get("name") == RESOURCE:
            root = Path(os.path.realpath(package_dir))
            return package_files.safe_resource_path(root, res.get("path"), f"resources[{index}].path", problems)
    return None


def _parse(text: str, problems: list[Problem]) -> tuple[pd.DataFrame, list[int]] | None:
    parsed = _read_csv(text, FILE, problems)
    if parsed is None:
        return None
    header, rows = parsed
    missing = [c for c in REQUIRED if c not in header]
    for col in missing:
        problems.append(Problem(FILE, 1, col, "column-missing", "required column is missing from the header"))
    if missing:
        return None
    positions = {c: header.index(c) if c in header else None for c in COLUMNS}
    records, lines = [], []
    for line, row in rows:
        if len(row) != len(header):
            problems.append(Problem(FILE, line, None, "field-count", f"row has {len(row)} fields, the header has {len(header)}"))
            continue
        record = {}
        for col in COLUMNS:
            raw = row[positions[col]] if positions[col] is not None else ""
            if package_files.CONTROL.search(raw):
                problems.append(Problem(FILE, line, col, "control-character", package_files.control_message(raw)))
                raw = package_files.CONTROL.sub("", raw)
            record[col] = raw.strip()
        records.append(record)
        lines.append(line)
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    return frame, lines


def check_findings(frame: pd.DataFrame, lines: list[int], package: Package) -> list[Problem]:
    """Every problem with parsed findings rows, checked against the loaded package."""
    problems: list[Problem] = []
    chapters = {int(n) for n in package.chapters["number"]}
    exhibit_chapter = {e: int(c) for e, c in zip(package.exhibits["id"], package.exhibits["chapter"])}
    # only the value rows the findings name: a large package has far more values than findings cite
    cited = {vid for cell in frame["values"] for vid in split_refs(cell)}
    named = package.values[package.values["id"].isin(list(cited))] if cited else package.values.iloc[:0]
    values = {v: (int(c), float(x)) for v, c, x in zip(named["id"], named["chapter"], named["value"])}
    seen: dict[str, int] = {}

    names = list(frame.columns)
    records = (dict(zip(names, cells)) for cells in zip(*(frame[name].tolist() for name in names)))
    for i, row in enumerate(records):
        line = lines[i]

        def add(column: str, rule: str, message: str, line: int = line) -> None:
            problems.append(Problem(FILE, line, column, rule, message))

        for col in REQUIRED:
            if not row[col]:
                add(col, "constraint", "a value is required")
        fid = row["id"]
        if fid and not re.fullmatch(CODE, fid):
            add("id", "constraint", f"{fid!r} does not match the pattern {CODE}")
        if fid in seen:
            add("id", "duplicate-key", f"{fid} already appears on line {seen[fid]}")
        elif fid:
            seen[fid] = line

        chapter = None
        if row["chapter"]:
            if not re.fullmatch(r"[+-]?\d{1,9}", row["chapter"]):
                add("chapter", "type-integer", f"{row['chapter'][:40]!r} is not an integer")
            elif int(row["chapter"]) not in chapters:
                add("chapter", "unknown-code", f"{row['chapter']!r} is not a known chapter number")
            else:
                chapter = int(row["chapter"])
        if row["kind"] and row["kind"] not in codes.FindingKind.ALL:
            add("kind", "enum", f"{row['kind'][:40]!r} is not one of {', '.join(codes.FindingKind.ALL)}")
        if row["status"] and row["status"] not in codes.FindingStatus.ALL:
            add("status", "enum", f"{row['status'][:40]!r} is not one of {', '.join(codes.FindingStatus.ALL)}")
        if row["status"] == codes.FindingStatus.INFERRED and not row["note"]:
            add("note", "inferred-note", "an inferred finding needs a note saying what was inferred and how")

        exhibit = row["exhibit"]
        if exhibit:
            if exhibit not in exhibit_chapter:
                add("exhibit", "unknown-code", f"{exhibit!r} is not a known exhibit")
            elif chapter is not None and exhibit_chapter[exhibit] != chapter:
                add("exhibit", "exhibit-chapter", f"exhibit {exhibit} is in chapter {exhibit_chapter[exhibit]}, the finding says chapter {chapter}")

        for locator in split_refs(row["locator"]) if row["locator"] else []:
            m = LOCATOR.match(locator)
            if not m:
                add("locator", "locator-syntax", f"{locator[:40]!r} is not a locator such as 3:p2, 9:bullet4, 3:figur1 or 5:tabell1:r2c1")
            elif int(m.group("chapter")) not in chapters:
                add("locator", "locator-chapter", f"{locator!r} names a chapter that does not exist")
            elif chapter is not None and int(m.group("chapter")) != chapter:
                add("locator", "locator-chapter", f"{locator!r} is in chapter {m.group('chapter')}, the finding says chapter {chapter}")

        stated: list[float] = []
        for vid in split_refs(row["values"]):
            if vid not in values:
                add("values", "unknown-code", f"{vid[:40]!r} is not the id of a value in the package")
                continue
            value_chapter, number = values[vid]
            if chapter is not None and value_chapter != chapter:
                add("values", "value-chapter", f"value {vid} stands in chapter {value_chapter}, the finding says chapter {chapter}")
            stated.append(number)
        for col in TEXTS:
            for number in numbers_in(row[col]):
                if not any(math.isclose(number, x, abs_tol=_TOLERANCE) for x in stated):
                    add(col, "number-unsupported", f"{number:g} is not the value of any row the finding lists in 'values'")
    return problems


def read_findings(package_dir: str | Path | None, package: Package) -> tuple[pd.DataFrame, list[Problem]]:
    """The findings frame and every problem found; the frame is empty where there are problems."""
    problems: list[Problem] = []
    root = Path(package_dir) if package_dir is not None else Path(package.path)
    path = _declared_path(root, package, problems)
    if path is None:
        return empty_findings(), problems
    text = package_files.read_text(path, FILE, problems)
    parsed = _parse(text, problems) if text is not None else None
    if parsed is None:
        return empty_findings(), problems
    frame, lines = parsed
    problems += check_findings(frame, lines, package)
    if problems:
        return empty_findings(), problems
    frame["chapter"] = frame["chapter"].astype(int).astype("Int64")
    frame["locators"] = [tuple(split_refs(c)) for c in frame["locator"]]
    frame["value_ids"] = [tuple(split_refs(c)) for c in frame["values"]]
    return frame.reset_index(drop=True), problems


def validate_findings(package_dir: str | Path | None, package: Package) -> list[Problem]:
    """Every problem with the package's findings.csv (none when the package has no findings)."""
    return read_findings(package_dir, package)[1]


def load_findings(package_dir: str | Path | None, package: Package) -> pd.DataFrame:
    """The package's findings in reading order (file order), or an empty frame when it has none.

    Raises PackageError with every problem found.
    """
    frame, problems = read_findings(package_dir, package)
    if problems:
        raise PackageError(problems)
    return frame


def for_chapter(findings: pd.DataFrame, chapter: int) -> pd.DataFrame:
    return findings[findings["chapter"] == int(chapter)]


def for_exhibit(findings: pd.DataFrame, exhibit_id: str) -> pd.DataFrame:
    return findings[findings["exhibit"] == exhibit_id]
