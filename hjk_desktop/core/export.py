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
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import math
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from hjk_desktop import __version__
from hjk_desktop.core.formatting import APPROX, MISSING, format_number, reason_text
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.table import DIFF, VALUE, N, TableCell, TableData, build_table

SEPARATORS = {"comma": ",", "semicolon": ";"}
DECIMALS = ("comma", "point")
FORMATS = ("csv", "xlsx", "png", "svg")

TEXT = {
    "nb": {
        "unit": "Enhet", "note": "Merknad", "rank": "Rang i teksten",
        "percent": "prosent", "count": "antall",
        "approx": "omtrentlig", "derived": "beregnet", "missing": "mangler",
        "legend_approx": f"{APPROX} foran et tall: omtrentlig verdi (teksten gir den i ord eller som et rundt tall).",
        "legend_derived": "Kursiv: beregnet verdi; formelen står i merknadskolonnen.",
        "legend_missing": f"{MISSING}: tallet er ikke oppgitt. Det betyr ikke null.",
        "legend_scale": "Prosentverdier er lagret som tall fra 0 til 100, slik rapporten oppgir dem.",
        "selection": "Utvalg",
    },
    "en": {
        "unit": "Unit", "note": "Note", "rank": "Rank in the text",
        "percent": "percent", "count": "count",
        "approx": "approximate", "derived": "computed", "missing": "missing",
        "legend_approx": f"{APPROX} before a number: approximate value (given in words or as a round figure).",
        "legend_derived": "Italic: computed value; the formula is in the note column.",
        "legend_missing": f"{MISSING}: the number is not given. It does not mean zero.",
        "legend_scale": "Percentages are stored as numbers from 0 to 100, as the report gives them.",
        "selection": "Selection",
    },
}


# --------------------------------------------------------------------------------------------
# errors and atomic writing


class ExportError(Exception):
    """An export that did not happen. ``reason`` is a code the UI translates; ``path`` the target."""

    def __init__(self, path: str | os.PathLike, reason: str, cause: str = ""):
        self.path = Path(path)
        self.reason = reason
        self.cause = cause
        detail = f": {cause}" if cause else ""
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
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
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
        cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        raise ExportError(path, _reason(exc), cause) from exc
    _fsync_dir(parent)
    return path


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
    return table.meta.get("lang", "nb") if table.meta.get("lang") in TEXT else "nb"


def _row_unit(row: tuple[TableCell, ...]) -> str:
    return row[0].unit


def _row_note(table: TableData, row: tuple[TableCell, ...]) -> str:
    """Approximate, derived and missing cells of one row, and the package's notes on its values."""
    lang = _lang(table)
    words = TEXT[lang]
    value_cols = [j for j, c in enumerate(table.columns) if c.kind in (VALUE, DIFF)]
    prefix = len(value_cols) > 1
    parts: list[str] = []
    for j in value_cols:
        cell = row[j]
        head = f"{table.columns[j].header}: " if prefix else ""
        if cell.missing:
            parts.append(f"{head}{MISSING} {reason_text(cell.reason or 'not_stated', lang).lower()}")
            continue
        said = []
        if cell.approx:
            said.append(f"{APPROX} {words['approx']}")
        if cell.status == "derived":
            said.append(f"{words['derived']} = {cell.formula}" if cell.formula else words["derived"])
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
    if exhibit["chart"] != "ranking" or not exhibit["ranking"]:
        return None
    ranks: dict[str, int] = {}
    for place, group in enumerate(str(exhibit["ranking"]).split("|"), start=1):
        for code in group.split("+"):
            ranks[code] = place
    return ranks


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


def csv_text(table: TableData, separator: str = "semicolon", decimal: str = "comma", package: Package | None = None) -> str:
    """The CSV as text (without BOM): header, then rows; missing values empty; Enhet and Merknad columns."""
    if separator not in SEPARATORS:
        raise ValueError(f"separator must be one of {', '.join(SEPARATORS)}, not {separator!r}")
    if decimal not in DECIMALS:
        raise ValueError(f"decimal must be one of {', '.join(DECIMALS)}, not {decimal!r}")
    if separator == "comma" and decimal == "comma":
        raise ValueError("a comma cannot be both the separator and the decimal mark: use semicolon with comma, or comma with point")
    words = TEXT[_lang(table)]
    ranks = _ranks(package, table)
    items = _row_items(package, table) if ranks else None
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=SEPARATORS[separator], lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    header = [table.columns[0].header, words["unit"]] + [c.header for c in table.columns[1:]]
    if ranks:
        header.append(words["rank"])
    writer.writerow([*header, words["note"]])
    for i, row in enumerate(table.rows):
        fields = [str(row[0].raw), words.get(_row_unit(row), _row_unit(row))]
        fields += ["" if cell.missing else format_number(cell.raw, decimal) for cell in row[1:]]
        if ranks:
            rank = ranks.get(items[i]) if items else None
            fields.append("" if rank is None else str(rank))
        fields.append(_row_note(table, row))
        writer.writerow(fields)
    return out.getvalue()


def note_text(table: TableData) -> str:
    """The sibling note of a CSV: caption, source and the legend, in the table's language."""
    words = TEXT[_lang(table)]
    lines = [table.caption, "", table.source, "", words["legend_approx"], words["legend_derived"], words["legend_missing"],
             words["legend_scale"], "", f"hjk-desktop {__version__}"]
    return "\n".join(lines) + "\n"


def note_path(path: str | os.PathLike) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}_kilde.txt")


def write_csv(table: TableData, path: str | os.PathLike, separator: str = "semicolon", decimal: str = "comma",
              overwrite: bool = False, note: bool = True, package: Package | None = None) -> list[Path]:
    """Write the table as CSV (utf-8-sig), and its caption and source to ``<name>_kilde.txt`` when ``note``."""
    try:
        text = csv_text(table, separator, decimal, package)
    except ValueError as exc:
        raise ExportError(path, "options", str(exc)) from exc
    targets = [Path(path)] + ([note_path(path)] if note else [])
    for target in targets:  # refuse before writing anything
        check_target(target, overwrite)
    written = [atomic_write(targets[0], text.encode("utf-8-sig"), overwrite)]
    if note:
        written.append(atomic_write(targets[1], note_text(table).encode("utf-8"), overwrite))
    return written


# --------------------------------------------------------------------------------------------
# XLSX


def _number_format(cell: TableCell) -> str:
    value = float(cell.raw)
    digits = "0" if value == int(value) else "0.0"
    if cell.kind == DIFF:
        fmt = f"+{digits};-{digits};0"
    else:
        fmt = digits
    if cell.approx:
        fmt = ";".join(f'"{APPROX} "{part}' for part in fmt.split(";"))
    return fmt


def _table_sheet(ws, table: TableData, package: Package | None = None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    words = TEXT[_lang(table)]
    ranks = _ranks(package, table)
    items = _row_items(package, table) if ranks else None
    bold, italic = Font(bold=True), Font(italic=True)
    ws.cell(row=1, column=1, value=table.caption).font = Font(bold=True, size=12)
    header = [table.columns[0].header, words["unit"]] + [c.header for c in table.columns[1:]]
    if ranks:
        header.append(words["rank"])
    header.append(words["note"])
    for j, text in enumerate(header, start=1):
        cell = ws.cell(row=2, column=j, value=text)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="left" if j <= 2 or j == len(header) else "right")
    for i, row in enumerate(table.rows):
        r = i + 3
        ws.cell(row=r, column=1, value=str(row[0].raw)).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=r, column=2, value=words.get(_row_unit(row), _row_unit(row)))
        for j, cell in enumerate(row[1:], start=3):
            target = ws.cell(row=r, column=j)
            if cell.missing:
                target.value = MISSING
                target.alignment = Alignment(horizontal="right")
                continue
            if isinstance(cell.raw, str):  # a text cell (the plain reading of a difference)
                target.value = cell.raw
                continue
            target.value = float(cell.raw)
            target.number_format = "0" if cell.kind == N else _number_format(cell)
            if cell.status == "derived":
                target.font = italic
        col = len(row) + 2
        if ranks:
            rank = ranks.get(items[i]) if items else None
            if rank is not None:
                ws.cell(row=r, column=col, value=rank).number_format = "0"
            col += 1
        note = _row_note(table, row)
        if note:
            ws.cell(row=r, column=col, value=note).alignment = Alignment(wrap_text=True, vertical="top")
    r = len(table.rows) + 4
    ws.cell(row=r, column=1, value=table.source)
    for k, key in enumerate(("legend_approx", "legend_derived", "legend_missing", "legend_scale"), start=1):
        ws.cell(row=r + k, column=1, value=words[key]).font = Font(size=9)
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
    ws.title = _sheet_title(title or table.meta.get("exhibit") or "Tabell")
    _table_sheet(ws, table, package)
    return wb


def write_xlsx(table: TableData, path: str | os.PathLike, overwrite: bool = False, package: Package | None = None) -> Path:
    """One sheet: caption, header, rows (numbers as numbers), source and legend."""
    check_target(path, overwrite)
    wb = xlsx_workbook(table, package)
    return atomic_write(path, wb.save, overwrite)


def _sheet_title(text: str) -> str:
    bad = '[]:*?/\\'
    clean = "".join("_" if ch in bad else ch for ch in str(text)).strip("'")
    return clean[:31] or "Ark"


# --------------------------------------------------------------------------------------------
# everything


VALUE_COLUMNS = ("id", "chapter", "exhibit", "round", "population", "segment", "item", "response", "value", "unit",
                 "approx", "n", "status", "formula", "locator", "note")

ABOUT = {
    "nb": {
        "title": "Om denne filen",
        "source": "Kilde", "homepage": "Nettside", "package": "Datapakke", "exported": "Eksportert", "program": "Program",
        "sheets": "Ark i filen", "values_sheet": "Alle verdier i datapakken, med plassering, status og formel",
        "rules": "Slik skal tallene leses",
        "rule_lines": [
            "Hvert tall kommer fra datapakken, som henter det fra rapportens tekst, figurer eller tabeller. Ingenting er anslått av dette programmet.",
            "Kolonnen locator i arket Verdier viser hvor i rapporten tallet står: 3:p2 er kapittel 3, avsnitt 2; 5:tabell1:r2c1 er tabell 1, rad 2, kolonne 1.",
            f"Et tall som mangler vises som {MISSING} (eller en tom celle i CSV). Det betyr at tallet ikke er oppgitt, ikke at det er null.",
            f"{APPROX} betyr omtrentlig: rapporten gir verdien i ord eller som et rundt tall. Cellen er likevel et tall.",
            "Kursiv og status derived betyr beregnet: verdien er summen eller differansen av oppgitte verdier, og formelen viser hvilke.",
            "Prosent lagres som tall fra 0 til 100, slik rapporten oppgir dem, ikke som Excel-prosent.",
            "Hvert figurark viser standardutvalget i programmet: alle tillitsvalgte og rundene figuren selv gjelder.",
        ],
    },
    "en": {
        "title": "About this file",
        "source": "Source", "homepage": "Web page", "package": "Data package", "exported": "Exported", "program": "Program",
        "sheets": "Sheets in this file", "values_sheet": "Every value in the data package, with locator, status and formula",
        "rules": "How to read the numbers",
        "rule_lines": [
            "Every number comes from the data package, which takes it from the report's text, figures or tables. This program estimates nothing.",
            "The locator column of the Values sheet says where the number is in the report: 3:p2 is chapter 3, paragraph 2; 5:tabell1:r2c1 is table 1, row 2, column 1.",
            f"A missing number is shown as {MISSING} (or an empty cell in CSV). It means the number is not given, not that it is zero.",
            f"{APPROX} means approximate: the report gives the value in words or as a round figure. The cell is still a number.",
            "Italic and status derived mean computed: the value is the sum or difference of stated values, and the formula names them.",
            "Percentages are stored as numbers from 0 to 100, as the report gives them, not as Excel percentages.",
            "Each exhibit sheet shows the program's default selection: all representatives and the exhibit's own rounds.",
        ],
    },
}
SHEET_NAMES = {"nb": {"about": "Om", "values": "Verdier"}, "en": {"about": "About", "values": "Values"}}


@dataclass(frozen=True)
class ExportedTable:
    exhibit: str
    table: TableData


def default_tables(package: Package, lang: str = "nb", exhibits: Iterable[str] | None = None) -> list[ExportedTable]:
    """Each exhibit's table for its default selection, in reading order."""
    out = []
    for ex_id in exhibits or package.exhibit_ids():
        sel = default_selection(package, ex_id)
        result = query(package, ex_id, sel["segments"], sel["rounds"], sel["populations"])
        out.append(ExportedTable(ex_id, build_table(package, result, lang)))
    return out


def _values_sheet(ws, package: Package, lang: str) -> None:
    from openpyxl.styles import Font

    header = [*VALUE_COLUMNS, "item_label"]
    for j, text in enumerate(header, start=1):
        ws.cell(row=1, column=j, value=text).font = Font(bold=True)
    for i, rec in enumerate(package.values.to_dict("records"), start=2):
        for j, name in enumerate(VALUE_COLUMNS, start=1):
            value = rec[name]
            if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "<NA>":
                value = None
            elif name == "value":
                value = float(value)
            elif name in ("n", "chapter"):
                value = int(value)
            elif name == "approx":
                value = bool(value)
            else:
                value = str(value) if value != "" else None
            cell = ws.cell(row=i, column=j, value=value)
            if name == "value" and value is not None:
                cell.number_format = "0" if value == int(value) else "0.0"
        ws.cell(row=i, column=len(header), value=package.item_label(rec["exhibit"], rec["item"], lang))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    widths = {"id": 26, "note": 60, "formula": 34, "item_label": 50}
    from openpyxl.utils import get_column_letter

    for j, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 12)


def _about_sheet(ws, package: Package, lang: str, sheets: list[tuple[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    words = ABOUT[lang]
    ws.cell(row=1, column=1, value=words["title"]).font = Font(bold=True, size=14)
    rows = [
        (words["source"], package.citation),
        (words["homepage"], package.homepage),
        (words["package"], f"{package.title} ({package.meta.get('name', '')} {package.meta.get('version', '')})".strip()),
        (words["program"], f"hjk-desktop {__version__}"),
        (words["exported"], datetime.now().astimezone().isoformat(timespec="seconds")),
    ]
    r = 3
    for key, value in rows:
        ws.cell(row=r, column=1, value=key).font = Font(bold=True)
        cell = ws.cell(row=r, column=2, value=value)
        if key == words["homepage"] and value:
            cell.hyperlink = value
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=words["rules"]).font = Font(bold=True, size=12)
    r += 1
    for line in words["rule_lines"]:
        ws.cell(row=r, column=2, value=line).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=words["sheets"]).font = Font(bold=True, size=12)
    r += 1
    for name, title in sheets:
        cell = ws.cell(row=r, column=1, value=name)
        cell.hyperlink = f"#'{name}'!A1"
        cell.font = Font(color="0563C1", underline="single")
        ws.cell(row=r, column=2, value=title).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 110


def workbook_all(package: Package, lang: str = "nb"):
    """The "Eksporter alt" workbook: Om, one sheet per exhibit (default selection), Verdier."""
    from openpyxl import Workbook

    lang = lang if lang in ABOUT else "nb"
    names = SHEET_NAMES[lang]
    wb = Workbook()
    about = wb.active
    about.title = names["about"]
    sheets: list[tuple[str, str]] = []
    for exported in default_tables(package, lang):
        ws = wb.create_sheet(_sheet_title(exported.exhibit))
        _table_sheet(ws, exported.table, package)
        sheets.append((ws.title, exported.table.caption))
    values = wb.create_sheet(names["values"])
    _values_sheet(values, package, lang)
    sheets.append((values.title, ABOUT[lang]["values_sheet"]))
    _about_sheet(about, package, lang, sheets)
    return wb


def write_all_xlsx(package: Package, path: str | os.PathLike, lang: str = "nb", overwrite: bool = False) -> Path:
    check_target(path, overwrite)
    wb = workbook_all(package, lang)
    return atomic_write(path, wb.save, overwrite)


def write_all_csv(package: Package, folder: str | os.PathLike, separator: str = "semicolon", decimal: str = "comma",
                  lang: str = "nb", overwrite: bool = False, note: bool = True) -> list[Path]:
    """One ``<exhibit>.csv`` (and its note) per exhibit in ``folder``, created if its parent exists."""
    folder = Path(folder)
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
        target = folder / f"{exported.exhibit}.csv"
        targets.append(target)
        check_target(target, overwrite)
        if note:
            check_target(note_path(target), overwrite)
    written = []
    for exported, target, text in zip(tables, targets, texts):
        written.append(atomic_write(target, text.encode("utf-8-sig"), overwrite))
        if note:
            written.append(atomic_write(note_path(target), note_text(exported.table).encode("utf-8"), overwrite))
    return written
