"""Category rows of uneven height (core.chart_layout.category_rows) as the chart pane and the SVG export draw
them: every category name and bar in view of the drawing, names never on top of each other, and a one-line name
given less height than a three-line one, for every exhibit in both languages and both views."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from hjk_desktop.core.chart_layout import ChartLayout
from hjk_desktop.core.query import availability
from tests.ui.helpers import render_exhibit

pytest.importorskip("PySide6.QtCore")
from PySide6.QtCore import QPointF  # noqa: E402

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def view(make_chart_view):
    return make_chart_view(900, 640)


def _views(package):
    for exhibit_id in package.exhibit_ids():
        yield exhibit_id, {}
        populations = availability(package, exhibit_id).populations
        if len(populations) >= 2:
            yield exhibit_id, {"populations": tuple(populations[:2]), "difference": True}


def _inner(svg: bytes) -> ET.Element:
    """The chart's own drawing (an export nests it under its caption and source)."""
    root = ET.fromstring(svg)
    return next((e for e in root.iter(f"{NS}svg") if e is not root), root)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_svg_keeps_every_bar_and_name_inside_and_names_apart(view, package, lang):
    checked = 0
    for exhibit_id, options in _views(package):
        render_exhibit(view, package, exhibit_id, language=lang, **options)
        if not isinstance(view.layout, ChartLayout) or not view.layout.categories:
            continue
        inner = _inner(view.svg_bytes())
        height = float(inner.get("height"))
        bars = [r for r in inner.iter(f"{NS}rect") if "bar" in r.get("class", "").split()]
        assert len(bars) == len(view.layout.bars), exhibit_id
        for rect in bars:
            y, h = float(rect.get("y")), float(rect.get("height"))
            assert 0 <= y and y + h <= height, (exhibit_id, lang, y, h, height)
        lines = sorted(float(t.get("y")) for t in inner.iter(f"{NS}text") if t.get("class") == "category")
        assert lines and 0 <= lines[0] and lines[-1] <= height, exhibit_id
        assert all(b - a >= 12 for a, b in zip(lines, lines[1:])), (exhibit_id, lang, lines)  # 12 px type
        checked += 1
    assert checked >= 10


def test_the_pane_gives_a_one_line_name_less_room_than_a_three_line_one(view, package):
    render_exhibit(view, package, "k2")
    layout = view.layout
    lines = [label.count("\n") + 1 for _y, label in layout.categories]
    assert min(lines) < max(lines)

    def pixels(y: float) -> float:
        return view.vb.mapViewToScene(QPointF(0, y)).y()

    edges = [(pixels(y - layout.span(c) / 2), pixels(y + layout.span(c) / 2)) for c, (y, _l) in enumerate(layout.categories)]
    heights = [abs(b - a) for a, b in edges]
    short, tall = lines.index(min(lines)), lines.index(max(lines))
    assert heights[short] < heights[tall]
    line = view.fontMetrics().lineSpacing()
    for n, h in zip(lines, heights):
        assert h >= n * line, (n, h)  # every name has room for its lines
    assert re.sub(r"\s+", " ", layout.categories[tall][1]).strip()
