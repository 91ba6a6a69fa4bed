"""Above the chart: what is shown (question or chapter), its N, round and group, and the chapter in our words."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from hjk_desktop.core.codes import DEFAULT_LANGUAGE, is_missing, language
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult
from hjk_desktop.core.results import DATA_FIELDS, HEADER_FIELDS
from hjk_desktop.core.selection import SelectionState
from hjk_desktop.ui.chapter_tree import exhibit_short_title
from hjk_desktop.ui.chart_style import mix, readable
from hjk_desktop.ui.table_model import plain_tooltip


def _first_sentence(text: str) -> str:
    """The headline of a warning: up to its first colon that opens an explanation, or its first full stop."""
    colon = text.find(": ")
    if 0 < colon and colon + 2 < len(text) and text[colon + 2].islower():
        return text[:colon] + "."
    for i in range(1, len(text) - 1):
        if text[i] == "." and text[i + 1] == " " and not text[i - 1].isdigit():
            return text[: i + 1]
    return text


def _present(value) -> bool:
    return not is_missing(value) and str(value) not in ("", "<NA>")


class ExhibitHeader(QWidget):
    """Title, facts line and chapter summary; follows a Results (``on_results``). Package texts are plain text."""

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
        self._shown = None  # (method, args) of the last show_*, redone on a language switch
        self._apply_colours()
        self.warnings = QLabel(self)
        self.warnings.setObjectName("headerWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a quiet yellow note; dark text on it keeps well above 4.5:1 in any palette
        self.warnings.setStyleSheet("QLabel { background: #fff4d6; color: #3d3000; border: 1px solid #d9b950; padding: 3px 5px; }")
        self.warnings.setVisible(False)
        for label in (self.title, self.facts, self.summary, self.warnings):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _apply_colours(self) -> None:
        """The summary a little quieter than the text, but at least 4.5:1 on the window colour (dark palettes too)."""
        palette = self.palette()
        text, window = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
        self.summary.setStyleSheet(f"color: {readable(mix(text, window, 0.3), window, text).name()};")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
        elif event.type() == QEvent.Type.LanguageChange and self._shown is not None:
            method, args = self._shown
            method(*args)

    def on_results(self, results, changed: frozenset[str]) -> None:
        state = results.state
        if state.exhibit and results.result is not None:
            if changed & HEADER_FIELDS:
                self.show_exhibit(results.package, results.result, state, results.warnings)
        elif state.chapter is not None:
            if changed & DATA_FIELDS:
                self.show_chapter(results.package, state.chapter, state.language)
        elif changed & DATA_FIELDS:
            self.show_nothing()

    def show_exhibit(self, package: Package, result: ExhibitResult | None, state: SelectionState, warnings=()) -> None:
        """Title, facts and chapter summary; ``warnings`` are core.comparability warnings that apply to what is shown."""
        self._shown = (self.show_exhibit, (package, result, state, warnings))
        lang = language(state.language)
        texts = [w.text(lang) for w in warnings]
        # one line each in the header (the first sentence); the whole explanation is in the tooltip
        self.warnings.setText("\n".join(f"⚠ {_first_sentence(t)}" for t in texts))
        self.warnings.setToolTip(plain_tooltip("\n\n".join(texts)))
        self.warnings.setAccessibleName(self.tr("Merknader om sammenlikning"))
        self.warnings.setVisible(bool(texts))
        ex = package.exhibit(state.exhibit)
        self.title.setText(exhibit_short_title(package, state.exhibit, lang))
        parts = []
        if _present(ex["n"]):
            parts.append(self.tr("N = %1").replace("%1", str(int(ex["n"]))))
        else:
            parts.append(self.tr("N ikke oppgitt"))
        if _present(ex["round"]):
            parts.append(self.tr("Runde: %1").replace("%1", package.label("rounds", ex["round"], lang)))
        populations = state.populations or (ex["population"],)
        names = ", ".join(package.label("populations", p, lang) for p in populations)
        parts.append((self.tr("Grupper: %1") if len(populations) > 1 else self.tr("Gruppe: %1")).replace("%1", names))
        if bool(ex["compiled"]):
            parts.append(self.tr("Samlet fra teksten (ingen figur i rapporten)"))
        if result is not None and result.from_pair:
            parts.append(self.tr("Noen tall fra samme spørsmål i en annen runde"))
        self.facts.setText("  ·  ".join(parts))
        chapter = package.chapter(int(ex["chapter"]))
        self.summary.setText(self.tr("Kapittel %1, %2: ").replace("%1", str(int(chapter["number"])))
                             .replace("%2", str(chapter[f"title_{lang}"])) + str(chapter[f"summary_{lang}"]))

    def show_chapter(self, package: Package, number: int, lang: str = DEFAULT_LANGUAGE) -> None:
        self._shown = (self.show_chapter, (package, number, lang))
        self.warnings.setVisible(False)
        lang = language(lang)
        chapter = package.chapter(number)
        self.title.setText(self.tr("Kapittel %1: %2").replace("%1", str(int(number))).replace("%2", str(chapter[f"title_{lang}"])))
        count = len(package.exhibits_in(number))
        self.facts.setText(self.tr("%n figur(er), tabell(er) og nøkkeltall", "", count))
        self.summary.setText(str(chapter[f"summary_{lang}"]))

    def show_nothing(self) -> None:
        self._shown = (self.show_nothing, ())
        self.warnings.setVisible(False)
        self.title.setText(self.tr("Velg et kapittel eller en figur"))
        self.facts.setText("")
        self.summary.setText("")
