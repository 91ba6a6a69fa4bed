"""Colours and fonts for the chart pane, taken from the application palette.

Series colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies). Background,
axes and text follow QPalette Window/WindowText, so a dark palette gives a dark chart. Text colours
are checked against WCAG contrast (at least 4.5:1) and nudged towards the text colour if they fall short.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPalette

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
MIN_TEXT_CONTRAST = 4.5

NBSP = "\u00a0"  # keeps a legend swatch on the line of its name
EM_SPACES = "\u2003\u2003"  # between legend entries on one line
INDENT = "\u2003"  # a legend name's second line, under the name rather than the swatch

# the parts of a stacked bar, in order: (towards the text colour?, how far). Deep and light alternate so that
# neighbouring parts differ by at least MIN_PART_CONTRAST in luminance (light tints in a row were hard to tell
# apart: 1.16:1 for the 2nd and 3rd part); each part also has an outline.
COMPONENT_SHADES = ((True, 0.3), (False, 0.55), (True, 0.62), (False, 0.82))
MIN_PART_CONTRAST = 2.0


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """a moved towards b by t (0 gives a, 1 gives b)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


def readable(color: QColor, background: QColor, towards: QColor, minimum: float = MIN_TEXT_CONTRAST) -> QColor:
    """color, moved towards `towards` step by step until it reaches the minimum contrast on background."""
    t = 0.0
    result = QColor(color)
    while contrast_ratio(result, background) < minimum and t < 1.0:
        t = min(1.0, t + 0.05)
        result = mix(color, towards, t)
    return result


_ON: dict[int, bool] = {}  # fill colour (rgba) → whether black reads better on it than white


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on fill."""
    key = fill.rgba()
    black_wins = _ON.get(key)
    if black_wins is None:
        black, white = QColor("#000000"), QColor("#ffffff")
        black_wins = _ON[key] = contrast_ratio(black, fill) >= contrast_ratio(white, fill)
    return QColor("#000000") if black_wins else QColor("#ffffff")


@dataclass(frozen=True)
class ChartTheme:
    background: QColor
    foreground: QColor
    muted: QColor  # missing markers, notes: readable but quieter than the text
    grid: QColor
    series: tuple[QColor, ...]
    dark: bool

    def series_color(self, index: int) -> QColor:
        return QColor(self.series[index % len(self.series)])

    def component_color(self, series_index: int, component: int) -> QColor:
        """Parts of a stacked bar: shades of the series colour, deep and light in turn, so neighbours stand apart.

        A '… eller …' total drawn alone uses the plain series colour, so it never looks like a part."""
        to_text, amount = COMPONENT_SHADES[component % len(COMPONENT_SHADES)]
        return mix(self.series_color(series_index), self.foreground if to_text else self.background, amount)

    def outline(self, fill: QColor) -> QColor:
        """A border that shows on the fill whatever its lightness (towards the text colour it was lost on the
        light parts of a dark theme)."""
        return mix(fill, text_on(fill), 0.45)


def theme_from_palette(palette: QPalette | None = None) -> ChartTheme:
    """The chart theme for a palette (the application's when none is given)."""
    if palette is None:
        palette = QGuiApplication.palette()
    key = (palette.color(QPalette.ColorRole.Window).rgba(), palette.color(QPalette.ColorRole.WindowText).rgba())
    theme = _THEMES.get(key)
    if theme is None:  # worked out once per pair of colours (all it reads): every redraw asks
        if len(_THEMES) > 16:
            _THEMES.clear()
        theme = _THEMES[key] = _theme(palette)
    return theme


_THEMES: dict[tuple, ChartTheme] = {}


def _theme(palette: QPalette) -> ChartTheme:
    background = QColor(palette.color(QPalette.ColorRole.Window))
    foreground = QColor(palette.color(QPalette.ColorRole.WindowText))
    foreground = readable(foreground, background, QColor("#000000") if relative_luminance(background) > 0.5 else QColor("#ffffff"))
    dark = relative_luminance(background) < relative_luminance(foreground)
    muted = readable(mix(foreground, background, 0.45), background, foreground)
    grid = mix(foreground, background, 0.8)
    series = tuple(foreground if c == "#000000" and dark else QColor(c) for c in OKABE_ITO)
    return ChartTheme(background=background, foreground=foreground, muted=muted, grid=grid, series=series, dark=dark)


_FONTS: dict[tuple, QFont] = {}


def chart_font(base: QFont | None = None, delta: float = 0.0, italic: bool = False, bold: bool = False) -> QFont:
    """The application font, a little larger or smaller."""
    if base is None:  # the chart asks for the same few fonts many times per redraw
        base = QGuiApplication.font()
        key = (base.key(), delta, italic, bold)
        found = _FONTS.get(key)
        if found is None:
            if len(_FONTS) > 64:
                _FONTS.clear()
            found = _FONTS[key] = chart_font(base, delta, italic, bold)
        return QFont(found)
    font = QFont(base)
    size = font.pointSizeF()
    if size <= 0:
        size = 9.0
    font.setPointSizeF(max(6.0, size + delta))
    font.setItalic(italic)
    font.setBold(bold)
    return font


def resolve(theme: ChartTheme, colour) -> QColor:
    """The theme's colour for a chart_layout.Colour (a role, a series index and a stack component)."""
    resolved = theme.__dict__.setdefault("_resolved", {})  # kept with the (frozen) theme: a chart asks again and again
    found = resolved.get(colour)
    if found is None:
        found = resolved[colour] = _resolve(theme, colour)
    return QColor(found)


def _resolve(theme: ChartTheme, colour) -> QColor:
    from hjk_desktop.core.chart_layout import Role

    role = colour.role
    if role == Role.COMPONENT:
        return theme.component_color(colour.index, colour.component)
    if role in (Role.SERIES, Role.TOTAL, Role.HIGHER_A, Role.HIGHER_B):
        return theme.series_color(colour.index)
    if role == Role.DERIVED:
        return mix(theme.foreground, theme.background, 0.7)
    return QColor({Role.MUTED: theme.muted, Role.GRID: theme.grid}.get(role, theme.foreground))


_METRICS: dict[str, QFontMetricsF] = {}
_WRAPPED: dict[tuple, tuple[str, ...]] = {}


def font_metrics(font: QFont) -> QFontMetricsF:
    """The metrics of a font, made once per font (a chart measures the same few fonts on every redraw)."""
    key = font.key()
    metrics = _METRICS.get(key)
    if metrics is None:
        metrics = _METRICS[key] = QFontMetricsF(font)
    return metrics


def wrap_pixels(text: str, font: QFont, width: float) -> list[str]:
    """Words of text in lines no wider than width pixels in font (a single long word keeps its own line)."""
    key = (str(text), font.key(), float(width))
    found = _WRAPPED.get(key)
    if found is None:
        if len(_WRAPPED) > 4000:  # the texts of a few hundred exhibits at a few widths
            _WRAPPED.clear()
        found = _WRAPPED[key] = tuple(_wrap(str(text), font_metrics(font), width))
    return list(found)


def _wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if not line or metrics.horizontalAdvance(trial) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def legend_lines(entries: list[tuple[str, str, bool]], font: QFont, width: float) -> list[str]:
    """Legend entries (name, colour name, hatched) as HTML lines no wider than width: a swatch, the name.

    A flowing text rather than pyqtgraph's LegendItem: its grid gives every entry the widest entry's width,
    so long names left one entry per line and the plot lost its height."""
    metrics = font_metrics(font)
    gap = metrics.horizontalAdvance(EM_SPACES)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for name, color, hatched in entries:
        swatch = "▨" if hatched else "■"  # ▨ hatched square, ■ filled square
        w = metrics.horizontalAdvance(f"{swatch}{NBSP}{name}")
        if line and used + gap + w > width:
            lines.append(EM_SPACES.join(line))
            line, used = [], 0.0
        mark = f"<span style='color:{color}'>{swatch}</span>{NBSP}"
        if w > width:  # a name wider than the pane: its own lines, indented under its swatch
            indent = metrics.horizontalAdvance(f"{swatch}{NBSP}")
            parts = wrap_pixels(name, font, width - indent) or [name]
            lines.append(mark + html.escape(parts[0]))
            lines += [INDENT + html.escape(part) for part in parts[1:]]
            continue
        line.append(mark + html.escape(name))
        used += (gap if len(line) > 1 else 0.0) + w
    if line:
        lines.append(EM_SPACES.join(line))
    return lines
