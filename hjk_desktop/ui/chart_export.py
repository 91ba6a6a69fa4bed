"""The chart as a file: PNG (the painted chart, rendered again at twice the size) and SVG (written from the same
ChartLayout the screen paints: one <rect> per bar, text as text).

``chart_bytes`` serves both the export dialog (which passes the ChartView on screen) and the headless
``export`` command (which gets an offscreen view, and a QApplication only when none exists).
pyqtgraph's SVGExporter (0.14) cannot parse the path data Qt 6.12 writes, hence the SVG writer here.
"""

from __future__ import annotations

import html
import re
import textwrap

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QTextOption
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from hjk_desktop.core import export as ex
from hjk_desktop.core.chart_layout import ChartLayout
from hjk_desktop.ui.chart_style import ChartTheme, chart_font, mix, resolve, text_on

PNG_SCALE = 2.0  # twice the on-screen size: sharp on high-density screens and in print
DPI = 96
TITLE_WRAP = 90  # characters per title line in the SVG (900 px wide)
NOTE_WRAP = 120
SVG_WIDTH = 900.0
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
_OWN_APP: list = []  # a QApplication made here must outlive the call that made it

esc = html.escape


def chart_size(result) -> tuple[int, int]:
    """A size for an offscreen chart that gives every bar room: grows with rows × series."""
    bars = max(1, result.n_rows) * max(1, len(result.series))
    return 960, max(480, min(1800, 220 + 30 * bars))


def ensure_app() -> QApplication:
    if QApplication.instance() is None:
        _OWN_APP.append(QApplication([]))
    return QApplication.instance()


def offscreen_view(package, result, state):
    """A ChartView laid out like a shown window but never on screen, showing result for state."""
    from hjk_desktop.ui.chart_view import ChartView

    ensure_app()
    view = ChartView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(*chart_size(result))
    view.show_exhibit(package, result, state)
    view.show()
    QApplication.processEvents()
    return view


def image_png_bytes(image: QImage, scale: float = PNG_SCALE) -> bytes:
    """A QImage as PNG bytes, with its physical size recorded so it prints at the on-screen size."""
    dots = round(DPI * scale / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ex.ExportError("<png>", "failed", "Qt could not encode the image as PNG")
    buffer.close()
    return bytes(data.data())


# -- caption and source around the chart ----------------------------------------------------------------
# A chart that leaves the window (file or clipboard) names what it shows and where it comes from: the exhibit's
# caption above (unless the chart already paints it as its title) and the source line below.
BAND_MARGIN = 8.0  # px around the caption and source text, at scale 1


def figure_texts(view, package, result, state) -> tuple[str, str]:
    """(caption, source) to compose around the chart of view: the caption is '' when the chart already paints
    it as its title (a bar chart does), so it never appears twice."""
    from hjk_desktop.core.table import caption, exhibit_title, source_line

    lang = state.language
    shown = view.description(lang).splitlines()[:1] if hasattr(view, "description") else []
    painted = bool(shown) and shown[0].startswith(exhibit_title(package, result.exhibit_id, lang))
    return ("" if painted else caption(package, result.exhibit_id, lang)), source_line(package, lang)


def _band_font(scale: float, bold: bool = False) -> QFont:
    font = chart_font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


def _text_height(text: str, font: QFont, width: float) -> float:
    if not text:
        return 0.0
    rect = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), text)
    return rect.height() + 2 * BAND_MARGIN


def compose_figure(chart: QImage, caption: str, source: str, scale: float = PNG_SCALE,
                   background=None, foreground=None) -> QImage:
    """chart with the caption in a band above and the source in a band below, the text wrapped to its width."""
    background = QColor(background) if background is not None else QColor(chart.pixelColor(0, 0))
    foreground = QColor(foreground) if foreground is not None else text_on(background)
    width = chart.width()
    inner = width - 2 * BAND_MARGIN * scale
    cap_font, src_font = _band_font(scale, bold=True), _band_font(scale * 0.9)
    top = _text_height(caption, cap_font, inner) if caption else 0.0
    bottom = _text_height(source, src_font, inner) if source else 0.0
    out = QImage(width, round(chart.height() + top + bottom), QImage.Format.Format_ARGB32)
    out.fill(background)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        painter.setPen(foreground)
        margin = BAND_MARGIN * scale
        if caption:
            painter.setFont(cap_font)
            painter.drawText(QRectF(margin, BAND_MARGIN, inner, top - BAND_MARGIN), caption, option)
        painter.drawImage(0, round(top), chart)
        if source:
            painter.setFont(src_font)
            painter.drawText(QRectF(margin, top + chart.height() + BAND_MARGIN, inner, bottom - BAND_MARGIN), source, option)
    finally:
        painter.end()
    return out


def figure_image(view, caption: str, source: str, scale: float = PNG_SCALE) -> QImage:
    """The chart of view as an image with the caption above (if given) and the source line below: for the PNG
    export and for the image copied to the clipboard."""
    return compose_figure(view.image(scale), caption, source, scale)


def exhibit_figure_image(view, package, result, state, scale: float = PNG_SCALE) -> QImage:
    """figure_image with the caption and source of the exhibit shown (see figure_texts)."""
    return figure_image(view, *figure_texts(view, package, result, state), scale)


_SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"')
_SVG_BACKGROUND = re.compile(rb'<rect x="0" y="0" width="[\d.]+" height="[\d.]+" fill="(#[0-9a-fA-F]{6})"')


def framed_svg(svg: bytes, caption: str, source: str) -> bytes:
    """An SVG with the caption (if given) above and the source line below: the chart nested as an inner <svg>."""
    match = _SVG_SIZE.search(svg)
    if match is None:
        return svg
    width, height = float(match.group(1)), float(match.group(2))
    cap_lines = textwrap.wrap(caption, TITLE_WRAP, break_on_hyphens=False) if caption else []
    src_lines = textwrap.wrap(source, NOTE_WRAP, break_on_hyphens=False, break_long_words=False) if source else []
    fill = _SVG_BACKGROUND.search(svg)
    background = fill.group(1).decode() if fill else "#ffffff"
    colour = text_on(QColor(background)).name()
    top = 19.0 * len(cap_lines) + (10 if cap_lines else 0)
    total = top + height + 16.0 * len(src_lines) + (12 if src_lines else 0)
    inner = svg[svg.index(b"<svg"):].replace(b"<svg", f'<svg x="0" y="{top:.0f}"'.encode(), 1)
    texts = [f'<text class="caption" x="10" y="{19 * (i + 1)}" {FONT} font-size="14" font-weight="bold" fill="{colour}">{esc(line)}'
             "</text>" for i, line in enumerate(cap_lines)]
    texts += [f'<text class="source" x="10" y="{top + height + 16 * (i + 1):.0f}" {FONT} font-size="11" fill="{colour}">{esc(line)}'
              "</text>" for i, line in enumerate(src_lines)]
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
            f'height="{total:.0f}" viewBox="0 0 {width:.0f} {total:.0f}">\n<rect width="100%" height="100%" fill="{background}"/>\n'
            ).encode() + inner.rstrip() + ("\n" + "\n".join(texts) + "\n</svg>\n").encode()


def _png(view, caption: str, source: str) -> bytes:
    return image_png_bytes(figure_image(view, caption, source, PNG_SCALE))


def _svg(view, caption: str, source: str) -> bytes:
    return framed_svg(view.svg_bytes(), caption, source)


# the chart formats of core.export_formats (target CHART), each with the function that writes it
WRITERS = {"png": _png, "svg": _svg}


def chart_bytes(package, result, state, fmt: str, view=None) -> bytes:
    """The chart as PNG (at twice the widget's size) or SVG, with caption and source; drawn offscreen unless a
    ChartView is given."""
    if fmt not in WRITERS:
        raise ValueError(f"not a chart format: {fmt!r}")
    own = view is None
    if own:
        view = offscreen_view(package, result, state)
    try:
        return WRITERS[fmt](view, *figure_texts(view, package, result, state))
    finally:
        if own:
            view.deleteLater()


def render_image(widget, scale: float, background) -> QImage:
    """A widget painted again through a scaled painter: vector text and lines, not an enlarged bitmap.
    A pyqtgraph view paints its scene; any other widget paints itself."""
    size = widget.size()
    image = QImage(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)), QImage.Format.Format_ARGB32)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        painter.scale(scale, scale)
        if isinstance(widget, QGraphicsView):  # its scene, in the viewport's coordinates
            widget.render(painter, QRectF(0, 0, size.width(), size.height()), widget.viewport().rect())
        else:
            QWidget.render(widget, painter, QPoint(0, 0))
    finally:
        painter.end()
    return image


def text_svg(lines: list[str]) -> bytes:
    """A page without bars (a ranking, a chapter) as SVG: its description, line by line."""
    height = 20 * len(lines) + 20
    body = "".join(f'<text x="10" y="{20 * (i + 1)}" font-family="sans-serif" font-size="13">{esc(line)}</text>'
                   for i, line in enumerate(lines))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="800" '
            f'height="{height}" viewBox="0 0 800 {height}">{body}</svg>').encode()


class _Hatches:
    """The SVG patterns for hatched fills, one per (fill, stroke) pair."""

    def __init__(self) -> None:
        self.defs: list[str] = []
        self.ids: dict[tuple[str, str], str] = {}

    def fill(self, fill: str, stroke: str) -> str:
        if (fill, stroke) not in self.ids:
            pid = f"hatch{len(self.ids)}"
            self.ids[(fill, stroke)] = pid
            self.defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" '
                             f'height="6" fill="{fill}"/><path d="M0,6 L6,0" stroke="{stroke}" stroke-width="1"/></pattern>')
        return f"url(#{self.ids[(fill, stroke)]})"


def layout_svg(layout: ChartLayout, theme: ChartTheme) -> bytes:
    """The chart drawn from its layout as SVG, 900 px wide, as tall as it needs."""
    fg, muted, bg, grid = theme.foreground.name(), theme.muted.name(), theme.background.name(), theme.grid.name()
    metrics = QFontMetricsF(chart_font())
    line_h = 15.0
    labels = [label for _y, label in layout.categories]
    label_w = max((metrics.horizontalAdvance(part) for label in labels for part in label.split("\n")), default=40.0)
    left = label_w + 20
    pw = SVG_WIDTH - left - 40.0
    title = textwrap.wrap(layout.title, TITLE_WRAP) + ([layout.title_extra] if layout.title_extra else [])
    top = 14 + 19 * len(title) + 10
    # pixels per y unit: each category's lines fit its height in units (core.chart_layout.category_rows)
    band = max([44.0] + [((label.count("\n") + 1) * line_h + 14) / layout.span(c) for c, label in enumerate(labels)])
    y_top, y_bottom = layout.y_range
    plot_h = band * (y_bottom - y_top)
    xmin = layout.axis.xmin
    xmax = layout.axis.xmax if layout.axis.xmax > xmin else xmin + 1.0

    def px(x: float) -> float:
        return left + (x - xmin) / (xmax - xmin) * pw

    def py(y: float) -> float:
        return top + (y - y_top) * band

    hatches = _Hatches()
    out = [f'<rect x="0" y="0" width="{SVG_WIDTH:.0f}" height="HEIGHT" fill="{bg}"/>']
    for i, line in enumerate(title):
        out.append(f'<text x="{SVG_WIDTH / 2:.1f}" y="{20 + 19 * i}" text-anchor="middle" {FONT} font-size="14" '
                   f'fill="{fg}">{esc(line)}</text>')
    for value, label in layout.axis.ticks:
        x = px(value)
        out.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" stroke="{grid}" stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{top + plot_h + 16:.1f}" text-anchor="middle" {FONT} font-size="11" '
                   f'fill="{fg}">{esc(label)}</text>')
    out.append(f'<line x1="{left:.1f}" y1="{top + plot_h:.1f}" x2="{left + pw:.1f}" y2="{top + plot_h:.1f}" stroke="{fg}"/>')
    out.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{top + plot_h:.1f}" stroke="{fg}"/>')
    out.append(f'<text x="{left + pw / 2:.1f}" y="{top + plot_h + 34:.1f}" text-anchor="middle" {FONT} font-size="12" '
               f'fill="{fg}">{esc(layout.axis.label)}</text>')
    for c, label in layout.categories:
        parts = label.split("\n")
        y0 = py(c) - (len(parts) - 1) * line_h / 2
        for k, part in enumerate(parts):
            out.append(f'<text class="category" x="{left - 8:.1f}" y="{y0 + k * line_h:.1f}" dy="0.35em" text-anchor="end" '
                       f'{FONT} font-size="12" fill="{fg}">{esc(part)}</text>')
    for bar in layout.bars:
        fill = resolve(theme, bar.colour)
        stroke = theme.outline(fill).name()
        x, yy, ww, hh = px(bar.x0), py(bar.y - bar.height / 2), (bar.x1 - bar.x0) / (xmax - xmin) * pw, bar.height * band
        if bar.derived:
            out.append(f'<rect class="bar derived" x="{x:.2f}" y="{yy:.2f}" width="{ww:.2f}" height="{hh:.2f}" '
                       f'fill="{hatches.fill(mix(fill, theme.background, 0.55).name(), stroke)}" stroke="{stroke}" '
                       f'stroke-dasharray="4 2"/>')
        else:
            out.append(f'<rect class="bar" x="{x:.2f}" y="{yy:.2f}" width="{ww:.2f}" height="{hh:.2f}" fill="{fill.name()}" '
                       f'stroke="{stroke}"/>')
    for label in layout.labels:
        colour = resolve(theme, label.colour)
        colour = text_on(colour) if label.on_fill else colour
        align = {0.0: "start", 0.5: "middle", 1.0: "end"}.get(label.anchor[0], "start")
        dx = 3 if align == "start" else (-3 if align == "end" else 0)
        style = ' font-style="italic"' if label.italic else ""
        out.append(f'<text x="{px(label.x) + dx:.1f}" y="{py(label.y):.1f}" dy="0.35em" text-anchor="{align}" {FONT} '
                   f'font-size="11"{style} fill="{colour.name()}">{esc(label.text)}</text>')
    for marker in layout.markers:
        out.append(f'<circle class="missing" cx="{px(marker.x):.1f}" cy="{py(marker.y):.1f}" r="4.5" fill="none" '
                   f'stroke="{muted}" stroke-width="1.5"/>')
    for iv in layout.intervals:
        y, y1, y2 = py(iv.y), py(iv.y - iv.beam / 2), py(iv.y + iv.beam / 2)
        lo, hi = px(iv.lo), px(iv.hi)
        out.append(f'<path class="interval" d="M{lo:.1f},{y:.1f} L{hi:.1f},{y:.1f} M{lo:.1f},{y1:.1f} L{lo:.1f},{y2:.1f} '
                   f'M{hi:.1f},{y1:.1f} L{hi:.1f},{y2:.1f}" stroke="{fg}" fill="none" stroke-width="1.2"/>')
    y = top + plot_h + 54
    for entry in layout.legend:
        colour = resolve(theme, entry.colour).name()
        fill = hatches.fill(colour, fg) if entry.hatched else colour
        out.append(f'<rect class="legend" x="{left:.1f}" y="{y - 10:.1f}" width="14" height="12" fill="{fill}" stroke="{fg}" '
                   f'stroke-width="0.5"/>')
        out.append(f'<text x="{left + 20:.1f}" y="{y:.1f}" {FONT} font-size="12" fill="{fg}">{esc(entry.text)}</text>')
        y += 18
    for note in layout.notes:
        for line in textwrap.wrap(note, NOTE_WRAP):
            out.append(f'<text x="{left:.1f}" y="{y + 4:.1f}" {FONT} font-size="11" fill="{muted}">{esc(line)}</text>')
            y += 16
    height = y + 12
    body = "\n".join(out).replace('height="HEIGHT"', f'height="{height:.0f}"', 1)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH:.0f}" '
            f'height="{height:.0f}" viewBox="0 0 {SVG_WIDTH:.0f} {height:.0f}">\n<defs>{"".join(hatches.defs)}</defs>\n'
            f"{body}\n</svg>\n").encode()


__all__ = ["PNG_SCALE", "WRITERS", "chart_bytes", "chart_size", "compose_figure", "ensure_app", "exhibit_figure_image",
           "figure_image", "figure_texts", "framed_svg", "image_png_bytes", "layout_svg", "offscreen_view", "render_image",
           "text_svg"]
