"""The program as started from a shell: --smoke, a bad package, an unknown exhibit, no display."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hjk_desktop.ui import app as app_module
from hjk_desktop.ui.app import NO_DISPLAY, SIGNAL_EXIT, display_problem


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
    assert display_problem({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":99"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux") == NO_DISPLAY
    assert display_problem({}, "win32") is None
    assert display_problem({}, "darwin") is None


def _x_env(display: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPLAY"] = display
    return env


@pytest.mark.slow
def test_unreachable_display_exits_one_with_one_line_before_qt_aborts():
    if not sys.platform.startswith("linux"):
        pytest.skip("the check is for Linux")
    if Path("/tmp/.X11-unix/X99").exists():
        pytest.skip("something listens on :99 here")
    done = subprocess.run([sys.executable, "-m", "hjk_desktop"], capture_output=True, text=True, env=_x_env(":99"),
                          timeout=60)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "':99'" in lines[0] and "cannot connect" in lines[0], done.stderr


def test_display_problem_names_an_unreachable_display(monkeypatch):
    monkeypatch.setattr(app_module, "unreachable_display", lambda display: "no X server answers there")
    message = display_problem({"DISPLAY": ":7"}, "linux")
    assert message and "':7'" in message and "no X server answers there" in message


def test_display_problem_names_a_missing_xcb_library(monkeypatch):
    monkeypatch.setattr(app_module, "unreachable_display", lambda display: None)
    monkeypatch.setattr(app_module, "_find_library", lambda name: None)
    monkeypatch.setattr(app_module, "_load", lambda name: None)  # neither by its usual name nor through ldconfig
    message = display_problem({"DISPLAY": ":0"}, "linux")
    assert message and "libxcb-cursor" in message


def test_socket_check_refuses_a_display_nobody_serves(tmp_path):
    # a TCP port nothing listens on: display number 99 is port 6099
    assert app_module._socket_problem("127.0.0.1:99", timeout=2.0) is not None
    assert app_module._socket_problem("not a display", timeout=2.0) is not None


def _handler_installed(pid: int) -> bool:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_ends_the_app_cleanly(signum):
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to see when the handler is installed")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "hjk_desktop"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _handler_installed(proc.pid):  # from here on, a signal is the app's to handle
            assert proc.poll() is None and time.monotonic() < deadline, "the app never installed its handler"
            time.sleep(0.05)
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == SIGNAL_EXIT[signum], err
    assert "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize("route", app_module.CLOSE_ROUTES)
def test_every_way_of_closing_ends_the_process_cleanly(route, tmp_path):
    """File → Avslutt, Ctrl+Q, the window manager's close and the window destroyed from outside: exit 0, stderr empty."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path))
    env[app_module.TEST_CLOSE] = route
    done = subprocess.run([sys.executable, "-m", "hjk_desktop"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.slow
def test_sigterm_ends_the_process_with_nothing_on_stderr(tmp_path):
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to see when the handler is installed")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "hjk_desktop"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _handler_installed(proc.pid):
            assert proc.poll() is None and time.monotonic() < deadline, "the app never installed its handler"
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and err == ""
