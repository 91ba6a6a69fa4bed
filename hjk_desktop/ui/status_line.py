"""The status bar's summary: what is shown and how many of its values are stated, approximate, derived or missing.

Counts go through Qt's %n translations (``self.tr(text, "", n)``, the form lupdate marks as numerus): the plural
form comes from the nb catalogue in bokmål ("1 kolonne", "2 kolonner") and from the en one in English, so a
count reads right for 0, 1 and 2 in both languages.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel

from hjk_desktop.core.codes import Status, exhibit_name
from hjk_desktop.core.query import exhibit_record
from hjk_desktop.core.results import Results


class StatusLine(QLabel):
    """A plain-text label that follows a Results (package titles are never read as rich text)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("statusSummary")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._results: Results | None = None
        self.retranslate()

    def summary(self, results: Results) -> str:
        """The summary line for results, in the language installed now."""
        state, package, result = results.state, results.package, results.result
        if not state.exhibit:
            if state.chapter is None:
                return ""
            title = package.chapter(state.chapter)[f"title_{state.language}"]
            count = len(package.exhibits_in(state.chapter))
            return self.tr("Kapitteloversikt: %1 – %2").replace("%1", str(title)).replace(
                "%2", self.tr("%n figurer og tabeller", "", count))
        counts = result.counts() if result is not None else {}
        ex = exhibit_record(package, state.exhibit)
        name = exhibit_name(ex["kind"], ex["number"], state.language)
        columns = len(result.series) if result is not None else 0
        rows = result.n_rows if result is not None else 0
        stated, approx, derived, missing = (counts.get(s, 0) for s in (Status.STATED, Status.APPROX, Status.DERIVED,
                                                                         Status.MISSING))
        shape = self.tr("%n rader", "", rows), self.tr("%n kolonner", "", columns)
        parts = [
            self.tr("Viser %1: %2 × %3").replace("%1", name).replace("%2", shape[0]).replace("%3", shape[1]),
            self.tr("%n oppgitt", "", stated),
            self.tr("%n omtrentlige (≈)", "", approx),
            self.tr("%n beregnet", "", derived),
            self.tr("%n mangler (–)", "", missing),
        ]
        return "   ·   ".join(parts)

    def on_results(self, results: Results, changed: frozenset[str]) -> None:
        self._results = results
        if changed - {"focus", "footnote", "decimal"} or not self.text():
            self.setText(self.summary(results))

    def retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("MainWindow", "Statuslinje"))
        if self._results is not None:
            self.setText(self.summary(self._results))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
