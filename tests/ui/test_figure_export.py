"""A chart that leaves the window names what it shows and where it comes from: caption and source line in the PNG
and SVG exports and in the image for the clipboard."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage

from hjk_desktop.core.query import query
from hjk_desktop.core.selection import SelectionState
from hjk_desktop.core.table import caption, exhibit_title, source_line
from hjk_desktop.ui.chart_export import chart_bytes, compose_figure, figure_image, figure_texts, offscreen_view

SVG = "{http://www.w3.org/2000/svg}"


def _state(package, exhibit, lang="nb"):
    return SelectionState(exhibit=exhibit, chapter=int(package.exhibit(exhibit)["chapter"]), language=lang)


@pytest.fixture
def fig7(qapp, package):
    result = query(package, "fig7")
    state = _state(package, "fig7")
    view = offscreen_view(package, result, state)
    yield view, result, state
    view.deleteLater()


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_svg_export_carries_caption_and_source(qapp, package, lang):
    result = query(package, "fig7")
    svg = chart_bytes(package, result, _state(package, "fig7", lang), "svg")
    texts = _texts(svg)
    joined = " ".join(texts)
    assert " ".join(source_line(package, lang).split()) in joined  # wrapped over lines, every word there
    title = exhibit_title(package, "fig7", lang)
    assert joined.count(title[:30]) == 1  # the caption once: the chart's own title, not a second copy
    root = ET.fromstring(svg)
    inner = root.find(f"{SVG}svg")
    assert inner is not None and float(root.get("height")) > float(inner.get("height"))


def test_png_export_is_the_chart_with_a_source_band(fig7, package):
    view, result, state = fig7
    bare = view.image(2.0)
    image = QImage.fromData(chart_bytes(package, result, state, "png", view=view), "PNG")
    assert image.width() == bare.width() and image.height() > bare.height()
    band = [image.pixelColor(x, y) for y in range(bare.height(), image.height()) for x in range(0, image.width(), 3)]
    background = image.pixelColor(image.width() - 1, image.height() - 1)
    assert sum(c != background for c in band) > 50  # text drawn in the source band


def test_figure_texts_give_the_caption_only_when_the_chart_does_not_paint_it(fig7, package):
    view, result, state = fig7
    cap, source = figure_texts(view, package, result, state)
    assert source == source_line(package, "nb")
    assert cap == "" and view.description("nb").startswith(exhibit_title(package, "fig7", "nb"))


def test_figure_image_puts_the_caption_above(fig7, package):
    view, _result, _state_ = fig7
    bare = view.image(1.0)
    text = caption(package, "fig7", "nb")
    with_caption = figure_image(view, text, source_line(package, "nb"), 1.0)
    source_only = figure_image(view, "", source_line(package, "nb"), 1.0)
    assert with_caption.height() > source_only.height() > bare.height()
    top = with_caption.height() - source_only.height()  # the caption band
    background = with_caption.pixelColor(0, 0)
    inked = sum(with_caption.pixelColor(x, y) != background for y in range(top) for x in range(0, with_caption.width(), 2))
    assert inked > 50


def test_compose_figure_on_a_dark_background_writes_light_text(qapp):
    chart = QImage(200, 100, QImage.Format.Format_ARGB32)
    chart.fill(QColor("#202020"))
    out = compose_figure(chart, "Figur 1", "Kilde: prøve", 1.0)
    assert out.height() > 100
    colours = {out.pixelColor(x, y).lightness() for y in range(out.height()) for x in range(out.width())}
    assert max(colours) > 150  # light text on the dark band
