"""The report's chapters and their exhibits; choosing a node only updates the selection."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSignalBlocker, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem

from hjk_desktop.core.codes import DEFAULT_LANGUAGE, exhibit_name, is_missing, language
from hjk_desktop.core.package import Package
from hjk_desktop.core.selection import Selection, SelectionState
from hjk_desktop.ui import navigation
from hjk_desktop.ui.table_model import plain_tooltip

NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # ("chapter", number) or ("exhibit", id)


def exhibit_short_title(package: Package, exhibit_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The tree's name for an exhibit: its report number where it has one, then its title (in lang)."""
    ex = package.exhibit(exhibit_id)
    lang = language(lang)
    return f"{exhibit_name(ex['kind'], ex['number'], lang)}: {ex[f'title_{lang}']}"


def exhibit_tree_title(package: Package, exhibit_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The tree's entry for an exhibit: its name and the package's short title ("Figur 7: Konsekvenser"), so it fits
    the contents' width; the full title where the package gives no short one."""
    ex = package.exhibit(exhibit_id)
    lang = language(lang)
    short = ex.get(f"short_{lang}")
    if short is None or is_missing(short) or not str(short).strip():
        return exhibit_short_title(package, exhibit_id, lang)
    return f"{exhibit_name(ex['kind'], ex['number'], lang)}: {str(short).strip()}"


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text: QTreeView asks for a size hint without a width, so a long title would get one
    line and be cut; here the hint is computed for the width the item really has at its depth."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        tree = self._tree
        depth = 1 if tree.rootIsDecorated() else 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, max(40, tree.viewport().width() - depth * tree.indentation()), 10_000)
        return super().sizeHint(wrapped, index)


class ChapterTree(QTreeWidget):
    """Chapter → exhibit tree. Follows the selection (signals blocked) and writes to it on user choice."""

    def __init__(self, selection: Selection, package: Package, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterTree")
        self._selection = selection
        self._package = package
        self._items: dict[tuple, QTreeWidgetItem] = {}
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # long chapter titles wrap onto a second line rather than end in "…"; rows differ in height
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_WrappingDelegate(self))
        self._laid_out_width = -1
        self.setMinimumWidth(220)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.retranslate()
        self.currentItemChanged.connect(self._on_current)
        selection.connect(self._on_selection)
        self.set_package(package)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Kapitler og figurer"))
        self.setAccessibleDescription(self.tr("Velg et kapittel eller en figur med piltastene"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.set_texts()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.viewport().width() != self._laid_out_width:  # wrapped rows change height with the width
            self._laid_out_width = self.viewport().width()
            self.scheduleDelayedItemsLayout()

    def set_package(self, package: Package) -> None:
        self._package = package
        with QSignalBlocker(self):
            self.clear()
            self._items = {}
            for number in package.chapters.index:
                chapter = QTreeWidgetItem(self, [""])
                chapter.setData(0, NODE_ROLE, ("chapter", int(number)))
                self._items[("chapter", int(number))] = chapter
                for ex_id in package.exhibits_in(int(number)):
                    child = QTreeWidgetItem(chapter, [""])
                    child.setData(0, NODE_ROLE, ("exhibit", ex_id))
                    self._items[("exhibit", ex_id)] = child
                chapter.setExpanded(True)  # per chapter: expandAll() lays out the whole view at once
        self.set_texts()
        self._on_selection(self._selection.state, frozenset({"exhibit", "chapter"}))

    def set_texts(self) -> None:
        """Node texts in the selection's language (chapter titles and summaries from the package)."""
        package, lang = self._package, language(self._selection.state.language)
        with QSignalBlocker(self):
            for (kind, key), item in self._items.items():
                if kind == "chapter":
                    item.setText(0, f"{key}  {package.chapters.at[key, f'title_{lang}']}")
                    item.setToolTip(0, plain_tooltip(str(package.chapters.at[key, f"summary_{lang}"])))
                else:
                    item.setText(0, exhibit_tree_title(package, key, lang=lang))
                    item.setToolTip(0, plain_tooltip(exhibit_short_title(package, key, lang=lang)))

    def node_items(self) -> list[QTreeWidgetItem]:
        """Every node in display order: each chapter followed by its exhibits."""
        out = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            out.append(top)
            out.extend(top.child(j) for j in range(top.childCount()))
        return out

    def item_for(self, kind: str, key) -> QTreeWidgetItem | None:
        return self._items.get((kind, key))

    def _on_current(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        if current is None:
            return
        kind, key = current.data(0, NODE_ROLE)
        if kind == "exhibit":
            if key != self._selection.state.exhibit:
                navigation.select_exhibit(self._selection, self._package, key)
        elif self._selection.state.exhibit or self._selection.state.chapter != key:
            navigation.select_chapter(self._selection, key)

    def _on_selection(self, state: SelectionState, changed: frozenset[str]) -> None:
        if "language" in changed:
            self.set_texts()
        if not changed & {"exhibit", "chapter"}:
            return
        if state.exhibit:
            item = self._items.get(("exhibit", state.exhibit))
        else:
            item = self._items.get(("chapter", state.chapter))
        if item is None or item is self.currentItem():
            return
        with QSignalBlocker(self):
            self.setCurrentItem(item)
        self.scrollToItem(item)
