"""The window's own parser reads a start exactly as the full parser does, and hands everything else over."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hjk_desktop import cli

WINDOW_STARTS = [
    [],
    ["--data", "some/folder"],
    ["--exhibit", "k2"],
    ["--exhibit=k2", "--chapter", "3"],
    ["--chapter", "4", "--smoke"],
    ["--ex", "k2"],  # an abbreviation, as the full parser allows
    ["--data", "--chapter"],  # an option's value that looks like an option: argparse refuses it both ways
    ["--data", "list"],  # a command's name as an option's value is that value, for both parsers
]


@pytest.mark.parametrize("argv", WINDOW_STARTS, ids=lambda a: " ".join(a) or "(none)")
def test_a_window_start_reads_the_same_as_with_the_full_parser(argv):
    try:
        full = vars(cli._parser().parse_args(argv))
    except SystemExit:
        full = None  # the full parser refuses it: the window's parser must hand it over
    window = cli.window_args(argv)
    if full is None:
        assert window is None
    else:
        assert window is not None and vars(window) == full


@pytest.mark.parametrize("argv", [
    ["list"], ["validate", "x"], ["export", "--all", "--format", "csv", "--out", "x"],
    ["list", "--data", "x"], ["--exhibit", "k2", "export"],
    ["-h"], ["--help"], ["--he"],
    ["--chapter", "three"],  # not an integer
    ["--exhibit"],  # no value
    ["--no-such-option"],
    ["stray"],
])
def test_anything_else_goes_to_the_full_parser(argv):
    assert cli.window_args(argv) is None


def test_errors_and_help_come_from_the_full_parser(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--chapter", "three"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "COMMAND" in err and "invalid int value: 'three'" in err  # the full usage, naming the commands
    with pytest.raises(SystemExit) as stop:
        cli.main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "validate" in out and "export" in out


def test_version_either_way(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"hjk-desktop {cli.__version__}"


def test_a_window_start_does_not_import_the_export_command():
    code = ("import sys; from hjk_desktop import cli; cli.window_args(['--exhibit', 'k2']); "
            "print('hjk_desktop.export_cli' in sys.modules, 'hjk_desktop.core.export_formats' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "False"]
