"""Start the window: check the display, load the package, choose the start, run (or visit everything with --smoke).

Failures a user can meet (no display, a missing Qt library, a bad package, an unknown exhibit) end with
a short message and an exit code, never a traceback.
"""

from __future__ import annotations

import ctypes
import gc
import os
import re
import signal
import sys
import time

XCB_HINT = "On Debian/Ubuntu install the library the Qt xcb plugin needs: sudo apt install libxcb-cursor0"
NO_DISPLAY = ("hjk-desktop: no display found (DISPLAY and WAYLAND_DISPLAY are not set). Run it in a desktop session, "
              "use 'xvfb-run hjk-desktop', or set QT_QPA_PLATFORM=offscreen. " + XCB_HINT)
BENCH_MARKER = "HJK_FIRST_PAINT"
# for tests/ui/test_app.py only: once the window has painted, close it by one route (menu, shortcut, close,
# destroy) so that each route's exit status and stderr can be checked in a real process
TEST_CLOSE = "HJK_TEST_CLOSE"
CLOSE_ROUTES = ("menu", "shortcut", "close", "destroy")
# exit status when the app is ended by a signal: SIGTERM is an ordinary request to stop, Ctrl+C the
# shell convention 128 + SIGINT
SIGNAL_EXIT = {signal.SIGTERM: 0, signal.SIGINT: 130}
_XCB_ERRORS = {1: "no X server answers there", 2: "an X extension is missing", 3: "out of memory",
               5: "DISPLAY cannot be parsed, or authorisation failed", 6: "no such screen"}
_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")


def unreachable_display(display: str, timeout: float = 3.0) -> str | None:
    """Why the X server named by ``display`` cannot be reached, or None when a connection opens.

    Qt's xcb plugin aborts the process (exit 134) when it cannot connect, so this asks first: through
    libxcb when present (it also checks authorisation), else by opening the server's socket.
    """
    m = _DISPLAY.match(display)
    if m and m.group("host") not in ("", "unix"):
        far = _socket_problem(display, timeout)  # libxcb has no timeout for a host that does not answer
        if far:
            return far
    xcb = _load("libxcb.so.1") or _load(_find_library("xcb"))  # the usual name first: no ldconfig run
    if xcb is not None:
        try:
            xcb.xcb_connect.restype = ctypes.c_void_p
            xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
            xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
            xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
            connection = xcb.xcb_connect(display.encode(), None)
            try:
                failed = xcb.xcb_connection_has_error(connection)
            finally:
                xcb.xcb_disconnect(connection)
            return _XCB_ERRORS.get(failed, f"libxcb error {failed}") if failed else None
        except (OSError, AttributeError):
            pass  # an odd libxcb: fall back to the socket
    return _socket_problem(display, timeout)


def _has_library(soname: str, name: str) -> bool:
    """Whether a shared library can be loaded: by its usual file name first (Qt loads it anyway), and only then
    through ctypes.util.find_library, which runs ldconfig (2–4 ms a start)."""
    return _load(soname) is not None or _find_library(name) is not None


def _find_library(name: str) -> str | None:
    import ctypes.util  # with subprocess and tempfile: only when the usual file name is not there

    return ctypes.util.find_library(name)


def _load(name: str | None):
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def _socket_problem(display: str, timeout: float) -> str | None:
    import socket  # only without libxcb

    if display.startswith("/"):  # macOS launchd socket path
        return None
    m = _DISPLAY.match(display)
    if not m:
        return "not of the form [host]:number"
    host, number = m.group("host"), int(m.group("number"))
    try:
        if host in ("", "unix"):
            path = f"/tmp/.X11-unix/X{number}"
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(timeout)
                try:
                    sock.connect("\0" + path)  # Linux X servers also listen on the abstract name
                except OSError:
                    sock.connect(path)
        else:
            with socket.create_connection((host, 6000 + number), timeout=timeout):
                pass
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def display_problem(environ=None, platform: str | None = None) -> str | None:
    """Why Qt could not open a window here, found before Qt would abort; None when it looks fine."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    qpa = environ.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith("xcb"):
        return None  # offscreen, wayland, vnc … : Qt reports its own problems
    uses_x = qpa.startswith("xcb") or not environ.get("WAYLAND_DISPLAY")
    if not environ.get("DISPLAY") and uses_x:
        return NO_DISPLAY
    if uses_x:
        why = unreachable_display(environ["DISPLAY"])
        if why:
            return (f"hjk-desktop: cannot connect to the X display {environ['DISPLAY']!r} ({why}). Check that the "
                    "X server is running and DISPLAY names it, use 'xvfb-run hjk-desktop', or set QT_QPA_PLATFORM=offscreen.")
    if (qpa.startswith("xcb") or not environ.get("WAYLAND_DISPLAY")) and not _has_library("libxcb-cursor.so.0", "xcb-cursor"):
        return "hjk-desktop: the Qt xcb platform plugin cannot start: libxcb-cursor is missing. " + XCB_HINT
    return None


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _stop_on_signals() -> dict:
    """SIGINT and SIGTERM end the app cleanly: windows close (saving their settings), then the loop quits.

    The handler only notes the signal; the timer from ``_keep_python_awake`` acts on it at a safe point
    of the event loop (and gives Python the chance to run the handler at all while Qt's C++ loop runs).
    """
    state: dict = {}

    def handler(signum, _frame) -> None:
        state["exit"] = SIGNAL_EXIT.get(signum, 0)

    for signum in SIGNAL_EXIT:
        signal.signal(signum, handler)
    return state


def _keep_python_awake(app, state: dict):
    from PySide6.QtCore import QTimer

    def tick() -> None:
        if "exit" in state:
            app.closeAllWindows()
            app.quit()

    timer = QTimer(app)
    timer.setInterval(200)
    timer.timeout.connect(tick)
    timer.start()
    return timer


class _CollectorPause:
    """Starting makes a great many objects and next to no garbage (a few hundred objects), yet the cyclic collector
    walks them again and again: some 40 ms of a half-second start (docs/bench-startup.md). It waits until the window
    has first painted. The modules and the package, which live as long as the app, are frozen out of its passes
    (run does that); the window's objects are not, as a view may drop them."""

    def __init__(self) -> None:
        self.active = gc.isenabled()
        if self.active:
            gc.disable()

    def end(self) -> None:
        if self.active:
            self.active = False
            gc.enable()


def run(args) -> int:
    pause = _CollectorPause()
    try:
        return _run(args, pause)
    finally:
        pause.end()  # on every way out, also before the first paint


def _run(args, pause: _CollectorPause) -> int:
    smoke = bool(getattr(args, "smoke", False))
    stopped = {}
    if smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        problem = display_problem()
        if problem:
            _say(problem)
            return 1
        stopped = _stop_on_signals()

    # the core (and pandas with it) before Qt: PySide6 reads the source of each module imported after it, looking
    # for its feature switches, and pandas has hundreds
    from hjk_desktop.core import PackageError, bundled_package_path, load_package

    try:
        import PySide6  # noqa: F401  (PySide6 before pyqtgraph, so the bindings never mix)

        from hjk_desktop.ui.pyside_check import quicken

        quicken()  # before the modules imported from here on, each of which PySide6 reads
        os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
        from PySide6.QtCore import QCoreApplication, Qt, QTimer
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication, QMessageBox
    except ImportError as exc:
        _say(f"hjk-desktop: Qt could not be loaded ({exc}). {XCB_HINT}")
        return 1

    QCoreApplication.setApplicationName("hjk-desktop")
    QCoreApplication.setOrganizationName("hjk")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    timer = _keep_python_awake(app, stopped) if not smoke else None
    platform = QGuiApplication.platformName()
    if not platform:
        _say(f"hjk-desktop: no usable Qt platform plugin. {XCB_HINT}")
        return 1
    from PySide6.QtCore import QSettings

    from hjk_desktop.ui import i18n
    i18n.apply_language(i18n.preferred_language(QSettings()))  # the user's choice, else the system locale
    interactive = platform not in ("offscreen", "minimal") and not smoke

    data = getattr(args, "data", None)
    path = data or bundled_package_path()
    package = error = None
    try:
        if data and not smoke:  # another package may be large: progress after 300 ms, and Cancel
            from hjk_desktop.ui.load_progress import load_with_progress

            package = load_with_progress(path)
            if package is None:
                return 0  # the user cancelled opening: nothing to show, and not an error
        else:
            package = load_package(path)
    except PackageError as exc:
        error = exc

    if error is not None:
        pause.end()
        from hjk_desktop.ui.main_window import problems_text

        _say(f"hjk-desktop: the data package at {path} cannot be used ({len(error.problems)} problem(s)):")
        _say(problems_text(error.problems, limit=500))
        if interactive:
            box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "Datapakken kan ikke brukes"),
                              QCoreApplication.translate("app", "Datapakken i %1 har %2 feil.").replace("%1", str(path))
                              .replace("%2", str(len(error.problems))))
            box.setTextFormat(Qt.TextFormat.PlainText)  # problems quote the package's own (untrusted) text
            box.setInformativeText(problems_text(error.problems, limit=8))
            box.setDetailedText(problems_text(error.problems, limit=500))
            box.exec()
        return 1

    exhibit = getattr(args, "exhibit", None)
    chapter = getattr(args, "chapter", None)
    if exhibit and exhibit not in package.exhibits.index:
        _say(f"hjk-desktop: unknown exhibit {exhibit!r}; known: {', '.join(package.exhibit_ids())}")
        return 2
    if chapter is not None and int(chapter) not in package.chapters.index:
        _say(f"hjk-desktop: unknown chapter {chapter}; known: {', '.join(str(int(n)) for n in package.chapters.index)}")
        return 2

    from hjk_desktop.ui.main_window import MainWindow

    # the package and the modules now imported live as long as the app: out of the collector's full passes, which
    # otherwise walk a large package's objects (75–100 ms each time with 5,000 exhibits)
    gc.freeze()
    if smoke:
        pause.end()
        return smoke_run(app, package, exhibit, chapter)
    window = MainWindow(package, exhibit=exhibit, chapter=chapter)
    app.setQuitOnLastWindowClosed(True)
    # some window managers and session shutdowns destroy the window without closing it: the app ends with it
    window.destroyed.connect(app.quit)
    window.show()
    _after_first_paint(window, pause.end)
    QTimer.singleShot(3000, pause.end)  # should the window not paint (hidden at once), the collector resumes anyway
    if os.environ.get("HJK_BENCH_STARTUP"):
        _arm_startup_marker(app, window)
    elif os.environ.get(TEST_CLOSE) in CLOSE_ROUTES:
        _after_first_paint(window, lambda: _close_by(window, os.environ[TEST_CLOSE]))
    status = app.exec() if "exit" not in stopped else 0
    timer.stop()
    if "exit" in stopped:
        if shiboken_alive(window):
            window.close()
        return stopped["exit"]
    return status


def shiboken_alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def _after_first_paint(window, then) -> None:
    """Call ``then`` once, from the event loop, just after the window's first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                obj.removeEventFilter(self)  # once is enough: no Python call for each later event of the window
                QTimer.singleShot(0, then)
            return False

    window.installEventFilter(PaintWatch(window))


def _close_by(window, route: str) -> None:
    """End the window as a user or the desktop would: File → Quit, Ctrl+Q, the window manager, or destruction."""
    from PySide6.QtCore import Qt

    if route == "menu":
        window.actions["quit"].trigger()
    elif route == "shortcut":
        from PySide6.QtTest import QTest

        window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    elif route == "close":
        window.close()  # what a window manager's close button sends: a close event
    else:
        window.deleteLater()  # destroyed from outside, without a close event


def _arm_startup_marker(app, window) -> None:
    """For benchmarks/bench_startup.py: print a marker once the window has painted, then quit."""
    def report() -> None:
        app.processEvents()
        print(f"{BENCH_MARKER} {time.time():.6f} {window.width()}x{window.height()}", flush=True)
        window.close()
        app.quit()

    _after_first_paint(window, report)


def smoke_run(app, package, exhibit=None, chapter=None) -> int:
    """Open the window offscreen, select every node of the tree, and check each table against its query."""
    import tempfile
    import traceback

    from PySide6.QtCore import QSettings

    from hjk_desktop.core.query import query
    from hjk_desktop.ui.chapter_tree import NODE_ROLE
    from hjk_desktop.ui.main_window import MainWindow

    errors: list[str] = []
    previous_hook = sys.excepthook

    def hook(kind, value, tb):  # exceptions raised inside Qt slots land here
        errors.append("".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = hook
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = QSettings(os.path.join(tmp, "smoke.ini"), QSettings.Format.IniFormat)
            window = MainWindow(package, settings=settings, exhibit=exhibit, chapter=chapter)
            window.show()
            app.processEvents()
            exhibits = chapters = rows = 0
            for item in window.tree.node_items():
                window.tree.setCurrentItem(item)
                app.processEvents()
                kind, key = item.data(0, NODE_ROLE)
                state = window.selection.state
                if kind == "exhibit":
                    exhibits += 1
                    if state.exhibit != key:
                        errors.append(f"{key}: the tree did not select it")
                        continue
                    expected = len(query(package, key, state.segments, state.rounds, state.populations).rows)
                    shown = window.table.model().rowCount()
                    if shown != expected:
                        errors.append(f"{key}: table has {shown} rows, the query {expected}")
                    window.chart.description()  # reads back what the chart drew
                    rows += shown
                else:
                    chapters += 1
                    if state.exhibit or state.chapter != key:
                        errors.append(f"chapter {key}: the tree did not select it")
            window.close()
            app.processEvents()
    except Exception:  # noqa: BLE001 - the smoke run reports, it never crashes
        errors.append(traceback.format_exc())
    finally:
        sys.excepthook = previous_hook
    elapsed = time.perf_counter() - started
    if errors:
        for err in errors:
            _say(err)
        print(f"smoke: FAILED with {len(errors)} error(s)")
        return 1
    print(f"smoke: OK, {chapters} chapters and {exhibits} exhibits visited, {rows} table rows checked, {elapsed:.2f} s")
    return 0
