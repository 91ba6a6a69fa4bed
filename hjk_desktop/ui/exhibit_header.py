"""Above the chart: what is shown (question or chapter), its N, round and group, and the chapter in our words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult
from hjk_desktop.core.selection import SelectionState
from hjk_desktop.ui.chapter_tree import exhibit_short_title


def _present(value) -> bool:
    return value is not None and str(value) not in ("", "<NA>", "nan")


class ExhibitHeader(QWidget):
    """Title, facts line and chapter summary; redrawn by the window's selection listener only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exhibitHeader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(3)
        self.title = QLabel(self)
        self.title.setObjectName("headerTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self)
        self.facts.setObjectName("headerFacts")
        self.facts.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("headerSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #505050;")
        for label in (self.title, self.facts, self.summary):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def show_exhibit(self, package: Package, result: ExhibitResult | None, state: SelectionState) -> None:
        ex = package.exhibit(state.exhibit)
        self.title.setText(exhibit_short_title(package, state.exhibit, self.tr))
        parts = []
        if _present(ex["n"]):
            parts.append(self.tr("N = %1").replace("%1", str(int(ex["n"]))))
        else:
            parts.append(self.tr("N ikke oppgitt"))
        if _present(ex["round"]):
            parts.append(self.tr("Runde: %1").replace("%1", package.label("rounds", ex["round"])))
        populations = state.populations or (ex["population"],)
        names = ", ".join(package.label("populations", p) for p in populations)
        parts.append((self.tr("Grupper: %1") if len(populations) > 1 else self.tr("Gruppe: %1")).replace("%1", names))
        if bool(ex["compiled"]):
            parts.append(self.tr("Samlet fra teksten (ingen figur i rapporten)"))
        if result is not None and result.from_pair:
            parts.append(self.tr("Noen tall fra samme spørsmål i en annen runde"))
        self.facts.setText("  ·  ".join(parts))
        chapter = package.chapter(int(ex["chapter"]))
        self.summary.setText(self.tr("Kapittel %1, %2: ").replace("%1", str(int(chapter["number"])))
                             .replace("%2", str(chapter["title_nb"])) + str(chapter["summary_nb"]))

    def show_chapter(self, package: Package, number: int) -> None:
        chapter = package.chapter(number)
        self.title.setText(self.tr("Kapittel %1: %2").replace("%1", str(int(number))).replace("%2", str(chapter["title_nb"])))
        count = len(package.exhibits_in(number))
        self.facts.setText(self.tr("%n figur(er), tabell(er) og nøkkeltall", "", count))
        self.summary.setText(str(chapter["summary_nb"]))

    def show_nothing(self) -> None:
        self.title.setText(self.tr("Velg et kapittel eller en figur"))
        self.facts.setText("")
        self.summary.setText("")
