"""The window at the screen sizes it is made for: everything in view, room for the chart and the table, and a first
start or a remembered geometry fitted to the screen's available area (given as fake geometries: offscreen has
no real screen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from hjk_desktop.ui.window_layout import LARGEST, NARROW_WIDTH, clamp_rect, first_size

SIZES = [(1024, 640), (1280, 800), (1366, 768), (1920, 1080)]
ROW = 22  # px a readable category row needs at the default font


def _settle(qtbot, window, size):
    window.resize(*size)
    qtbot.wait(1)  # let queued layout work (dock sizes, splitter) run
    qtbot.waitUntil(lambda: window.size() == QSize(*size))


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_everything_fits_at_each_size(make_window, qtbot, size):
    window = make_window(exhibit="fig7")
    _settle(qtbot, window, size)
    status = window.statusBar()
    assert status.isVisible()
    assert window.rect().contains(status.geometry())
    chart_top = window.chart_pane.mapTo(window, QPoint(0, 0))
    assert window.rect().contains(QRect(chart_top, window.chart_pane.size()))
    assert window.chart_pane.height() >= 6 * ROW  # six category rows
    assert window.chart_pane.width() >= 400
    table_top = window.table.mapTo(window, QPoint(0, 0))
    assert window.rect().contains(QRect(table_top, window.table.size()))
    assert window.table.width() >= 400  # a label column and two value columns


def test_the_minimum_size_hint_is_within_the_smallest_screen(make_window, qtbot):
    window = make_window(exhibit="fig7")
    _settle(qtbot, window, SIZES[0])
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 640
    assert window.minimumSize().width() <= 1024 and window.minimumSize().height() <= 640


def test_narrow_windows_tab_the_right_docks_and_wide_ones_split_them(make_window, qtbot):
    window = make_window(exhibit="fig7")
    controls, provenance = window.docks["controls"], window.docks["provenance"]
    _settle(qtbot, window, (NARROW_WIDTH - 100, 700))
    assert provenance in window.tabifiedDockWidgets(controls)
    assert not controls.visibleRegion().isEmpty()  # the controls are the tab in front
    _settle(qtbot, window, (NARROW_WIDTH + 200, 800))
    assert provenance not in window.tabifiedDockWidgets(controls)
    assert provenance.isVisible() and controls.isVisible()


@pytest.mark.parametrize("area", [QRect(0, 0, 1024, 640), QRect(0, 24, 1280, 776), QRect(1920, 0, 1366, 738),
                                  QRect(0, 0, 3840, 2160)])
def test_a_first_start_takes_about_ninety_percent_of_the_screen_and_all_of_a_small_one(make_window, area):
    window = make_window(screen=lambda: area)
    size = first_size(area)
    assert window.size().width() <= area.width() and window.size().height() <= area.height()
    width, height = min(round(area.width() * 0.9), LARGEST.width()), min(round(area.height() * 0.9), LARGEST.height())
    # a screen where 90 % would be smaller than the layout is made for (1024×640) is used up to that size
    assert window.size().width() == (width if width >= 1024 else min(area.width(), 1024) - 8)  # 8, 32: a frame
    assert window.size().height() == (height if height >= 640 else min(area.height(), 640) - 32)
    assert window.size() == size
    assert area.contains(window.geometry()), (window.geometry(), window.frameGeometry())


def test_a_remembered_geometry_too_large_for_the_screen_is_clamped(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from hjk_desktop.ui.window_layout import place

    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1800, 1000)  # as restored from a larger screen
    window.move(100, 50)
    small = QRect(0, 0, 1280, 800)
    place(window, small, restored=True)
    assert window.width() <= 1280 and window.height() <= 800
    assert small.contains(QRect(window.pos(), window.size()))


def test_a_remembered_geometry_that_fits_is_kept(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from hjk_desktop.ui.window_layout import place

    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(700, 500)
    window.move(40, 30)
    place(window, QRect(0, 0, 1920, 1080), restored=True)
    assert window.size() == QSize(700, 500) and window.pos() == QPoint(40, 30)


def test_a_remembered_window_opens_inside_the_screen(make_window):
    first = make_window()
    first.resize(3000, 2000)
    first.close()  # remembers a geometry larger than any screen offered here
    area = QRect(0, 0, 1280, 800)
    second = make_window(screen=lambda: area)
    assert second.width() <= area.width() and second.height() <= area.height()


def test_clamp_rect_keeps_a_rectangle_inside_the_area():
    area = QRect(100, 0, 1280, 800)
    assert clamp_rect(QRect(0, -50, 2000, 1200), area) == area
    assert clamp_rect(QRect(1000, 700, 600, 400), area) == QRect(780, 400, 600, 400)
    inside = QRect(200, 100, 500, 300)
    assert clamp_rect(inside, area) == inside


def test_window_pictures_at_the_small_sizes(make_window, qtbot, tmp_path):
    window = make_window(exhibit="fig7")
    for size in SIZES[:2]:
        _settle(qtbot, window, size)
        picture = window.grab()
        assert picture.size() == QSize(*size)
        assert picture.save(str(tmp_path / f"window-{size[0]}x{size[1]}.png"))


def test_a_short_window_puts_the_header_on_one_line_each_with_the_whole_text_in_tooltips(make_window, qtbot):
    window = make_window(exhibit="fig7")
    window.selection.update(populations=("hjemmekontor_oppfordret", "forening_forbund"))
    header = window.header
    _settle(qtbot, window, (1280, 800))
    assert not header.one_line
    whole_title, whole_facts = header.title.text(), header.facts.text()
    assert header.title.height() > 1.6 * header.title.fontMetrics().lineSpacing()  # the long question wraps
    _settle(qtbot, window, (1024, 640))
    assert header.one_line
    for label, whole in ((header.title, whole_title), (header.facts, whole_facts)):
        assert label.height() < 1.6 * label.fontMetrics().lineSpacing()
        assert label.text().endswith("…") and label.text()[:-1] in whole
        assert whole in label.toolTip()
        assert header.full_text(label) == whole
    warnings = header.full_text(header.warnings).split("\n")
    assert len(warnings) == 2 and header.warnings.text().endswith("(+1)")
    assert header.warnings.height() < 1.6 * header.warnings.fontMetrics().lineSpacing() + 10  # padding and border
    _settle(qtbot, window, (1280, 800))  # and back: whole texts, wrapped
    assert not header.one_line and header.title.text() == whole_title and header.facts.text() == whole_facts


def _full_rows(table) -> int:
    height = table.viewport().height()
    return sum(1 for r in range(table.model().rowCount())
               if 0 <= table.rowViewportPosition(r) and table.rowViewportPosition(r) + table.rowHeight(r) <= height)


def _categories_in_view(window) -> int:
    from PySide6.QtCore import QPointF

    chart, pane = window.chart, window.chart_pane
    top = pane.mapTo(window, QPoint(0, 0)).y()
    shown = 0
    for y, _label in getattr(chart.layout, "categories", ()) or ():
        point = chart.plot_widget.mapTo(window, chart.plot_widget.mapFromScene(chart.vb.mapViewToScene(QPointF(0, y))))
        shown += top <= point.y() <= top + pane.height()
    return shown


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("size", [(1016, 608), (1024, 640), (1280, 800)], ids=["1016x608", "1024x640", "1280x800"])
def test_every_default_view_shows_rows_of_both_chart_and_table_on_a_small_screen(make_window, qtbot, package, size, lang):
    """On the smallest screens (1016×608 is a 1024×640 screen less a window frame) every exhibit's default view
    shows its table without sideways scrolling and at least six whole rows of it, and at least six of the
    chart's categories where one bar stands per category (three where two groups stand side by side: Figur 7),
    the rest a scroll away."""
    from hjk_desktop.ui.navigation import select_exhibit

    window = make_window(exhibit="k1")
    window.set_language(lang)
    _settle(qtbot, window, size)
    for ex in package.exhibit_ids():
        select_exhibit(window.selection, package, ex)
        qtbot.wait(1)
        rows = window.table.model().rowCount()
        categories = len(getattr(window.chart.layout, "categories", ()) or ())
        assert not window.table.horizontalScrollBar().isVisible(), (ex, size)
        assert _full_rows(window.table) >= min(rows, 6), (ex, size)
        one_bar = getattr(window.chart.layout, "n_series", 1) == 1
        assert _categories_in_view(window) >= min(categories, 6 if one_bar else 3), (ex, size)


def test_a_short_window_shares_the_centre_per_exhibit_and_keeps_a_split_dragged_by_hand(make_window, qtbot, package):
    """In a short window the table takes what its rows need (at most six) and the chart the rest, so the split
    moves with the exhibit; once the user drags the splitter, that split stays for the next exhibits."""
    from hjk_desktop.ui.navigation import select_exhibit

    window = make_window(exhibit="fig3")  # five short table rows: the chart gets the room the table does not use
    _settle(qtbot, window, (1024, 640))
    qtbot.waitUntil(lambda: window.centre_split.short)
    qtbot.wait(5)
    splitter = window.splitter
    fig3 = splitter.sizes()
    assert _full_rows(window.table) == window.table.model().rowCount() == 5
    select_exhibit(window.selection, package, "fig7")  # eight rows of two or three lines: the table takes more
    qtbot.wait(5)
    fig7 = splitter.sizes()
    assert fig7[1] > fig3[1] + 40 and _full_rows(window.table) >= 6
    splitter.moveSplitter(fig7[0] - 60, 1)  # as a drag of the handle does (it emits splitterMoved)
    dragged = splitter.sizes()
    select_exhibit(window.selection, package, "fig3")
    qtbot.wait(5)
    assert splitter.sizes()[0] == dragged[0]  # the chart keeps its dragged height (the header may differ)


def test_a_short_window_keeps_six_table_rows_after_a_change_of_segments_or_language(make_window, qtbot):
    """Not only a new exhibit: a second segment with intervals (columns more, so answers wrap) or another language
    is shared anew."""
    from hjk_desktop.ui.navigation import select_exhibit

    window = make_window(exhibit="k1")
    _settle(qtbot, window, (1016, 608))
    qtbot.waitUntil(lambda: window.centre_split.short)
    select_exhibit(window.selection, window.package, "tab1")
    qtbot.wait(5)
    window.selection.update(segments=("alle", "statlig"), intervals=True)
    qtbot.wait(5)
    assert window.table.model().columnCount() >= 3
    assert _full_rows(window.table) >= 6
    window.set_language("en")
    qtbot.wait(5)
    assert _full_rows(window.table) >= 6
