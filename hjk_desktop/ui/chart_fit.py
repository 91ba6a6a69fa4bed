"""Room for the chart's texts: how wide the value axis must reach and how tall the plot must be so that no value
label is cut at the plot's edge or runs into its neighbour, and long texts beside a bar put on several lines.
Works on the pixel sizes of the text items the chart view has drawn; split from chart_view to keep it small.
Also the title, notes and legend as the plot's labels show them, wrapped to the pane (``pane_texts``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtGui import QFont

from hjk_desktop.core.chart_layout import LABEL_SEP
from hjk_desktop.ui.chart_style import ChartTheme, chart_font, font_metrics, legend_lines, resolve, wrap_pixels

WRAP_SHARE = 0.45  # an end-of-bar text wider than this share of the plot goes on several lines
ROW_GAP = 2.0  # pixels between two rows of value labels
TIGHT_REACH = 0.2  # in a short window a text beside a bar may widen the value axis by this share before it wraps


def label_fonts() -> dict[bool, QFont]:
    """The value labels' fonts, upright and italic (for "ikke oppgitt" and the notes under a bar)."""
    return {False: chart_font(delta=-0.5), True: chart_font(delta=-0.5, italic=True)}


def fitted_text(text: str, font: QFont, limit: float, separator: str) -> str:
    """text as it is drawn beside a bar: on one line when it is at most limit pixels wide, else its bits (split
    at separator) each on a line of their own, and words wrapped where a bit is still too wide."""
    metrics = font_metrics(font)
    if max(metrics.horizontalAdvance(line) for line in text.split("\n")) <= limit:
        return text
    return "\n".join(line for bit in text.split(separator) for line in wrap_pixels(bit, font, limit) or [bit])


@dataclass(frozen=True)
class Placed:
    """A drawn text outside the bars: its data position, anchor and measured size in pixels."""

    x: float
    y: float
    anchor_x: float
    width: float
    height: float


def x_range(placed: list[Placed], low: float, high: float, width_px: float) -> tuple[float, float]:
    """The narrowest (low', high') ⊇ (low, high) in which every text lies whole when the plot is width_px wide.

    A text w pixels wide covers w·(high' − low')/width_px data units, so widening the range shrinks the texts
    in data units too: a few rounds of x ← x + share·span settle (each share is below one)."""
    width_px = max(width_px, 1.0)
    placed = [p for p in placed if p.width < 0.9 * width_px]  # wider ones cannot fit whatever the range
    lo, hi = low, high
    for _ in range(30):
        scale = (hi - lo) / width_px
        new_lo = min([low] + [p.x - p.anchor_x * p.width * scale for p in placed])
        new_hi = max([high] + [p.x + (1 - p.anchor_x) * p.width * scale for p in placed])
        if abs(new_lo - lo) < 1e-9 and abs(new_hi - hi) < 1e-9:
            break
        lo, hi = new_lo, new_hi
    return lo, hi


def _columns(p: Placed, span: tuple[float, float], width_px: float) -> tuple[float, float]:
    left = (p.x - span[0]) / (span[1] - span[0]) * width_px - p.anchor_x * p.width
    return left, left + p.width


def row_pixels(placed: list[Placed], span: tuple[float, float], width_px: float, categories: list[tuple[int, float]],
               line_height: float, bars_per_category: int, tight: bool = False) -> float:
    """Pixels one data unit of y needs: each category's label lines over its height in units (categories are
    (lines, units) pairs), its bars, and room between any two value labels on different rows that share pixel
    columns (so the plot only grows where texts would meet). ``tight`` (a short window) leaves less air between
    category names."""
    need = bars_per_category * (14.0 if tight else 16.0)
    for lines, units in categories or [(1, 1.0)]:
        pixels = lines * line_height + 4 if tight else lines * line_height * 1.15 + 10
        need = max(need, pixels / max(units, 1e-6))
    columns = [_columns(p, span, width_px) for p in placed]
    for i, (a, (a0, a1)) in enumerate(zip(placed, columns)):
        for b, (b0, b1) in zip(placed[i + 1:], columns[i + 1:]):
            dy = abs(a.y - b.y)
            if dy > 1e-6 and min(a1, b1) - max(a0, b0) > 0.5:
                need = max(need, ((a.height + b.height) / 2 + ROW_GAP) / dy)
    return need


def fit_labels(layout, drawn: list, width_px: float, tight: bool = False) -> tuple[tuple[float, float], tuple[float, float], float]:
    """For a drawing (its layout's labels with the text items showing them) on a plot width_px wide: set each
    text beside a bar to its fitted lines, and return the value axis' range that keeps all of them whole, the
    category range (the layout's, or more where a text under the last bar reaches lower) and the plot's height
    (the x axis included) that keeps rows of labels and category names apart."""
    fonts = label_fonts()
    axis = layout.axis
    base = (axis.xmin - axis.pad, axis.xmax + axis.pad)
    placed = []
    for label, item in drawn:
        if item.toPlainText() != label.text:
            item.setText(label.text)
        rect = item.boundingRect()
        here = Placed(label.x, label.y, label.anchor[0], rect.width(), rect.height())
        left, right = _columns(here, base, width_px)
        # a text that would widen the axis is wrapped first; in a short window, where a second line costs a row's
        # height, one that widens it by at most TIGHT_REACH of the plot stays on one line
        reach = width_px * (1 + TIGHT_REACH) if tight and here.width < 0.6 * width_px else width_px
        if not label.on_fill and (left < 0 or right > reach):
            room = width_px - max(left, 0.0) if label.anchor[0] == 0 else 0.0  # what is left of the plot's width
            limit = max(100.0, WRAP_SHARE * width_px, room - 4) - 10
            wanted = fitted_text(label.text, fonts[label.italic], limit, LABEL_SEP)
            if wanted != label.text:  # (the text document's margins come on top of the words)
                item.setText(wanted)
                rect = item.boundingRect()
                here = Placed(label.x, label.y, label.anchor[0], rect.width(), rect.height())
        placed.append(here)
    outside = [p for p, (label, _item) in zip(placed, drawn) if not label.on_fill]
    span = x_range(outside, *base, width_px)
    categories = [(label.count("\n") + 1, layout.span(c)) for c, (_y, label) in enumerate(layout.categories)]
    per_row = row_pixels(placed, span, width_px, categories, font_metrics(chart_font()).lineSpacing(), layout.n_series, tight)
    y0, y1 = layout.y_range
    y0 = min([y0] + [p.y - (p.height / 2 + ROW_GAP) / per_row for p in placed])
    y1 = max([y1] + [p.y + (p.height / 2 + ROW_GAP) / per_row for p in placed])
    return span, (y0, y1), per_row * (y1 - y0) + 56


@dataclass(frozen=True)
class PaneTexts:
    """Title, notes and legend as rich text for the plot's labels, with their point sizes; the title's height."""

    title: str
    title_height: int
    title_size: str
    note: str
    note_size: str
    legend: str
    legend_size: str
    colour: str


def pane_texts(layout, theme: ChartTheme, width: float) -> PaneTexts:
    """Title and notes wrapped to width pixels, and the legend flowed into lines (chart_style.legend_lines)."""
    title_font = chart_font(delta=1)
    lines = [html.escape(x) for x in wrap_pixels(layout.title, title_font, width)]
    n_lines = len(lines)
    if layout.title_extra:
        extra = wrap_pixels(layout.title_extra, title_font, width)
        n_lines += len(extra)
        lines.append("<span style='font-weight:normal'>" + "<br>".join(html.escape(x) for x in extra) + "</span>")
    note_font = chart_font(delta=-1)
    note_lines = [html.escape(x) for note in layout.notes for x in wrap_pixels(note, note_font, width)]
    legend_font = chart_font()
    entries = [(e.text, resolve(theme, e.colour).name(), e.hatched) for e in layout.legend]
    return PaneTexts(
        title="<br>".join(lines), title_height=int(font_metrics(title_font).lineSpacing() * n_lines * 1.15 + 10),
        title_size=f"{title_font.pointSizeF():.0f}pt", note="<br>".join(note_lines), note_size=f"{note_font.pointSizeF():.0f}pt",
        legend="<br>".join(legend_lines(entries, legend_font, width)), legend_size=f"{legend_font.pointSizeF():.0f}pt",
        colour=theme.foreground.name())
