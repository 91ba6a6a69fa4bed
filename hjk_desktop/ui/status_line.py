"""The status bar's summary: what is shown and how many of its values are stated, approximate, derived or missing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel

from hjk_desktop.core.codes import Status, exhibit_name
from hjk_desktop.core.results import Results


def status_text(results: Results) -> str:
    """The summary line (texts keep the "MainWindow" context they had before, so the catalogue still applies)."""
    state, package, result = results.state, results.package, results.result
    if not state.exhibit:
        if state.chapter is None:
            return ""
        title = package.chapter(state.chapter)[f"title_{state.language}"]
        count = len(package.exhibits_in(state.chapter))
        return (QCoreApplication.translate("MainWindow", "Kapitteloversikt: %1 – %2 figurer og tabeller")
                .replace("%1", str(title)).replace("%2", str(count)))
    counts = result.counts() if result is not None else {}
    ex = package.exhibit(state.exhibit)
    name = exhibit_name(ex["kind"], ex["number"], state.language)
    columns = len(result.series) if result is not None else 0
    rows = len(result.frame) if result is not None else 0
    parts = [
        QCoreApplication.translate("MainWindow", "Viser %1: %2 rader × %3 kolonner")
        .replace("%1", name).replace("%2", str(rows)).replace("%3", str(columns)),
        QCoreApplication.translate("MainWindow", "%1 oppgitt").replace("%1", str(counts.get(Status.STATED, 0))),
        QCoreApplication.translate("MainWindow", "%1 omtrentlige (≈)").replace("%1", str(counts.get(Status.APPROX, 0))),
        QCoreApplication.translate("MainWindow", "%1 beregnet").replace("%1", str(counts.get(Status.DERIVED, 0))),
        QCoreApplication.translate("MainWindow", "%1 mangler (–)").replace("%1", str(counts.get(Status.MISSING, 0))),
    ]
    return "   ·   ".join(parts)


class StatusLine(QLabel):
    """A plain-text label that follows a Results (package titles are never read as rich text)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("statusSummary")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._results: Results | None = None
        self.retranslate()

    def on_results(self, results: Results, changed: frozenset[str]) -> None:
        self._results = results
        if changed - {"focus", "footnote", "decimal"} or not self.text():
            self.setText(status_text(results))

    def retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("MainWindow", "Statuslinje"))
        if self._results is not None:
            self.setText(status_text(self._results))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
