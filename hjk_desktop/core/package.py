"""Load and validate a data package: all problems are collected, and nothing is returned half-loaded."""

from __future__ import annotations

import csv
import gc
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from hjk_desktop.core import package_files
from hjk_desktop.core.codes import Status, Unit
from hjk_desktop.core.package_files import CONTROL, DESCRIPTOR, control_message, is_web_link
from hjk_desktop.core.spec import (
    CODE,
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
_NO_ROWS = np.empty(0, dtype=np.intp)


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


class LoadCancelled(Exception):
    """Loading stopped because the progress callback answered False; nothing of the package is kept."""

    def __init__(self) -> None:
        super().__init__("loading the data package was cancelled")


Progress = Callable[[int, int], "bool | None"]


def _chapter_then_order(row: tuple) -> tuple:
    """Sort key of (chapter, order, id): a missing number sorts last, as pandas puts it."""
    return tuple((1, 0) if value is pd.NA or value != value else (0, value) for value in row[:2])


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

    def _reading_order(self) -> tuple[tuple[int, str], ...]:
        """(chapter, exhibit id) by chapter, then by order within it, ties in file order: a stable sort of plain
        lists (what sort_values(["chapter", "order"]) gives, without pandas' first-use cost at start-up)."""
        def make() -> tuple:
            frame = self.exhibits
            rows = zip(frame["chapter"].tolist(), frame["order"].tolist(), frame.index.tolist())
            return tuple((int(chapter), ex_id) for chapter, _order, ex_id in sorted(rows, key=_chapter_then_order))

        return self._cached("__order__", make)

    def exhibit_ids(self) -> list[str]:
        """Exhibits in reading order: by chapter, then by their order within it."""
        return [ex_id for _chapter, ex_id in self._reading_order()]

    def exhibits_in(self, chapter: int) -> list[str]:
        def make() -> dict:
            by_chapter: dict[int, list[str]] = {}
            for number, ex_id in self._reading_order():
                by_chapter.setdefault(number, []).append(ex_id)
            return by_chapter

        return list(self._cached("__chapters__", make).get(int(chapter), ()))

    def _rows_of(self, table: str, exhibit_id: str) -> np.ndarray:
        """Positions of the exhibit's rows in ``values`` or ``items``: one grouping on first use instead of a
        scan of the whole table per exhibit (the same rows, in file order, as ``frame["exhibit"] == id``)."""
        frame: pd.DataFrame = getattr(self, table)
        groups = self._cached(("__rows__", table),
                              lambda: frame.groupby("exhibit", sort=False).indices if len(frame) else {})
        return groups.get(exhibit_id, _NO_ROWS)

    def values_for(self, exhibit_id: str) -> pd.DataFrame:
        cached = self._by_exhibit.get(exhibit_id)
        if cached is None:
            cached = self.values.take(self._rows_of("values", exhibit_id))
            self._by_exhibit[exhibit_id] = cached
        return cached

    def items_for(self, exhibit_id: str) -> pd.DataFrame:
        return self._cached(("__items_for__", exhibit_id),
                            lambda: self.items.take(self._rows_of("items", exhibit_id)).sort_values("order"))

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

    def short_label(self, dimension: str, code: str, lang: str = "nb") -> str:
        """The short label of a code (``short_<lang>``) for column headers, legends and controls; the label where a
        package gives none."""
        shorts = self._by_exhibit.get(("__shorts__", dimension, lang))
        if shorts is None:
            table: pd.DataFrame = getattr(self, dimension)
            column = f"short_{lang}"
            shorts = {} if column not in table.columns else {
                code: str(v).strip() for code, v in zip(table.index, table[column]) if isinstance(v, str) and v.strip()}
            self._by_exhibit[("__shorts__", dimension, lang)] = shorts
        found = shorts.get(code) if isinstance(code, str) else None
        return found or self.label(dimension, code, lang)

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


def _read_csv(text: str, name: str, problems: list[Problem],
              tick: Callable[[float], None] | None = None) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """Rows with the physical line each starts on; None where the file cannot be used at all."""
    # the csv module's own cell limit would abort the whole file; cells are measured (and placed) in _convert
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    every = package_files.CHUNK_ROWS
    lines = (text.count("\n") + 1) if tick is not None else 1
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
            if row and "".join(row).strip():  # a row of blanks is skipped
                rows.append((start, row))
                if tick is not None and len(rows) % every == 0:
                    tick(min(reader.line_num / lines, 1.0))
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
# whole columns of plain numbers, joined by NUL: unsigned, few enough digits to be inside every range
_PLAIN = {
    "integer": re.compile(r"(?:[0-9]{1,9})?(?:\x00(?:[0-9]{1,9})?)*", re.ASCII),
    "number": re.compile(r"(?:[0-9]{1,12}(?:\.[0-9]{1,12})?)?(?:\x00(?:[0-9]{1,12}(?:\.[0-9]{1,12})?)?)*", re.ASCII),
}
_CODE_CELLS = re.compile(r"[a-z0-9_\x00-]*")  # cells matching spec.CODE, joined by NUL (blanks allowed)
_FEW = 256  # up to this many distinct cells a column is converted one distinct cell at a time
FAST_MIN_CHARS = 65_536  # smaller files are read row by row, which is as quick for them


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


@dataclass
class _Table:
    """One checked CSV file: its frame, the physical line of each row, and the distinct values of text columns."""

    frame: pd.DataFrame
    lines: Sequence[int]
    distinct: dict = field(default_factory=dict)

    def values_of(self, column: str) -> set:
        """The distinct values of ``column`` (computed once)."""
        found = self.distinct.get(column)
        if found is None:
            found = self.distinct[column] = set(pd.unique(self.frame[column]))
        return found


def _pattern(text: str) -> re.Pattern:
    return re.compile(text)  # re caches compiled patterns; fullmatch as in _convert


def _plain_text(distinct: set, col: Column, short: bool = False) -> bool:
    """True when no distinct text of the column breaks a rule: every cell is then its own typed value.

    ``short`` says no line of the file is longer than a cell may be, so no cell can be too large."""
    if not distinct:
        return True
    if not short and max(map(len, distinct)) > MAX_CELL_CHARS:
        return False
    blank = "" in distinct
    if blank and col.required:
        return False
    if col.pattern == CODE:  # one pass: code characters only means no control character, no space to strip
        joined = "\x00".join(distinct)  # exact only while no cell holds the separator itself
        return (joined.count("\x00") == len(distinct) - 1 and bool(_CODE_CELLS.fullmatch(joined))
                and (not col.enum or distinct - {""} <= set(col.enum)))
    if CONTROL.search("\n".join(distinct)):
        return False
    if sum(map(len, map(str.strip, distinct))) != sum(map(len, distinct)):
        return False  # leading or trailing spaces: the cell's value is not its text
    filled = distinct - {""} if blank else distinct
    if col.enum and not filled <= set(col.enum):
        return False
    return not col.pattern or all(map(_pattern(col.pattern).fullmatch, filled))


def _plain_numbers(distinct: np.ndarray, col: Column) -> list | None:
    """The typed values of many distinct numbers when all are plain (what _convert would give), else None."""
    if col.type not in _PLAIN or len(distinct) <= _FEW or col.enum or col.pattern:
        return None
    texts = distinct.tolist()
    joined = "\x00".join(texts)  # exact only while no cell holds the separator itself
    if joined.count("\x00") != len(texts) - 1 or not _PLAIN[col.type].fullmatch(joined):
        return None
    kind = int if col.type == "integer" else float
    typed = [kind(t) if t else None for t in texts]
    if col.required and None in typed:
        return None
    if col.minimum is not None and min((v for v in typed if v is not None), default=col.minimum) < col.minimum:
        return None
    return typed


def _typed_array(typed: list, codes: np.ndarray, col: Column):
    """The column's array from the typed distinct values and each row's code."""
    if col.type == "integer":
        values = np.array([0 if v is None else v for v in typed], dtype=np.int64)
        mask = np.array([v is None for v in typed], dtype=bool)
        return pd.arrays.IntegerArray(values.take(codes), mask.take(codes))
    if col.type == "number":
        return np.array([np.nan if v is None else v for v in typed], dtype=np.float64).take(codes)
    if col.type == "boolean":
        return np.array([bool(v) for v in typed], dtype=bool).take(codes)
    out = np.empty(len(typed), dtype=object)
    out[:] = typed
    return out.take(codes)


def _column(raw: np.ndarray, col: Column, short: bool = False) -> tuple[object, dict[int, tuple[str, str]], np.ndarray | None, set | None]:
    """Convert one column: (typed array, {code: (rule, message)}, codes, distinct values).

    ``_convert`` depends on nothing but the cell and the column, so it runs once per distinct cell; a text column
    whose distinct cells all pass is used as it is. Codes are the rows' indexes into the distinct cells (None for
    a text column that passed); the distinct values are given for a text column that passed.
    """
    if col.type == "string":
        distinct = set(raw.tolist())
        if _plain_text(distinct, col, short):
            return raw, {}, None, distinct
    codes, distinct = pd.factorize(raw)
    bad: dict[int, tuple[str, str]] = {}
    typed = _plain_numbers(distinct, col)
    if typed is None:
        typed = []
        for code, value in enumerate(distinct):
            value, rule, message = _convert(value, col)
            typed.append(value)
            if rule:
                bad[code] = (rule, message)
    return _typed_array(typed, codes, col), bad, codes, None


def _columns_of(header: list[str], rows: list[tuple[int, list[str]]]) -> tuple[list[np.ndarray], list[int], list[tuple[int, int]]]:
    """Rows read one at a time, turned into columns: (columns, lines, [(line, fields)] of rows of the wrong width)."""
    width = len(header)
    good = [row for _line, row in rows if len(row) == width]
    lines = [line for line, row in rows if len(row) == width]
    wrong = [(line, len(row)) for line, row in rows if len(row) != width]
    columns = []
    for cells in (zip(*good) if good else [() for _ in header]):
        column = np.empty(len(good), dtype=object)
        column[:] = cells
        columns.append(column)
    return columns, lines, wrong


def _table(name: str, text: str, problems: list[Problem], tick: Callable[[float], None] | None = None) -> _Table | None:
    """Read, convert and check one CSV file's cells (types, ranges, enums, patterns), placing every problem."""
    file = f"{name}.csv"
    read = package_files.fast_columns(text, tick) if len(text) >= FAST_MIN_CHARS else None
    if read is not None:
        header, columns, lines, longest = read
        short = longest <= MAX_CELL_CHARS
        wrong: list[tuple[int, int]] = []
        for dup in sorted({h for h in header if header.count(h) > 1}):
            problems.append(Problem(file, 1, dup, "duplicate-column", "column appears more than once in the header"))
    else:
        parsed = _read_csv(text, file, problems, tick)
        if parsed is None:
            return None
        header = parsed[0]
        columns, lines, wrong = _columns_of(*parsed)
        short = False
    specs = TABLES[name]
    missing = [c.name for c in specs if c.name not in header and c.required]
    for col in missing:
        problems.append(Problem(file, 1, col, "column-missing", "required column is missing from the header"))
    if missing:
        return None
    # every problem is placed by line, then by column in the table's order, as a reader going row by row would
    found: list[tuple[int, int, Problem]] = [
        (line, -1, Problem(file, line, None, "field-count", f"row has {count} fields, the header has {len(header)}"))
        for line, count in wrong]
    data: dict[str, object] = {}
    distinct: dict[str, set] = {}
    for order, col in enumerate(specs):
        if col.name in header:
            raw = columns[header.index(col.name)]
        else:  # an optional column a package leaves out reads as blank in every row
            raw = np.full(len(lines), "", dtype=object)
        typed, bad, codes, seen = _column(raw, col, short)
        for code, (rule, message) in bad.items():
            for row in np.flatnonzero(codes == code).tolist():
                found.append((lines[row], order, Problem(file, lines[row], col.name, rule, message)))
        data[col.name] = typed
        if seen is not None:
            distinct[col.name] = seen
    found.sort(key=lambda entry: entry[:2])
    problems.extend(entry[2] for entry in found)
    return _Table(_frame(specs, data, len(lines)), lines, distinct)


def _frame(specs: tuple[Column, ...], data: dict[str, object], rows: int) -> pd.DataFrame:
    """The table's frame, columns in the spec's order: text columns as one object block (kept as object: pandas
    would otherwise infer its own string type), the typed ones added beside it."""
    texts = [c.name for c in specs if c.dtype == "object"]
    block = np.empty((len(texts), rows), dtype=object)
    for i, name in enumerate(texts):
        block[i] = data[name]
    frame = pd.DataFrame(block.T, columns=texts, dtype=object, copy=False)
    for position, col in enumerate(specs):
        if col.dtype != "object":
            frame.insert(position, col.name, data[col.name])
    return frame


def _check_unique(frame: pd.DataFrame, lines: Sequence[int], file: str, key: list[str], problems: list[Problem],
                  distinct: set | None = None) -> None:
    """Every repeat of ``key``; ``distinct``, if given, is the set of the single key column's values."""
    if distinct is not None and len(key) == 1:
        repeated = len(distinct) != len(frame)
    elif len(key) == 1:
        repeated = not frame[key[0]].is_unique
    else:
        repeated = bool(frame.duplicated(subset=key).any())
    if not repeated:  # pandas counts missing values as equal, so it never misses a repeat found below
        return
    seen: dict[tuple, int] = {}
    for i, values in enumerate(zip(*(frame[k] for k in key))):
        if values in seen:
            shown = ", ".join(str(v) for v in values)
            problems.append(Problem(file, lines[i], "+".join(key), "duplicate-key", f"{shown} already appears on line {seen[values]}"))
        else:
            seen[values] = lines[i]


def _check_refs(table: _Table, file: str, column: str, allowed: set, what: str, problems: list[Problem], blank_ok: bool = False) -> None:
    def unknown(value) -> bool:
        if value is None or (blank_ok and (value == "" or pd.isna(value))):
            return False
        return not pd.isna(value) and value not in allowed

    if not any(unknown(v) for v in table.values_of(column) - allowed):
        return  # every distinct value is known: no row can be flagged below
    frame, lines = table.frame, table.lines
    for i, value in enumerate(frame[column]):
        if unknown(value):
            problems.append(Problem(file, lines[i], column, "unknown-code", f"{value!r} is not a known {what}"))


def _cross_check(tables: dict[str, _Table], problems: list[Problem]) -> None:
    codes = {name: tables[name].values_of("code") for name in DIMENSIONS if name in tables}
    chapters = set(tables["chapters"].frame["number"].dropna().astype(int)) if "chapters" in tables else set()

    if "exhibits" in tables:
        ex_table = tables["exhibits"]
        ex, ex_lines = ex_table.frame, ex_table.lines
        _check_refs(ex_table, "exhibits.csv", "chapter", chapters, "chapter number", problems)
        if "populations" in codes:
            _check_refs(ex_table, "exhibits.csv", "population", codes["populations"], "population", problems)
        if "rounds" in codes:
            _check_refs(ex_table, "exhibits.csv", "round", codes["rounds"], "round", problems, blank_ok=True)
        exhibit_ids = ex_table.values_of("id")
        _check_refs(ex_table, "exhibits.csv", "pair", exhibit_ids, "exhibit", problems, blank_ok=True)
        item_codes: dict = {}
        if "items" in tables and ex["ranking"].astype(bool).any():
            it = tables["items"].frame
            for e, c in zip(it["exhibit"].tolist(), it["code"].tolist()):
                item_codes.setdefault(e, set()).add(c)
        plain = {}  # (scale, headline) -> fine: most exhibits share a few
        for i, (ex_id, scale_text, headline, ranking) in enumerate(zip(ex["id"].tolist(), ex["scale"].tolist(),
                                                                       ex["headline"].tolist(), ex["ranking"].tolist())):
            if not ranking and plain.get((scale_text, headline)):
                continue
            scale = [s for s in (scale_text or "").split("|") if s]
            fine = True
            if "responses" in codes:
                for code in scale:
                    if code not in codes["responses"]:
                        fine = False
                        problems.append(Problem("exhibits.csv", ex_lines[i], "scale", "unknown-code", f"{code!r} is not a known response"))
            if headline and headline not in scale:
                fine = False
                problems.append(Problem("exhibits.csv", ex_lines[i], "headline", "constraint", f"{headline!r} is not in the exhibit's scale"))
            plain[(scale_text, headline)] = fine
            if ranking:
                for rank in str(ranking).split("|"):
                    for code in rank.split("+"):
                        if code not in item_codes.get(ex_id, set()):
                            problems.append(Problem("exhibits.csv", ex_lines[i], "ranking", "unknown-code", f"{code!r} is not an item of exhibit {ex_id}"))
    else:
        exhibit_ids = set()

    if "items" in tables and "exhibits" in tables:
        _check_refs(tables["items"], "items.csv", "exhibit", exhibit_ids, "exhibit", problems)

    if "values" not in tables:
        return
    va_table = tables["values"]
    va, va_lines = va_table.frame, va_table.lines
    _check_refs(va_table, "values.csv", "chapter", chapters, "chapter number", problems)
    _check_refs(va_table, "values.csv", "exhibit", exhibit_ids, "exhibit", problems)
    for column, dim in (("population", "populations"), ("segment", "segments"), ("response", "responses")):
        if dim in codes:
            _check_refs(va_table, "values.csv", column, codes[dim], dim[:-1], problems)
    if "rounds" in codes:
        _check_refs(va_table, "values.csv", "round", codes["rounds"], "round", problems, blank_ok=True)
    if "items" in tables:
        it = tables["items"].frame
        known_items = set(zip(it["exhibit"].tolist(), it["code"].tolist()))
        pairs = va[["exhibit", "item"]].drop_duplicates()
        pairs = set(zip(pairs["exhibit"].tolist(), pairs["item"].tolist())) - known_items
        if any(e in exhibit_ids and item is not None for e, item in pairs):
            for i, (e, item) in enumerate(zip(va["exhibit"], va["item"])):
                if e in exhibit_ids and item is not None and (e, item) not in known_items:
                    problems.append(Problem("values.csv", va_lines[i], "item", "unknown-code", f"{item!r} is not an item of exhibit {e}"))
    _check_value_rows(va, va_lines, chapters, problems)


def _value_rows_to_check(va: pd.DataFrame, chapters: set) -> list[int]:
    """Rows of values.csv that may break a per-row rule, found column by column; all others surely pass."""
    value = va["value"].to_numpy(dtype=np.float64)
    unit = va["unit"].to_numpy(dtype=object)
    status = va["status"].to_numpy(dtype=object)
    with np.errstate(invalid="ignore"):
        suspect = (unit == Unit.PERCENT) & ((value < 0) | (value > 100))
        suspect |= (unit == "count") & (value < 0)
    suspect |= status == Status.DERIVED
    suspect |= (status == Status.STATED) & (va["formula"].to_numpy(dtype=object) != "")
    # locators: syntax and chapter per distinct locator, then each row's chapter against its locator's
    codes, locators = pd.factorize(va["locator"].to_numpy(dtype=object), use_na_sentinel=False)
    says = np.full(len(locators), -1, dtype=np.int64)  # the chapter a locator names; -1 to skip, -2 to look at
    for code, locator in enumerate(locators):
        if not locator:
            continue
        m = LOCATOR.match(locator)
        if not m or (chapters and int(m.group("chapter")) not in chapters):
            says[code] = -2
        else:
            says[code] = int(m.group("chapter"))
    said = says.take(codes) if len(codes) else np.empty(0, dtype=np.int64)
    suspect |= said == -2
    chapter = va["chapter"].array
    known = ~np.asarray(chapter.isna(), dtype=bool)
    row_chapter = chapter.to_numpy(dtype=np.int64, na_value=-1)
    suspect |= known & (said >= 0) & (said != row_chapter)
    return np.flatnonzero(suspect).tolist()


def _check_value_rows(va: pd.DataFrame, va_lines: Sequence[int], chapters: set, problems: list[Problem]) -> None:
    rows = _value_rows_to_check(va, chapters)
    if not rows:
        return
    by_id = None
    columns = {name: va[name].array for name in ("value", "unit", "locator", "chapter", "formula", "status")}
    for i in rows:
        line = va_lines[i]
        value, unit, locator, chapter, formula, status = (columns[name][i] for name in
                                                           ("value", "unit", "locator", "chapter", "formula", "status"))
        if value is not None and not pd.isna(value):
            if unit == Unit.PERCENT and not 0 <= value <= 100:
                problems.append(Problem("values.csv", line, "value", "percent-range", f"{value:g} is outside 0–100 for a percentage"))
            if unit == "count" and value < 0:
                problems.append(Problem("values.csv", line, "value", "count-negative", f"{value:g} is a negative count"))
        if locator:
            m = LOCATOR.match(locator)
            if not m:
                problems.append(Problem("values.csv", line, "locator", "locator-syntax", f"{locator!r} is not a locator such as 3:p2, 9:bullet4, 3:figur1 or 5:tabell1:r2c1"))
            elif chapters and int(m.group("chapter")) not in chapters:
                problems.append(Problem("values.csv", line, "locator", "locator-chapter", f"{locator!r} names a chapter that does not exist"))
            elif chapter is not None and not pd.isna(chapter) and int(m.group("chapter")) != int(chapter):
                problems.append(Problem("values.csv", line, "locator", "locator-chapter", f"{locator!r} is in chapter {m.group('chapter')}, the row says chapter {chapter}"))
        formula = formula or ""
        if status == Status.STATED and formula:
            problems.append(Problem("values.csv", line, "formula", "formula-on-stated", "a stated value must not carry a formula"))
        if status == Status.DERIVED:
            if by_id is None:
                by_id = {vid: (v, u) for vid, v, u in zip(va["id"], va["value"], va["unit"])}
            result = evaluate_formula(formula, by_id)
            if isinstance(result, str):
                problems.append(Problem("values.csv", line, "formula", "formula-invalid", result))
            elif value is not None and not pd.isna(value) and abs(result - value) > _TOLERANCE:
                problems.append(Problem("values.csv", line, "value", "formula-mismatch", f"{value:g} differs from its formula, which gives {result:g}"))


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


def load_package(path: str | Path, progress: Progress | None = None) -> Package:
    """Read, validate and return the package at ``path`` (a folder or its datapackage.json).

    Raises PackageError with every problem found, and nothing else, whatever the files hold; no partial
    package is ever returned.

    ``progress(done, total)``, if given, is called now and then (once per file and every few thousand rows of
    a large one) with the work done so far, counted in bytes of the package's files; the checks between the
    files count as the last share. ``done`` only grows and ends at ``total``. When it returns False, loading
    stops with LoadCancelled and nothing is kept; an exception it raises is passed on unchanged.
    """
    reading = {"file": str(path)}
    collecting = gc.isenabled()
    gc.disable()  # loading makes no reference cycles; collections over its large new containers cost a tenth
    try:
        return _load(path, reading, _Progress(progress))
    except (PackageError, LoadCancelled):
        raise
    except _CallbackFailed as failed:
        raise failed.__cause__ from None
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - the contract is one error type for any input
        raise PackageError([Problem(reading["file"], None, None, "internal",
                                    f"unexpected {type(exc).__name__} while reading this file; please report it")]) from exc
    finally:
        if collecting:
            gc.enable()


class _CallbackFailed(Exception):
    """The progress callback itself raised: its exception is not a problem of the package."""


class _Progress:
    """Reports monotonic progress to an optional callback and turns its False into LoadCancelled."""

    def __init__(self, callback: Progress | None):
        self.callback = callback
        self.done = 0
        self.total = 1

    def report(self, done: int) -> None:
        self.done = max(self.done, min(int(done), self.total))
        if self.callback is None:
            return
        try:
            answer = self.callback(self.done, self.total)
        except Exception as exc:  # noqa: BLE001 - handed back to the caller as it was raised
            raise _CallbackFailed() from exc
        if answer is False:
            raise LoadCancelled()

    def part(self, base: int, size: int) -> Callable[[float], None]:
        """A tick(fraction) for one file of ``size`` units starting at ``base``."""
        return lambda fraction: self.report(base + int(size * fraction))


def _size(path: Path | None) -> int:
    try:
        return max(path.stat().st_size, 1) if path is not None and path.is_file() else 1
    except (OSError, ValueError):
        return 1


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


def _load(path: str | Path, reading: dict, progress: _Progress) -> Package:
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

    # progress counts bytes of the files to read; the checks between them are the last tenth
    sizes = {name: _size(declared.get(name)) for name in REQUIRED_RESOURCES}
    findings_size = _size(declared.get("findings")) if "findings" in declared else 0
    checks = max(1, sum(sizes.values()) // 10)
    progress.total = sum(sizes.values()) + checks + findings_size
    progress.report(0)
    base = 0

    tables: dict[str, _Table] = {}
    for name in REQUIRED_RESOURCES:
        size = sizes[name]
        tick = progress.part(base, size)
        base += size
        if name not in declared:
            continue
        file = f"{name}.csv"
        reading["file"] = file
        content = package_files.read_text(declared[name], file, problems)
        if content is None:
            progress.report(base)
            continue
        built = _table(name, content, problems, tick)
        del content
        if built is None:
            progress.report(base)
            continue
        tables[name] = built
        key = ["code"] if name in DIMENSIONS else {"chapters": ["number"], "exhibits": ["id"], "items": ["exhibit", "code"], "values": ["id"]}[name]
        _check_unique(built.frame, built.lines, file, key, problems, built.distinct.get(key[0]) if len(key) == 1 else None)
        if name == "values":  # two values for one cell: a query would silently show only the last
            _check_unique(built.frame, built.lines, file, ["exhibit", "population", "segment", "round", "item", "response"], problems)
        progress.report(base)

    reading["file"] = "(cross-checks between the files)"
    _cross_check(tables, problems)
    if "exhibits" in tables and tables["exhibits"].frame.empty:
        problems.append(Problem("exhibits.csv", None, None, "no-exhibits", "the package has no exhibits, so there is nothing to show"))
    if problems:
        raise PackageError(problems)
    base += checks
    progress.report(base)

    frames = {name: tables[name].frame for name in REQUIRED_RESOURCES}
    del tables
    for name in DIMENSIONS:
        frames[name] = frames[name].sort_values("order").set_index("code", drop=False)
    frames["chapters"] = frames["chapters"].sort_values("number").set_index("number", drop=False)
    frames["exhibits"] = frames["exhibits"].set_index("id", drop=False)
    cache = {("__resource__", name): target for name, target in declared.items()}
    package = Package(path=root, meta=meta, _by_exhibit=cache, **frames)
    from hjk_desktop.core.findings import read_findings  # findings.py reads with this module's helpers

    reading["file"] = "findings.csv"
    findings, problems = read_findings(root, package)
    if problems:
        raise PackageError(problems)
    progress.report(progress.total)
    return replace(package, findings=findings)
