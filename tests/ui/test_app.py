"""The program as started from a shell: --smoke, a bad package, an unknown exhibit, no display."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hjk_desktop.ui.app import NO_DISPLAY, display_problem


def _run(*args, env_extra=None, timeout=120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "hjk_desktop", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


@pytest.mark.slow
def test_smoke_visits_everything_and_exits_zero(package):
    done = _run("--smoke")
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip().splitlines()[-1]
    assert line.startswith("smoke: OK")
    assert f"{len(package.chapters)} chapters and {len(package.exhibits)} exhibits" in line


@pytest.mark.slow
def test_bad_package_exits_one_with_the_problems(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "datapackage.json").write_text('{"resources": []}', encoding="utf-8")
    done = _run("--data", str(bad))
    assert done.returncode == 1
    assert "cannot be used" in done.stderr and "resource-missing" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_unknown_exhibit_or_chapter_exits_two_with_one_line():
    done = _run("--exhibit", "fig99")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "fig99" in done.stderr
    done = _run("--chapter", "42")
    assert done.returncode == 2 and "42" in done.stderr


@pytest.mark.slow
def test_no_display_gives_a_hint_instead_of_a_qt_abort():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "hjk_desktop"], capture_output=True, text=True, env=env, timeout=60)
    if not sys.platform.startswith("linux"):
        pytest.skip("the check is for Linux")
    assert done.returncode == 1
    assert "libxcb-cursor0" in done.stderr and "Traceback" not in done.stderr


def test_display_problem_rules():
    assert display_problem({}, "linux") == NO_DISPLAY
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux") == NO_DISPLAY
    assert display_problem({}, "win32") is None
    assert display_problem({}, "darwin") is None
