"""Reading a package's files as untrusted input: safe paths, bounded JSON, and the descriptor's links and texts.

Everything here reports Problems instead of raising, and bounds the input before a parser could be
driven into recursion, huge integers or a symlink loop.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from hjk_desktop.core.spec import (
    LINK_SCHEMES,
    MAX_COLUMNS,
    MAX_DESCRIPTOR_BYTES,
    MAX_DIGITS,
    MAX_FILE_BYTES,
    MAX_JSON_DEPTH,
    MAX_PATH_CHARS,
)

DESCRIPTOR = "datapackage.json"
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^[a-zA-Z][a-zA-Z0-9+.-]*:(?![\\/])")
# C0 and C1 controls and DEL; tab and newline are ordinary text
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")
_LINK_KEYS = {"homepage", "url", "href", "uri", "link", "path"}


def problem(file, line, column, rule, message):
    from hjk_desktop.core.package import Problem  # the one Problem type; imported late to avoid a cycle

    return Problem(file, line, column, rule, message)


def control_message(text: str) -> str:
    found = CONTROL.search(text)
    return f"control character U+{ord(found.group()):04X} at position {found.start() + 1}; only tab and newline are allowed"


def _is_loop(exc: BaseException) -> bool:
    return isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP


def resolve_inside(root: Path, target: Path) -> tuple[Path | None, str | None, str]:
    """``target`` resolved (symlinks followed) when it stays inside ``root``: (path, rule, message).

    A missing file is not a problem here (the reader reports it); a loop or a way out is.
    """
    try:
        real = Path(os.path.realpath(target, strict=True))
    except FileNotFoundError:
        real = Path(os.path.realpath(target))  # dangling: where it would lead still must be inside
    except (OSError, RuntimeError, ValueError) as exc:
        if _is_loop(exc):
            return None, "path-loop", "the path is a symlink loop"
        return None, "path-invalid", f"the path cannot be resolved ({type(exc).__name__})"
    try:
        real.relative_to(root)
    except ValueError:
        return None, "path-outside", "the path resolves outside the package folder"
    return real, None, ""


def safe_resource_path(root: Path, raw: object, where: str, problems: list) -> Path | None:
    def refuse(rule: str, message: str) -> None:
        problems.append(problem(DESCRIPTOR, None, where, rule, message))

    if not isinstance(raw, str) or not raw.strip():
        refuse("path-invalid", "resource path must be a non-empty string")
        return None
    if "\x00" in raw or CONTROL.search(raw):
        refuse("path-invalid", "resource path contains a NUL or control character")
        return None
    if len(raw) > MAX_PATH_CHARS:
        refuse("path-too-long", f"resource path has {len(raw)} characters; the limit is {MAX_PATH_CHARS}")
        return None
    shown = repr(raw[:80])
    if _URL.match(raw) or raw.startswith("//"):
        refuse("path-url", f"remote resource {shown} refused: only files inside the package folder are read")
        return None
    if PurePosixPath(raw).is_absolute() or PureWindowsPath(raw).is_absolute() or raw.startswith(("\\", "/")):
        refuse("path-absolute", f"absolute resource path {shown} refused")
        return None
    if ".." in re.split(r"[\\/]", raw):
        refuse("path-parent", f"resource path {shown} refused: it contains '..'")
        return None
    real, rule, message = resolve_inside(root, root / raw)
    if rule:
        refuse(rule, f"resource path {shown}: {message}")
        return None
    return real


def read_text(path: Path, name: str, problems: list, limit: int | None = None) -> str | None:
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        if not path.is_file():
            problems.append(problem(name, None, None, "file-missing", "file not found"))
            return None
        size = path.stat().st_size
        if size > limit:
            problems.append(problem(name, None, None, "file-too-large", f"{size} bytes is over the limit of {limit}"))
            return None
        raw = path.read_bytes()[: limit + 1]  # the file may grow between stat and read
    except (OSError, ValueError) as exc:
        problems.append(problem(name, None, None, "file-unreadable", f"cannot be read ({type(exc).__name__})"))
        return None
    if len(raw) > limit:
        problems.append(problem(name, None, None, "file-too-large", f"over the limit of {limit} bytes"))
        return None
    if not raw or raw.isspace():  # (as raw.strip() would say, without copying a large file)
        problems.append(problem(name, None, None, "file-empty", "file is empty"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(problem(name, line, None, "encoding", f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"))
        return None


class _TooManyDigits(ValueError):
    pass


def _number(kind):
    def parse(text: str):
        if sum(c.isdigit() for c in text) > MAX_DIGITS:
            raise _TooManyDigits(text[:20])
        return kind(text)

    return parse


def _refuse_constant(name: str):
    raise _TooManyDigits(name)


def json_depth(text: str) -> int:
    """Deepest nesting of arrays and objects, counted without parsing (strings are skipped)."""
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def read_descriptor(path: Path, problems: list) -> dict | None:
    """The descriptor as a dict, or None with the reason in ``problems``; bounded before json sees it."""
    text = read_text(path, DESCRIPTOR, problems, limit=MAX_DESCRIPTOR_BYTES)
    if text is None:
        return None
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        problems.append(problem(DESCRIPTOR, None, None, "json-depth", f"nested {depth} deep; the limit is {MAX_JSON_DEPTH}"))
        return None
    try:
        meta = json.loads(text, parse_int=_number(int), parse_float=_number(float), parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        problems.append(problem(DESCRIPTOR, exc.lineno, str(exc.colno), "json-syntax", exc.msg))
        return None
    except _TooManyDigits as exc:
        problems.append(problem(DESCRIPTOR, None, None, "number-digits",
                                f"a number ({exc}…) has more than {MAX_DIGITS} digits, or is NaN or Infinity"))
        return None
    if not isinstance(meta, dict) or not isinstance(meta.get("resources"), list):
        problems.append(problem(DESCRIPTOR, None, "resources", "descriptor", "the descriptor must be an object with a list of resources"))
        return None
    return meta


def _leaves(node, where: str, out: list) -> None:
    """(json path, key, value) of every string, number or null below ``node``; depth is already bounded."""
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{where}.{key}" if where else key
            if isinstance(value, (dict, list)):
                _leaves(value, path, out)
            else:
                out.append((path, key, value))
    else:
        for index, value in enumerate(node):
            if isinstance(value, (dict, list)):
                _leaves(value, f"{where}[{index}]", out)
            else:
                out.append((f"{where}[{index}]", None, value))


def is_web_link(value: object) -> bool:
    """True for an http or https address with a host: the only links a package may show or open."""
    if not isinstance(value, str) or CONTROL.search(value) or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc)


def check_descriptor(meta: dict, problems: list) -> None:
    """Links must be http(s) and texts free of control characters, anywhere in the descriptor."""
    resource_paths = {f"resources[{i}].path" for i in range(len(meta["resources"]))}
    leaves: list = []
    _leaves(meta, "", leaves)
    for where, key, value in leaves:
        if CONTROL.search(where):
            problems.append(problem(DESCRIPTOR, None, repr(where)[:120], "control-character", "a key contains a control character"))
            continue
        if isinstance(value, str) and CONTROL.search(value) and where not in resource_paths:
            problems.append(problem(DESCRIPTOR, None, where, "control-character", control_message(value)))
            continue
        if key not in _LINK_KEYS or where in resource_paths or value in ("", None):
            continue
        if key == "path" and not where.startswith("sources[") and isinstance(value, str) and not _URL.match(value):
            continue  # a local path outside the resources (e.g. a licence file) is not a link
        if not is_web_link(value):
            shown = repr(value)[:80]
            problems.append(problem(DESCRIPTOR, None, where, "url-scheme", f"{shown} is not an http or https address"))


# --------------------------------------------------------------------------------------------
# large CSV files, read by column in C


CHUNK_ROWS = 20_000  # rows read between two progress reports
# first bytes of a line that may be all blanks: whitespace, a comma, a quote, or the lead byte of a non-ASCII space
_MAYBE_BLANK = np.zeros(256, dtype=bool)
_MAYBE_BLANK[list(b' \t\n\x0b\x0c\x1c\x1d\x1e\x1f,"\xc2\xe1\xe2\xe3')] = True


def _cells(line: str) -> list[str] | None:
    """The cells csv.reader(strict=True) reads from one whole line, or None where it refuses the line."""
    try:
        rows = list(csv.reader([line], strict=True))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


_OPEN = object()  # a record whose quoted field goes on past the text given


def _record(text: str) -> list[str] | object | None:
    """The cells of the one record csv.reader(strict=True) reads from ``text``; _OPEN when a quoted field is still
    open at its end; None when csv refuses it or reads more than one record."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return _OPEN if "unexpected end of data" in str(exc) else None
    return rows[0] if len(rows) == 1 else None


def fast_columns(text: str, tick: Callable[[float], None] | None = None) -> tuple[list[str], list[np.ndarray], list[int] | range, int] | None:
    """A CSV file's header, its cells by column, the line each row starts on and the longest record's length in
    bytes (no cell is longer); None when the file must be read row by row.

    The cells are exactly those ``csv.reader(strict=True)`` gives, read by pandas' C parser instead of one row at a
    time. Every record holding a quote is read by csv itself as well and must come out the same; the rest are plain
    comma-separated lines. Files with a lone carriage return, a NUL, a byte-order mark past the start, a row of
    only blanks, a row of the wrong width, a quoted line break in a CRLF file or anything csv refuses return None:
    the caller reads those row by row, which places every problem. ``tick(fraction)`` is called after each chunk
    of rows.
    """
    if "\x00" in text or "\ufeff" in text:
        return None
    data = text.encode("utf-8")
    crlf = b"\r" in data
    if crlf:
        if data.count(b"\r") != data.count(b"\r\n"):
            return None  # a lone carriage return ends a line for csv; leave that to the row reader
        data = data.replace(b"\r\n", b"\n")
    end = data.find(b"\n")
    if end <= 0:
        return None
    header = _cells(data[:end].decode("utf-8"))
    if not header or len(header) > MAX_COLUMNS:
        return None
    header = [h.strip() for h in header]
    width = len(header)
    start = end + 1
    stop = len(data)
    while stop > start and data[stop - 1] == 10:  # empty lines at the end are skipped by both readers
        stop -= 1
    if stop <= start:
        return None
    # where each line between the header and the end starts and ends (offsets into data)
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8, count=stop)[start:] == 10) + start
    line_starts = np.concatenate(([start], newlines + 1))
    line_ends = np.concatenate((newlines, [stop]))
    lengths = line_ends - line_starts
    longest = int(lengths.max())

    # records with a quote: each must be one whole record of the right width by csv's own reading; a quoted
    # field may run over several lines, which then belong to the record of its first line
    records: dict[int, list[str]] = {}  # first line -> cells
    inside_quotes = 0  # commas within quoted fields
    continued = np.zeros(len(line_starts), dtype=bool)  # lines inside a record begun on an earlier line
    at = data.find(b'"', start, stop)
    while at >= 0:
        first = last = int(np.searchsorted(line_ends, at))  # the line holding this quote
        while True:
            cells = _record(data[line_starts[first]:line_ends[last]].decode("utf-8"))
            if cells is not _OPEN or last + 1 == len(line_starts):
                break
            last += 1
        if cells is None or cells is _OPEN or len(cells) != width or (crlf and last > first):
            return None  # (a quoted line break was CRLF in the file, which csv keeps in the cell)
        continued[first + 1:last + 1] = True
        inside_quotes += data.count(b",", int(line_starts[first]), int(line_ends[last])) - (width - 1)
        longest = max(longest, int(line_ends[last] - line_starts[first]))
        records[first] = cells
        at = data.find(b'"', int(line_ends[last]), stop)

    # rows: lines that begin a record; both readers skip empty lines (outside quotes)
    begins = ~continued & (lengths > 0)
    numbered = np.flatnonzero(begins)
    rows = len(numbered)
    lines: list[int] | range = range(2, 2 + rows) if rows == len(line_starts) else (numbered + 2).tolist()
    row_of = np.cumsum(begins) - 1  # line -> row

    # rows that could be all blanks: the row reader skips those, so leave such a file to it
    maybe = _MAYBE_BLANK[np.frombuffer(data, dtype=np.uint8).take(line_starts[numbered])]
    for line in numbered[maybe].tolist():
        cells = records.get(line) or data[line_starts[line]:line_ends[line]].decode("utf-8").split(",")
        if not any(cell.strip() for cell in cells):
            return None
    # every row has width - 1 separating commas: a shorter row would need a longer one, which pandas refuses
    if data.count(b",", start, stop) != rows * (width - 1) + inside_quotes:
        return None
    quoted = [(int(row_of[line]), cells) for line, cells in records.items()]

    handle = io.BytesIO(data)
    handle.seek(start)
    parts: list[list[np.ndarray]] = [[] for _ in range(width)]
    done = 0
    try:
        reader = pd.read_csv(handle, header=None, names=list(range(width)), index_col=False, dtype=object,
                             na_filter=False, skip_blank_lines=True, engine="c", encoding="utf-8",
                             chunksize=CHUNK_ROWS)
    except Exception:  # noqa: BLE001 - whatever pandas refuses, the row reader reports precisely
        return None
    with reader:
        while True:
            try:
                chunk = next(reader)
            except StopIteration:
                break
            except Exception:  # noqa: BLE001 - as above
                return None
            for j in range(width):
                parts[j].append(chunk[j].to_numpy(dtype=object))
            done += len(chunk)
            if tick is not None:
                tick(min(done / rows, 1.0))
    if done != rows:
        return None
    columns = [np.concatenate(p) if len(p) != 1 else p[0] for p in parts]
    for row, cells in quoted:  # the two readers agree on every line with a quote
        if any(columns[j][row] != cells[j] for j in range(width)):
            return None
    return header, columns, lines, longest
