"""The report's chapters and their exhibits; choosing a node only updates the selection."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSignalBlocker, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem

from hjk_desktop.core.codes import DEFAULT_LANGUAGE, exhibit_name, is_missing, language
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import exhibit_record
from hjk_desktop.core.selection import Selection, SelectionState
from hjk_desktop.ui import navigation
from hjk_desktop.ui.table_model import plain_tooltip

NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # ("chapter", number) or ("exhibit", id)
# A package with at most this many exhibits opens with every chapter expanded; a larger one gives a chapter its
# exhibit entries only when it is opened (or one of its exhibits is selected), so the tree costs the same at start
# whatever the package's size.
EAGER_EXHIBITS = 200


def exhibit_short_title(package: Package, exhibit_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The tree's name for an exhibit: its report number where it has one, then its title (in lang)."""
    ex = exhibit_record(package, exhibit_id)  # a plain dict: reading a pandas row field by field is slow
    lang = language(lang)
    return f"{exhibit_name(ex['kind'], ex['number'], lang)}: {ex[f'title_{lang}']}"


def exhibit_tree_title(package: Package, exhibit_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The tree's entry for an exhibit: its name and the package's short title ("Figur 7: Konsekvenser"), so it fits
    the contents' width; the full title where the package gives no short one."""
    return _exhibit_texts(package, exhibit_id, language(lang))[0]


def _exhibit_texts(package: Package, exhibit_id: str, lang: str) -> tuple[str, str]:
    """An exhibit's tree entry and its tooltip text (the full title), from one read of its record."""
    ex = exhibit_record(package, exhibit_id)
    name = exhibit_name(ex["kind"], ex["number"], lang)
    full = f"{name}: {ex[f'title_{lang}']}"
    short = ex.get(f"short_{lang}")
    if short is None or is_missing(short) or not str(short).strip():
        return full, full
    return f"{name}: {str(short).strip()}", full


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
        self._pending: dict[int, QTreeWidgetItem] = {}  # chapters whose exhibit entries are not made yet
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
        self.itemExpanded.connect(self._on_expanded)
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
        self._pending = {}
        eager = len(package.exhibits) <= EAGER_EXHIBITS
        with QSignalBlocker(self):
            self.clear()
            self._items = {}
            for number in package.chapters.index:
                chapter = QTreeWidgetItem(self, [""])
                chapter.setData(0, NODE_ROLE, ("chapter", int(number)))
                self._items[("chapter", int(number))] = chapter
                if package.exhibits_in(int(number)):
                    self._pending[int(number)] = chapter
                    chapter.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self._set_chapter_texts()
            if eager:
                for number, chapter in list(self._pending.items()):
                    self._fill(number)
                    chapter.setExpanded(True)  # per chapter: expandAll() lays out the whole view at once
        self._on_selection(self._selection.state, frozenset({"exhibit", "chapter"}))

    def _fill(self, number: int) -> None:
        """Make a chapter's exhibit entries (once), labelled in the selection's language."""
        chapter = self._pending.pop(number, None)
        if chapter is None:
            return
        package, lang = self._package, language(self._selection.state.language)
        children = []
        for ex_id in package.exhibits_in(number):
            title, full = _exhibit_texts(package, ex_id, lang)
            child = QTreeWidgetItem([title])
            child.setToolTip(0, plain_tooltip(full))
            child.setData(0, NODE_ROLE, ("exhibit", ex_id))
            self._items[("exhibit", ex_id)] = child
            children.append(child)
        with QSignalBlocker(self):
            chapter.addChildren(children)  # one insertion for the chapter, not one per exhibit
            chapter.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless)

    def _on_expanded(self, item: QTreeWidgetItem) -> None:
        kind, key = item.data(0, NODE_ROLE)
        if kind == "chapter" and key in self._pending:
            self._fill(key)

    def _set_chapter_texts(self) -> None:
        package, lang = self._package, language(self._selection.state.language)
        chapters = package.chapters
        titles = dict(zip(chapters.index.tolist(), chapters[f"title_{lang}"].tolist()))
        summaries = dict(zip(chapters.index.tolist(), chapters[f"summary_{lang}"].tolist()))
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            key = item.data(0, NODE_ROLE)[1]
            item.setText(0, f"{key}  {titles[key]}")
            item.setToolTip(0, plain_tooltip(str(summaries[key])))

    def set_texts(self) -> None:
        """Node texts in the selection's language (chapter titles and summaries from the package); only the entries
        that exist are relabelled, the rest are made in the new language when their chapter opens."""
        package, lang = self._package, language(self._selection.state.language)
        with QSignalBlocker(self):
            self._set_chapter_texts()
            for (kind, key), item in self._items.items():
                if kind == "exhibit":
                    title, full = _exhibit_texts(package, key, lang)
                    item.setText(0, title)
                    item.setToolTip(0, plain_tooltip(full))

    def node_items(self) -> list[QTreeWidgetItem]:
        """Every node in display order: each chapter followed by its exhibits (entries not made yet are made, in
        closed chapters, so the list is whole for a large package too)."""
        for number in list(self._pending):
            self._fill(number)
        out = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            out.append(top)
            out.extend(top.child(j) for j in range(top.childCount()))
        return out

    def item_for(self, kind: str, key) -> QTreeWidgetItem | None:
        """The node for a chapter or an exhibit; an exhibit's entry is made if its chapter has not been opened."""
        if kind == "exhibit" and ("exhibit", key) not in self._items:
            chapter = self._chapter_of(key)
            if chapter is not None:
                self._fill(chapter)
        return self._items.get((kind, key))

    def _chapter_of(self, exhibit_id: str) -> int | None:
        try:
            return int(exhibit_record(self._package, exhibit_id)["chapter"])
        except (KeyError, TypeError, ValueError):
            return None

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
            item = self.item_for("exhibit", state.exhibit)
        else:
            item = self._items.get(("chapter", state.chapter))
        if item is None or item is self.currentItem():
            return
        parent = item.parent()
        if parent is not None and not parent.isExpanded():
            parent.setExpanded(True)  # an exhibit chosen elsewhere (search, findings, start) is shown in its chapter
        with QSignalBlocker(self):
            self.setCurrentItem(item)
        if self.isVisible():  # a hidden tree scrolls to its current item when shown (Qt does), laid out at its real width
            self.scrollToItem(item)
