"""The contents tree at the default window size: short exhibit names that fit, long chapter titles wrapped, never "…"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle

from hjk_desktop.core.codes import exhibit_name
from hjk_desktop.ui.chapter_tree import NODE_ROLE
from tests.ui.helpers import settle

WRAP = int((Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap).value)





def _text_width(tree, rect: QRect) -> int:
    """The width the delegate gives an item's text: its rectangle less the style's text margins."""
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    return rect.width() - 2 * margin


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_tree_entry_is_cut_at_the_default_size(window, package, lang):
    window.selection.update(language=lang)
    settle(window)
    tree = window.tree
    metrics = QFontMetrics(tree.font())
    line = metrics.lineSpacing()
    viewport = tree.viewport().rect()
    for item in tree.node_items():
        kind, key = item.data(0, NODE_ROLE)
        text = item.text(0)
        rect = tree.visualItemRect(item)
        assert rect.right() <= viewport.right() + 1, text
        width = _text_width(tree, rect)
        if kind == "exhibit":  # a short name on one line, whole
            assert metrics.horizontalAdvance(text) <= width, text
            assert rect.height() < 2 * line, text
        else:  # a long chapter title wraps at word boundaries, and its row is tall enough for every line
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, text).height()
            assert needed <= rect.height(), text
            assert all(metrics.horizontalAdvance(word) <= width for word in text.split()), text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_exhibit_entries_use_the_short_title_and_tell_the_full_one(window, package, lang):
    window.selection.update(language=lang)
    tree = window.tree
    for ex_id in package.exhibit_ids():
        row = package.exhibit(ex_id)
        item = tree.item_for("exhibit", ex_id)
        name = exhibit_name(row["kind"], row["number"], lang)
        assert item.text(0) == f"{name}: {row[f'short_{lang}']}"
        assert item.toolTip(0) == f"{name}: {row[f'title_{lang}']}"


def test_a_package_without_short_titles_shows_the_full_ones(qtbot):
    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.selection import Selection
    from hjk_desktop.ui.chapter_tree import ChapterTree

    bare = load_package(bundled_package_path())  # its own copy: exhibit rows are cached once read
    bare.exhibits["short_nb"] = None
    bare.exhibits["short_en"] = ""
    tree = ChapterTree(Selection(), bare)
    qtbot.addWidget(tree)
    for ex_id in bare.exhibit_ids():
        row = bare.exhibit(ex_id)
        item = tree.item_for("exhibit", ex_id)
        assert item.text(0) == f"{exhibit_name(row['kind'], row['number'], 'nb')}: {row['title_nb']}"
        assert item.toolTip(0) == item.text(0)


def test_chapter_rows_grow_when_the_tree_narrows(window):
    settle(window)
    tree = window.tree
    chapter = max((item for item in tree.node_items() if item.data(0, NODE_ROLE)[0] == "chapter"),
                  key=lambda item: len(item.text(0)))
    wide = tree.visualItemRect(chapter).height()
    window.resizeDocks([window.docks["tree"]], [tree.width() + 200], Qt.Orientation.Horizontal)
    settle(window)
    assert tree.visualItemRect(chapter).height() < wide  # fewer lines when there is room


def test_the_bundled_package_opens_with_every_chapter_expanded(window, package):
    tree = window.tree
    for i in range(tree.topLevelItemCount()):
        chapter = tree.topLevelItem(i)
        number = chapter.data(0, NODE_ROLE)[1]
        exhibits = [chapter.child(j).data(0, NODE_ROLE)[1] for j in range(chapter.childCount())]
        assert exhibits == package.exhibits_in(number)
        assert chapter.isExpanded() or not exhibits
