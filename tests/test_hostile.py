"""Hostile packages at the edges the fuzz test does not reach: the validate command, the window and the About dialog.

Each loader finding of issue 12 is a recipe in tests/fuzz_corpus/ (replayed by tests/core/test_fuzz_packages.py);
here the same packages go through the command line and the window.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hjk_desktop.core import PackageError, load_package
from hjk_desktop.core.package_files import is_web_link
from tests.core import mutants
from tests.core import test_fuzz_packages as fuzz

REPO = Path(__file__).resolve().parents[1]
CORPUS = {name: (recipe, expect) for name, recipe, expect in mutants.corpus()}


def _mutant(tmp_path: Path, name: str) -> Path:
    base = tmp_path / "base"
    mutants.copy_package(base)
    folder = tmp_path / "m" / "pkg"
    mutants.copy_package(folder, base)
    mutants.apply(CORPUS[name][0], folder, tmp_path / "m" / "outside")
    return folder


def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "hjk_desktop", *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=180)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["symlink-to-itself", "json-1000-deep", "csv-integer-5000-digits", "nul-in-path",
                                  "path-300-chars", "descriptor-symlink-outside", "no-exhibits", "integer-beyond-int64"])
def test_validate_reports_hostile_packages_without_a_traceback(tmp_path, name):
    done = _cli("validate", str(_mutant(tmp_path, name)))
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"[{CORPUS[name][1]}]" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_control_character_is_placed_by_file_line_and_column(tmp_path):
    folder = _mutant(tmp_path, "control-character-in-label")
    with pytest.raises(PackageError) as info:
        load_package(folder)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.column, problem.rule) == ("segments.csv", 2, "label_nb", "control-character")
    assert "U+0001" in problem.message


def test_tab_and_newline_are_ordinary_text(tmp_path):
    folder = _mutant(tmp_path, "bom-and-crlf")
    path = folder / "segments.csv"
    text = path.read_text(encoding="utf-8-sig").replace("Alle,", '"Alle\tog\nalle",', 1)
    path.unlink()
    path.write_text(text, encoding="utf-8")
    assert load_package(folder).label("segments", "alle") == "Alle\tog\nalle"


@pytest.mark.parametrize("link, ok", [
    ("https://www.fafo.no/x", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/a?b=c", True),
    ("file:///etc/passwd", False), ("javascript:alert(1)", False), ("ftp://example.org", False), ("https://", False),
    ("//example.org", False), ("https://exa mple.org", False), ("https://example.org/\x01", False), ("", False),
    (None, False), (["https://example.org"], False),
])
def test_only_http_and_https_addresses_are_links(link, ok):
    assert is_web_link(link) is ok


def test_an_extra_resource_is_tolerated(package_copy_any):
    import json

    meta = json.loads((package_copy_any / "datapackage.json").read_text(encoding="utf-8"))
    meta["resources"].append({"name": "notes-of-my-own", "path": "datapackage.json", "format": "json"})
    (package_copy_any / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    package = load_package(package_copy_any)
    assert package.resource_path("notes-of-my-own") == (package_copy_any / "datapackage.json").resolve()


@pytest.fixture
def package_copy_any(tmp_path) -> Path:
    folder = tmp_path / "pkg"
    mutants.copy_package(folder)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("name", ["formula-and-html-labels", "bom-and-crlf"])
def test_hostile_but_valid_packages_pass_the_smoke_run(tmp_path, name):
    done = _cli("--smoke", "--data", str(_mutant(tmp_path, name)))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1].startswith("smoke: OK")


# ---------------------------------------------------------------------------------------------
# the About dialog


def _with_meta(package, **meta):
    return dataclasses.replace(package, meta={**package.meta, **meta}, _by_exhibit={})


def test_about_dialog_shows_no_foreign_link_and_no_markup(qtbot, package):
    from hjk_desktop.ui.about_dialog import AboutDialog

    hostile = _with_meta(package, homepage="file:///etc/passwd", citation='<b>fet</b><img src="x"><a href="file:///x">y</a>')
    dialog = AboutDialog(hostile)
    qtbot.addWidget(dialog)
    text = dialog.label.text()
    assert "file:///etc/passwd" not in text and 'href="file' not in text
    assert "<b>fet</b>" not in text and "&lt;b&gt;fet&lt;/b&gt;" in text and "<img" not in text


def test_about_dialog_keeps_an_https_homepage(qtbot, package):
    from hjk_desktop.ui.about_dialog import AboutDialog

    page = "https://example.org/report?a=1&b=2"
    dialog = AboutDialog(_with_meta(package, homepage=page))
    qtbot.addWidget(dialog)
    assert 'href="https://example.org/report?a=1&amp;b=2"' in dialog.label.text()


def test_about_dialog_opens_only_web_links(monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from hjk_desktop.ui import about_dialog

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    assert about_dialog.open_web_link("file:///etc/passwd") is False
    assert about_dialog.open_web_link("javascript:alert(1)") is False
    assert about_dialog.open_web_link("https://example.org/") is True
    assert opened == ["https://example.org/"]


@pytest.mark.slow
def test_a_handful_of_loadable_mutants_pass_the_window_smoke_run(qapp, tmp_path, capsys):
    """Window level: the --smoke run, in this process, on the first few fuzz mutants that load."""
    from hjk_desktop.ui.app import smoke_run

    base = tmp_path / "base"
    mutants.copy_package(base)
    smoked = 0
    for seed in range(fuzz.FIRST_SEED, fuzz.FIRST_SEED + 200):
        package, _problems, unexpected = mutants.load_mutant(mutants.recipe(seed), tmp_path / "m", base)
        assert unexpected is None, fuzz._describe(seed, unexpected)
        if package is None:
            continue
        assert smoke_run(qapp, package) == 0, fuzz._describe(seed, "loaded but failed the smoke run:\n" + capsys.readouterr().err[-2000:])
        smoked += 1
        if smoked == 4:
            break
    assert smoked == 4
