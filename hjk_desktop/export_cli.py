"""``hjk-desktop export``: tables as CSV/XLSX and charts as PNG/SVG without opening the window.

Exit codes: 0 written; 1 the data package or the output failed (unreadable package, existing file without
--force, permission denied, missing folder, full disk); 2 bad arguments (unknown exhibit or code, png/svg
with --all, a comma as both separator and decimal mark); 130 interrupted (Ctrl+C), with nothing written: no
file, no temporary file, none of the folder's CSV files. Every failure is one line on stderr, never a traceback.
With --all, a progress bar goes to stderr when stderr is a terminal (nothing otherwise); the first Ctrl+C stops
the export at the next exhibit or chunk of values, a second one at once.
Qt is imported only for png and svg (through ui/chart_export, never a dialog), and then offscreen when there is
no display.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from hjk_desktop.core import export_formats
from hjk_desktop.core.codes import COMMA, DECIMALS, LANGUAGES, NB, POINT

SEPARATORS = (COMMA, "semicolon")
INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl+C (128 + SIGINT)
BAR_WIDTH = 30


class UsageError(Exception):
    """Bad arguments: exit 2."""


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    tables, charts = ", ".join(export_formats.ids(export_formats.TABLE)), ", ".join(export_formats.ids(export_formats.CHART))
    parser = subparsers.add_parser(
        "export",
        help=f"write a table ({tables}) or a chart ({charts}) without opening the window",
        description="Write one exhibit's table or chart, or every exhibit (--all), to a file.",
    )
    parser.add_argument("--format", required=True, choices=export_formats.ids(),
                        help=f"{tables.replace(', ', ' or ')} (the table), {charts.replace(', ', ' or ')} (the chart)")
    parser.add_argument("--out", required=True, metavar="PATH", help="the file to write; with --all and csv, a folder")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--exhibit", dest="export_exhibit", metavar="ID", help="the exhibit (see 'hjk-desktop list')")
    which.add_argument("--all", dest="export_all", action="store_true",
                       help="every exhibit with its default selection: one workbook (xlsx) or one csv per exhibit in the folder PATH")
    parser.add_argument("--segments", metavar="A,B", help="segment codes, e.g. alle,statlig")
    parser.add_argument("--rounds", metavar="A,B", help="round codes, e.g. 2021-02,2021-06")
    parser.add_argument("--populations", metavar="A,B", help="population codes, e.g. arbeidsplass,forening")
    parser.add_argument("--decimal", choices=DECIMALS, default=None,
                        help="decimal mark in csv (default: comma in Norwegian, point in English)")
    parser.add_argument("--separator", choices=SEPARATORS, default="semicolon", help="csv field separator (default: semicolon)")
    parser.add_argument("--language", choices=LANGUAGES, default=None,
                        help="labels in Norwegian (nb) or English (en); default: from the locale (C/POSIX: nb)")
    parser.add_argument("--no-note", dest="note", action="store_false", help="csv: do not write the <name>_kilde.txt note beside it")
    parser.add_argument("--data", dest="export_data", metavar="PATH", help="another data package")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    return parser


def _codes(raw: str | None, table, what: str) -> tuple[str, ...] | None:
    """Comma-separated codes from the command line, each checked against the package's table of them."""
    if not raw:
        return None
    codes = tuple(c.strip() for c in raw.split(",") if c.strip())
    unknown = [c for c in codes if c not in table.index]
    if unknown:
        raise UsageError(f"unknown {what} {', '.join(map(repr, unknown))}; known: {', '.join(table.index)}")
    return codes or None


def _needs_offscreen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith("linux"):
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


def cmd_export(args: argparse.Namespace) -> int:
    from hjk_desktop.core import export as ex

    try:
        return _export(args)
    except UsageError as exc:
        _say(exc)
        return 2
    except ex.ExportError as exc:
        _say(exc)
        return 1
    except (ex.ExportCancelled, KeyboardInterrupt):
        _say("interrupted; nothing was written")
        return INTERRUPTED
    except Exception as exc:  # anything unforeseen is still one line and exit 1, never a traceback
        _say(ex.unexpected(getattr(args, "out", "") or "", exc))
        return 1


def _say(exc: BaseException) -> None:
    print(f"hjk-desktop export: {' '.join(str(exc).split())}", file=sys.stderr)


def _export(args: argparse.Namespace) -> int:
    from hjk_desktop.core import PackageError, bundled_package_path, load_package
    from hjk_desktop.core import export as ex
    from hjk_desktop.core.language import default_language

    # the one language rule of the window and the commands (core/language.py); the decimal mark follows it
    args.language = args.language or default_language()
    args.decimal = args.decimal or (COMMA if args.language == NB else POINT)
    fmt = args.format
    target = export_formats.by_id(fmt).target
    if args.export_all and target == export_formats.CHART:
        tables = " or ".join(export_formats.ids(export_formats.TABLE))
        raise UsageError(f"--all writes tables only ({tables}), not {fmt}; export charts one --exhibit at a time")
    if args.export_all and (args.segments or args.rounds or args.populations):
        raise UsageError("--all uses each exhibit's default selection; drop --segments, --rounds and --populations")
    if fmt == "csv" and args.separator == COMMA and args.decimal == COMMA:
        raise UsageError("a comma cannot be both --separator and --decimal; use --separator semicolon or --decimal point")

    data = getattr(args, "export_data", None) or getattr(args, "data", None)
    try:
        package = load_package(data or bundled_package_path())
    except PackageError as exc:
        print(f"hjk-desktop export: the data package has {len(getattr(exc, 'problems', []) or [])} problem(s); "
              "run 'hjk-desktop validate' for details", file=sys.stderr)
        return 1

    out = Path(args.out)
    try:
        if args.export_all:
            with _cancel_on_interrupt() as cancelled, ProgressBar(sys.stderr, cancelled) as progress:
                if fmt == "xlsx":
                    written = [ex.write_all_xlsx(package, out, lang=args.language, overwrite=args.force, progress=progress)]
                else:
                    written = ex.write_all_csv(package, out, args.separator, args.decimal, lang=args.language,
                                               overwrite=args.force, note=args.note, progress=progress)
        else:
            written = _export_one(package, args, out)
    except ex.ExportError as exc:
        if exc.reason == "options":
            raise UsageError(str(exc)) from None
        raise
    except (UsageError, ex.ExportCancelled):
        raise
    except Exception as exc:
        raise ex.unexpected(out, exc) from exc
    for path in written:
        print(path)
    return 0


class ProgressBar:
    """``progress(done, total)`` for the core's export: a carriage-return bar on ``stream`` when it is a terminal,
    nothing otherwise; answers False (cancel) once ``cancelled`` is set. Clears its line when it ends."""

    def __init__(self, stream, cancelled: threading.Event | None = None, label: str = "exporting"):
        self.stream, self.cancelled, self.label = stream, cancelled, label
        isatty = getattr(stream, "isatty", None)
        self.shown = bool(isatty and isatty())
        self._last = ""

    def __call__(self, done: int, total: int) -> bool:
        if self.shown and total > 0:
            share = min(1.0, done / total)
            fill = int(share * BAR_WIDTH)
            line = f"\r{self.label} [{'#' * fill}{'.' * (BAR_WIDTH - fill)}] {share:4.0%} {done}/{total}"
            if line != self._last:
                self.stream.write(line)
                self.stream.flush()
                self._last = line
        return not (self.cancelled is not None and self.cancelled.is_set())

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        if self.shown and self._last:
            self.stream.write("\r" + " " * (len(self._last) - 1) + "\r")
            self.stream.flush()


@contextlib.contextmanager
def _cancel_on_interrupt() -> Iterator[threading.Event]:
    """While inside, the first Ctrl+C only sets the event (the export stops at its next step and cleans up); a
    second one interrupts at once. Outside the main thread signals cannot be caught, and Ctrl+C interrupts."""
    cancelled = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield cancelled
        return

    def handler(signum, frame):
        if cancelled.is_set():
            raise KeyboardInterrupt
        cancelled.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield cancelled
    finally:
        signal.signal(signal.SIGINT, previous)


def _export_one(package, args, out: Path) -> list[Path]:
    from hjk_desktop.core import export as ex
    from hjk_desktop.core.query import default_selection, query
    from hjk_desktop.core.table import build_table

    exhibit = args.export_exhibit
    if exhibit not in package.exhibits.index:
        raise UsageError(f"unknown exhibit {exhibit!r}; 'hjk-desktop list' shows the ids")
    segments = _codes(args.segments, package.segments, "segment")
    rounds = _codes(args.rounds, package.rounds, "round")
    populations = _codes(args.populations, package.populations, "population")
    chosen = default_selection(package, exhibit)
    segments, rounds, populations = segments or chosen["segments"], rounds or chosen["rounds"], populations or chosen["populations"]
    result = query(package, exhibit, segments, rounds, populations)
    if export_formats.by_id(args.format).target == export_formats.TABLE:
        table = build_table(package, result, args.language)
        if args.format == "csv":
            return ex.write_csv(table, out, args.separator, args.decimal, overwrite=args.force, note=args.note, package=package)
        return [ex.write_xlsx(table, out, overwrite=args.force, package=package)]
    ex.check_target(out, args.force)  # before starting Qt
    if _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from hjk_desktop.core.selection import SelectionState
    from hjk_desktop.ui.chart_export import chart_bytes

    chapter = int(package.exhibit(exhibit)["chapter"])
    state = SelectionState(exhibit=exhibit, chapter=chapter, segments=tuple(segments), rounds=tuple(rounds),
                           populations=tuple(populations), decimal=args.decimal, language=args.language)
    try:
        payload = chart_bytes(package, result, state, args.format)
    except Exception as exc:  # a drawing failure is an output failure, told in one line
        raise ex.ExportError(out, "failed", f"could not draw the chart: {type(exc).__name__}: {exc}") from exc
    return [ex.atomic_write(out, payload, overwrite=args.force)]

