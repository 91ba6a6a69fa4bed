"""Start the window: check the display, load the package, choose the start, run (or visit everything with --smoke).

Failures a user can meet (no display, a missing Qt library, a bad package, an unknown exhibit) end with
a short message and an exit code, never a traceback.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
import tempfile
import time
import traceback

XCB_HINT = "On Debian/Ubuntu install the library the Qt xcb plugin needs: sudo apt install libxcb-cursor0"
NO_DISPLAY = ("hjk-desktop: no display found (DISPLAY and WAYLAND_DISPLAY are not set). Run it in a desktop session, "
              "use 'xvfb-run hjk-desktop', or set QT_QPA_PLATFORM=offscreen. " + XCB_HINT)
BENCH_MARKER = "HJK_FIRST_PAINT"


def display_problem(environ=None, platform: str | None = None) -> str | None:
    """Why Qt could not open a window here, found before Qt would abort; None when it looks fine."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    qpa = environ.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith("xcb"):
        return None  # offscreen, wayland, vnc … : Qt reports its own problems
    if not environ.get("DISPLAY") and (qpa.startswith("xcb") or not environ.get("WAYLAND_DISPLAY")):
        return NO_DISPLAY
    if (qpa.startswith("xcb") or not environ.get("WAYLAND_DISPLAY")) and ctypes.util.find_library("xcb-cursor") is None:
        return "hjk-desktop: the Qt xcb platform plugin cannot start: libxcb-cursor is missing. " + XCB_HINT
    return None


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def run(args) -> int:
    smoke = bool(getattr(args, "smoke", False))
    if smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        problem = display_problem()
        if problem:
            _say(problem)
            return 1

    from hjk_desktop.core import PackageError, bundled_package_path, load_package

    data = getattr(args, "data", None)
    path = data or bundled_package_path()
    package = error = None
    try:
        package = load_package(path)
    except PackageError as exc:
        error = exc

    try:
        import PySide6  # noqa: F401  (PySide6 before pyqtgraph, so the bindings never mix)

        os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication, QMessageBox
    except ImportError as exc:
        _say(f"hjk-desktop: Qt could not be loaded ({exc}). {XCB_HINT}")
        return 1

    QCoreApplication.setApplicationName("hjk-desktop")
    QCoreApplication.setOrganizationName("hjk")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    platform = QGuiApplication.platformName()
    if not platform:
        _say(f"hjk-desktop: no usable Qt platform plugin. {XCB_HINT}")
        return 1
    from PySide6.QtCore import QSettings

    from hjk_desktop.ui import i18n
    i18n.apply_language(i18n.preferred_language(QSettings()))  # the user's choice, else the system locale
    interactive = platform not in ("offscreen", "minimal") and not smoke

    if error is not None:
        from hjk_desktop.ui.main_window import problems_text

        _say(f"hjk-desktop: the data package at {path} cannot be used ({len(error.problems)} problem(s)):")
        _say(problems_text(error.problems, limit=500))
        if interactive:
            box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("app", "Datapakken kan ikke brukes"),
                              QCoreApplication.translate("app", "Datapakken i %1 har %2 feil.").replace("%1", str(path))
                              .replace("%2", str(len(error.problems))))
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

    if smoke:
        return _smoke(app, package, exhibit, chapter)
    window = MainWindow(package, exhibit=exhibit, chapter=chapter)
    window.show()
    if os.environ.get("HJK_BENCH_STARTUP"):
        _arm_startup_marker(app, window)
    return app.exec()


def _arm_startup_marker(app, window) -> None:
    """For benchmarks/bench_startup.py: print a marker once the window has painted, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        app.processEvents()
        print(f"{BENCH_MARKER} {time.time():.6f}", flush=True)
        window.close()
        app.quit()

    watch = PaintWatch(window)
    window.installEventFilter(watch)


def _smoke(app, package, exhibit, chapter) -> int:
    """Open the window offscreen, select every node of the tree, and check each table against its query."""
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
                    window.chart.drawn_bars()
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
