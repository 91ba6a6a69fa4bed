"""The whole package at once ("Eksporter alt"): one workbook, or one CSV (and its note) per exhibit in a folder.

Qt-free. Both stream: each exhibit's table is made from its default selection, written, and dropped before the
next, so memory does not grow with the number of exhibits; the Verdier sheet is written in chunks of rows.

Progress and cancelling: both writers take ``progress(done, total)``, called before the first step and after
each (an exhibit, a chunk of values, a closing step). When it returns False the export stops with
ExportCancelled and leaves nothing: no target, no temporary file and, for the folder, none of its files (they
are all written as temporary files first and moved into place only once every one is complete). The same
holds for an interrupt (KeyboardInterrupt) and for any failure before the files are moved into place.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from hjk_desktop import __version__
from hjk_desktop.core.chapter_story import findings, has_findings
from hjk_desktop.core.codes import COMMA, LANGUAGES, NB, is_missing
from hjk_desktop.core.export import (
    BOLD,
    SEMICOLON,
    WRAP_TOP,
    ExportCancelled,
    ExportError,
    Progress,
    _fsync_dir,
    _reason,
    _remove,
    _sheet_title,
    _table_sheet,
    _web_link,
    atomic_write,
    check_csv_options,
    check_target,
    commit,
    csv_text,
    failures_as_export_errors,
    file_stem,
    note_path,
    note_text,
    remove_stale_temporaries,
    report_progress,
    write_temporary,
)
from hjk_desktop.core.messages import text
from hjk_desktop.core.messages.export import ABOUT_RULES
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.table import TableData, build_table
from hjk_desktop.core.xlsx_writer import Cell, Style, XlsxWriter, sheet_reference, unique_name

VALUE_COLUMNS = ("id", "chapter", "exhibit", "round", "population", "segment", "item", "response", "value", "unit",
                 "approx", "n", "status", "formula", "locator", "note")
FINDING_COLUMNS = ("id", "chapter", "exhibit", "kind", "text", "locator", "places", "values", "status", "note")
VALUES_CHUNK = 5000  # rows of the Verdier sheet per progress step
ZIP64_ROWS = 1_000_000  # a Verdier sheet this long may pass 2 GiB of XML (about 1 KiB a row)
WRITERS, IN_FLIGHT = 4, 64  # threads writing the CSV folder's temporary files, and files waiting for them
WHOLE, ONE_DECIMAL = Style(number_format="0"), Style(number_format="0.0")
LINK = Style(color="0563C1", underline=True)


@dataclass(frozen=True)
class ExportedTable:
    exhibit: str
    table: TableData


def exhibit_table(package: Package, ex_id: str, lang: str = NB) -> TableData:
    """The table of one exhibit for its default selection."""
    sel = default_selection(package, ex_id)
    result = query(package, ex_id, sel["segments"], sel["rounds"], sel["populations"])
    return build_table(package, result, lang)


def iter_default_tables(package: Package, lang: str = NB, exhibits: Iterable[str] | None = None) -> Iterator[ExportedTable]:
    """Each exhibit's table for its default selection, in reading order, made one at a time."""
    for ex_id in exhibits or package.exhibit_ids():
        yield ExportedTable(ex_id, exhibit_table(package, ex_id, lang))


def default_tables(package: Package, lang: str = NB, exhibits: Iterable[str] | None = None) -> list[ExportedTable]:
    """Each exhibit's table for its default selection, in reading order."""
    return list(iter_default_tables(package, lang, exhibits))


# --------------------------------------------------------------------------------------------
# the workbook


class AllWorkbook:
    """The "Eksporter alt" workbook, planned: Om, one sheet per exhibit (default selection), Verdier, and Funn when
    the package has findings. ``sheetnames`` are known before anything is written; ``save`` streams the sheets."""

    def __init__(self, package: Package, lang: str = NB):
        self.package = package
        self.lang = lang if lang in LANGUAGES else NB
        self.exhibits = list(package.exhibit_ids())
        self.findings = has_findings(package)
        titles = [text("export.sheet.about", self.lang), *(_sheet_title(e) for e in self.exhibits),
                  text("export.sheet.values", self.lang)]
        if self.findings:
            titles.append(text("export.sheet.findings", self.lang))
        taken: set[str] = set()
        self.sheetnames = [unique_name(title, taken) for title in titles]
        self.chunks = max(1, -(-len(package.values) // VALUES_CHUNK))

    @property
    def steps(self) -> int:
        """How many progress steps ``save`` reports: exhibits, chunks of values, findings, and the closing."""
        return len(self.exhibits) + self.chunks + int(self.findings) + 1

    def save(self, target: str | os.PathLike | BinaryIO, progress: Progress | None = None) -> None:
        """Write the workbook to an open binary file or a path (not atomically: write_all_xlsx is)."""
        if isinstance(target, (str, os.PathLike)):
            with open(target, "wb") as handle:
                self.save(handle, progress)
            return
        lang, names, total = self.lang, iter(self.sheetnames), self.steps
        report_progress(progress, 0, total)
        with XlsxWriter(target, creator=f"hjk-desktop {__version__}") as book:
            for name in self.sheetnames:
                book.reserve(name)
            about = next(names)
            sheets: list[tuple[str, str]] = []
            for done, exported in enumerate(iter_default_tables(self.package, lang, self.exhibits), start=1):
                sheets.append((_table_sheet(book, next(names), exported.table, self.package), exported.table.caption))
                report_progress(progress, done, total)
            done, values = len(self.exhibits), next(names)
            for step in _values_sheet(book, values, self.package, lang, done):
                done = step
                report_progress(progress, done, total)
            sheets.append((values, text("about.values_sheet", lang)))
            if self.findings:
                name = next(names)
                _findings_sheet(book, name, self.package, lang)
                sheets.append((name, text("about.findings_sheet", lang)))
                done += 1
                report_progress(progress, done, total)
            _about_sheet(book, about, self.package, lang, sheets)
        report_progress(progress, total, total)


def workbook_all(package: Package, lang: str = NB) -> AllWorkbook:
    """The "Eksporter alt" workbook, ready to ``save``."""
    return AllWorkbook(package, lang)


def write_all_xlsx(package: Package, path: str | os.PathLike, lang: str = NB, overwrite: bool = False,
                   progress: Progress | None = None) -> Path:
    """The whole package in one workbook at ``path``, written atomically. ``progress(done, total)`` returning
    False cancels: ExportCancelled, and neither ``path`` nor a temporary file is left."""
    with failures_as_export_errors(path):
        check_target(path, overwrite)
        wb = workbook_all(package, lang)

        def write(handle: BinaryIO) -> None:
            try:
                wb.save(handle, progress)
            except ExportCancelled:
                raise ExportCancelled(path) from None

        return atomic_write(path, write, overwrite)


def _text_or_none(value) -> str | None:
    if type(value) is str:
        return value if value and value != "<NA>" else None
    if is_missing(value) or str(value) == "<NA>":
        return None
    return str(value) or None


def _int_or_none(value) -> int | None:
    if type(value) is int:
        return value
    return None if is_missing(value) or str(value) == "<NA>" else int(value)


def _number_or_none(value) -> float | None:
    if type(value) is float:
        return None if value != value else value
    return None if is_missing(value) or str(value) == "<NA>" else float(value)


def _bool_or_none(value) -> bool | None:
    if type(value) is bool:
        return value
    return None if is_missing(value) or str(value) == "<NA>" else bool(value)


_CONVERT = {"value": _number_or_none, "chapter": _int_or_none, "n": _int_or_none, "approx": _bool_or_none}


def _values_sheet(book: XlsxWriter, name: str, package: Package, lang: str, done: int) -> Iterator[int]:
    """Every value of the package, one row each, with the item's label; yields the step count after each chunk."""
    header = [*VALUE_COLUMNS, "item_label"]
    widths = {"id": 26, "note": 60, "formula": 34, "item_label": 50}
    values = package.values
    with book.sheet(name, widths={j: widths.get(c, 12) for j, c in enumerate(header, start=1)}, freeze="B2",
                    auto_filter=True, zip64=len(values) > ZIP64_ROWS) as ws:
        ws.row([Cell(c, BOLD) for c in header])
        whole, one_decimal = book.style_id(WHOLE), book.style_id(ONE_DECIMAL)
        at = VALUE_COLUMNS.index("value")
        for start in range(0, len(values), VALUES_CHUNK):
            part = values.iloc[start:start + VALUES_CHUNK]
            columns = [list(map(_CONVERT.get(c, _text_or_none), part[c].tolist())) for c in VALUE_COLUMNS]
            columns[at] = [None if v is None else Cell(v, whole if v.is_integer() else one_decimal) for v in columns[at]]
            labels = [package.item_label(e, i, lang) for e, i in zip(part["exhibit"].tolist(), part["item"].tolist())]
            for row in zip(*columns, labels):
                ws.row(row)
            done += 1
            yield done
    if not len(values):
        yield done + 1


def _findings_sheet(book: XlsxWriter, name: str, package: Package, lang: str) -> None:
    """The report's findings: one row each in reading order, the text in ``lang``, the locators raw and in words."""
    widths = {"text": 70, "places": 34, "values": 30, "note": 40, "locator": 16}
    wrapped = {"text", "places", "note"}
    with book.sheet(name, widths={j: widths.get(c, 11) for j, c in enumerate(FINDING_COLUMNS, start=1)}, freeze="B2",
                    auto_filter=True) as ws:
        ws.row([Cell(text(f"export.findings.{c}", lang), BOLD) for c in FINDING_COLUMNS])
        for f in findings(package, lang):
            row = (f.id, f.chapter, f.exhibit or None, f.kind, f.text, "; ".join(f.locators), "; ".join(f.places),
                   "; ".join(n.value_id for n in f.numbers) or None, f.status, f.note or None)
            ws.row([Cell(v, WRAP_TOP) if c in wrapped else v for c, v in zip(FINDING_COLUMNS, row)])


def _about_sheet(book: XlsxWriter, name: str, package: Package, lang: str, sheets: list[tuple[str, str]]) -> None:
    def say(msg_id: str) -> str:
        return text(msg_id, lang)

    homepage = package.homepage
    rows = [
        ("about.source", package.citation),
        ("about.homepage", homepage),
        ("about.package", f"{package.title} ({package.meta.get('name', '')} {package.meta.get('version', '')})".strip()),
        ("about.program", f"hjk-desktop {__version__}"),
        ("about.exported", datetime.now().astimezone().isoformat(timespec="seconds")),
    ]
    heading = Style(bold=True, size=12)
    with book.sheet(name, widths={1: 18, 2: 110}) as ws:
        ws.row([Cell(say("about.title"), Style(bold=True, size=14))])
        ws.skip()
        for key, value in rows:
            r = ws.row([Cell(say(key), BOLD), str(value) if value is not None else ""])
            if key == "about.homepage" and _web_link(homepage):
                ws.link(r, 2, url=_web_link(homepage))
        ws.skip()
        ws.row([Cell(say("about.rules"), heading)])
        for rule in ABOUT_RULES:
            ws.row([None, Cell(say(rule), WRAP_TOP)])
        ws.skip()
        ws.row([Cell(say("about.sheets"), heading)])
        for sheet, title in sheets:
            r = ws.row([Cell(sheet, LINK), Cell(title, WRAP_TOP)])
            ws.link(r, 1, location=f"{sheet_reference(sheet)}!A1")  # a place in this workbook, a sheet we named


# --------------------------------------------------------------------------------------------
# the folder of CSV files


def write_all_csv(package: Package, folder: str | os.PathLike, separator: str = SEMICOLON, decimal: str = COMMA,
                  lang: str = NB, overwrite: bool = False, note: bool = True, progress: Progress | None = None) -> list[Path]:
    """One ``<exhibit>.csv`` (and its note) per exhibit in ``folder``, created if its parent exists.
    ``progress(done, total)`` returning False cancels: ExportCancelled, and none of the files is left."""
    folder = Path(folder)
    with failures_as_export_errors(folder):
        return _write_all_csv(package, folder, separator, decimal, lang, overwrite, note, progress)


def _csv_targets(folder: Path, exhibits: list[str]) -> list[Path]:
    """``<exhibit>.csv`` for each exhibit; a name two ids would share gets -2, -3 … (case-insensitively)."""
    seen: set[str] = set()
    out = []
    for ex_id in exhibits:
        stem = base = file_stem(ex_id)
        k = 1
        while stem.lower() in seen:
            k += 1
            stem = f"{base}-{k}"
        seen.add(stem.lower())
        out.append(folder / f"{stem}.csv")
    return out


def _write_all_csv(package: Package, folder: Path, separator: str, decimal: str, lang: str, overwrite: bool,
                   note: bool, progress: Progress | None) -> list[Path]:
    try:
        check_csv_options(separator, decimal)  # refused before anything is made
    except ValueError as exc:
        raise ExportError(folder, "options", str(exc)) from exc
    if folder.exists() and not folder.is_dir():
        raise ExportError(folder, "failed", "not a folder")
    exhibits = list(package.exhibit_ids())
    targets = _csv_targets(folder, exhibits)
    pairs = [(t, note_path(t)) if note else (t,) for t in targets]
    made = False
    if not folder.exists():
        if not folder.parent.is_dir():
            raise ExportError(folder, "no_folder", str(folder.parent))
        try:
            folder.mkdir()
        except OSError as exc:
            raise ExportError(folder, _reason(exc), exc.strerror or str(exc)) from exc
        made = True
    else:
        for pair in pairs:  # refuse before writing anything
            for target in pair:
                check_target(target, overwrite)
        remove_stale_temporaries(folder)
    # Every file goes to a temporary file first; only when all are complete are they moved into place. The
    # temporary files are written (and fsynced) by a few threads while the next tables are made: fsync waits for
    # the disk, and the disk groups the waits of several threads into one flush.
    jobs: list[tuple[Future, Path]] = []
    written: list[Path] = []
    pool = ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="hjk-export")
    try:
        report_progress(progress, 0, len(exhibits), folder)
        checked = 0
        for done, (exported, pair) in enumerate(zip(iter_default_tables(package, lang, exhibits), pairs), start=1):
            body = csv_text(exported.table, separator, decimal, package).encode("utf-8-sig")
            jobs.append((pool.submit(write_temporary, pair[0], body), pair[0]))
            if note:
                jobs.append((pool.submit(write_temporary, pair[1], note_text(exported.table).encode("utf-8")), pair[1]))
            while checked < len(jobs) and (jobs[checked][0].done() or len(jobs) - checked > IN_FLIGHT):
                jobs[checked][0].result()  # a failed write stops the export now, not after every table is made
                checked += 1
            report_progress(progress, done, len(exhibits), folder)
        temporaries = [(job.result(), target) for job, target in jobs]
        pool.shutdown()
        for tmp, target in temporaries:
            commit(tmp, target, overwrite)  # removes its temporary file when it fails
            written.append(target)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        for job, _ in jobs[len(written):]:  # those not moved into place yet
            if job.done() and not job.cancelled() and job.exception() is None:
                _remove(job.result())  # (a write or a commit that failed removed its own)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: nothing of ours is left in it
        raise
    _fsync_dir(folder)
    return written
