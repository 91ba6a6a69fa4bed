"""Load and validate a data package: all problems are collected, and nothing is returned half-loaded."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from hjk_desktop.core.spec import (
    DIMENSIONS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    REQUIRED_RESOURCES,
    TABLES,
    Column,
)

LOCATOR = re.compile(r"^(?P<chapter>\d+):(?P<place>p\d+|bullet\d+|(?:figur|tabell)\d+(?::r\d+c\d+)?)$")
FORMULA_TERM = re.compile(r"^[a-z0-9_-]+$")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^[a-zA-Z][a-zA-Z0-9+.-]*:(?![\\/])")
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
    _by_exhibit: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def citation(self) -> str:
        return str(self.meta.get("citation") or self.meta.get("title") or self.meta.get("name", ""))

    @property
    def homepage(self) -> str:
        return str(self.meta.get("homepage", ""))

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


def _safe_resource_path(root: Path, raw: object, where: str, problems: list[Problem]) -> Path | None:
    if not isinstance(raw, str) or not raw.strip():
        problems.append(Problem("datapackage.json", None, where, "path-invalid", "resource path must be a non-empty string"))
        return None
    if _URL.match(raw) or raw.startswith("//"):
        problems.append(Problem("datapackage.json", None, where, "path-url", f"remote resource {raw!r} refused: only files inside the package folder are read"))
        return None
    if PurePosixPath(raw).is_absolute() or PureWindowsPath(raw).is_absolute() or raw.startswith(("\\", "/")):
        problems.append(Problem("datapackage.json", None, where, "path-absolute", f"absolute resource path {raw!r} refused"))
        return None
    if ".." in re.split(r"[\\/]", raw):
        problems.append(Problem("datapackage.json", None, where, "path-parent", f"resource path {raw!r} refused: it contains '..'"))
        return None
    target = (root / raw).resolve()
    try:
        target.relative_to(root.resolve())
    except ValueError:
        problems.append(Problem("datapackage.json", None, where, "path-outside", f"resource path {raw!r} resolves outside the package folder"))
        return None
    return target


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    if not path.is_file():
        problems.append(Problem(name, None, None, "file-missing", "file not found"))
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(name, None, None, "file-too-large", f"{size} bytes is over the limit of {MAX_FILE_BYTES}"))
        return None
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(Problem(name, None, None, "file-empty", "file is empty"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(name, line, None, "encoding", f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"))
        return None


def _read_csv(text: str, name: str, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """Rows with the physical line each starts on; None where the file cannot be used at all."""
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


def _convert(value: str, col: Column) -> tuple[object, str | None]:
    """The typed value, or an error message."""
    value = value.strip()
    if value == "":
        blank = "" if col.type == "string" else None
        return blank, ("a value is required" if col.required else None)
    if col.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            return None, f"{value!r} is not an integer"
        typed: object = int(value)
    elif col.type == "number":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
            return None, f"{value!r} is not a number (use a point as decimal mark)"
        typed = float(value)
    elif col.type == "boolean":
        if value not in ("true", "false"):
            return None, f"{value!r} is not a boolean (true or false)"
        typed = value == "true"
    else:
        typed = value
    if col.enum and value not in col.enum:
        return None, f"{value!r} is not one of {', '.join(col.enum)}"
    if col.pattern and not re.fullmatch(col.pattern, value):
        return None, f"{value!r} does not match the pattern {col.pattern}"
    if col.minimum is not None and isinstance(typed, (int, float)) and typed < col.minimum:
        return None, f"{value} is below the minimum {col.minimum}"
    return typed, None


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
            typed, error = _convert(row[position] if position is not None else "", col)
            if error:
                problems.append(Problem(file, line, col.name, f"type-{col.type}" if "not a" in error or "not an" in error else "constraint", error))
            data[col.name].append(typed)
        lines.append(line)
    frame = pd.DataFrame({c.name: pd.Series(data[c.name], dtype=c.dtype) for c in columns})
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
            if row.unit == "percent" and not 0 <= row.value <= 100:
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
        if row.status == "stated" and formula:
            problems.append(Problem("values.csv", line, "formula", "formula-on-stated", "a stated value must not carry a formula"))
        if row.status == "derived":
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

    Raises PackageError with every problem found; no partial package is ever returned.
    """
    problems: list[Problem] = []
    path = Path(path)
    root = path.parent if path.name == "datapackage.json" or path.is_file() else path
    descriptor_path = root / "datapackage.json"
    if not root.exists():
        raise PackageError([Problem(str(root), None, None, "package-missing", "no such folder")])
    text = _read_text(descriptor_path, "datapackage.json", problems)
    if text is None:
        raise PackageError(problems)
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackageError([Problem("datapackage.json", exc.lineno, str(exc.colno), "json-syntax", exc.msg)]) from None
    if not isinstance(meta, dict) or not isinstance(meta.get("resources"), list):
        raise PackageError([Problem("datapackage.json", None, "resources", "descriptor", "the descriptor must be an object with a list of resources")])

    declared: dict[str, Path] = {}
    for index, res in enumerate(meta["resources"]):
        where = f"resources[{index}].path"
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            problems.append(Problem("datapackage.json", None, f"resources[{index}]", "descriptor", "each resource needs a name"))
            continue
        target = _safe_resource_path(root, res.get("path"), where, problems)
        if target is not None:
            declared[res["name"]] = target
    for name in REQUIRED_RESOURCES:
        if name not in declared and not any(p.column and p.column.startswith("resources") for p in problems):
            problems.append(Problem("datapackage.json", None, "resources", "resource-missing", f"no resource named {name!r}"))

    tables: dict[str, tuple[pd.DataFrame, list[int]]] = {}
    for name in REQUIRED_RESOURCES:
        if name not in declared:
            continue
        file = f"{name}.csv"
        content = _read_text(declared[name], file, problems)
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

    _cross_check(tables, problems)
    if problems:
        raise PackageError(problems)

    frames = {name: tables[name][0] for name in REQUIRED_RESOURCES}
    for name in DIMENSIONS:
        frames[name] = frames[name].sort_values("order").set_index("code", drop=False)
    frames["chapters"] = frames["chapters"].sort_values("number").set_index("number", drop=False)
    frames["exhibits"] = frames["exhibits"].set_index("id", drop=False)
    frames["items"] = frames["items"].reset_index(drop=True)
    frames["values"] = frames["values"].reset_index(drop=True)
    return Package(path=root, meta=meta, **frames)
