"""The report's findings as a list a reader can open: on a chapter page, and (collapsible) above an exhibit.

Each entry is the finding's sentence, its numbers with their marks and its places in the text, as plain text
(the package's words are never read as markup). Clicking one, double-clicking it or pressing Enter emits
``findingActivated(id)``; the window opens its exhibit on the cells that hold its numbers (``open_finding``).
Ctrl+C and the context menu copy the chosen findings with their places, as text and as simple HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QMenu, QToolButton, QVBoxLayout, QWidget

from hjk_desktop.core import chapter_story
from hjk_desktop.core.chapter_story import StoryFinding
from hjk_desktop.core.codes import language

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLLAPSED_KEY = "findings/collapsed"


class FindingsList(QListWidget):
    """Findings, one item each; emits ``findingActivated(id)`` on a click, a double-click or Enter."""

    findingActivated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsList")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSpacing(3)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._clicked)
        self._findings: list[StoryFinding] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Funn i rapporten"))
        self.setAccessibleDescription(self.tr("Enter eller klikk åpner funnet med tallene merket, Ctrl+C kopierer det"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_findings(self, items) -> None:
        self._findings = list(items)
        self.clear()
        for f in self._findings:
            sentence, *rest = f.lines()
            item = QListWidgetItem("\n".join([sentence, *(f"    {line}" for line in rest)]))  # plain text, never markup
            item.setData(ID_ROLE, f.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, " ".join(f.lines()))
            self.addItem(item)

    def findings(self) -> list[StoryFinding]:
        return list(self._findings)

    def finding_ids(self) -> list[str]:
        return [f.id for f in self._findings]

    def activate_row(self, row: int) -> None:
        item = self.item(row)
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        fid = item.data(ID_ROLE)
        if fid:
            self.findingActivated.emit(str(fid))

    def _clicked(self, item: QListWidgetItem) -> None:
        # Ctrl- and Shift-clicks choose several findings to copy; a plain click opens one
        if QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            self._activate(item)

    # -- copy ------------------------------------------------------------------------------------
    def chosen(self) -> list[StoryFinding]:
        """The selected findings in list order, else the current one."""
        rows = sorted(self.row(item) for item in self.selectedItems())
        if not rows and self.currentRow() >= 0:
            rows = [self.currentRow()]
        return [self._findings[r] for r in rows if 0 <= r < len(self._findings)]

    def copy(self) -> int:
        """Put the chosen findings on the clipboard with their places; returns how many."""
        chosen = self.chosen()
        if not chosen:
            return 0
        mime = QMimeData()
        mime.setText(chapter_story.copy_text(chosen))
        mime.setHtml(chapter_story.copy_html(chosen))
        QGuiApplication.clipboard().setMimeData(mime)
        return len(chosen)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        super().keyPressEvent(event)

    def context_menu(self) -> QMenu:
        """The right-click menu: copy the chosen findings with their places."""
        menu = QMenu(self)
        action = menu.addAction(self.tr("Kopier funn med kilde"), self.copy)
        action.setObjectName("copyFindings")
        action.setEnabled(bool(self.chosen()))
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()


class ExhibitFindings(QWidget):
    """The shown exhibit's findings under a button that folds them away; hidden when the exhibit has none.

    Follows a Results (``on_results``); the folded state is kept in ``settings`` when given."""

    findingActivated = Signal(str)

    def __init__(self, parent=None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exhibitFindings")
        self._settings = settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 4)
        layout.setSpacing(2)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("findingsToggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        layout.addWidget(self.toggle)
        self.list = FindingsList(self)
        self.list.setMaximumHeight(112)  # about three findings: the chart keeps most of the height
        layout.addWidget(self.list)
        self.list.findingActivated.connect(self.findingActivated)
        # folded until the reader opens it: at 1280×800 an open list takes the room the chart needs
        collapsed = settings is None or str(settings.value(COLLAPSED_KEY, "true")).lower() == "true"
        self.toggle.setChecked(not collapsed)
        self.toggle.toggled.connect(self._on_toggled)
        self._on_toggled(self.toggle.isChecked(), remember=False)
        self.setVisible(False)
        self._found: dict[tuple, tuple] = {}
        self._found_for = None  # the package _found belongs to

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, on: bool) -> None:
        self.toggle.setChecked(on)

    def _on_toggled(self, on: bool, remember: bool = True) -> None:
        self.list.setVisible(on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        if remember and self._settings is not None:
            self._settings.setValue(COLLAPSED_KEY, "false" if on else "true")
        self._retitle()

    def _retitle(self) -> None:
        count = self.list.count()
        self.toggle.setText(self.tr("Funn i rapporten (%1)").replace("%1", str(count)))
        self.toggle.setAccessibleName(self.toggle.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retitle()

    def on_results(self, results, changed: frozenset[str]) -> None:
        if not changed & {"exhibit", "language", "decimal", "package"}:
            return
        state = results.state
        exhibit = state.exhibit if results.result is not None else ""
        items = self._findings_of(results.package, language(state.language), state.decimal, exhibit) if exhibit else ()
        if items or self.list.count():  # most exhibits have none: an empty list is left as it is
            self.list.set_findings(items)
            self._retitle()
        if self.isHidden() == bool(items):
            self.setVisible(bool(items))

    def _findings_of(self, package, lang: str, decimal: str, exhibit: str) -> tuple:
        """An exhibit's findings, worked out once per package, language and decimal mark (they never change)."""
        if self._found_for is not package:
            self._found, self._found_for = {}, package
        key = (lang, decimal, exhibit)
        if key not in self._found:
            self._found[key] = tuple(chapter_story.findings(package, lang, decimal, exhibit=exhibit))
        return self._found[key]


def open_finding(selection, package, table, finding_id: str) -> None:
    """Show what a finding rests on: its exhibit on its cells (one selection batch), every one of them selected in
    ``table`` and the first focused, so the source panel shows it; a chapter-level finding shows its chapter."""
    target = chapter_story.target(package, finding_id)
    with selection.batch():
        selection.update(**target.selection())
    if target.cells:
        table.select_cells(target.cells)
