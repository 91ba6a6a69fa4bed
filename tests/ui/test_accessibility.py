"""Screen readers and palettes: every control has an accessible name, the chart's description says the
numbers it shows and names the missing ones, and dark and high-contrast palettes keep text readable.
"""

from __future__ import annotations

import math
import re

import pytest

from hjk_desktop.core.codes import Chart

NUMBER = re.compile(r"−?\d+(?:[.,]\d+)?")


def wcag_luminance(color) -> float:
    """Relative luminance per WCAG 2.1, computed here (not with the chart's helper)."""
    def lin(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(color.red()) + 0.7152 * lin(color.green()) + 0.0722 * lin(color.blue())


def ratio(a, b) -> float:
    hi, lo = sorted((wcag_luminance(a), wcag_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _interactive(root):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QCheckBox,
        QComboBox,
        QLineEdit,
        QRadioButton,
        QSlider,
        QWidget,
    )

    from hjk_desktop.ui.chart_view import ChartView

    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QSlider, QCheckBox, QRadioButton, ChartView)
    return [w for w in [root, *root.findChildren(QWidget)] if isinstance(w, kinds) and w.isVisibleTo(root)]


def _nameless(root):
    return [f"{type(w).__name__}#{w.objectName()} '{getattr(w, 'text', lambda: '')()}'"
            for w in _interactive(root) if not w.accessibleName().strip()]


def test_every_control_of_the_window_has_an_accessible_name(window, package, qapp):
    from hjk_desktop.ui.navigation import select_chapter, select_exhibit

    window.chart_pane.toggle.click()
    missing = set()
    for exhibit in package.exhibit_ids():  # the controls are rebuilt for each exhibit
        select_exhibit(window.selection, package, exhibit)
        qapp.processEvents()
        missing |= set(_nameless(window))
    select_chapter(window.selection, 2)
    missing |= set(_nameless(window))
    assert len(_interactive(window)) > 15
    assert not missing, sorted(missing)
    for name in ("tree", "controls"):
        assert window.docks[name].accessibleName()
    assert window.chart.accessibleName() and window.table.accessibleName() and window.tree.accessibleName()


def test_every_control_of_the_dialogs_has_an_accessible_name(window, package, qtbot):
    from hjk_desktop.core.query import query
    from hjk_desktop.ui.about_dialog import AboutDialog
    from hjk_desktop.ui.export_dialog import ExportDialog
    from hjk_desktop.ui.provenance_panel import ProvenancePanel
    from hjk_desktop.ui.search_dialog import SearchDialog
    from hjk_desktop.ui.shortcuts_dialog import ShortcutsDialog

    panel = ProvenancePanel()
    qtbot.addWidget(panel)
    dialogs = [AboutDialog(package, window), ShortcutsDialog(window.actions, None, window), SearchDialog(package, "nb", window),
               ExportDialog(package, query(package, "fig1"), window.selection.state, None, window.chart, window), panel]
    for dialog in dialogs:
        dialog.show()
        assert _interactive(dialog), dialog.objectName()
        assert not _nameless(dialog), (dialog.objectName(), _nameless(dialog))
        dialog.close()


def test_names_follow_a_language_switch(window, qapp):
    window.set_language("en")
    qapp.processEvents()
    try:
        assert window.tree.accessibleName() != "Kapitler og figurer"
        assert window.controls.decimal_point.accessibleName() == window.controls.decimal_point.text()
        assert window.chart_pane.toggle.accessibleName() == window.chart_pane.toggle.text()
        assert window.chart_pane.toggle.text() != "Vis tekstbeskrivelse"
    finally:
        window.set_language("nb")
        qapp.processEvents()


def _line_for(description: str, label: str) -> str:
    lines = [line for line in description.splitlines() if line.startswith(f"- {label}:")]
    assert lines, f"no line for {label!r} in\n{description}"
    return lines[0]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_chart_description_states_the_numbers_and_names_the_missing(window, package, qapp, lang):
    from hjk_desktop.core.query import query
    from hjk_desktop.ui.navigation import select_exhibit

    if lang == "en":
        window.set_language("en")
    try:
        seen_missing = seen_value = 0
        for exhibit in package.exhibit_ids():
            if package.exhibit(exhibit)["chart"] not in (Chart.BARS, Chart.STACKED):
                continue
            select_exhibit(window.selection, package, exhibit)
            qapp.processEvents()
            state = window.selection.state
            result = query(package, exhibit, state.segments, state.rounds, state.populations)
            description = window.chart.description(lang)
            assert window.chart.accessibleDescription() == description
            drawn = {(m.row, m.key) for m in window.chart.layout.marks}
            several = len(result.series) > 1
            for spec in result.series:
                for row in range(len(result.frame)):
                    if (row, spec.key) not in drawn:
                        continue
                    label = str(result.frame.at[row, f"label_{lang}"]) + (f" ({spec.label(lang)})" if several else "")
                    line = _line_for(description, label)
                    value = float(result.frame.at[row, spec.key])
                    tail = line[len(label) + 3:]
                    if math.isnan(value):
                        seen_missing += 1
                        assert not NUMBER.search(tail), line
                        assert ("ikke oppgitt" if lang == "nb" else "not given") in tail, line
                    else:
                        seen_value += 1
                        number = float(NUMBER.search(tail).group().replace("−", "-").replace(",", "."))
                        assert number == value, line
        assert seen_missing >= 5 and seen_value >= 20
    finally:
        window.set_language("nb")


def test_the_text_description_under_the_chart_follows_the_exhibit(window, package, qapp):
    from hjk_desktop.ui.navigation import select_exhibit

    pane = window.chart_pane
    pane.toggle.click()
    for exhibit in ("fig1", "fig2", "fig7"):
        select_exhibit(window.selection, package, exhibit)
        qapp.processEvents()
        assert pane.text.toPlainText() == window.chart.description("nb")
    assert "Rapporten" in pane.text.toPlainText() or pane.text.toPlainText()


DARK = {"Window": "#1e1e1e", "WindowText": "#dcdcdc", "Base": "#121212", "AlternateBase": "#262626", "Text": "#e8e8e8",
        "Button": "#2d2d2d", "ButtonText": "#e8e8e8", "Highlight": "#3d7ad6", "HighlightedText": "#ffffff"}
HIGH_CONTRAST = {"Window": "#000000", "WindowText": "#ffffff", "Base": "#000000", "AlternateBase": "#000000", "Text": "#ffffff",
                 "Button": "#000000", "ButtonText": "#ffffff", "Highlight": "#ffff00", "HighlightedText": "#000000"}


@pytest.fixture
def palette_of(qapp):
    from PySide6.QtGui import QColor, QPalette

    original = QPalette(qapp.palette())

    def apply(colours: dict) -> QPalette:
        palette = QPalette(qapp.palette())
        for role, colour in colours.items():
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, getattr(QPalette.ColorRole, role), QColor(colour))
        qapp.setPalette(palette)
        qapp.processEvents()
        return palette

    yield apply
    qapp.setPalette(original)
    qapp.processEvents()


@pytest.mark.parametrize("colours", [DARK, HIGH_CONTRAST], ids=["dark", "high-contrast"])
def test_dark_palettes_keep_chart_and_table_text_readable(window, package, qapp, palette_of, colours):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from hjk_desktop.ui.navigation import select_exhibit

    select_exhibit(window.selection, package, "fig7")  # it has missing values
    qapp.processEvents()
    light_background = window.chart.image(1.0).pixelColor(3, 3)
    palette_of(colours)
    window.repaint()
    background = QColor(colours["Window"])
    image = window.chart.image(1.0)
    corner = image.pixelColor(3, 3)
    assert ratio(corner, background) < 1.1 and ratio(corner, light_background) > 3  # redrawn on the dark colour
    axis = window.chart.plot_item.getAxis("bottom")
    assert ratio(axis.textPen().color(), corner) >= 4.5
    assert ratio(window.chart.legend.opts["labelTextColor"].color() if hasattr(window.chart.legend.opts["labelTextColor"], "color")
                 else QColor(window.chart.legend.opts["labelTextColor"]), corner) >= 4.5
    # every text drawn in the plot (value labels, "ikke oppgitt" markers, notes) against the plot background
    texts = [item for item in window.chart.plot_item.items if hasattr(item, "textItem") and item.isVisible()]
    assert texts
    for item in texts:
        assert ratio(item.textItem.defaultTextColor(), corner) >= 4.5 or item.fill is not None, item.toPlainText()
    # the table's grey for missing cells and the header's quiet summary line
    model = window.table.source_model
    missing = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
               if model.index(r, c).data() == "–"]
    assert missing
    grey = missing[0].data(Qt.ItemDataRole.ForegroundRole).color()
    assert ratio(grey, QColor(colours["Base"])) >= 4.5 and ratio(grey, QColor(colours["AlternateBase"])) >= 4.5
    summary = window.header.summary
    shown = summary.grab().toImage()
    text_pixels = {shown.pixelColor(x, y).rgb() for x in range(0, shown.width(), 2) for y in range(shown.height())}
    darkest_or_lightest = max((QColor.fromRgb(p) for p in text_pixels), key=lambda c: ratio(c, background))
    assert ratio(darkest_or_lightest, background) >= 4.5


def test_window_icon_is_drawn_from_the_svg_at_any_size(qtbot, window):
    from hjk_desktop.ui.accessibility import app_icon
    from hjk_desktop.ui.i18n import resource_dir

    assert (resource_dir() / "icons" / "hjk-desktop.svg").is_file()
    qtbot.waitUntil(lambda: not window.windowIcon().isNull())  # set just after the window's first paint
    icon = window.windowIcon()
    assert icon.cacheKey() == app_icon().cacheKey()
    for size in (16, 48, 256, 1024):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        opaque = sum(1 for x in range(0, size, max(1, size // 32)) for y in range(0, size, max(1, size // 32))
                     if image.pixelColor(x, y).alpha() > 0)
        assert opaque > 0


def test_chart_pane_draws_from_results_and_skips_what_it_does_not_show(qtbot, package):
    from hjk_desktop.core.chart_layout import ChapterPage, ChartLayout
    from hjk_desktop.core.results import Results
    from hjk_desktop.core.selection import Selection
    from hjk_desktop.ui.accessibility import ChartPane
    from hjk_desktop.ui.chart_view import ChartView
    from hjk_desktop.ui.navigation import select_chapter, select_exhibit

    chart = ChartView()
    pane = ChartPane(chart)
    qtbot.addWidget(pane)
    selection = Selection()
    results = Results(package, selection)
    results.connect(pane.on_results)
    select_exhibit(selection, package, "fig1")
    assert isinstance(chart.layout, ChartLayout) and chart.layout.exhibit_id == "fig1"
    assert chart.accessibleDescription() == chart.description("nb")
    drawn = chart.layout
    row, key = drawn.marks[0].row, drawn.marks[0].key
    selection.update(focus=(row, key))
    assert chart.layout is drawn  # the focused cell is the table's and the source panel's business
    selection.update(intervals=True)
    assert chart.layout is not drawn
    select_chapter(selection, 3)
    assert isinstance(chart.layout, ChapterPage) and chart.layout.chapter == 3
    assert chart.description("nb").splitlines()[0] == chart.layout.title
