"""The progress of a long export (Fil → Eksporter alt…): a dialog modal to the window, shown only when the export
takes longer than a moment, with Avbryt.

``ExportProgress`` is the ``progress(done, total)`` callback the core's export takes: it moves the bar, lets Qt
handle events (so Avbryt can be pressed while the export runs in this thread) and answers False once Avbryt was
pressed, which makes the core stop and remove what it had written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

MINIMUM_DURATION_MS = 300  # an export quicker than this shows no dialog at all


class ExportProgress:
    """A QProgressDialog driven by the export's progress calls. Use as a context manager; it closes at the end."""

    def __init__(self, parent: QWidget | None, label: str | None = None) -> None:
        self.dialog = QProgressDialog(
            label or QCoreApplication.translate("ExportProgress", "Eksporterer alle figurer og tabeller …"),
            QCoreApplication.translate("ExportProgress", "Avbryt"), 0, 0, parent)
        self.dialog.setObjectName("exportProgress")
        self.dialog.setWindowTitle(QCoreApplication.translate("ExportProgress", "Eksporter alt"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumWidth(360)
        self.dialog.setMinimumDuration(MINIMUM_DURATION_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)  # starts the clock of the minimum duration

    def __call__(self, done: int, total: int) -> bool:
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total))
        QCoreApplication.processEvents()  # Avbryt is heard even before the dialog shows
        return not self.dialog.wasCanceled()

    @property
    def cancelled(self) -> bool:
        return self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def __enter__(self) -> ExportProgress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
