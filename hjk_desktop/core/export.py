"""Write tables to CSV and XLSX, and the whole package to one workbook ("Eksporter alt").

Qt-free. Every file is written atomically: the bytes go to a temporary file in the target's folder,
are flushed and fsynced, and only then replace the target with ``os.replace``. A failure at any point
leaves an existing file byte-for-byte as it was and no temporary file behind. An existing file is
never replaced unless ``overwrite=True``.

Decisions (documented in docs/packaging.md and tested in tests/core/test_export.py):

* CSV is UTF-8 with a byte-order mark (``utf-8-sig``): Excel on Windows needs the BOM to read UTF-8,
  and pandas, LibreOffice and Python's csv module skip it.
* CSV is a clean rectangular table: one header row, then one row per table row. Numbers are plain
  (no ≈, no thousands separator, the chosen decimal mark); missing values are empty cells, never 0.
  Two extra columns keep what plain numbers cannot say: "Enhet" (prosent/antall) after the label, and
  "Merknad" last, naming approximate, derived (with formula) and missing cells. Caption and source go
  to a sibling text file ``<name>_kilde.txt`` so the CSV itself stays machine-readable.
* XLSX stores every value as a number. Percentages stay on the report's 0–100 scale with the format
  ``0`` or ``0.0`` (not Excel's 0 % format with value/100, which would make the cell disagree with
  the report, the CSV and the clipboard); the "Enhet" column says prosent. Approximate values carry
  the ≈ in the number format (``"≈ "0``) so the cell stays numeric; derived values are italic and
  their formula is in the "Merknad" column; missing values are the text "–" with the reason beside.
* Package texts are untrusted and never become formulas. In CSV a text starting with =, +, -, @, tab or CR
  gets a leading apostrophe (OWASP's CSV-injection advice; formatting.spreadsheet_text). In XLSX every text
  is written as a string cell (type "s", never "f"); one that would start a formula also gets Excel's quote
  prefix, so the cell shows the text exactly and stays text when edited, without a visible apostrophe.
  Control characters (C0 but tab, newline and CR; DEL; C1) are removed: XML refuses them. The workbook links
  only to its own sheets and to a package homepage that is http or https.
* Any failure, expected or not (openpyxl's included), is an ExportError with a one-line reason.
* A temporary file left by an export that was killed (``.NAME.xxxxxxxx.tmp``, ours only, over a minute old)
  is removed by the next export to the same folder.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from hjk_desktop import __version__
from hjk_desktop.core.chapter_story import findings, has_findings
from hjk_desktop.core.codes import COMMA, DECIMALS, LANGUAGES, NB, Chart, Reason, Status, is_missing, parse_ranking
from hjk_desktop.core.formatting import APPROX, MISSING, clean_text, format_number, looks_like_formula, reason_text, spreadsheet_text
from hjk_desktop.core.messages import text
from hjk_desktop.core.messages.export import ABOUT_RULES
from hjk_desktop.core.package import Package, is_web_link
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.table import DIFF, SIGNED_KINDS, VALUE, N, TableCell, TableData, build_table

SEMICOLON = "semicolon"
SEPARATORS = {COMMA: ",", SEMICOLON: ";"}
LEGEND = tuple(f"export.legend_{name}" for name in ("approx", "derived", "missing", "scale"))  # message ids, in order
STALE_AFTER = 60.0  # seconds: a temporary file this old is no export still running

# --------------------------------------------------------------------------------------------
# errors and atomic writing


class ExportError(Exception):
    """An export that did not happen. ``reason`` is a code the UI translates; ``path`` the target."""

    def __init__(self, path: str | os.PathLike, reason: str, cause: str = ""):
        self.path = Path(path)
        self.reason = reason
        self.cause = " ".join(str(cause).split())  # one line, whatever the cause said
        detail = f": {self.cause}" if self.cause else ""
        super().__init__(f"cannot write {self.path}: {_REASON_TEXT.get(reason, reason)}{detail}")


_REASON_TEXT = {
    "exists": "the file exists (use overwrite/--force to replace it)",
    "permission": "permission denied",
    "disk_full": "no space left on the device",
    "no_folder": "the folder does not exist",
    "is_folder": "the path is a folder",
    "options": "invalid options",
    "failed": "the write failed",
}


def unexpected(path: str | os.PathLike, exc: BaseException) -> ExportError:
    """An error nobody planned for (a library's, a bug) as an ExportError with a one-line cause."""
    return ExportError(path, _reason(exc), f"{type(exc).__name__}: {exc}")


@contextlib.contextmanager
def failures_as_export_errors(path: str | os.PathLike) -> Iterator[None]:
    """Turn every exception raised inside (other than ExportError) into an ExportError for ``path``."""
    try:
        yield
    except ExportError:
        raise
    except Exception as exc:
        raise unexpected(path, exc) from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "permission"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "disk_full"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "no_folder"
        if exc.errno == errno.EISDIR:
            return "is_folder"
    return "failed"


def check_target(path: str | os.PathLike, overwrite: bool = False) -> Path:
    """Raise ExportError unless ``path`` can be written: its folder exists, it is no folder, and it is new or may be replaced."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(path, "is_folder")
    if not parent.is_dir():
        raise ExportError(path, "no_folder", str(parent))
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise ExportError(path, "exists")
    return path


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None] | bytes, overwrite: bool = False) -> Path:
    """Write through a temporary file in the same folder, fsync, then os.replace onto ``path``.

    ``write`` is bytes or a function that writes to the open binary file. On any failure the temporary
    file is removed, an existing ``path`` is untouched, and ExportError says why.
    """
    path = check_target(path, overwrite)
    parent = path.parent if str(path.parent) else Path(".")
    remove_stale_temporaries(parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=parent)
    except OSError as exc:
        raise ExportError(path, _reason(exc), exc.strerror or str(exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(write, (bytes, bytearray)):
                handle.write(write)
            else:
                write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _set_mode(tmp, path)
        if not overwrite and path.exists():  # created by someone else while we wrote
            raise ExportError(path, "exists")
        os.replace(tmp, path)
    except ExportError:
        _remove(tmp)
        raise
    except Exception as exc:
        _remove(tmp)
        if isinstance(exc, OSError) and exc.strerror:
            raise ExportError(path, _reason(exc), exc.strerror) from exc
        raise unexpected(path, exc) from exc
    _fsync_dir(parent)
    return path


TMP_SUFFIX = ".tmp"
# what tempfile.mkstemp(prefix=".NAME.", suffix=".tmp") makes: a dot, the name, a dot, 8 random characters
_OUR_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def remove_stale_temporaries(folder: str | os.PathLike, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove what an export killed half-way left in ``folder``: our own temporary files (the name pattern,
    a regular file of this user) last changed more than ``older_than`` seconds ago. Never raises."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OUR_TEMPORARY.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than:
                continue
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _set_mode(tmp: Path, target: Path) -> None:
    """mkstemp makes the file private (0600); give it the mode an ordinary new file, or the replaced one, has."""
    if os.name != "posix":
        return
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def _remove(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------------------------
# what a table row says beyond its numbers


def _lang(table: TableData) -> str:
    return table.meta.get("lang") if table.meta.get("lang") in LANGUAGES else NB


def _unit_word(unit: str, lang: str) -> str:
    return text(f"unit.{unit}", lang) if unit else ""


def _row_unit(row: tuple[TableCell, ...]) -> str:
    return row[0].unit


def _row_note(table: TableData, row: tuple[TableCell, ...]) -> str:
    """Approximate, derived and missing cells of one row, and the package's notes on its values."""
    lang = _lang(table)
    value_cols = [j for j, c in enumerate(table.columns) if c.kind in (VALUE, DIFF)]
    prefix = len(value_cols) > 1
    parts: list[str] = []
    for j in value_cols:
        cell = row[j]
        head = f"{table.columns[j].header}: " if prefix else ""
        if cell.missing:
            parts.append(f"{head}{MISSING} {reason_text(cell.reason or Reason.NOT_STATED, lang).lower()}")
            continue
        said = []
        if cell.approx:
            said.append(f"{APPROX} {text('export.approx', lang)}")
        if cell.status == Status.DERIVED:
            derived = text("export.derived", lang)
            said.append(f"{derived} = {cell.formula}" if cell.formula else derived)
        if cell.note:
            said.append(cell.note.rstrip("."))
        if said:
            parts.append(head + "; ".join(said))
    return ". ".join(parts)


def _ranks(package: Package | None, table: TableData) -> dict[str, int] | None:
    """Item → rank for ranking exhibits (ties share a rank), from the exhibit's ranking field."""
    if package is None:
        return None
    ex_id = table.meta.get("exhibit")
    if not ex_id or ex_id not in package.exhibits.index:
        return None
    exhibit = package.exhibit(ex_id)
    if exhibit["chart"] != Chart.RANKING or not exhibit["ranking"]:
        return None
    return {code: place for place, tied in enumerate(parse_ranking(exhibit["ranking"]), start=1) for code in tied}


def _row_items(package: Package | None, table: TableData) -> list[str] | None:
    """Item codes of the table's rows, re-derived from the query the table came from."""
    if package is None or not table.meta.get("exhibit"):
        return None
    labels = [str(r[0].raw) for r in table.rows]
    result = query(package, table.meta["exhibit"])
    by_label = dict(zip(result.rows[f"label_{_lang(table)}"], result.rows["item"]))
    return [by_label.get(label, "") for label in labels]


# --------------------------------------------------------------------------------------------
# CSV


def csv_text(table: TableData, separator: str = SEMICOLON, decimal: str = COMMA, package: Package | None = None) -> str:
    """The CSV as text (without BOM): header, then rows; missing values empty; Enhet and Merknad columns.
    Texts are neutralised (spreadsheet_text); numbers are plain."""
    if separator not in SEPARATORS:
        raise ValueError(f"separator must be one of {', '.join(SEPARATORS)}, not {separator!r}")
    if decimal not in DECIMALS:
        raise ValueError(f"decimal must be one of {', '.join(DECIMALS)}, not {decimal!r}")
    if separator == COMMA and decimal == COMMA:
        raise ValueError("a comma cannot be both the separator and the decimal mark: use semicolon with comma, or comma with point")
    lang = _lang(table)
    ranks = _ranks(package, table)
    items = _row_items(package, table) if ranks else None
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=SEPARATORS[separator], lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    header = [table.columns[0].header, text("export.unit", lang)] + [c.header for c in table.columns[1:]]
    if ranks:
        header.append(text("export.rank", lang))
    writer.writerow([spreadsheet_text(h) for h in [*header, text("export.note", lang)]])
    for i, row in enumerate(table.rows):
        fields = [spreadsheet_text(row[0].raw), _unit_word(_row_unit(row), lang)]
        fields += [_csv_cell(cell, decimal) for cell in row[1:]]
        if ranks:
            rank = ranks.get(items[i]) if items else None
            fields.append("" if rank is None else str(rank))
        fields.append(spreadsheet_text(_row_note(table, row)))
        writer.writerow(fields)
    return out.getvalue()


def _csv_cell(cell: TableCell, decimal: str) -> str:
    if cell.missing:
        return ""
    if isinstance(cell.raw, str):  # a text cell (the plain reading of a difference)
        return spreadsheet_text(cell.raw)
    return format_number(cell.raw, decimal)


def note_text(table: TableData) -> str:
    """The sibling note of a CSV: caption, source and the legend, in the table's language."""
    lang = _lang(table)
    legend = [text(msg_id, lang) for msg_id in LEGEND]
    lines = [clean_text(table.caption), "", clean_text(table.source), "", *legend, "", f"hjk-desktop {__version__}"]
    return "\n".join(lines) + "\n"


def note_path(path: str | os.PathLike) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}_kilde.txt")


def write_csv(table: TableData, path: str | os.PathLike, separator: str = SEMICOLON, decimal: str = COMMA,
              overwrite: bool = False, note: bool = True, package: Package | None = None) -> list[Path]:
    """Write the table as CSV (utf-8-sig), and its caption and source to ``<name>_kilde.txt`` when ``note``."""
    with failures_as_export_errors(path):
        try:
            body = csv_text(table, separator, decimal, package)
        except ValueError as exc:
            raise ExportError(path, "options", str(exc)) from exc
        targets = [Path(path)] + ([note_path(path)] if note else [])
        for target in targets:  # refuse before writing anything
            check_target(target, overwrite)
        written = [atomic_write(targets[0], body.encode("utf-8-sig"), overwrite)]
        if note:
            written.append(atomic_write(targets[1], note_text(table).encode("utf-8"), overwrite))
        return written


# --------------------------------------------------------------------------------------------
# XLSX


def _number_format(cell: TableCell) -> str:
    value = float(cell.raw)
    digits = "0" if value == int(value) else "0.0"
    if cell.kind in SIGNED_KINDS:  # differences and their limits carry a sign, as on screen
        fmt = f"+{digits};-{digits};0"
    else:
        fmt = digits
    if cell.approx:
        fmt = ";".join(f'"{APPROX} "{part}' for part in fmt.split(";"))
    return fmt


def _put(ws, row: int, column: int, value):
    """One cell: numbers as numbers, every text as a string cell that no spreadsheet evaluates."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = clean_text(value)
        cell.value = value
        cell.data_type = "s"  # openpyxl makes a formula of any text starting with "="; this one is text
        if looks_like_formula(value):
            cell.quotePrefix = True  # Excel's own mark for "text, even if it looks like a formula"
    else:
        cell.value = value
    return cell


def _web_link(url) -> str:
    """The URL when it is http or https, else "": the workbook carries no other links from a package."""
    return url if is_web_link(url) else ""


def _table_sheet(ws, table: TableData, package: Package | None = None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    lang = _lang(table)
    ranks = _ranks(package, table)
    items = _row_items(package, table) if ranks else None
    bold, italic = Font(bold=True), Font(italic=True)
    _put(ws, 1, 1, table.caption).font = Font(bold=True, size=12)
    header = [table.columns[0].header, text("export.unit", lang)] + [c.header for c in table.columns[1:]]
    if ranks:
        header.append(text("export.rank", lang))
    header.append(text("export.note", lang))
    for j, said in enumerate(header, start=1):
        cell = _put(ws, 2, j, said)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="left" if j <= 2 or j == len(header) else "right")
    for i, row in enumerate(table.rows):
        r = i + 3
        _put(ws, r, 1, str(row[0].raw)).alignment = Alignment(wrap_text=True, vertical="top")
        _put(ws, r, 2, _unit_word(_row_unit(row), lang))
        for j, cell in enumerate(row[1:], start=3):
            if cell.missing:
                _put(ws, r, j, MISSING).alignment = Alignment(horizontal="right")
                continue
            if isinstance(cell.raw, str):  # a text cell (the plain reading of a difference)
                _put(ws, r, j, cell.raw)
                continue
            target = _put(ws, r, j, float(cell.raw))
            target.number_format = "0" if cell.kind == N else _number_format(cell)
            if cell.status == Status.DERIVED:
                target.font = italic
        col = len(row) + 2
        if ranks:
            rank = ranks.get(items[i]) if items else None
            if rank is not None:
                _put(ws, r, col, rank).number_format = "0"
            col += 1
        note = _row_note(table, row)
        if note:
            _put(ws, r, col, note).alignment = Alignment(wrap_text=True, vertical="top")
    r = len(table.rows) + 4
    _put(ws, r, 1, table.source)
    for k, msg_id in enumerate(LEGEND, start=1):
        _put(ws, r + k, 1, text(msg_id, lang)).font = Font(size=9)
    ws.freeze_panes = "C3"
    ws.column_dimensions["A"].width = min(70, max(24, max((len(str(row[0].raw)) for row in table.rows), default=24) * 0.9))
    ws.column_dimensions["B"].width = 10
    for j in range(3, len(header)):
        ws.column_dimensions[get_column_letter(j)].width = max(10, min(28, len(header[j - 1]) * 0.9))
    ws.column_dimensions[get_column_letter(len(header))].width = 60
    ws.row_dimensions[2].height = 32


def xlsx_workbook(table: TableData, package: Package | None = None, title: str = ""):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(title or table.meta.get("exhibit") or text("export.sheet.table", _lang(table)))
    _table_sheet(ws, table, package)
    return wb


def write_xlsx(table: TableData, path: str | os.PathLike, overwrite: bool = False, package: Package | None = None) -> Path:
    """One sheet: caption, header, rows (numbers as numbers), source and legend."""
    with failures_as_export_errors(path):
        check_target(path, overwrite)
        wb = xlsx_workbook(table, package)
        return atomic_write(path, wb.save, overwrite)


def _sheet_title(name: str) -> str:
    bad = '[]:*?/\\'
    clean = "".join("_" if ch in bad else ch for ch in clean_text(name)).strip("'")
    return clean[:31] or "Ark"


# --------------------------------------------------------------------------------------------
# everything


VALUE_COLUMNS = ("id", "chapter", "exhibit", "round", "population", "segment", "item", "response", "value", "unit",
                 "approx", "n", "status", "formula", "locator", "note")


@dataclass(frozen=True)
class ExportedTable:
    exhibit: str
    table: TableData


def default_tables(package: Package, lang: str = NB, exhibits: Iterable[str] | None = None) -> list[ExportedTable]:
    """Each exhibit's table for its default selection, in reading order."""
    out = []
    for ex_id in exhibits or package.exhibit_ids():
        sel = default_selection(package, ex_id)
        result = query(package, ex_id, sel["segments"], sel["rounds"], sel["populations"])
        out.append(ExportedTable(ex_id, build_table(package, result, lang)))
    return out


def _values_sheet(ws, package: Package, lang: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header = [*VALUE_COLUMNS, "item_label"]
    for j, name in enumerate(header, start=1):
        _put(ws, 1, j, name).font = Font(bold=True)
    for i, rec in enumerate(package.values.to_dict("records"), start=2):
        for j, name in enumerate(VALUE_COLUMNS, start=1):
            value = rec[name]
            if is_missing(value) or str(value) == "<NA>":
                value = None
            elif name == "value":
                value = float(value)
            elif name in ("n", "chapter"):
                value = int(value)
            elif name == "approx":
                value = bool(value)
            else:
                value = str(value) if value != "" else None
            cell = _put(ws, i, j, value)
            if name == "value" and value is not None:
                cell.number_format = "0" if value == int(value) else "0.0"
        _put(ws, i, len(header), package.item_label(rec["exhibit"], rec["item"], lang))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    widths = {"id": 26, "note": 60, "formula": 34, "item_label": 50}
    for j, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 12)


FINDING_COLUMNS = ("id", "chapter", "exhibit", "kind", "text", "locator", "places", "values", "status", "note")


def _findings_sheet(ws, package: Package, lang: str) -> None:
    """The report's findings: one row each in reading order, the text in ``lang``, the locators raw and in words."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for j, name in enumerate(FINDING_COLUMNS, start=1):
        _put(ws, 1, j, text(f"export.findings.{name}", lang)).font = Font(bold=True)
    for i, f in enumerate(findings(package, lang), start=2):
        row = (f.id, f.chapter, f.exhibit or None, f.kind, f.text, "; ".join(f.locators), "; ".join(f.places),
               "; ".join(n.value_id for n in f.numbers) or None, f.status, f.note or None)
        for j, value in enumerate(row, start=1):
            cell = _put(ws, i, j, value)
            if FINDING_COLUMNS[j - 1] in ("text", "places", "note"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    widths = {"text": 70, "places": 34, "values": 30, "note": 40, "locator": 16}
    for j, name in enumerate(FINDING_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 11)


def _about_sheet(ws, package: Package, lang: str, sheets: list[tuple[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    def say(msg_id: str) -> str:
        return text(msg_id, lang)

    _put(ws, 1, 1, say("about.title")).font = Font(bold=True, size=14)
    homepage = package.homepage
    rows = [
        ("about.source", package.citation),
        ("about.homepage", homepage),
        ("about.package", f"{package.title} ({package.meta.get('name', '')} {package.meta.get('version', '')})".strip()),
        ("about.program", f"hjk-desktop {__version__}"),
        ("about.exported", datetime.now().astimezone().isoformat(timespec="seconds")),
    ]
    r = 3
    for key, value in rows:
        _put(ws, r, 1, say(key)).font = Font(bold=True)
        cell = _put(ws, r, 2, str(value) if value is not None else "")
        if key == "about.homepage" and _web_link(homepage):
            cell.hyperlink = _web_link(homepage)
        r += 1
    r += 1
    _put(ws, r, 1, say("about.rules")).font = Font(bold=True, size=12)
    r += 1
    for rule in ABOUT_RULES:
        _put(ws, r, 2, say(rule)).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    r += 1
    _put(ws, r, 1, say("about.sheets")).font = Font(bold=True, size=12)
    r += 1
    for name, title in sheets:
        cell = _put(ws, r, 1, name)
        cell.hyperlink = f"#'{name}'!A1"  # a link inside this workbook, to a sheet we named
        cell.font = Font(color="0563C1", underline="single")
        _put(ws, r, 2, title).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 110


def workbook_all(package: Package, lang: str = NB):
    """The "Eksporter alt" workbook: Om, one sheet per exhibit (default selection), Verdier, and Funn when the
    package has findings."""
    from openpyxl import Workbook

    lang = lang if lang in LANGUAGES else NB
    wb = Workbook()
    about = wb.active
    about.title = text("export.sheet.about", lang)
    sheets: list[tuple[str, str]] = []
    for exported in default_tables(package, lang):
        ws = wb.create_sheet(_sheet_title(exported.exhibit))
        _table_sheet(ws, exported.table, package)
        sheets.append((ws.title, exported.table.caption))
    values = wb.create_sheet(text("export.sheet.values", lang))
    _values_sheet(values, package, lang)
    sheets.append((values.title, text("about.values_sheet", lang)))
    if has_findings(package):
        found = wb.create_sheet(text("export.sheet.findings", lang))
        _findings_sheet(found, package, lang)
        sheets.append((found.title, text("about.findings_sheet", lang)))
    _about_sheet(about, package, lang, sheets)
    return wb


def write_all_xlsx(package: Package, path: str | os.PathLike, lang: str = NB, overwrite: bool = False) -> Path:
    with failures_as_export_errors(path):
        check_target(path, overwrite)
        wb = workbook_all(package, lang)
        return atomic_write(path, wb.save, overwrite)


def write_all_csv(package: Package, folder: str | os.PathLike, separator: str = SEMICOLON, decimal: str = COMMA,
                  lang: str = NB, overwrite: bool = False, note: bool = True) -> list[Path]:
    """One ``<exhibit>.csv`` (and its note) per exhibit in ``folder``, created if its parent exists."""
    folder = Path(folder)
    with failures_as_export_errors(folder):
        return _write_all_csv(package, folder, separator, decimal, lang, overwrite, note)


def _write_all_csv(package: Package, folder: Path, separator: str, decimal: str, lang: str, overwrite: bool,
                   note: bool) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise ExportError(folder, "failed", "not a folder")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise ExportError(folder, "no_folder", str(folder.parent))
        try:
            folder.mkdir()
        except OSError as exc:
            raise ExportError(folder, _reason(exc), exc.strerror or str(exc)) from exc
    tables = default_tables(package, lang)
    texts = []
    for exported in tables:
        try:
            texts.append(csv_text(exported.table, separator, decimal, package))
        except ValueError as exc:
            raise ExportError(folder, "options", str(exc)) from exc
    targets = []
    for exported in tables:
        target = folder / f"{file_stem(exported.exhibit)}.csv"
        targets.append(target)
        check_target(target, overwrite)
        if note:
            check_target(note_path(target), overwrite)
    written = []
    for exported, target, body in zip(tables, targets, texts):
        written.append(atomic_write(target, body.encode("utf-8-sig"), overwrite))
        if note:
            written.append(atomic_write(note_path(target), note_text(exported.table).encode("utf-8"), overwrite))
    return written


def file_stem(exhibit_id: str) -> str:
    """An exhibit id as a file name in the folder: no path separators, no control characters, no leading dot."""
    stem = re.sub(r"[\\/:*?\"<>|]", "_", clean_text(exhibit_id)).lstrip(".").strip()
    return stem or "exhibit"
