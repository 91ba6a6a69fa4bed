"""Opening a package in the window: a progress dialog after a moment, and Cancel leaves nothing loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

import hjk_desktop.core.package as package_module
import hjk_desktop.core.package_files as package_files
import hjk_desktop.ui.load_progress as load_progress
from hjk_desktop.core import bundled_package_path
from tests.generated import generator


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    module = generator()
    out = tmp_path_factory.mktemp("gen") / "pkg"
    module.make_package(out, chapters=15, per_chapter=10, items=7, seed=5)
    return out


@pytest.fixture
def often(monkeypatch):
    """Report after every few rows and show the dialog at once, so a small package behaves like a large one."""
    monkeypatch.setattr(package_files, "CHUNK_ROWS", 50)
    monkeypatch.setattr(package_module, "FAST_MIN_CHARS", 0)
    monkeypatch.setattr(load_progress, "MINIMUM_MS", 0)


def _dialog() -> QProgressDialog | None:
    found = [w for w in QApplication.allWidgets() if isinstance(w, QProgressDialog) and w.objectName() == "loadProgress"]
    shown = [w for w in found if w.isVisible()]  # an earlier one may wait for its deleteLater
    return (shown or found or [None])[-1]


def test_a_quick_load_shows_no_dialog_and_returns_the_package(qtbot):
    package = load_progress.load_with_progress(bundled_package_path())
    assert package is not None and "fig7" in package.exhibits.index
    assert _dialog() is None or not _dialog().isVisible()


def test_the_dialog_shows_progress_and_cancel_returns_nothing(qtbot, generated, often, monkeypatch):
    seen = []
    real = load_progress.load_package

    def load_and_press_cancel(path, progress):
        def spy(done, total):  # between two reports, as a user would: press Cancel once the dialog is up
            dialog = _dialog()
            if dialog is not None and dialog.isVisible() and not seen:
                seen.append((dialog.value(), dialog.maximum(), dialog.labelText()))
                qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its only button: Cancel
            return progress(done, total)
        return real(path, progress=spy)

    monkeypatch.setattr(load_progress, "load_package", load_and_press_cancel)
    assert load_progress.load_with_progress(generated) is None
    assert seen and seen[0][1] == load_progress.STEPS and "pkg" in seen[0][2]
    assert 0 <= seen[0][0] < load_progress.STEPS
    monkeypatch.setattr(load_progress, "load_package", real)
    # and the same folder opens in full afterwards
    package = load_progress.load_with_progress(generated)
    assert package is not None and len(package.exhibits) == 150


def test_cancelling_an_open_in_the_window_keeps_the_package_shown(make_window, qtbot, generated, often, monkeypatch):
    window = make_window(exhibit="fig7")
    real = load_progress.load_package

    def cancelled(path, progress):
        def spy(done, total):
            dialog = _dialog()
            if dialog is not None and dialog.isVisible():
                dialog.cancel()  # what Cancel does
            return progress(done, total)
        return real(path, progress=spy)

    monkeypatch.setattr(load_progress, "load_package", cancelled)
    assert window.open_package(str(generated)) is False
    assert window.package.exhibits.index.tolist()[-1] == "fig8" and window.selection.state.exhibit == "fig7"
    assert "avbrutt" in window.statusBar().currentMessage()
    monkeypatch.setattr(load_progress, "load_package", real)
    assert window.open_package(str(generated)) is True and len(window.package.exhibits) == 150
