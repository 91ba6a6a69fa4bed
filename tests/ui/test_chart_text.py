"""Chart text is whole and apart: at the chart pane of a 1280×800 window and at 900×600, in both languages, for
every exhibit's default view and the views with two groups, two segments, two rounds and the differences, no two
texts overlap, value labels stay inside the plot, title, legend and notes inside the pane, every bar has its
value, and neighbouring parts of a stacked bar differ clearly in lightness.

The rectangles are the items' own scene rectangles (the axis labels' from the axis' draw specs), so the test
sees what Qt paints, not what the layout meant to paint.
"""

from __future__ import annotations

import pytest

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.chart_layout import LABEL_SEP, ChartLayout, value_text
from hjk_desktop.core.codes import ALL, LANGUAGES, Chart, View
from hjk_desktop.core.formatting import APPROX, format_number
from tests.ui.helpers import render_exhibit

pytest.importorskip("PySide6.QtCore")
from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPalette  # noqa: E402

from hjk_desktop.ui.chart_style import (  # noqa: E402
    COMPONENT_SHADES,
    MIN_PART_CONTRAST,
    MIN_TEXT_CONTRAST,
    contrast_ratio,
    text_on,
    theme_from_palette,
)

pg = pytest.importorskip("pyqtgraph")

PACKAGE = load_package(bundled_package_path())
OWN7 = PACKAGE.exhibit("fig7")["population"]
# every exhibit with bars in its default view (fig7 has both groups, fig3 two segments there), and the rest
CASES = [(e, {}) for e in PACKAGE.exhibit_ids() if PACKAGE.exhibit(e)["chart"] != Chart.RANKING] + [
    ("tab1", {"rounds": ("2021-02", "2021-06")}),
    ("fig7", {"intervals": True}),
    ("fig7", {"difference": True, "populations": (OWN7, "forening_forbund")}),
    ("fig7", {"difference": True, "populations": (OWN7,), "segments": (ALL, "privat_tjeneste")}),
]
TOUCH = 0.5  # pixels two rectangles may share (touching is allowed)


def _case_id(case) -> str:
    exhibit_id, options = case
    return exhibit_id + "".join(f"-{k}" for k in options)


def _overlap(a: QRectF, b: QRectF) -> bool:
    both = a.intersected(b)
    return both.width() > TOUCH and both.height() > TOUCH


def _within(inner: QRectF, outer: QRectF) -> bool:
    return outer.adjusted(-TOUCH, -TOUCH, TOUCH, TOUCH).contains(inner)


def _axis_texts(axis) -> list[tuple[str, QRectF]]:
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [(text, axis.mapRectToScene(QRectF(rect))) for rect, _flags, text in specs[2]]


def value_texts(view) -> list[tuple[str, QRectF]]:
    return [(item.toPlainText(), item.mapRectToScene(item.boundingRect())) for item in view.plot_item.items
            if isinstance(item, pg.TextItem) and item.isVisible()]


def text_problems(view) -> list[str]:
    """Every overlap and every text outside its place in the chart shown, in words (empty when all is well)."""
    problems = []
    plot = view.vb.sceneBoundingRect()
    values = value_texts(view)
    for text, rect in values:
        if not _within(rect, plot):
            problems.append(f"value label {text!r} leaves the plot: {rect} not in {plot}")
    texts = [("value", t, r) for t, r in values]
    texts += [("category", t, r) for t, r in _axis_texts(view.plot_item.getAxis("left"))]
    texts += [("tick", t, r) for t, r in _axis_texts(view.plot_item.getAxis("bottom"))]
    pane = QRectF(0, 0, view.plot_widget.width(), view.plot_widget.height())
    for name, label in (("title", view.plot_item.titleLabel), ("legend", view.legend), ("notes", view.note)):
        if not label.isVisible() or not label.item.toPlainText().strip():
            continue
        rect = label.item.mapRectToScene(label.item.boundingRect())
        if not _within(rect, pane):
            problems.append(f"{name} leaves the pane: {rect} not in {pane}")
        if not _within(rect, label.sceneBoundingRect()):
            problems.append(f"{name} is cut by its own box: {rect} not in {label.sceneBoundingRect()}")
        texts.append((name, label.item.toPlainText()[:30], rect))
    for i, (kind, text, rect) in enumerate(texts):
        for kind2, text2, rect2 in texts[i + 1:]:
            if _overlap(rect, rect2):
                problems.append(f"{kind} {text!r} overlaps {kind2} {text2!r}")
    return problems


def _says(label_text: str, wanted: str) -> bool:
    """Whether a label writes the value: alone, or at the end of one of its bits ("inngått avtale 6")."""
    return any(bit == wanted or bit.endswith(" " + wanted) for bit in label_text.split(LABEL_SEP))


def bars_without_label(view) -> list[str]:
    """Bars whose value is not written at the bar (inside it, or beside it on the same row) and drawn."""
    layout = view.layout
    shown = {text.replace("\n", LABEL_SEP) for text, _r in value_texts(view)}
    missing = []
    for bar in layout.bars:
        if layout.view == View.DIFFERENCE:  # one end is zero
            wanted = format_number(round(bar.x0 + bar.x1, 9), layout.decimal, signed=True)
            wanted = f"{APPROX}{wanted}" if bar.approx else wanted
        else:
            wanted = value_text(bar.x1 - bar.x0, bar.approx, layout.decimal)
        if not any(abs(label.y - bar.y) < 1e-9 and _says(label.text, wanted) and label.text in shown
                   and (not label.on_fill or bar.x0 <= label.x <= bar.x1) for label in layout.labels):
            missing.append(f"row {bar.row} {bar.key}: {wanted}")
    return missing


def settle(view, qtbot) -> None:
    """Let the plot lay itself out at the pane's size (text items follow the view box one event later)."""
    try:
        qtbot.waitUntil(lambda: not text_problems(view), timeout=1000)
    except (AssertionError, qtbot.TimeoutError):  # the assertions below say what is wrong
        pass


def _check(view, exhibit_id, options, lang, qtbot) -> None:
    render_exhibit(view, PACKAGE, exhibit_id, language=lang, **dict(options))
    settle(view, qtbot)
    assert isinstance(view.layout, ChartLayout)
    where = f"{exhibit_id} {options} {lang} at {view.width()}×{view.height()}"
    assert text_problems(view) == [], where
    assert bars_without_label(view) == [], where


@pytest.fixture
def alone(make_chart_view):
    return make_chart_view(900, 600)


@pytest.mark.parametrize("size", [(900, 600), (600, 400), (520, 230)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_pane_alone(alone, qtbot, case, lang, size):
    """The smallest size is the pane of a short (1024×640) window, which packs rows tighter (compact)."""
    alone.set_compact(size[1] < 300)
    alone.resize(*size)
    _check(alone, *case, lang, qtbot)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_pane_of_a_1280_by_800_window(make_window, qtbot, lang):
    window = make_window()
    window.resize(1280, 800)
    qtbot.wait(20)
    view = window.chart
    assert view.width() < 1280 and view.height() < 800
    for exhibit_id, options in CASES:
        _check(view, exhibit_id, options, lang, qtbot)


def test_the_known_cases_are_whole(alone, qtbot):
    """Cut "i alt 67 (beregn…" / "in total 67 (compute…", and the small parts of Figur 3 without their numbers."""
    alone.resize(689, 361)  # the chart pane of a 1280×800 window when this was reported
    for lang in LANGUAGES:
        render_exhibit(alone, PACKAGE, "fig7", language=lang)
        settle(alone, qtbot)
        total = next(t for t, _r in value_texts(alone) if t.startswith(("i alt 67", "in total 67")))
        rect = next(r for t, r in value_texts(alone) if t == total)
        assert _within(rect, alone.vb.sceneBoundingRect())
        assert total.endswith(")"), total
    render_exhibit(alone, PACKAGE, "fig3")
    settle(alone, qtbot)
    assert bars_without_label(alone) == [] and text_problems(alone) == []
    shown = " ".join(t for t, _r in value_texts(alone))
    for bar in alone.layout.bars:
        assert format_number(bar.x1 - bar.x0, alone.layout.decimal) in shown


@pytest.mark.parametrize("background", ["#efefef", "#ffffff", "#202020", "#000000"])
def test_neighbouring_stacked_parts_differ_and_carry_readable_text(qapp, background):
    """2:1 between neighbouring parts: WCAG asks 3:1 for a graphic against its surroundings; here an outline
    also separates the parts, and the fill only has to tell two shades of one series apart at a glance (the
    tan and pale yellow that were mixed up differed by 1.16:1). Black or white text on a part keeps 4.5:1."""
    theme = theme_from_palette(QPalette(QColor(background)))
    for series in range(len(theme.series)):
        parts = [theme.component_color(series, c) for c in range(len(COMPONENT_SHADES))]
        for a, b in zip(parts, parts[1:]):
            assert contrast_ratio(a, b) >= MIN_PART_CONTRAST, (series, a.name(), b.name())
        for part in parts:
            assert contrast_ratio(text_on(part), part) >= MIN_TEXT_CONTRAST
            assert contrast_ratio(theme.outline(part), part) >= 1.5  # the outline is seen on the part


@pytest.mark.parametrize("case", [c for c in CASES if PACKAGE.exhibit(c[0])["chart"] == Chart.STACKED
                                  and not c[1].get("difference")], ids=_case_id)
def test_stacked_parts_on_screen_are_told_apart(alone, case):
    render_exhibit(alone, PACKAGE, case[0], **case[1])
    layout = alone.layout
    for bar in layout.bars:
        after = [b for b in layout.bars if b.key == bar.key and b.y == bar.y and abs(b.x0 - bar.x1) < 1e-9]
        for nxt in after:
            (left,), (right,) = alone.bar_items(bar.row, bar.key), alone.bar_items(nxt.row, nxt.key)
            fills = [item.opts["brush"].color() for item in (left, right)]
            assert contrast_ratio(*fills) >= MIN_PART_CONTRAST, (bar, nxt)
            assert left.opts["pen"].color() != fills[0]  # an outline, not the fill's own colour


def test_axis_reaches_just_far_enough_for_a_text_beside_a_bar(qapp):
    from hjk_desktop.ui.chart_fit import Placed, x_range

    text = Placed(x=68.0, y=0.0, anchor_x=0.0, width=131.0, height=21.0)
    low, high = x_range([text], -0.2, 100.2, 357.0)
    assert low == -0.2 and high > 100.2
    assert text.x + text.width * (high - low) / 357.0 == pytest.approx(high, abs=1e-6)  # whole, and no wider
    assert x_range([Placed(10.0, 0.0, 0.0, 40.0, 21.0)], -0.2, 100.2, 357.0) == (-0.2, 100.2)  # fits: unchanged
    left = Placed(x=-30.0, y=0.0, anchor_x=1.0, width=60.0, height=21.0)  # a negative difference's label
    low, _high = x_range([left], -40.0, 40.0, 300.0)
    assert left.x - left.width * (_high - low) / 300.0 == pytest.approx(low, abs=1e-6)


def test_long_texts_beside_a_bar_go_on_lines_of_their_own(qapp):
    from hjk_desktop.core.chart_layout import LABEL_SEP as SEP
    from hjk_desktop.ui.chart_fit import fitted_text, label_fonts

    font = label_fonts()[False]
    words = f"inngått avtale 6{SEP}i alt 67 (beregnet)"
    assert fitted_text(words, font, 2000.0, SEP) == words
    assert fitted_text(words, font, 130.0, SEP).split("\n") == ["inngått avtale 6", "i alt 67 (beregnet)"]
    assert all(line for line in fitted_text(words, font, 60.0, SEP).split("\n"))  # words wrapped, none lost
    assert fitted_text(words, font, 60.0, SEP).replace("\n", " ") == words.replace(SEP, " ")
