"""Load and validate a data package: all problems are collected, and nothing is returned half-loaded."""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from hjk_desktop.core import package_files
from hjk_desktop.core.codes import Status, Unit
from hjk_desktop.core.package_files import CONTROL, DESCRIPTOR, control_message, is_web_link
from hjk_desktop.core.spec import (
    DIMENSIONS,
    INTEGER_RANGE,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DIGITS,
    MAX_FILE_BYTES,
    NUMBER_RANGE,
    REQUIRED_RESOURCES,
    TABLES,
    Column,
)

# at most 9 digits per number, so int() never meets a number beyond its limits
LOCATOR = re.compile(r"^(?P<chapter>\d{1,9}):(?P<place>p\d{1,9}|bullet\d{1,9}|(?:figur|tabell)\d{1,9}(?::r\d{1,9}c\d{1,9})?)$", re.ASCII)
FORMULA_TERM = re.compile(r"^[a-z0-9_-]+$")
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a package, placed as precisely as the rule allows."""

    file: str
    line: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: [{self.rule}] {self.message}"


class PackageError(Exception):
    """Raised with every problem found; the package is not loaded at all."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the data package"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


@dataclass(frozen=True, eq=False)
class Package:
    """A validated package. The frames are the package's own; callers must not mutate them."""

    path: Path
    meta: dict
    chapters: pd.DataFrame
    exhibits: pd.DataFrame
    items: pd.DataFrame
    values: pd.DataFrame
    segments: pd.DataFrame
    populations: pd.DataFrame
    rounds: pd.DataFrame
    responses: pd.DataFrame
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)  # the optional findings resource (core.findings)
    _by_exhibit: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def citation(self) -> str:
        return str(self.meta.get("citation") or self.meta.get("title") or self.meta.get("name", ""))

    @property
    def homepage(self) -> str:
        """The package's web page; empty unless it is an http(s) address (validation refuses others)."""
        value = self.meta.get("homepage", "")
        return value if is_web_link(value) else ""

    def resource_path(self, name: str) -> Path | None:
        """The checked file of a declared resource (e.g. an optional one such as ``findings``), or None."""
        return self._by_exhibit.get(("__resource__", name))

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.meta.get("name", ""))

    def _cached(self, key, make):
        """Look-ups the window repeats on every redraw, computed once (the frames never change)."""
        value = self._by_exhibit.get(key)
        if value is None:
            value = make()
            self._by_exhibit[key] = value
        return value

    def exhibit(self, exhibit_id: str) -> pd.Series:
        if exhibit_id not in self.exhibits.index:
            raise KeyError(f"unknown exhibit {exhibit_id!r}")
        return self._cached(("__exhibit__", exhibit_id), lambda: self.exhibits.loc[exhibit_id])

    def chapter(self, number: int) -> pd.Series:
        return self.chapters.loc[int(number)]

    def exhibit_ids(self) -> list[str]:
        """Exhibits in reading order: by chapter, then by their order within it."""
        return list(self._cached("__order__", lambda: tuple(self.exhibits.sort_values(["chapter", "order"]).index)))

    def exhibits_in(self, chapter: int) -> list[str]:
        def make() -> dict:
            by_chapter: dict[int, list[str]] = {}  # one sort for all chapters, in reading order
            ordered = self.exhibits.sort_values(["chapter", "order"])
            for ex_id, number in zip(ordered.index, ordered["chapter"]):
                by_chapter.setdefault(int(number), []).append(ex_id)
            return by_chapter

        return list(self._cached("__chapters__", make).get(int(chapter), ()))

    def values_for(self, exhibit_id: str) -> pd.DataFrame:
        cached = self._by_exhibit.get(exhibit_id)
        if cached is None:
            cached = self.values[self.values["exhibit"] == exhibit_id]
            self._by_exhibit[exhibit_id] = cached
        return cached

    def items_for(self, exhibit_id: str) -> pd.DataFrame:
        return self._cached(("__items_for__", exhibit_id),
                            lambda: self.items[self.items["exhibit"] == exhibit_id].sort_values("order"))

    def label(self, dimension: str, code: str, lang: str = "nb") -> str:
        """Label of a code in a dimension table (segments, populations, rounds, responses)."""
        labels = self._by_exhibit.get(("__labels__", dimension, lang))
        if labels is None:  # a plain dict per dimension and language: labels are read on every redraw
            table: pd.DataFrame = getattr(self, dimension)
            labels = dict(zip(table.index, (str(v) for v in table[f"label_{lang}"])))
            self._by_exhibit[("__labels__", dimension, lang)] = labels
        try:
            return labels[code]
        except (KeyError, TypeError):
            return str(code)

    def item_label(self, exhibit_id: str, item: str, lang: str = "nb") -> str:
        labels = self._by_exhibit.get(("__item_labels__", lang))
        if labels is None:
            column = list(self.items[f"label_{lang}"])
            labels = {key: str(column[i]) for key, i in self._item_index.items()}
            self._by_exhibit[("__item_labels__", lang)] = labels
        return labels.get((exhibit_id, item), item)

    @property
    def _item_index(self) -> dict:
        cached = self._by_exhibit.get("__items__")
        if cached is None:
            cached = {(e, c): i for i, (e, c) in enumerate(zip(self.items["exhibit"], self.items["code"]))}
            self._by_exhibit["__items__"] = cached
        return cached


def bundled_package_path() -> Path:
    """The report's package, from a PyInstaller bundle, an installed wheel or the checkout."""
    name = "hjemmekontor-2021"
    here = Path(__file__).resolve().parent.parent  # hjk_desktop/
    candidates = []
    if hasattr(sys, "_MEIPASS"):
        candidates.append(Path(sys._MEIPASS) / "data" / name)
    candidates += [here / "data" / name, here.parent / "data" / name]
    for candidate in candidates:
        if (candidate / "datapackage.json").is_file():
            return candidate
    return candidates[-1]


# --------------------------------------------------------------------------------------------
# reading


def _read_csv(text: str, name: str, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """Rows with the physical line each starts on; None where the file cannot be used at all."""
    # the csv module's own cell limit would abort the whole file; cells are measured (and placed) in _convert
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, None)
        if header is None:
            problems.append(Problem(name, None, None, "file-empty", "file has no header row"))
            return None
        if len(header) > MAX_COLUMNS:
            problems.append(Problem(name, 1, None, "too-many-columns", f"{len(header)} columns is over the limit of {MAX_COLUMNS}"))
            return None
        header = [h.strip() for h in header]
        start = reader.line_num + 1
        for row in reader:
            if row and any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, None, "csv-syntax", str(exc)))
        return None
    duplicates = sorted({h for h in header if header.count(h) > 1})
    for dup in duplicates:
        problems.append(Problem(name, 1, dup, "duplicate-column", "column appears more than once in the header"))
    return header, rows


_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)  # ASCII digits only: int() would also read other scripts
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_DTYPES = {"Int64": pd.Int64Dtype(), "float64": "float64", "bool": "bool", "object": "object"}  # resolved once


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


def _convert(value: str, col: Column) -> tuple[object, str | None, str]:
    """The typed value, or (None, rule, message) for the first thing wrong with it."""
    if len(value) > MAX_CELL_CHARS:
        return None, "cell-too-large", f"{len(value)} characters is over the limit of {MAX_CELL_CHARS}"
    if CONTROL.search(value):
        return None, "control-character", control_message(value)
    value = value.strip()
    kind = col.type
    if value == "":
        blank = "" if kind == "string" else None
        return blank, ("constraint" if col.required else None), "a value is required"
    if kind == "string":
        typed: object = value
    elif kind == "integer" or kind == "number":
        if not (_INTEGER if kind == "integer" else _NUMBER).fullmatch(value):
            what = "an integer" if kind == "integer" else "a number (use a point as decimal mark)"
            return None, f"type-{kind}", f"{_shown(value)} is not {what}"
        if len(value) > MAX_DIGITS and sum(c.isdigit() for c in value) > MAX_DIGITS:
            return None, "number-digits", f"a number with more than {MAX_DIGITS} digits is refused"
        typed = int(value) if kind == "integer" else float(value)
        low, high = INTEGER_RANGE if kind == "integer" else NUMBER_RANGE
        if col.minimum is not None and typed < col.minimum:
            return None, "constraint", f"{value} is below the minimum {col.minimum}"
        if not low <= typed <= high:
            return None, f"{kind}-range", f"{value} is outside the range {low:g} to {high:g}"
    elif kind == "boolean":
        if value not in ("true", "false"):
            return None, "type-boolean", f"{_shown(value)} is not a boolean (true or false)"
        typed = value == "true"
    else:
        typed = value
    if col.enum and value not in col.enum:
        return None, "enum", f"{_shown(value)} is not one of {', '.join(col.enum)}"
    if col.pattern and not re.fullmatch(col.pattern, value):
        return None, "constraint", f"{_shown(value)} does not match the pattern {col.pattern}"
    return typed, None, ""


def _table(name: str, header: list[str], rows: list[tuple[int, list[str]]], problems: list[Problem]) -> tuple[pd.DataFrame, list[int]] | None:
    columns = TABLES[name]
    file = f"{name}.csv"
    missing = [c.name for c in columns if c.name not in header and c.required]
    for col in missing:
        problems.append(Problem(file, 1, col, "column-missing", "required column is missing from the header"))
    if missing:
        return None
    # an optional column a package leaves out reads as blank in every row
    positions = {c.name: header.index(c.name) if c.name in header else None for c in columns}
    data: dict[str, list] = {c.name: [] for c in columns}
    lines: list[int] = []
    for line, row in rows:
        if len(row) != len(header):
            problems.append(Problem(file, line, None, "field-count", f"row has {len(row)} fields, the header has {len(header)}"))
            continue
        for col in columns:
            position = positions[col.name]
            typed, rule, message = _convert(row[position] if position is not None else "", col)
            if rule:
                problems.append(Problem(file, line, col.name, rule, message))
            data[col.name].append(typed)
        lines.append(line)
    frame = pd.DataFrame({c.name: pd.Series(data[c.name], dtype=_DTYPES[c.dtype]) for c in columns})
    return frame, lines


def _check_unique(frame: pd.DataFrame, lines: list[int], file: str, key: list[str], problems: list[Problem]) -> None:
    seen: dict[tuple, int] = {}
    for i, values in enumerate(zip(*(frame[k] for k in key))):
        if values in seen:
            shown = ", ".join(str(v) for v in values)
            problems.append(Problem(file, lines[i], "+".join(key), "duplicate-key", f"{shown} already appears on line {seen[values]}"))
        else:
            seen[values] = lines[i]


def _check_refs(frame: pd.DataFrame, lines: list[int], file: str, column: str, allowed: set, what: str, problems: list[Problem], blank_ok: bool = False) -> None:
    for i, value in enumerate(frame[column]):
        if value is None or (blank_ok and (value == "" or pd.isna(value))):
            continue
        if pd.isna(value):
            continue
        if value not in allowed:
            problems.append(Problem(file, lines[i], column, "unknown-code", f"{value!r} is not a known {what}"))


def _cross_check(tables: dict[str, tuple[pd.DataFrame, list[int]]], problems: list[Problem]) -> None:
    codes = {name: set(tables[name][0]["code"]) for name in DIMENSIONS if name in tables}
    chapters = set(tables["chapters"][0]["number"].dropna().astype(int)) if "chapters" in tables else set()

    if "exhibits" in tables:
        ex, ex_lines = tables["exhibits"]
        _check_refs(ex, ex_lines, "exhibits.csv", "chapter", chapters, "chapter number", problems)
        if "populations" in codes:
            _check_refs(ex, ex_lines, "exhibits.csv", "population", codes["populations"], "population", problems)
        if "rounds" in codes:
            _check_refs(ex, ex_lines, "exhibits.csv", "round", codes["rounds"], "round", problems, blank_ok=True)
        exhibit_ids = set(ex["id"])
        _check_refs(ex, ex_lines, "exhibits.csv", "pair", exhibit_ids, "exhibit", problems, blank_ok=True)
        item_codes = {}
        if "items" in tables:
            it = tables["items"][0]
            for e, c in zip(it["exhibit"], it["code"]):
                item_codes.setdefault(e, set()).add(c)
        for i, row in enumerate(ex.itertuples(index=False)):
            scale = [s for s in (row.scale or "").split("|") if s]
            if "responses" in codes:
                for code in scale:
                    if code not in codes["responses"]:
                        problems.append(Problem("exhibits.csv", ex_lines[i], "scale", "unknown-code", f"{code!r} is not a known response"))
            if row.headline and row.headline not in scale:
                problems.append(Problem("exhibits.csv", ex_lines[i], "headline", "constraint", f"{row.headline!r} is not in the exhibit's scale"))
            if row.ranking:
                for rank in str(row.ranking).split("|"):
                    for code in rank.split("+"):
                        if code not in item_codes.get(row.id, set()):
                            problems.append(Problem("exhibits.csv", ex_lines[i], "ranking", "unknown-code", f"{code!r} is not an item of exhibit {row.id}"))
    else:
        exhibit_ids = set()

    if "items" in tables and "exhibits" in tables:
        it, it_lines = tables["items"]
        _check_refs(it, it_lines, "items.csv", "exhibit", exhibit_ids, "exhibit", problems)

    if "values" not in tables:
        return
    va, va_lines = tables["values"]
    _check_refs(va, va_lines, "values.csv", "chapter", chapters, "chapter number", problems)
    _check_refs(va, va_lines, "values.csv", "exhibit", exhibit_ids, "exhibit", problems)
    for column, dim in (("population", "populations"), ("segment", "segments"), ("response", "responses")):
        if dim in codes:
            _check_refs(va, va_lines, "values.csv", column, codes[dim], dim[:-1], problems)
    if "rounds" in codes:
        _check_refs(va, va_lines, "values.csv", "round", codes["rounds"], "round", problems, blank_ok=True)
    if "items" in tables:
        it = tables["items"][0]
        known_items = set(zip(it["exhibit"], it["code"]))
        for i, (e, item) in enumerate(zip(va["exhibit"], va["item"])):
            if e in exhibit_ids and item is not None and (e, item) not in known_items:
                problems.append(Problem("values.csv", va_lines[i], "item", "unknown-code", f"{item!r} is not an item of exhibit {e}"))

    by_id = {vid: (value, unit) for vid, value, unit in zip(va["id"], va["value"], va["unit"])}
    for i, row in enumerate(va.itertuples(index=False)):
        line = va_lines[i]
        if row.value is not None and not pd.isna(row.value):
            if row.unit == Unit.PERCENT and not 0 <= row.value <= 100:
                problems.append(Problem("values.csv", line, "value", "percent-range", f"{row.value:g} is outside 0–100 for a percentage"))
            if row.unit == "count" and row.value < 0:
                problems.append(Problem("values.csv", line, "value", "count-negative", f"{row.value:g} is a negative count"))
        if row.locator:
            m = LOCATOR.match(row.locator)
            if not m:
                problems.append(Problem("values.csv", line, "locator", "locator-syntax", f"{row.locator!r} is not a locator such as 3:p2, 9:bullet4, 3:figur1 or 5:tabell1:r2c1"))
            elif chapters and int(m.group("chapter")) not in chapters:
                problems.append(Problem("values.csv", line, "locator", "locator-chapter", f"{row.locator!r} names a chapter that does not exist"))
            elif row.chapter is not None and not pd.isna(row.chapter) and int(m.group("chapter")) != int(row.chapter):
                problems.append(Problem("values.csv", line, "locator", "locator-chapter", f"{row.locator!r} is in chapter {m.group('chapter')}, the row says chapter {row.chapter}"))
        formula = row.formula or ""
        if row.status == Status.STATED and formula:
            problems.append(Problem("values.csv", line, "formula", "formula-on-stated", "a stated value must not carry a formula"))
        if row.status == Status.DERIVED:
            result = evaluate_formula(formula, by_id)
            if isinstance(result, str):
                problems.append(Problem("values.csv", line, "formula", "formula-invalid", result))
            elif row.value is not None and not pd.isna(row.value) and abs(result - row.value) > _TOLERANCE:
                problems.append(Problem("values.csv", line, "value", "formula-mismatch", f"{row.value:g} differs from its formula, which gives {result:g}"))


def evaluate_formula(formula: str, by_id: dict) -> float | str:
    """Sum or difference of value ids, e.g. "a + b - c". Returns the number, or an error message.

    Nothing is evaluated as code: the formula is split into ids and signs and looked up.
    """
    tokens = formula.split()
    if not tokens or len(tokens) % 2 == 0:
        return f"{formula!r} is not of the form 'id + id' or 'id - id'"
    total = 0.0
    sign = 1.0
    for pos, token in enumerate(tokens):
        if pos % 2:
            if token not in "+-" or len(token) != 1:
                return f"{token!r} is not + or -"
            sign = 1.0 if token == "+" else -1.0
            continue
        if not FORMULA_TERM.match(token):
            return f"{token!r} is not a value id"
        if token not in by_id:
            return f"{token!r} is not the id of a value in the package"
        value, _unit = by_id[token]
        if value is None or pd.isna(value):
            return f"{token!r} has no value"
        total += sign * float(value)
    return total


def load_package(path: str | Path) -> Package:
    """Read, validate and return the package at ``path`` (a folder or its datapackage.json).

    Raises PackageError with every problem found, and nothing else, whatever the files hold; no partial
    package is ever returned.
    """
    reading = {"file": str(path)}
    try:
        return _load(path, reading)
    except PackageError:
        raise
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - the contract is one error type for any input
        raise PackageError([Problem(reading["file"], None, None, "internal",
                                    f"unexpected {type(exc).__name__} while reading this file; please report it")]) from exc


def _root_of(path: str | Path) -> Path:
    try:
        given = Path(path)
        root = given.parent if given.name == DESCRIPTOR or given.is_file() else given
        if not root.is_dir():
            raise PackageError([Problem(str(path)[:300], None, None, "package-missing", "no such folder")])
        return Path(os.path.realpath(root, strict=True))
    except (OSError, RuntimeError, ValueError) as exc:
        raise PackageError([Problem(repr(str(path))[:300], None, None, "package-missing",
                                    f"the folder cannot be opened ({type(exc).__name__})")]) from None


def _load(path: str | Path, reading: dict) -> Package:
    problems: list[Problem] = []
    root = _root_of(path)
    reading["file"] = DESCRIPTOR
    descriptor_path, rule, message = package_files.resolve_inside(root, root / DESCRIPTOR)
    if rule:
        raise PackageError([Problem(DESCRIPTOR, None, None, rule, message)])
    meta = package_files.read_descriptor(descriptor_path, problems)
    if meta is None:
        raise PackageError(problems)
    package_files.check_descriptor(meta, problems)

    declared: dict[str, Path] = {}
    for index, res in enumerate(meta["resources"]):
        where = f"resources[{index}].path"
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            problems.append(Problem(DESCRIPTOR, None, f"resources[{index}]", "descriptor", "each resource needs a name"))
            continue
        target = package_files.safe_resource_path(root, res.get("path"), where, problems)
        if target is not None:
            declared[res["name"]] = target
    for name in REQUIRED_RESOURCES:
        if name not in declared and not any(p.column and p.column.startswith("resources") for p in problems):
            problems.append(Problem(DESCRIPTOR, None, "resources", "resource-missing", f"no resource named {name!r}"))

    tables: dict[str, tuple[pd.DataFrame, list[int]]] = {}
    for name in REQUIRED_RESOURCES:
        if name not in declared:
            continue
        file = f"{name}.csv"
        reading["file"] = file
        content = package_files.read_text(declared[name], file, problems)
        if content is None:
            continue
        parsed = _read_csv(content, file, problems)
        if parsed is None:
            continue
        built = _table(name, *parsed, problems)
        if built is None:
            continue
        tables[name] = built
        key = ["code"] if name in DIMENSIONS else {"chapters": ["number"], "exhibits": ["id"], "items": ["exhibit", "code"], "values": ["id"]}[name]
        _check_unique(built[0], built[1], file, key, problems)
        if name == "values":  # two values for one cell: a query would silently show only the last
            _check_unique(built[0], built[1], file, ["exhibit", "population", "segment", "round", "item", "response"], problems)

    reading["file"] = "(cross-checks between the files)"
    _cross_check(tables, problems)
    if "exhibits" in tables and tables["exhibits"][0].empty:
        problems.append(Problem("exhibits.csv", None, None, "no-exhibits", "the package has no exhibits, so there is nothing to show"))
    if problems:
        raise PackageError(problems)

    frames = {name: tables[name][0] for name in REQUIRED_RESOURCES}
    for name in DIMENSIONS:
        frames[name] = frames[name].sort_values("order").set_index("code", drop=False)
    frames["chapters"] = frames["chapters"].sort_values("number").set_index("number", drop=False)
    frames["exhibits"] = frames["exhibits"].set_index("id", drop=False)
    frames["items"] = frames["items"].reset_index(drop=True)
    frames["values"] = frames["values"].reset_index(drop=True)
    cache = {("__resource__", name): target for name, target in declared.items()}
    package = Package(path=root, meta=meta, _by_exhibit=cache, **frames)
    from hjk_desktop.core.findings import read_findings  # findings.py reads with this module's helpers

    reading["file"] = "findings.csv"
    findings, problems = read_findings(root, package)
    if problems:
        raise PackageError(problems)
    return replace(package, findings=findings)
