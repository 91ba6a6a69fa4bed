"""Søk (Ctrl+F): type, see chapters, figures, questions, answer options and findings, press Enter to open one.

The package's search index is built on first use (open or first keystroke); a build that takes longer than
``PROGRESS_AFTER`` seconds shows a cancellable progress dialog, and a cancelled build leaves nothing behind.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from hjk_desktop.core.codes import DEFAULT_LANGUAGE, language
from hjk_desktop.core.package import Package
from hjk_desktop.core.search import Hit, build_index, find, index_ready
from hjk_desktop.core.selection import Selection, SelectionState
from hjk_desktop.ui import navigation
from hjk_desktop.ui.table_model import plain_tooltip

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
NO_ROW = -1
PROGRESS_AFTER = 0.3  # seconds of building the index before a progress dialog shows
BATCH = 25  # a longer list of (word-wrapped, unevenly high) hits is laid out this many at a time, the rest while idle


class SearchDialog(QDialog):
    """Emits ``hitChosen(exhibit_id, row)`` (row −1 when the hit is not a row) on Enter or double-click, or
    ``findingChosen(finding_id)`` when the hit is one of the report's findings. At most ``limit`` hits are listed;
    the status line says how many there are in all.

    Searches in the language of ``selection`` and follows it; given a language code instead (a dialog opened
    alone), it keeps a selection of its own in that language.
    """

    hitChosen = Signal(str, int)
    findingChosen = Signal(str)

    def __init__(self, package: Package, selection: Selection | str = DEFAULT_LANGUAGE, parent: QWidget | None = None,
                 limit: int = 200) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setMinimumSize(520, 420)
        self._package = package
        if not isinstance(selection, Selection):
            selection = Selection(SelectionState(language=language(selection)))
        self._selection = selection
        self._limit = limit
        self._hits: list[Hit] = []
        self._total = 0
        self._building = False
        layout = QVBoxLayout(self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("searchEdit")
        self.edit.setClearButtonEnabled(True)
        layout.addWidget(self.edit)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        layout.addWidget(self.status)
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setBatchSize(BATCH)
        layout.addWidget(self.results, 1)
        self.edit.textChanged.connect(self._update)
        self.edit.returnPressed.connect(self.choose_current)
        self.results.itemActivated.connect(self._choose_item)  # Enter in the list
        self.results.itemDoubleClicked.connect(self._choose_item)
        self.edit.installEventFilter(self)
        self.retranslate()
        selection.connect(self._on_selection)

    def retranslate(self) -> None:
        """Every fixed text again, in the language now installed (also redoes the hit list)."""
        self.setWindowTitle(self.tr("Søk"))
        self.edit.setPlaceholderText(self.tr("Søk i kapitler, figurer, spørsmål, svaralternativer og funn"))
        self.edit.setAccessibleName(self.tr("Søketekst"))
        self.results.setAccessibleName(self.tr("Søkeresultater"))
        self.status.setAccessibleName(self.tr("Antall treff"))
        self._update(self.edit.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # ------------------------------------------------------------------ public

    def set_package(self, package: Package) -> None:
        """Search another package; its index is built when the dialog is next shown (at once if it is showing)."""
        self._package = package
        if self.isVisible():
            self._update(self.edit.text())
        else:
            self.results.clear()
            self._hits, self._total = [], 0

    def _on_selection(self, _state: SelectionState, changed: frozenset[str]) -> None:
        if "language" in changed:
            self._update(self.edit.text())

    @property
    def hits(self) -> list[Hit]:
        return list(self._hits)

    @property
    def total(self) -> int:
        """How many hits the text has, listed or not."""
        return self._total

    def ensure_index(self) -> bool:
        """Build the package's search index unless it is there; True when it is ready.

        A build still far from done after PROGRESS_AFTER seconds shows a progress dialog; cancelling it abandons
        the build (nothing half-built is kept) and closes the search."""
        if index_ready(self._package):
            return True
        if self._building:
            return False
        self._building = True
        progress = None
        started = time.monotonic()
        steps = build_index(self._package)
        try:
            for fraction in steps:
                if progress is None and fraction < 0.9 and time.monotonic() - started >= PROGRESS_AFTER:
                    progress = QProgressDialog(self.tr("Bygger søkeindeksen …"), self.tr("Avbryt"), 0, 100, self)
                    progress.setObjectName("searchProgress")
                    progress.setWindowTitle(self.tr("Søk"))
                    progress.setWindowModality(Qt.WindowModality.WindowModal)
                    progress.setMinimumDuration(0)
                    progress.show()
                if progress is not None:
                    progress.setValue(int(fraction * 100))
                    QApplication.processEvents()
                    if progress.wasCanceled():
                        steps.close()  # the generator ends here: the index is never stored
                        break
        finally:
            self._building = False
            if progress is not None:
                progress.close()
                progress.deleteLater()
        if index_ready(self._package):
            return True
        self.reject()
        return False

    def choose_current(self) -> None:
        """Choose the highlighted hit, or the first one when none is highlighted."""
        item = self.results.currentItem() or (self.results.item(0) if self.results.count() else None)
        if item is not None:
            self._choose_item(item)

    def open_fresh(self) -> None:
        """Show the dialog with the last text selected, ready to type over."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.ensure_index():
            self._update(self.edit.text())  # the last text, searched again (another package may be open now)

    # ------------------------------------------------------------------ internals

    def _field_names(self) -> dict[str, str]:
        return {
            "chapter": self.tr("Kapittel"),
            "exhibit": self.tr("Figur/tabell"),
            "item": self.tr("Spørsmål"),
            "response": self.tr("Svaralternativ"),
            "segment": self.tr("Utvalg"),
            "population": self.tr("Gruppe"),
            "finding": self.tr("Funn"),
        }

    def _update(self, _text: str = "") -> None:
        """List the hits for the text as it is now (typing goes on while an index is built)."""
        if self._building:
            return  # the build's caller updates when it ends
        ready = bool(self.edit.text().strip()) and self.ensure_index()
        text = self.edit.text()
        self.results.clear()
        self._hits, self._total = [], 0
        if ready and text.strip():
            found = find(self._package, text, language(self._selection.state.language), self._limit)
            self._hits, self._total = found.hits, found.total
        names, chapter_word = self._field_names(), self.tr("kapittel %1")
        batched = len(self._hits) > BATCH
        self.results.setLayoutMode(QListView.LayoutMode.Batched if batched else QListView.LayoutMode.SinglePass)
        self.results.setUpdatesEnabled(False)
        for hit in self._hits:
            chapter = chapter_word.replace("%1", str(hit.chapter))
            where = chapter if hit.field in ("exhibit", "chapter") or not hit.exhibit_id else f"{_short(hit.context)} · {chapter}"
            item = QListWidgetItem(f"{hit.label}\n    {names.get(hit.field, hit.field)} · {where}")
            item.setData(HIT_ROLE, hit)
            item.setToolTip(plain_tooltip(hit.context))
            self.results.addItem(item)
        self.results.setUpdatesEnabled(True)
        if self._hits:
            self.results.setCurrentRow(0)
        if not text.strip():
            self.status.setText(self.tr("Skriv for å søke. Enter åpner treffet."))
        elif not self._hits:
            self.status.setText(self.tr("Ingen treff"))
        elif self._total > len(self._hits):
            self.status.setText(self.tr("De første %1 av %2 treff. Skriv mer for å snevre inn.")
                                .replace("%1", str(len(self._hits))).replace("%2", str(self._total)))
        else:
            self.status.setText(self.tr("%n treff", "", len(self._hits)).replace("%n", str(len(self._hits))))

    def _choose_item(self, item: QListWidgetItem) -> None:
        hit: Hit | None = item.data(HIT_ROLE)
        if hit is None:
            return
        if hit.finding:
            self.findingChosen.emit(hit.finding)
            self.accept()
            return
        self.hitChosen.emit(hit.exhibit_id, NO_ROW if hit.row is None else int(hit.row))
        self.accept()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up and Down in the text field move through the results, so the hands never leave the keyboard."""
        if obj is self.edit and event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            count = self.results.count()
            if count:
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                self.results.setCurrentRow(max(0, min(count - 1, self.results.currentRow() + step)))
            return True
        return super().eventFilter(obj, event)


def open_hit(selection: Selection, results, table, exhibit_id: str, row: int) -> None:
    """A search result opens its exhibit; a row hit also focuses and selects that row."""
    navigation.select_exhibit(selection, results.package, exhibit_id)
    result = results.result
    if row >= 0 and result is not None and result.series and row < result.n_rows:
        selection.update(focus=(row, result.series[0].key))
        table.select_row(row)


def _short(context: str, width: int = 60) -> str:
    """"Figur 2. Andel …" → "Figur 2"; other titles cut to ``width`` characters."""
    head, sep, _rest = context.partition(". ")
    if sep and head.split(" ")[-1].isdigit():
        return head
    return context if len(context) <= width else context[: width - 1].rstrip() + "…"


def _preview(argv: list[str] | None = None) -> int:
    """python -m hjk_desktop.ui.search_dialog [text] [--en] [--grab file.png]"""
    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.ui.preview import application, preview_options, show_alone

    args, lang, grab = preview_options(argv)
    application()
    dialog = SearchDialog(load_package(bundled_package_path()), lang)
    dialog.hitChosen.connect(lambda ex, row: print(f"hitChosen({ex!r}, {row})"))
    dialog.edit.setText(" ".join(args) if args else "hms")
    dialog.resize(560, 440)
    return show_alone(dialog, grab)

if __name__ == "__main__":
    raise SystemExit(_preview())
