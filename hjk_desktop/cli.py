"""Entry point shared by the GUI and the headless commands (validate, list, export).

Qt is imported only when the window is opened or a chart is exported, so ``validate`` and ``list``
run anywhere pandas does.

Language: one rule for the window and the commands (core/language.py): the locale decides, Norwegian and the
C/POSIX locales giving bokmål, any other language English; ``--language`` overrides it for ``list`` and
``export`` as the Språk menu does in the window. ``validate`` reports to package authors in English.
"""

from __future__ import annotations

import argparse
import sys

from hjk_desktop import __version__
from hjk_desktop.core.codes import LANGUAGES


def _window_options(parser: argparse.ArgumentParser) -> None:
    """The window's options: the same whether the full parser or the window's own reads them."""
    parser.add_argument("--version", action="version", version=f"hjk-desktop {__version__}")
    parser.add_argument("--data", metavar="PATH", help="open another data package (a folder or its datapackage.json)")
    parser.add_argument("--exhibit", metavar="ID", help="start at this exhibit (see 'list')")
    parser.add_argument("--chapter", metavar="N", type=int, help="start at this chapter's overview")
    parser.add_argument("--smoke", action="store_true", help="open the window offscreen, visit every exhibit and exit")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hjk-desktop",
        description="Explore Fafo-notat 2021:20 (LO representatives on home office). Without a command, opens the window.",
    )
    _window_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = sub.add_parser("validate", help="check a data package and report every problem")
    validate.add_argument("path", metavar="PATH")
    listing = sub.add_parser("list", help="print the chapters and exhibits with their ids")
    listing.add_argument("--data", dest="list_data", metavar="PATH", help="another data package")
    listing.add_argument("--language", dest="list_language", choices=LANGUAGES, default=None,
                         help="titles in Norwegian (nb) or English (en); default: from the locale (C/POSIX: nb)")
    from hjk_desktop.export_cli import add_export_parser  # here, so importing this module stays cheap

    add_export_parser(sub)
    return parser


def cmd_validate(path: str) -> int:
    from hjk_desktop.core import PackageError, load_package

    try:
        package = load_package(path)
    except PackageError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) found in {path}", file=sys.stderr)
        return 1
    values = package.values
    stated = int((values["status"] == "stated").sum())
    derived = int((values["status"] == "derived").sum())
    approx = int(values["approx"].sum())
    print(f"OK: {package.title}: {len(package.chapters)} chapters, {len(package.exhibits)} exhibits, "
          f"{len(values)} values ({stated} stated, {derived} derived, {approx} approximate)")
    return 0


def cmd_list(path: str | None, lang: str | None = None) -> int:
    from hjk_desktop.core import PackageError, bundled_package_path, load_package
    from hjk_desktop.core.language import default_language

    lang = lang or default_language()

    try:
        package = load_package(path or bundled_package_path())
    except PackageError as exc:
        print(f"hjk-desktop: the data package has {len(exc.problems)} problem(s); run 'hjk-desktop validate' for details", file=sys.stderr)
        return 1
    for number in package.chapters.index:
        print(f"{number:>2}  {package.chapters.at[number, f'title_{lang}']}")
        for ex_id in package.exhibits_in(number):
            title = package.exhibits.at[ex_id, f"title_{lang}"]
            print(f"      {ex_id:<6} {title[:100]}")
    return 0


def window_args(argv: list[str]) -> argparse.Namespace | None:
    """The window's options, read without describing the commands, when ``argv`` holds nothing else.

    Describing the export command imports the export formats and their texts: 6–9 ms of every start
    (docs/bench-startup.md), for a command few starts give. None when anything is left over (a command, ``-h``,
    which this parser does not know) or ``argv`` does not parse; the full parser then reads it, with its own
    usage and messages. Its options are this parser's, so what this parser reads, it reads alike."""
    parser = argparse.ArgumentParser(prog="hjk-desktop", add_help=False, exit_on_error=False)
    _window_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = window_args(argv) or _parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.path)
    if args.command == "list":
        return cmd_list(args.list_data, args.list_language)
    if args.command == "export":
        from hjk_desktop.export_cli import cmd_export

        return cmd_export(args)
    from hjk_desktop.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
