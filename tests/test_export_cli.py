"""`hjk-desktop export` and the Eksporter dialog: files read back, exit codes, one-line errors, no damage on failure."""

from __future__ import annotations

import errno
import io
import math
import os
import signal
import sys
import xml.etree.ElementTree as ET

import openpyxl
import pandas as pd
import pytest

from hjk_desktop.cli import main
from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core import export as ex
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.table import VALUE, build_table


@pytest.fixture(scope="module")
def package():
    return load_package(bundled_package_path())


@pytest.fixture(autouse=True)
def _c_locale(monkeypatch):
    """Every test here under the C locale (bokmål by the language rule), whatever the machine's locale is."""
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def run(capsys, *argv):
    code = main(["export", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------------------------------- tables


def test_every_exhibit_exported_headless_matches_the_core(package, tmp_path, capsys):
    for ex_id in package.exhibit_ids():
        out = tmp_path / f"{ex_id}.csv"
        code, stdout, err = run(capsys, "--format", "csv", "--out", out, "--exhibit", ex_id, "--separator", "comma", "--decimal", "point")
        assert code == 0, err
        assert str(out) in stdout
        frame = pd.read_csv(out, encoding="utf-8-sig")
        sel = default_selection(package, ex_id)
        result = query(package, ex_id, sel["segments"], sel["rounds"], sel["populations"])
        assert len(frame) == len(result.frame)
        for spec in result.series:
            table_head = build_table(package, result).columns
            header = next(c.header for c in table_head if c.kind == VALUE and c.key == spec.key)
            for got, want in zip(frame[header], result.frame[spec.key]):
                assert (math.isnan(got) and math.isnan(want)) or got == want


def test_selection_options_reach_the_table(package, tmp_path, capsys):
    out = tmp_path / "k3.xlsx"
    code, _, err = run(capsys, "--format", "xlsx", "--out", out, "--exhibit", "k3", "--segments", "alle,oslo")
    assert code == 0, err
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[2]]
    assert package.label("segments", "oslo") in header and package.label("segments", "alle") in header
    result = query(package, "k3", ("alle", "oslo"))
    col = header.index(package.label("segments", "oslo")) + 1
    oslo = next(spec.key for spec in result.series if spec.segment == "oslo")
    for i, want in enumerate(result.frame[oslo]):
        got = ws.cell(i + 3, col)
        assert got.value == "–" if math.isnan(want) else (got.data_type == "n" and got.value == want)


def test_all_as_xlsx_and_as_csv_folder(package, tmp_path, capsys):
    code, _, err = run(capsys, "--format", "xlsx", "--all", "--out", tmp_path / "alt.xlsx")
    assert code == 0, err
    wb = openpyxl.load_workbook(tmp_path / "alt.xlsx")
    assert set(package.exhibit_ids()) <= set(wb.sheetnames)
    assert wb["Verdier"].max_row - 1 == len(package.values)
    code, _, err = run(capsys, "--format", "csv", "--all", "--out", tmp_path / "csv", "--no-note")
    assert code == 0, err
    assert sorted(p.stem for p in (tmp_path / "csv").iterdir()) == sorted(package.exhibit_ids())


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_progress_bar_on_a_terminal_and_nothing_otherwise(tmp_path, capsys, monkeypatch, fmt):
    out = tmp_path / f"alt.{fmt}"
    code, _, err = run(capsys, "--format", fmt, "--all", "--out", out)
    assert code == 0 and err == "", "no bar when stderr is a file or a pipe"
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, _, _ = run(capsys, "--format", fmt, "--all", "--out", out, "--force")
    bar = terminal.getvalue()
    assert code == 0
    assert bar.startswith("\rexporting [") and "100%" in bar and "\n" not in bar
    assert bar.endswith("\r") and bar.rsplit("\r", 2)[-2].strip() == "", "the bar's line is cleared at the end"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_during_export_all_exits_130_and_leaves_nothing(package, tmp_path, capsys, monkeypatch, fmt, presses):
    from hjk_desktop.core import export_all

    real, calls = export_all.exhibit_table, []

    def ctrl_c_at_the_third(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 3:
            for _ in range(presses):  # once: stop at the next step; twice: at once
                signal.raise_signal(signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr(export_all, "exhibit_table", ctrl_c_at_the_third)
    code, stdout, err = run(capsys, "--format", fmt, "--all", "--out", tmp_path / f"alt.{fmt}")
    assert code == 130
    assert stdout == "" and err.strip() == "hjk-desktop export: interrupted; nothing was written"
    assert os.listdir(tmp_path) == [], "no file, no temporary file, no folder"
    assert len(calls) == 3 if presses == 2 else len(calls) in (3, 4)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, "Ctrl+C is itself again afterwards"


# ------------------------------------------------------------------------------------------- bad arguments and failures


@pytest.mark.parametrize(("argv", "needle"), [
    (["--format", "csv", "--exhibit", "fig99"], "unknown exhibit 'fig99'"),
    (["--format", "csv", "--exhibit", "k3", "--segments", "alle,mars"], "unknown segment 'mars'"),
    (["--format", "csv", "--exhibit", "k3", "--rounds", "1999"], "unknown round '1999'"),
    (["--format", "png", "--all"], "--all writes tables only"),
    (["--format", "xlsx", "--all", "--segments", "oslo"], "default selection"),
    (["--format", "csv", "--exhibit", "k3", "--separator", "comma", "--decimal", "comma"], "comma cannot be both"),
])
def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys, argv, needle):
    out = tmp_path / "x.out"
    code, stdout, err = run(capsys, *argv, "--out", out)
    assert code == 2
    assert needle in err and err.count("\n") == 1 and err.startswith("hjk-desktop export:")
    assert not out.exists() and stdout == ""


def test_argparse_refuses_an_unknown_format(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "pdf", "--out", str(tmp_path / "x"), "--exhibit", "k3"])
    assert info.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["under_a_file", "missing_parent"])
def test_unwritable_path_exits_1(tmp_path, capsys, where):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    out = blocker / "t.xlsx" if where == "under_a_file" else tmp_path / "no" / "such" / "t.xlsx"
    code, _, err = run(capsys, "--format", "xlsx", "--exhibit", "fig1", "--out", out)
    assert code == 1
    assert str(out) in err and "folder does not exist" in err and err.count("\n") == 1


def test_overwrite_refused_without_force(tmp_path, capsys):
    out = tmp_path / "fig1.xlsx"
    out.write_bytes(b"keep me")
    code, _, err = run(capsys, "--format", "xlsx", "--exhibit", "fig1", "--out", out)
    assert code == 1 and "--force" in err
    assert out.read_bytes() == b"keep me"
    code, _, err = run(capsys, "--format", "xlsx", "--exhibit", "fig1", "--out", out, "--force")
    assert code == 0, err
    assert openpyxl.load_workbook(out).active["A1"].value.startswith("Figur 1.")


def test_failed_write_keeps_the_old_file_and_exits_1(tmp_path, capsys, monkeypatch):
    out = tmp_path / "alt.xlsx"
    assert run(capsys, "--format", "xlsx", "--all", "--out", out)[0] == 0
    before = out.read_bytes()

    def half_then_full(self, handle, progress=None):
        handle.write(before[: len(before) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ex.AllWorkbook, "save", half_then_full)
    code, _, err = run(capsys, "--format", "xlsx", "--all", "--out", out, "--force")
    assert code == 1 and "No space left" in err
    assert out.read_bytes() == before
    assert os.listdir(tmp_path) == ["alt.xlsx"]


def test_broken_data_package_exits_1(tmp_path, capsys):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "datapackage.json").write_text("{not json")
    code, _, err = run(capsys, "--format", "csv", "--exhibit", "k3", "--out", tmp_path / "x.csv", "--data", tmp_path / "pkg")
    assert code == 1 and "problem" in err and err.count("\n") == 1


def test_an_unexpected_failure_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("something\nunforeseen")

    monkeypatch.setattr(ex, "write_xlsx", boom)
    code, stdout, err = run(capsys, "--format", "xlsx", "--exhibit", "fig1", "--out", tmp_path / "f.xlsx")
    assert code == 1 and stdout == ""
    assert err.count("\n") == 1 and "RuntimeError: something unforeseen" in err and "Traceback" not in err


def test_formula_labels_leave_the_cli_as_text(tmp_path, capsys):
    import csv
    import shutil

    pkg = tmp_path / "pkg"
    shutil.copytree(bundled_package_path(), pkg)
    items = pkg / "items.csv"
    with items.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    label = '=HYPERLINK("http://example.invalid","x")'
    for row in rows:
        row["label_nb"] = label
    with items.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "alt.xlsx"
    code, _, err = run(capsys, "--format", "xlsx", "--all", "--out", out, "--data", pkg)
    assert code == 0, err
    cells = [c for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    assert [c for c in cells if c.data_type == "f"] == []
    assert sum(c.value == label for c in cells) > 30
    code, _, err = run(capsys, "--format", "csv", "--exhibit", "fig7", "--out", tmp_path / "f.csv", "--data", pkg)
    assert code == 0, err
    with (tmp_path / "f.csv").open(encoding="utf-8-sig", newline="") as fh:
        labels = [row[0] for row in list(csv.reader(fh, delimiter=";"))[1:]]
    assert labels and all(got.startswith("'" + label) for got in labels)


def test_cli_formats_are_the_registry(capsys):
    from hjk_desktop.core import export_formats

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    help_text = capsys.readouterr().out
    assert "{" + ",".join(export_formats.ids()) + "}" in help_text
    assert export_formats.ids(export_formats.TABLE) == ("csv", "xlsx")
    assert export_formats.ids(export_formats.CHART) == ("png", "svg")
    with pytest.raises(KeyError, match="pdf"):
        export_formats.by_id("pdf")


def test_every_chart_format_has_a_writer_and_nothing_else_does(qapp):
    from hjk_desktop.core import export_formats
    from hjk_desktop.ui.chart_export import WRITERS

    assert set(WRITERS) == set(export_formats.ids(export_formats.CHART))


def test_headless_chart_export_does_not_import_the_dialog(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "fig1.png"
    code = (
        "import sys\n"
        "from hjk_desktop.cli import main\n"
        f"rc = main(['export', '--format', 'png', '--exhibit', 'fig1', '--out', {str(out)!r}])\n"
        "assert rc == 0, rc\n"
        "assert 'hjk_desktop.ui.export_dialog' not in sys.modules\n"
        "assert 'hjk_desktop.ui.chart_export' in sys.modules\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------------------------------- charts (Qt, offscreen)


@pytest.mark.parametrize("exhibit", ["fig7", "k3", "fig8"])
def test_png_is_twice_the_chart_size_with_a_source_band(package, tmp_path, capsys, qapp, exhibit):
    from PySide6.QtGui import QImage

    from hjk_desktop.ui.chart_export import chart_size

    out = tmp_path / f"{exhibit}.png"
    code, _, err = run(capsys, "--format", "png", "--exhibit", exhibit, "--out", out)
    assert code == 0, err
    image = QImage(str(out))
    width, height = chart_size(query(package, exhibit))
    assert image.width() == 2 * width
    assert 2 * height < image.height() < 2 * height + 400  # the chart and, below it, the source line
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("exhibit", ["fig7", "k3", "fig8"])
def test_svg_parses_and_holds_a_shape_per_drawn_bar(package, tmp_path, capsys, qapp, exhibit):
    from hjk_desktop.core.selection import SelectionState
    from hjk_desktop.ui.chart_export import offscreen_view

    out = tmp_path / f"{exhibit}.svg"
    code, _, err = run(capsys, "--format", "svg", "--exhibit", exhibit, "--out", out)
    assert code == 0, err
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    shapes = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("rect", "path", "polygon")]
    view = offscreen_view(package, query(package, exhibit), SelectionState(exhibit=exhibit))
    bars = view.layout.bars
    assert bars, "the exhibit draws bars"
    assert len(shapes) >= len(bars)


# ------------------------------------------------------------------------------------------- the dialog


@pytest.fixture
def dialog(qtbot, package):
    from hjk_desktop.core.selection import SelectionState
    from hjk_desktop.ui.export_dialog import ExportDialog

    dlg = ExportDialog(package, query(package, "fig7"), SelectionState(exhibit="fig7"), None)
    qtbot.addWidget(dlg)
    return dlg


def test_dialog_writes_csv_with_the_chosen_options(dialog, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    path = tmp_path / "f7.csv"
    dialog.path_edit.setText(str(path))
    dialog.separator_box.setCurrentIndex(dialog.separator_box.findData("comma"))
    dialog.decimal_box.setCurrentIndex(dialog.decimal_box.findData("point"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    frame = pd.read_csv(path, sep=",", encoding="utf-8-sig")
    result = query(dialog.package, "fig7")
    first = result.series[0]
    got, want = list(frame[first.label_nb]), list(result.frame[first.key])
    assert any(w == w for w in want)  # some value is there
    assert all((g != g and w != w) or g == w for g, w in zip(got, want, strict=True))
    assert (tmp_path / "f7_kilde.txt").exists()


def test_dialog_blocks_comma_as_both_marks(dialog):
    dialog.separator_box.setCurrentIndex(dialog.separator_box.findData("comma"))
    dialog.decimal_box.setCurrentIndex(dialog.decimal_box.findData("comma"))
    assert not dialog.export_button.isEnabled()
    assert "Komma" in dialog.hint.text()
    dialog.set_format("xlsx")
    assert dialog.export_button.isEnabled() and not dialog.separator_box.isEnabled()
    assert dialog.path_edit.text().endswith(".xlsx")


def test_dialog_asks_before_replacing_and_keeps_the_file_on_no(dialog, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "f7.xlsx"
    path.write_bytes(b"old")
    dialog.set_format("xlsx")
    dialog.path_edit.setText(str(path))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked and str(path) in asked[0]
    assert path.read_bytes() == b"old"
    assert dialog.result() != dialog.DialogCode.Accepted
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert openpyxl.load_workbook(path).active["A1"].value.startswith("Figur 7.")


def test_dialog_shows_a_clear_error_and_stays_open(dialog, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    target = tmp_path / "missing-folder" / "f7.png"
    dialog.set_format("png")
    dialog.path_edit.setText(str(target))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0][0] == "Eksporten mislyktes"
    assert "Mappen finnes ikke." in shown[0][1] and str(target) in shown[0][1]
    assert dialog.result() != dialog.DialogCode.Accepted


def test_dialog_lists_the_registry_formats_with_their_filters(dialog):
    from hjk_desktop.core import export_formats

    listed = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert listed == list(export_formats.ids())
    assert dialog.format_box.itemText(0) == export_formats.by_id("csv").name("nb")
    for fmt in export_formats.FORMATS:
        dialog.set_format(fmt.id)
        assert dialog.file_filter() == fmt.file_filter("nb") and f"(*.{fmt.extension})" in dialog.file_filter()
        assert dialog.path_edit.text().endswith(f".{fmt.extension}")


def test_export_current_writes_the_table_shown_with_its_intervals(package, qtbot, tmp_path):
    from hjk_desktop.core.messages import text
    from hjk_desktop.core.selection import SelectionState
    from hjk_desktop.ui.export_dialog import ExportDialog

    result = query(package, "fig7")
    state = SelectionState(exhibit="fig7", intervals=True, difference=True, populations=tuple(s.population for s in result.series))
    shown = build_table(package, result, "nb", difference=True, intervals=True)
    dlg = ExportDialog(package, result, state, shown)
    qtbot.addWidget(dlg)
    path = tmp_path / "shown.csv"
    dlg.path_edit.setText(str(path))
    dlg.export()
    header = pd.read_csv(path, sep=";", encoding="utf-8-sig").columns
    assert any(h.startswith(text("table.lo", "nb")) for h in header)
    assert [h for h in header if h not in ("Enhet", "Merknad")] == shown.headers


@pytest.mark.parametrize("failure", [RuntimeError("openpyxl\nbroke"), KeyError("x")])
def test_dialog_shows_unexpected_failures_in_one_dialog(dialog, qtbot, tmp_path, monkeypatch, failure):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    def boom(*args, **kwargs):
        raise failure

    monkeypatch.setattr(ex, "write_xlsx", boom)
    dialog.set_format("xlsx")
    dialog.path_edit.setText(str(tmp_path / "f.xlsx"))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and type(failure).__name__ in shown[0]
    assert "openpyxl broke" in shown[0] or isinstance(failure, KeyError)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not (tmp_path / "f.xlsx").exists()


def test_dialog_reports_a_path_it_cannot_even_read(dialog, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    dialog.path_edit.setText("~no-such-user-hjk/f.csv")  # expanduser fails on an unknown user
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and "RuntimeError" in shown[0]
    assert dialog.result() != dialog.DialogCode.Accepted


def test_export_all_shows_unexpected_failures(package, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hjk_desktop.core import export_all as ex_all
    from hjk_desktop.ui.export_dialog import export_all

    monkeypatch.setattr(ex_all, "workbook_all", lambda *a, **k: (_ for _ in ()).throw(ValueError("bad cell")))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    assert export_all(None, package, "nb", tmp_path / "alt.xlsx") is None
    assert len(shown) == 1 and "ValueError: bad cell" in shown[0]


def test_export_all_helper_writes_the_workbook(package, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hjk_desktop.ui.export_dialog import export_all

    path = tmp_path / "alt.xlsx"
    assert export_all(None, package, "nb", path) == path
    assert openpyxl.load_workbook(path).sheetnames[0] == "Om"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    before = path.read_bytes()
    assert export_all(None, package, "nb", path) is None
    assert path.read_bytes() == before


def _press_cancel_at(qtbot, monkeypatch, call: int) -> list:
    """Shows the progress dialog at once, and presses its Avbryt button while the export makes table ``call``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from hjk_desktop.core import export_all as ex_all
    from hjk_desktop.ui import export_progress

    monkeypatch.setattr(export_progress, "MINIMUM_DURATION_MS", 0)
    real, seen = ex_all.exhibit_table, []

    def press(*args, **kwargs):
        seen.append(args[1])
        if len(seen) == call:
            dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible())
            assert dialog.isModal() and dialog.maximum() > len(seen)
            qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        return real(*args, **kwargs)

    monkeypatch.setattr(ex_all, "exhibit_table", press)
    return seen


def test_export_all_cancel_in_the_progress_dialog_leaves_nothing(package, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hjk_desktop.ui.export_dialog import export_all

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a))
    seen = _press_cancel_at(qtbot, monkeypatch, 4)
    assert export_all(None, package, "nb", tmp_path / "alt.xlsx") is None
    assert os.listdir(tmp_path) == [] and not shown, "a cancel is no failure: no file, no temporary file, no message"
    assert len(seen) < len(package.exhibit_ids())


def test_export_all_cancel_keeps_the_file_it_would_replace(package, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

    from hjk_desktop.ui.export_dialog import export_all

    path = tmp_path / "alt.xlsx"
    path.write_bytes(b"before")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _press_cancel_at(qtbot, monkeypatch, 2)
    assert export_all(None, package, "nb", path) is None
    assert path.read_bytes() == b"before" and os.listdir(tmp_path) == ["alt.xlsx"]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_error_text_says_the_old_file_is_untouched(tmp_path, qapp):
    from hjk_desktop.ui.export_dialog import error_text

    path = tmp_path / "a.xlsx"
    path.write_bytes(b"x")
    text = error_text(ex.ExportError(path, "disk_full", "No space left on device"))
    assert "Det er ikke plass på disken." in text and "ikke endret" in text and str(path) in text


@pytest.mark.parametrize(("locale", "lang", "mark"), [("C.UTF-8", "nb", ","), ("POSIX", "nb", ","), ("nb_NO.UTF-8", "nb", ","),
                                                      ("en_GB.UTF-8", "en", ".")])
def test_export_speaks_the_language_the_locale_gives(package, tmp_path, capsys, monkeypatch, locale, lang, mark):
    """The one language rule (core/language.py): the locale decides the labels, and the decimal mark follows them."""
    monkeypatch.setenv("LANG", locale)
    out = tmp_path / "tab1.csv"
    code, _, err = run(capsys, "--format", "csv", "--exhibit", "tab1", "--out", out, "--no-note")
    assert code == 0, err
    text = out.read_text(encoding="utf-8-sig")
    table = build_table(package, query(package, "tab1"), lang)
    assert table.headers[0] in text.splitlines()[0]
    # the decimal mark follows the language: a comma separator clashes with the Norwegian comma only
    code, _, err = run(capsys, "--format", "csv", "--exhibit", "tab1", "--out", out, "--no-note", "--force", "--separator", "comma")
    assert (code == 0) == (mark == "."), err
    code, _, err = run(capsys, "--format", "csv", "--exhibit", "tab1", "--out", out, "--no-note", "--force", "--language", "nb")
    assert code == 0 and build_table(package, query(package, "tab1"), "nb").headers[0] in out.read_text(encoding="utf-8-sig")
