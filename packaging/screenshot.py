"""Save a screenshot of the window for the README: fig7 with both groups of representatives, 1280×800.

Usage: python packaging/screenshot.py docs/screenshot.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    out = Path(argv[0])
    app = QApplication.instance() or QApplication([])
    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.query import availability
    from hjk_desktop.ui.main_window import MainWindow

    package = load_package(bundled_package_path())
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(os.path.join(tmp, "screenshot.ini"), QSettings.Format.IniFormat)
        window = MainWindow(package, settings=settings, exhibit="fig7")
        window.selection.update(populations=availability(package, "fig7").populations)
        window.resize(1280, 800)
        window.show()
        for _ in range(5):
            app.processEvents()
        image = window.grab().toImage()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out)):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        print(f"{out}: {image.width()}×{image.height()}, populations {', '.join(window.selection.state.populations)}")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
