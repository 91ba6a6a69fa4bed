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
* XLSX files are written by core/xlsx_writer.py, streaming rows into the zip (openpyxl only reads them back in
  the tests); the whole package ("Eksporter alt", one workbook or a folder of CSV files) is core/export_all.py.
* Any failure, expected or not (the zip library's included), is an ExportError with a one-line reason. A cancel
  (a progress callback answering False) is ExportCancelled; like an interrupt, it leaves nothing behind.
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from hjk_desktop import __version__
from hjk_desktop.core.codes import COMMA, DECIMALS, LANGUAGES, NB, Chart, Reason, Status, parse_ranking
from hjk_desktop.core.formatting import APPROX, MISSING, clean_text, format_number, reason_text, spreadsheet_text
from hjk_desktop.core.messages import text
from hjk_desktop.core.package import Package, is_web_link
from hjk_desktop.core.query import query
from hjk_desktop.core.table import DIFF, SIGNED_KINDS, VALUE, N, TableCell, TableData
from hjk_desktop.core.xlsx_writer import Cell, Style, XlsxWriter

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


class ExportCancelled(Exception):
    """An export the user stopped (its progress callback returned False). Nothing was written: no target, no
    temporary file, and for a folder of CSV files none of the files of this export."""

    def __init__(self, path: str | os.PathLike = ""):
        self.path = Path(path) if path else None
        super().__init__(f"export to {self.path} cancelled; nothing was written" if path else "export cancelled; nothing was written")


Progress = Callable[[int, int], "bool | None"]  # (done, total) -> False to cancel


def report_progress(progress: Progress | None, done: int, total: int, path: str | os.PathLike = "") -> None:
    """Tell ``progress`` how far the export is; raise ExportCancelled when it answers False."""
    if progress is not None and progress(done, total) is False:
        raise ExportCancelled(path)


def unexpected(path: str | os.PathLike, exc: BaseException) -> ExportError:
    """An error nobody planned for (a library's, a bug) as an ExportError with a one-line cause."""
    return ExportError(path, _reason(exc), f"{type(exc).__name__}: {exc}")


@contextlib.contextmanager
def failures_as_export_errors(path: str | os.PathLike) -> Iterator[None]:
    """Turn every exception raised inside (other than ExportError) into an ExportError for ``path``."""
    try:
        yield
    except (ExportError, ExportCancelled):
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

    ``write`` is bytes or a function that writes to the open binary file. On any failure, a cancel
    (ExportCancelled raised by ``write``) or an interrupt (KeyboardInterrupt), the temporary file is removed
    and an existing ``path`` is untouched; a failure is an ExportError that says why.
    """
    path = check_target(path, overwrite)
    parent = path.parent if str(path.parent) else Path(".")
    remove_stale_temporaries(parent)
    commit(write_temporary(path, write), path, overwrite)
    _fsync_dir(parent)
    return path


def write_temporary(path: Path, write: Callable[[BinaryIO], None] | bytes) -> Path:
    """The bytes for ``path`` in a new temporary file beside it (``.NAME.xxxxxxxx.tmp``), flushed, fsynced and
    given the mode ``path`` will have. Whatever goes wrong, no temporary file is left."""
    parent = path.parent if str(path.parent) else Path(".")
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
    except BaseException as exc:
        _remove(tmp)
        _raise_as_export_error(path, exc)
    return tmp


def commit(tmp: Path, path: Path, overwrite: bool) -> None:
    """Move a finished temporary file onto ``path``; on failure it is removed and ``path`` is untouched."""
    try:
        if not overwrite and (path.exists() or path.is_symlink()):  # created by someone else while we wrote
            raise ExportError(path, "exists")
        os.replace(tmp, path)
    except BaseException as exc:
        _remove(tmp)
        _raise_as_export_error(path, exc)


def _raise_as_export_error(path: Path, exc: BaseException):
    """Re-raise ``exc``: our own errors, a cancel and interrupts as they are, any other failure as an ExportError."""
    if isinstance(exc, (ExportError, ExportCancelled)) or not isinstance(exc, Exception):
        raise exc
    if isinstance(exc, OSError) and exc.strerror:
        raise ExportError(path, _reason(exc), exc.strerror) from exc
    raise unexpected(path, exc) from exc


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


def check_csv_options(separator: str, decimal: str) -> None:
    """ValueError unless the separator and the decimal mark are known and not both a comma."""
    if separator not in SEPARATORS:
        raise ValueError(f"separator must be one of {', '.join(SEPARATORS)}, not {separator!r}")
    if decimal not in DECIMALS:
        raise ValueError(f"decimal must be one of {', '.join(DECIMALS)}, not {decimal!r}")
    if separator == COMMA and decimal == COMMA:
        raise ValueError("a comma cannot be both the separator and the decimal mark: use semicolon with comma, or comma with point")


def csv_text(table: TableData, separator: str = SEMICOLON, decimal: str = COMMA, package: Package | None = None) -> str:
    """The CSV as text (without BOM): header, then rows; missing values empty; Enhet and Merknad columns.
    Texts are neutralised (spreadsheet_text); numbers are plain."""
    check_csv_options(separator, decimal)
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


# the styles of a table sheet (and of the whole-package workbook's sheets)
TITLE = Style(bold=True, size=12)
BOLD = Style(bold=True)
SMALL = Style(size=9)
WRAP_TOP = Style(wrap=True, vertical="top")
RIGHT = Style(horizontal="right")
HEADER = {side: Style(bold=True, wrap=True, vertical="bottom", horizontal=side) for side in ("left", "right")}


def _web_link(url) -> str:
    """The URL when it is http or https, else "": the workbook carries no other links from a package."""
    return url if is_web_link(url) else ""


def _value_cell(cell: TableCell) -> Cell | str:
    """One value of a table as a spreadsheet cell: a number with its format (italic when derived), the text of a
    missing value with its reason beside, or a text cell (the plain reading of a difference)."""
    if cell.missing:
        return Cell(MISSING, RIGHT)
    if isinstance(cell.raw, str):
        return cell.raw
    fmt = "0" if cell.kind == N else _number_format(cell)
    return Cell(float(cell.raw), Style(number_format=fmt, italic=cell.status == Status.DERIVED))


def _table_sheet(book: XlsxWriter, title: str, table: TableData, package: Package | None = None) -> str:
    """One exhibit's sheet: caption, header, one row per table row (numbers as numbers), source and legend.
    Returns the sheet's name."""
    lang = _lang(table)
    ranks = _ranks(package, table)
    items = _row_items(package, table) if ranks else None
    header = [table.columns[0].header, text("export.unit", lang)] + [c.header for c in table.columns[1:]]
    if ranks:
        header.append(text("export.rank", lang))
    header.append(text("export.note", lang))
    last = len(header)
    widths = {1: min(70, max(24, max((len(str(row[0].raw)) for row in table.rows), default=24) * 0.9)), 2: 10}
    widths.update({j: max(10, min(28, len(header[j - 1]) * 0.9)) for j in range(3, last)})
    widths[last] = 60
    with book.sheet(title, widths=widths, freeze="C3", heights={2: 32}) as ws:
        ws.row([Cell(table.caption, TITLE)])
        ws.row([Cell(said, HEADER["left" if j <= 2 or j == last else "right"]) for j, said in enumerate(header, start=1)])
        for i, row in enumerate(table.rows):
            cells: list = [Cell(str(row[0].raw), WRAP_TOP), _unit_word(_row_unit(row), lang)]
            cells += [_value_cell(cell) for cell in row[1:]]
            if ranks:
                rank = ranks.get(items[i]) if items else None
                cells.append(None if rank is None else Cell(rank, Style(number_format="0")))
            note = _row_note(table, row)
            cells.append(Cell(note, WRAP_TOP) if note else None)
            ws.row(cells)
        ws.skip()
        ws.row([table.source])
        for msg_id in LEGEND:
            ws.row([Cell(text(msg_id, lang), SMALL)])
        return ws.name


def write_xlsx(table: TableData, path: str | os.PathLike, overwrite: bool = False, package: Package | None = None) -> Path:
    """One sheet: caption, header, rows (numbers as numbers), source and legend."""
    title = _sheet_title(table.meta.get("exhibit") or text("export.sheet.table", _lang(table)))

    def write(handle: BinaryIO) -> None:
        with XlsxWriter(handle, creator=f"hjk-desktop {__version__}") as book:
            _table_sheet(book, title, table, package)

    with failures_as_export_errors(path):
        check_target(path, overwrite)
        return atomic_write(path, write, overwrite)


def _sheet_title(name: str) -> str:
    bad = '[]:*?/\\'
    clean = "".join("_" if ch in bad else ch for ch in clean_text(name)).strip("'")
    return clean[:31] or "Ark"


def file_stem(exhibit_id: str) -> str:
    """An exhibit id as a file name in the folder: no path separators, no control characters, no leading dot."""
    stem = re.sub(r"[\\/:*?\"<>|]", "_", clean_text(exhibit_id)).lstrip(".").strip()
    return stem or "exhibit"


# the whole package ("Eksporter alt") lives in export_all, which uses this module; its names stay reachable here
_IN_EXPORT_ALL = frozenset({"FINDING_COLUMNS", "VALUE_COLUMNS", "AllWorkbook", "ExportedTable", "default_tables",
                            "iter_default_tables", "workbook_all", "write_all_csv", "write_all_xlsx"})


def __getattr__(name: str):
    if name in _IN_EXPORT_ALL:
        from hjk_desktop.core import export_all

        return getattr(export_all, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
