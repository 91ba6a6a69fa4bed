"""The contents tree of a large package: chapters get their exhibit entries when opened (or when one of their
exhibits is chosen elsewhere), and selection, search, keyboard and language switches still work on them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hjk_desktop.core import load_package
from hjk_desktop.core.codes import exhibit_name
from hjk_desktop.ui import navigation
from hjk_desktop.ui.chapter_tree import EAGER_EXHIBITS, NODE_ROLE
from tests.generated import generator
from tests.ui.helpers import settle

CHAPTERS, PER_CHAPTER = 60, 10


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    module = generator()
    out = tmp_path_factory.mktemp("large") / "pkg"
    module.make_package(out, chapters=CHAPTERS, per_chapter=PER_CHAPTER, items=3, seed=5)
    package = load_package(out)
    assert len(package.exhibits) > EAGER_EXHIBITS  # large enough for the lazy tree
    return package


@pytest.fixture
def big(make_window, large):
    window = make_window(large)
    settle(window)
    return window


def _filled(tree) -> dict[int, int]:
    """Chapter number → how many exhibit entries it has now."""
    out = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out[top.data(0, NODE_ROLE)[1]] = top.childCount()
    return out


def _chapter_of(package, exhibit_id: str) -> int:
    return int(package.exhibits.at[exhibit_id, "chapter"])


def test_only_opened_chapters_have_exhibit_entries(big, large):
    tree = big.tree
    assert tree.topLevelItemCount() == CHAPTERS
    shown = big.selection.state.exhibit
    filled = _filled(tree)
    # the chapter of the exhibit the window opens on is open and whole; every other chapter is empty but openable
    assert filled[_chapter_of(large, shown)] == PER_CHAPTER
    assert tree.currentItem() is tree.item_for("exhibit", shown)
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        number = top.data(0, NODE_ROLE)[1]
        if number != _chapter_of(large, shown):
            assert top.childCount() == 0 and not top.isExpanded()
            assert top.childIndicatorPolicy() == top.ChildIndicatorPolicy.ShowIndicator
    # opening a chapter makes its entries, in the package's order, with their titles
    top = tree.topLevelItem(41)
    number = top.data(0, NODE_ROLE)[1]
    top.setExpanded(True)
    assert [top.child(j).data(0, NODE_ROLE)[1] for j in range(top.childCount())] == large.exhibits_in(number)
    first = large.exhibit(large.exhibits_in(number)[0])
    assert top.child(0).text(0) == f"{exhibit_name(first['kind'], first['number'], 'nb')}: {first['title_nb']}"
    assert sum(_filled(tree).values()) == 2 * PER_CHAPTER


def test_selecting_an_exhibit_in_a_closed_chapter_opens_and_selects_it(big, large):
    tree = big.tree
    target = large.exhibits_in(CHAPTERS - 3)[7]
    assert tree.topLevelItem(CHAPTERS - 4).childCount() == 0
    navigation.select_exhibit(big.selection, large, target)
    settle(big)
    item = tree.currentItem()
    assert item.data(0, NODE_ROLE) == ("exhibit", target)
    assert item.parent().isExpanded() and item.isSelected()
    assert tree.viewport().rect().intersects(tree.visualItemRect(item))  # scrolled into view
    assert big.selection.state.exhibit == target


def test_the_search_opens_a_deep_exhibit(big, large, qtbot):
    target = large.exhibits_in(CHAPTERS - 1)[4]
    big.open_search()
    dialog = big.search_dialog
    qtbot.keyClicks(dialog.edit, str(large.exhibit(target)["title_nb"]))
    row = next(i for i, hit in enumerate(dialog.hits) if hit.exhibit_id == target)
    dialog.results.setCurrentRow(row)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    settle(big)
    assert big.selection.state.exhibit == target
    item = big.tree.currentItem()
    assert item.data(0, NODE_ROLE) == ("exhibit", target) and item.parent().isExpanded()


def test_arrow_keys_walk_across_closed_chapters(big, large, qtbot):
    tree = big.tree
    tree.setFocus()
    last = large.exhibits_in(2)[-1]
    tree.setCurrentItem(tree.item_for("exhibit", last))
    assert big.selection.state.exhibit == last
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # from the last exhibit of an open chapter to the next (closed) chapter
    assert big.selection.state.chapter == 3 and big.selection.state.exhibit == ""
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # a closed chapter is one step
    assert big.selection.state.chapter == 4 and big.selection.state.exhibit == ""
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert big.selection.state.chapter == 3
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # opens it, with its entries
    assert tree.item_for("chapter", 3).isExpanded() and tree.item_for("chapter", 3).childCount() == PER_CHAPTER
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert big.selection.state.exhibit == large.exhibits_in(3)[0]


def test_a_language_switch_relabels_what_exists_and_later_entries_come_in_the_new_language(big, large):
    tree = big.tree
    shown = big.selection.state.exhibit
    big.selection.update(language="en")
    settle(big)
    row = large.exhibit(shown)
    assert tree.currentItem().text(0) == f"{exhibit_name(row['kind'], row['number'], 'en')}: {row['title_en']}"
    assert tree.item_for("chapter", 5).text(0) == f"5  {large.chapters.at[5, 'title_en']}"
    later = tree.item_for("chapter", 50)
    assert later.childCount() == 0
    later.setExpanded(True)
    first = large.exhibit(large.exhibits_in(50)[0])
    assert later.child(0).text(0) == f"{exhibit_name(first['kind'], first['number'], 'en')}: {first['title_en']}"
    assert later.child(0).toolTip(0) == later.child(0).text(0)


def test_node_items_lists_every_node_in_reading_order(big, large):
    nodes = [item.data(0, NODE_ROLE) for item in big.tree.node_items()]
    expected = []
    for number in large.chapters.index:
        expected.append(("chapter", int(number)))
        expected += [("exhibit", ex_id) for ex_id in large.exhibits_in(int(number))]
    assert nodes == expected
