"""Søk (Ctrl+F): type, see chapters, figures, questions and answer options, press Enter to open one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from hjk_desktop.core.package import Package
from hjk_desktop.core.search import Hit, search

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SHORTCUT = QKeySequence.StandardKey.Find  # Ctrl+F (Cmd+F on macOS)
NO_ROW = -1


class SearchDialog(QDialog):
    """Emits ``hitChosen(exhibit_id, row)`` (row −1 when the hit is not a row) on Enter or double-click."""

    hitChosen = Signal(str, int)
    languageChanged = Signal()  # after a retranslation, for texts kept elsewhere (the Søk action)

    def __init__(self, package: Package, lang: str = "nb", parent: QWidget | None = None, limit: int = 200) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setMinimumSize(520, 420)
        self._package = package
        self._lang = lang
        self._limit = limit
        self._hits: list[Hit] = []
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
        layout.addWidget(self.results, 1)
        self.edit.textChanged.connect(self._update)
        self.edit.returnPressed.connect(self.choose_current)
        self.results.itemActivated.connect(self._choose_item)  # Enter in the list
        self.results.itemDoubleClicked.connect(self._choose_item)
        self.edit.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        """Every fixed text again, in the language now installed (also redoes the hit list)."""
        self.setWindowTitle(self.tr("Søk"))
        self.edit.setPlaceholderText(self.tr("Søk i kapitler, figurer, spørsmål og svaralternativer"))
        self.edit.setAccessibleName(self.tr("Søketekst"))
        self.results.setAccessibleName(self.tr("Søkeresultater"))
        self.status.setAccessibleName(self.tr("Antall treff"))
        self._update(self.edit.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.languageChanged.emit()

    # ------------------------------------------------------------------ public

    def set_package(self, package: Package) -> None:
        self._package = package
        self._update(self.edit.text())

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._update(self.edit.text())

    @property
    def hits(self) -> list[Hit]:
        return list(self._hits)

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

    # ------------------------------------------------------------------ internals

    def _field_name(self, field: str) -> str:
        names = {
            "chapter": self.tr("Kapittel"),
            "exhibit": self.tr("Figur/tabell"),
            "item": self.tr("Spørsmål"),
            "response": self.tr("Svaralternativ"),
            "segment": self.tr("Utvalg"),
            "population": self.tr("Gruppe"),
        }
        return names.get(field, field)

    def _update(self, text: str) -> None:
        self.results.clear()
        self._hits = search(self._package, text, self._lang, self._limit) if text.strip() else []
        for hit in self._hits:
            chapter = self.tr("kapittel %1").replace("%1", str(hit.chapter))
            where = chapter if hit.field in ("exhibit", "chapter") else f"{_short(hit.context)} · {chapter}"
            item = QListWidgetItem(f"{hit.label}\n    {self._field_name(hit.field)} · {where}")
            item.setData(HIT_ROLE, hit)
            item.setToolTip(hit.context)
            self.results.addItem(item)
        if self._hits:
            self.results.setCurrentRow(0)
        if not text.strip():
            self.status.setText(self.tr("Skriv for å søke. Enter åpner treffet."))
        elif not self._hits:
            self.status.setText(self.tr("Ingen treff"))
        else:
            self.status.setText(self.tr("%n treff", "", len(self._hits)).replace("%n", str(len(self._hits))))

    def _choose_item(self, item: QListWidgetItem) -> None:
        hit: Hit | None = item.data(HIT_ROLE)
        if hit is None:
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


def _short(context: str, width: int = 60) -> str:
    """"Figur 2. Andel …" → "Figur 2"; other titles cut to ``width`` characters."""
    head, sep, _rest = context.partition(". ")
    if sep and head.split(" ")[-1].isdigit():
        return head
    return context if len(context) <= width else context[: width - 1].rstrip() + "…"


def search_action(parent: QWidget, dialog: SearchDialog) -> QAction:
    """A "Søk …" action with the platform's Find shortcut (Ctrl+F) that opens ``dialog``; add it to a menu."""
    action = QAction(QCoreApplication.translate("SearchDialog", "Søk …"), parent)
    action.setObjectName("actionSearch")
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(dialog.open_fresh)
    parent.addAction(action)
    dialog.languageChanged.connect(lambda: action.setText(QCoreApplication.translate("SearchDialog", "Søk …")))
    return action


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
