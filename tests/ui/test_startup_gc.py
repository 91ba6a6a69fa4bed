"""The cyclic collector waits during the start and is back on however the start ends."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from hjk_desktop.ui.app import _CollectorPause


@pytest.fixture()
def collector_state():
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_pause_stops_the_collector_and_ends_once(collector_state):
    gc.enable()
    pause = _CollectorPause()
    assert not gc.isenabled()
    pause.end()
    assert gc.isenabled()
    gc.disable()
    pause.end()  # a second end changes nothing
    assert not gc.isenabled()


def test_a_collector_already_off_stays_off(collector_state):
    gc.disable()
    _CollectorPause().end()
    assert not gc.isenabled()


_AFTER_RUN = """
import gc, sys
from hjk_desktop.cli import main
status = main(sys.argv[1:])
print("STATUS", status, "GC", gc.isenabled())
"""


def _run(tmp_path, *args: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _AFTER_RUN, *args], capture_output=True, text=True, env=env, timeout=120)
    return done.stdout.strip().splitlines()[-1]


def test_the_collector_is_on_after_a_start_that_ends_early(tmp_path):
    assert _run(tmp_path, "--exhibit", "no-such-exhibit") == "STATUS 2 GC True"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "datapackage.json").write_text('{"resources": []}', encoding="utf-8")
    assert _run(tmp_path, "--data", str(bad)) == "STATUS 1 GC True"


_DURING_RUN = """
import gc, sys
import hjk_desktop.core.package  # pandas before Qt, as the app imports them
from PySide6.QtCore import QEvent, QObject, QTimer
import hjk_desktop.ui.main_window as main_window
from hjk_desktop.cli import main

seen = {}


class Watch(QObject):
    def eventFilter(self, window, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = gc.isenabled()
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: look(window)))  # two turns of the loop later
        return False


def look(window):
    seen["after"] = gc.isenabled()
    window.close()


show = main_window.MainWindow.show


def watched_show(self):
    show(self)
    self.installEventFilter(Watch(self))


main_window.MainWindow.show = watched_show
status = main([])
print("STATUS", status, "PAINTING", seen.get("painted"), "AFTER", seen.get("after"), "END", gc.isenabled())
"""


def test_the_collector_is_on_once_the_window_has_painted(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _DURING_RUN], capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "STATUS 0 PAINTING False AFTER True END True", done.stderr


def test_the_command_line_does_not_load_pandas_until_it_needs_it():
    """core's names are looked up on first use, so the parser (which reads core.codes) starts without pandas."""
    code = "import sys, hjk_desktop.cli; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
    code = "from hjk_desktop.core import Package, load_package, codes; print(Package.__name__, codes.NB)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "Package nb", done.stderr
