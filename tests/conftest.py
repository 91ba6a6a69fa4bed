"""Fixtures shared by all tests: the bundled package, and an explorer window with its own settings file.

Qt is imported inside the fixtures only, so tests that never ask for a window stay Qt-free.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


@pytest.fixture(scope="session")
def package():
    from hjk_desktop.core import bundled_package_path, load_package

    return load_package(bundled_package_path())


@pytest.fixture
def settings_file(tmp_path):
    """Where the window's QSettings live for one test; nothing touches the user's own settings."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "user-settings"))
    return tmp_path / "hjk-desktop.ini"


@pytest.fixture
def make_window(qtbot, package, settings_file):
    """Open a MainWindow on an isolated settings file; several calls share the file (for round trips)."""
    from PySide6.QtCore import QSettings

    from hjk_desktop.ui.main_window import MainWindow

    def make(pkg=None, **kwargs):
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = MainWindow(pkg or package, settings=settings, **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()
