"""Opening a data package with a progress dialog that can be cancelled.

A large package takes a second or more to read and validate; after MINIMUM_MS a modal progress dialog shows how
far loading has come, and Cancel stops it. Loading runs in the GUI thread and keeps the window painting through
the loader's progress callback, so there is no second thread and nothing half-loaded: a cancelled load raises
inside the loader, which drops everything it read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from hjk_desktop.core.package import LoadCancelled, Package, load_package

MINIMUM_MS = 300  # shorter loads show no dialog at all
STEPS = 1000  # the dialog's range: progress is shown in thousandths


def load_with_progress(path: str | Path, parent: QWidget | None = None) -> Package | None:
    """The package at path, or None when the user cancelled. A bad package raises PackageError as load_package does."""
    dialog = QProgressDialog(QCoreApplication.translate("LoadProgress", "Åpner datapakken %1 …").replace("%1", Path(path).name),
                             QCoreApplication.translate("LoadProgress", "Avbryt"), 0, STEPS, parent)
    dialog.setObjectName("loadProgress")
    dialog.setWindowTitle(QCoreApplication.translate("LoadProgress", "Åpner datapakke"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(MINIMUM_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    clock = QElapsedTimer()
    clock.start()
    last = [-1]

    def progress(done: int, total: int) -> bool:
        # QProgressDialog shows itself once MINIMUM_MS have passed and setValue is called; keep the events flowing
        step = STEPS * done // total if total > 0 else 0
        if step != last[0]:
            last[0] = step
            dialog.setValue(min(step, STEPS - 1))
        if clock.elapsed() >= MINIMUM_MS // 3:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return not dialog.wasCanceled()

    try:
        return load_package(path, progress=progress)
    except LoadCancelled:
        return None
    finally:
        dialog.close()
        dialog.deleteLater()
