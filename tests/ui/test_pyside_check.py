"""The quicker PySide6 module check gives PySide6's own answer for every module, and the app's start uses it."""

from __future__ import annotations

import os
import subprocess
import sys
import types

import PySide6  # noqa: F401  (the check belongs to PySide6's import hook)
import pytest

from hjk_desktop.ui import main_window, pyside_check


@pytest.fixture(scope="module")
def checks():
    assert pyside_check.quicken()
    quick = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    return quick, quick.original


def test_the_same_answer_as_pyside6_for_every_loaded_module(checks):
    quick, original = checks
    modules = [m for m in list(sys.modules.values()) if isinstance(getattr(m, "__file__", None), str)]
    answers = {m.__name__: (quick(m), original(m)) for m in modules}
    differ = {name: pair for name, pair in answers.items() if pair[0] != pair[1]}
    assert not differ
    # both answers occur: the app's widgets use PySide6, pandas does not
    assert answers[main_window.__name__] == (True, True)
    assert answers["pandas"] == (False, False)
    assert len(answers) > 500


def test_a_word_in_a_comment_counts_as_pyside6_does(checks, tmp_path):
    quick, original = checks
    path = tmp_path / "uses_it.py"
    path.write_text("# é: a file that only names PySide6 in a comment\nx = 1\n", encoding="utf-8")
    module = types.ModuleType("uses_it")
    module.__file__ = str(path)
    assert quick(module) is True
    assert original(module) is True


def test_modules_without_a_readable_source_get_pyside6s_own_check(checks, tmp_path):
    quick, _original = checks
    assert quick(sys) is False  # built in: no file at all
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # never written
    assert quick(gone) is False


def test_quicken_twice_wraps_once(checks):
    quick, _original = checks
    assert pyside_check.quicken()
    assert sys.modules["shibokensupport.feature"]._mod_uses_pyside is quick


def test_without_pyside6s_function_nothing_changes(monkeypatch):
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", types.ModuleType("shibokensupport.feature"))
    assert pyside_check.quicken() is False


_AFTER_START = """
import sys
from hjk_desktop.cli import main
status = main(["--exhibit", "no-such-exhibit"])
check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
print("STATUS", status, "QUICK", getattr(check, "quickened", False))
"""


def test_the_app_start_puts_the_quicker_check_in(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _AFTER_START], capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "STATUS 2 QUICK True"
