"""What every widget's preview runner shares: `--en`, `--grab FILE.png`, and showing the widget alone."""

from __future__ import annotations

import sys

from hjk_desktop.core.codes import EN, NB


def preview_options(argv: list[str] | None = None) -> tuple[list[str], str, str]:
    """(remaining arguments, language, PNG path or "") from argv (default: sys.argv[1:])."""
    args = list(sys.argv[1:] if argv is None else argv)
    grab = ""
    if "--grab" in args:
        i = args.index("--grab")
        grab = args[i + 1] if i + 1 < len(args) else "preview.png"
        del args[i:i + 2]
    lang = EN if "--en" in args else NB
    return [a for a in args if a != "--en"], lang, grab


def application():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def show_alone(widget, grab: str = "") -> int:
    """Show the widget; with a grab path, save a PNG of it and return at once instead of running the event loop."""
    app = application()
    widget.show()
    if grab:
        app.processEvents()
        widget.grab().save(grab)
        return 0
    return app.exec()
