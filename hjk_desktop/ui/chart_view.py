"""The chart pane: horizontal bars for one exhibit and selection, drawn with pyqtgraph.

Every bar is a value from the package. A value the text does not give is drawn as a grey
"ikke oppgitt" marker at the start of the axis, never as a bar of length 0. Derived values are
hatched, approximate ones carry ≈. Scale exhibits stack their parts; a "… eller …" total is drawn
as a bar only where its parts are not stated. Ranking-only figures show the stated order as a list.
"""

from __future__ import annotations

import html
import math
import os
import textwrap
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QTextBrowser, QToolTip, QVBoxLayout, QWidget

from hjk_desktop.core.formatting import APPROX, format_number, reason_text
from hjk_desktop.core.table import caption
from hjk_desktop.ui.chart_style import ChartTheme, chart_font, mix, text_on, theme_from_palette

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
import pyqtgraph as pg  # noqa: E402  (PySide6 first, so pyqtgraph never picks another binding)

LABEL_WRAP = 40  # characters per line of a category label
TITLE_WRAP = 90  # characters per title line in the SVG (900 px wide); on screen the title wraps to the pane's width
RIGHT_MARGIN = 28  # room right of the plot for the last x-axis label ("100")
PLOT_PAGE, TEXT_PAGE = 0, 1
MISSING_WORDS = {"nb": "ikke oppgitt", "en": "not given"}


def _wilson():
    """hjk_desktop.core.stats.wilson when it exists (it may land later), else None."""
    try:
        from hjk_desktop.core.stats import wilson
    except ImportError:
        return None
    return wilson


def total_responses(scale: list[str]) -> set[str]:
    """The '… eller …' responses of a scale: totals of the other parts, never stacked on them."""
    return {r for r in scale if "_eller_" in r}


def wrap_label(text: str, width: int = LABEL_WRAP) -> str:
    lines = textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) if lines else str(text)


def nice_limit(reach: float) -> float:
    """The axis end for a symmetric difference axis: the next of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10 × a power of ten."""
    reach = max(float(reach), 1.0)
    magnitude = 10 ** math.floor(math.log10(reach))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10):
        if m * magnitude >= reach:
            return m * magnitude
    return 10 * magnitude


def tick_step(limit: float) -> float:
    """A step giving 2 to 5 ticks on each side of zero."""
    magnitude = 10 ** math.floor(math.log10(limit))
    for m in (0.5, 1, 2, 2.5, 5, 10):
        step = m * magnitude
        if limit / step <= 5 and abs(limit / step - round(limit / step)) < 1e-9:
            return step
    return limit


def wrap_pixels(text: str, font: QFont, width: float) -> list[str]:
    """Words of text in lines no wider than width pixels in font (a single long word keeps its own line)."""
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    line = ""
    for word in str(text).split():
        trial = f"{line} {word}" if line else word
        if not line or metrics.horizontalAdvance(trial) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def parse_ranking(ranking: str) -> list[list[str]]:
    """'a|b+c' -> [['a'], ['b', 'c']]: ranks in order, ties sharing a rank."""
    return [[c for c in rank.split("+") if c] for rank in str(ranking or "").split("|") if rank]


@dataclass
class _Shape:
    """One drawn value (or missing marker) with where it is on the plot and what hovering says."""

    row: int
    key: str
    value: float
    approx: bool
    status: str
    kind: str  # bar, stack, total, missing
    x0: float
    x1: float
    y: float
    h: float
    tip_source: object = ""  # the hover text, or a function making it on first use (most are never shown)
    series: int = 0
    shown: str = "bar"  # bar, marker, label, note
    items: list = field(default_factory=list)

    @property
    def tip(self) -> str:
        if callable(self.tip_source):
            self.tip_source = self.tip_source()
        return str(self.tip_source)

    def public(self) -> dict:
        return {"row": self.row, "key": self.key, "value": self.value, "approx": self.approx,
                "status": self.status, "kind": self.kind, "shown": self.shown}

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and abs(y - self.y) <= self.h / 2


class ChartView(QWidget):
    """Chart of one exhibit; embed it and call render() whenever the selection changes."""

    barClicked = Signal(int, str)  # table row index, series key

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stack = QStackedWidget(self)
        self.plot_widget = pg.PlotWidget(viewBox=pg.ViewBox(enableMenu=False))  # no context menu: none is built
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.text_page = QTextBrowser()
        self.text_page.setOpenLinks(False)
        self.text_page.setObjectName("chartTextPage")
        # the plot scrolls rather than being cut off when the pane is lower than the chart needs
        self.plot_scroll = QScrollArea()
        self.plot_scroll.setObjectName("chartScroll")
        self.plot_scroll.setWidgetResizable(True)
        self.plot_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.plot_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plot_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot_scroll.setWidget(self.plot_widget)
        self._stack.addWidget(self.plot_scroll)
        self._stack.addWidget(self.text_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        pi = self.plot_item
        pi.setMenuEnabled(False)
        pi.setMouseEnabled(x=False, y=False)
        pi.hideButtons()
        pi.showAxis("top", False)
        pi.showAxis("right", False)
        self.vb = pi.getViewBox()
        self.vb.invertY(True)
        self.vb.setDefaultPadding(0.0)
        left = pi.getAxis("left")
        left.setStyle(hideOverlappingLabels=False, autoExpandTextSpace=False, tickLength=0)
        bottom = pi.getAxis("bottom")
        bottom.enableAutoSIPrefix(False)
        bottom.setStyle(hideOverlappingLabels=False)
        self.legend = pg.LabelItem("", justify="left")
        # title, legend and notes span the label column too, so they wrap to the whole width of the pane
        pi.layout.removeItem(pi.titleLabel)
        pi.layout.addItem(pi.titleLabel, 0, 0, 1, 3)
        pi.layout.addItem(self.legend, 4, 0, 1, 3)
        self.note = pg.LabelItem("", justify="left")
        pi.layout.addItem(self.note, 5, 0, 1, 3)
        pi.layout.setContentsMargins(6, 6, RIGHT_MARGIN, 6)
        self._markers = pg.ScatterPlotItem()  # every "ikke oppgitt" ring of a drawing, set at once
        self._markers.setZValue(5)
        pi.addItem(self._markers)

        self._pool: dict[str, list] = {"bar": [], "text": [], "marker": [], "line": [], "error": []}
        self._used: dict[str, int] = dict.fromkeys(self._pool, 0)
        self._display: list[tuple] = []  # what is drawn, in data coordinates, for the SVG writer
        self._svg_categories: list[str] = []
        self._svg_title: list[str] = []
        self._svg_legend: list[tuple[str, QColor, bool]] = []
        self._svg_notes: list[str] = []
        self._svg_axis_label = ""
        self._shapes: list[_Shape] = []
        self._intervals: list[dict] = []
        self._package = None
        self._result = None
        self._state = None
        self._chapter: int | None = None
        self._mode = "empty"  # empty, plot, ranking, chapter
        self._description: list[str] = []
        self._theme: ChartTheme | None = None
        self._xmax = 100.0
        self._xmin = 0.0
        self._hover_text = ""
        self._unit = "percent"
        self._view = "values"  # values, or difference (two series with state.difference)
        self._differences: list[dict] = []
        self._diff_ticks: list[tuple[float, str]] = []
        self._marker_points: list[tuple[float, float]] = []
        self._theme_key = None
        self._axis_key = None
        self._texts = {"title": [], "title_extra": "", "notes": [], "legend": [], "width": 0}
        self._label_key: dict[str, object] = {}
        self._plot_need = 200.0
        self.plot_widget.installEventFilter(self)

        scene = self.plot_widget.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self._show_message(self.tr("Velg en figur eller tabell i lista."))

    # ------------------------------------------------------------------------------------------
    # public API

    def render(self, package, result, state) -> None:  # noqa: A003 (the pane's API; QWidget.render is used via the class)
        """Draw an exhibit (result from core.query) for the selection state; None shows a hint."""
        self._package, self._result, self._state, self._chapter = package, result, state, None
        if result is None:
            self._clear_plot()
            self._mode = "empty"
            self._show_message(self.tr("Velg en figur eller tabell i lista."))
            return
        exhibit = package.exhibit(result.exhibit_id)
        if exhibit["chart"] == "ranking":
            self._clear_plot()
            self._mode = "ranking"
            self._show_ranking(package, result, state)
            return
        self._mode = "plot"
        two = len(result.series) == 2 and exhibit["chart"] != "facts"
        self._view = "difference" if bool(getattr(state, "difference", False)) and two else "values"
        self._draw(package, result, state, exhibit)
        self._stack.setCurrentIndex(PLOT_PAGE)

    def render_chapter(self, package, chapter: int, state) -> None:
        """A chapter overview: its title and summary in words, no bars."""
        self._package, self._result, self._state, self._chapter = package, None, state, int(chapter)
        self._clear_plot()
        self._mode = "chapter"
        lang = getattr(state, "language", "nb") or "nb"
        row = package.chapter(int(chapter))
        title = f"{int(chapter)}. {row[f'title_{lang}']}"
        summary = str(row[f"summary_{lang}"] or "")
        ids = package.exhibits_in(int(chapter))
        names = [caption(package, ex, lang) for ex in ids]
        parts = [f"<h2>{html.escape(title)}</h2>", f"<p>{html.escape(summary)}</p>"]
        if names:
            parts.append(f"<p><b>{html.escape(self.tr('Figurer og tabeller i kapitlet:'))}</b></p><ul>")
            parts += [f"<li>{html.escape(n)}</li>" for n in names]
            parts.append("</ul>")
        self._description = [title, summary] + [f"- {n}" for n in names]
        self.text_page.setHtml("".join(parts))
        self._stack.setCurrentIndex(TEXT_PAGE)

    def drawn_bars(self) -> list[dict]:
        """What is drawn, one entry per table cell shown: bars, stack parts, totals named at a stack's end
        ("total") and missing values ("missing": a marker, or named in the label of a bar that is drawn).
        Count rows of a fact list that mixes units are left to the table and not listed here."""
        return [s.public() for s in self._shapes]

    def intervals(self) -> list[dict]:
        """The 95 % intervals drawn: [{"row", "key", "lo", "hi"}]."""
        return [dict(i) for i in self._intervals]

    def value_labels(self) -> list[str]:
        """The texts drawn on the plot (value labels, totals, 'ikke oppgitt'), in drawing order."""
        return [entry[3] for entry in self._display if entry[0] == "text"]

    def bar_items(self, row: int, key: str) -> list:
        """The plot items drawing the bar of (row, key): one, or two for a derived value (fill and hatching)."""
        for s in self._shapes:
            if s.row == row and s.key == key and s.items:
                return list(s.items)
        return []

    def tooltip_for(self, row: int, key: str) -> str:
        """What hovering over the value of (row, key) shows; empty when it is not drawn."""
        for s in self._shapes:
            if s.row == row and s.key == key:
                return s.tip
        return ""

    def current_page(self) -> str:
        return self._mode

    def image(self, scale: float = 2.0) -> QImage:
        """The chart as it is laid out, scale times the screen size (text and lines drawn sharp)."""
        self._ensure_laid_out()
        widget = self.plot_widget if self._stack.currentIndex() == PLOT_PAGE else self._stack.currentWidget()
        size = widget.size()
        image = QImage(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)), QImage.Format.Format_ARGB32)
        theme = self._theme or theme_from_palette(self.palette())
        image.fill(theme.background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            painter.scale(scale, scale)
            if widget is self.plot_widget:
                # the scene drawn again through the scaled painter: vector text and lines, not an enlarged bitmap
                view = self.plot_widget
                view.render(painter, QRectF(0, 0, size.width(), size.height()), view.viewport().rect())
            else:
                QWidget.render(widget, painter, QPoint(0, 0))
        finally:
            painter.end()
        return image

    def svg_bytes(self) -> bytes:
        """The chart as SVG, written from what is drawn: one <rect> per bar, text as text.

        pyqtgraph's SVGExporter (0.14) cannot parse the path data Qt 6.12 writes and raises on every plot,
        so the SVG is built here from the same display list the plot items were made from."""
        if self._mode == "plot":
            return self._svg_plot().encode()
        lines = self.description(getattr(self._state, "language", "nb") or "nb").splitlines()
        height = 20 * len(lines) + 20
        body = "".join(
            f'<text x="10" y="{20 * (i + 1)}" font-family="sans-serif" font-size="13">{html.escape(line)}</text>'
            for i, line in enumerate(lines))
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="800" '
                f'height="{height}" viewBox="0 0 800 {height}">{body}</svg>').encode()

    def _svg_plot(self) -> str:
        theme = self._theme or theme_from_palette(self.palette())
        esc = html.escape
        fg, muted, bg, grid = theme.foreground.name(), theme.muted.name(), theme.background.name(), theme.grid.name()
        font = 'font-family="DejaVu Sans, Arial, sans-serif"'
        metrics = QFontMetricsF(chart_font())
        width = 900.0
        line_h = 15.0
        labels = self._svg_categories
        label_w = max((metrics.horizontalAdvance(part) for text in labels for part in text.split("\n")), default=40.0)
        left = label_w + 20
        right = 40.0
        pw = width - left - right
        top = 14 + 19 * len(self._svg_title) + 10
        band = max(44.0, max((text.count("\n") + 1 for text in labels), default=1) * line_h + 14)
        n_cat = max(1, len(labels))
        plot_h = band * n_cat
        xmin = self._xmin
        xmax = self._xmax if self._xmax > xmin else xmin + 1.0

        def px(x: float) -> float:
            return left + (x - xmin) / (xmax - xmin) * pw

        def py(y: float) -> float:
            return top + (y + 0.5) * band

        out: list[str] = []
        defs: list[str] = []
        patterns: dict[tuple[str, str], str] = {}
        out.append(f'<rect x="0" y="0" width="{width:.0f}" height="HEIGHT" fill="{bg}"/>')
        for i, line in enumerate(self._svg_title):
            out.append(f'<text x="{width / 2:.1f}" y="{20 + 19 * i}" text-anchor="middle" {font} font-size="14" fill="{fg}">'
                       f"{esc(line)}</text>")
        # grid and x axis
        ticks = self._svg_ticks()
        for value, text in ticks:
            x = px(value)
            out.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" stroke="{grid}" stroke-width="1"/>')
            out.append(f'<text x="{x:.1f}" y="{top + plot_h + 16:.1f}" text-anchor="middle" {font} font-size="11" fill="{fg}">'
                       f"{esc(text)}</text>")
        out.append(f'<line x1="{left:.1f}" y1="{top + plot_h:.1f}" x2="{left + pw:.1f}" y2="{top + plot_h:.1f}" stroke="{fg}"/>')
        out.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{top + plot_h:.1f}" stroke="{fg}"/>')
        out.append(f'<text x="{left + pw / 2:.1f}" y="{top + plot_h + 34:.1f}" text-anchor="middle" {font} font-size="12" '
                   f'fill="{fg}">{esc(self._svg_axis_label)}</text>')
        # category labels
        for c, text in enumerate(labels):
            parts = text.split("\n")
            y0 = py(c) - (len(parts) - 1) * line_h / 2
            for k, part in enumerate(parts):
                out.append(f'<text class="category" x="{left - 8:.1f}" y="{y0 + k * line_h:.1f}" dy="0.35em" text-anchor="end" {font} '
                           f'font-size="12" fill="{fg}">{esc(part)}</text>')
        # bars, markers, labels, intervals
        for entry in self._display:
            kind = entry[0]
            if kind == "rect":
                _k, x0, w, y, h, fill, stroke, derived = entry
                x, yy, ww, hh = px(x0), py(y - h / 2), w / (xmax - xmin) * pw, h * band
                if derived:
                    key = (fill.name(), stroke.name())
                    if key not in patterns:
                        pid = f"hatch{len(patterns)}"
                        patterns[key] = pid
                        defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                                    f'<rect width="6" height="6" fill="{key[0]}"/><path d="M0,6 L6,0" stroke="{key[1]}" '
                                    f'stroke-width="1"/></pattern>')
                    out.append(f'<rect class="bar derived" x="{x:.2f}" y="{yy:.2f}" width="{ww:.2f}" height="{hh:.2f}" '
                               f'fill="url(#{patterns[key]})" stroke="{stroke.name()}" stroke-dasharray="4 2"/>')
                else:
                    out.append(f'<rect class="bar" x="{x:.2f}" y="{yy:.2f}" width="{ww:.2f}" height="{hh:.2f}" '
                               f'fill="{fill.name()}" stroke="{stroke.name()}"/>')
            elif kind == "text":
                _k, x, y, text, color, anchor, italic = entry
                align = {0: "start", 0.5: "middle", 1: "end"}.get(anchor[0], "start")
                dx = 3 if align == "start" else (-3 if align == "end" else 0)
                style = ' font-style="italic"' if italic else ""
                out.append(f'<text x="{px(x) + dx:.1f}" y="{py(y):.1f}" dy="0.35em" text-anchor="{align}" {font} '
                           f'font-size="11"{style} fill="{color.name()}">{esc(text)}</text>')
            elif kind == "marker":
                _k, x, y, color = entry
                out.append(f'<circle class="missing" cx="{px(x):.1f}" cy="{py(y):.1f}" r="4.5" fill="none" stroke="{color.name()}" '
                           f'stroke-width="1.5"/>')
            elif kind == "interval":
                _k, lo, hi, y, beam, color = entry
                y1, y2 = py(y - beam / 2), py(y + beam / 2)
                out.append(f'<path class="interval" d="M{px(lo):.1f},{py(y):.1f} L{px(hi):.1f},{py(y):.1f} M{px(lo):.1f},{y1:.1f} '
                           f'L{px(lo):.1f},{y2:.1f} M{px(hi):.1f},{y1:.1f} L{px(hi):.1f},{y2:.1f}" stroke="{color.name()}" '
                           f'fill="none" stroke-width="1.2"/>')
        # legend and notes
        y = top + plot_h + 54
        for name, color, derived in self._svg_legend:
            if derived:
                key = (color.name(), fg)
                if key not in patterns:
                    pid = f"hatch{len(patterns)}"
                    patterns[key] = pid
                    defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" '
                                f'fill="{key[0]}"/><path d="M0,6 L6,0" stroke="{fg}" stroke-width="1"/></pattern>')
                fill = f"url(#{patterns[key]})"
            else:
                fill = color.name()
            out.append(f'<rect class="legend" x="{left:.1f}" y="{y - 10:.1f}" width="14" height="12" fill="{fill}" stroke="{fg}" '
                       f'stroke-width="0.5"/>')
            out.append(f'<text x="{left + 20:.1f}" y="{y:.1f}" {font} font-size="12" fill="{fg}">{esc(name)}</text>')
            y += 18
        for note in self._svg_notes:
            for line in textwrap.wrap(note, 120):
                out.append(f'<text x="{left:.1f}" y="{y + 4:.1f}" {font} font-size="11" fill="{muted}">{esc(line)}</text>')
                y += 16
        height = y + 12
        body = "\n".join(out).replace('height="HEIGHT"', f'height="{height:.0f}"', 1)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
                f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">\n<defs>{"".join(defs)}</defs>\n{body}\n</svg>\n')

    def _svg_ticks(self) -> list[tuple[float, str]]:
        if self._view == "difference":
            return list(self._diff_ticks)
        decimal = getattr(self._state, "decimal", "comma")
        if self._unit == "percent":
            return [(float(v), format_number(v, decimal)) for v in range(0, 101, 20)]
        raw = self._xmax / 5 if self._xmax > 0 else 1
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
        return [(float(v), format_number(v, decimal)) for v in np.arange(0, self._xmax + 1e-9, step)]

    def description(self, lang="nb") -> str:
        """A text alternative: the numbers shown and what is missing, in plain words."""
        if self._mode in ("chapter", "empty"):
            return "\n".join(self._description)
        if self._mode == "ranking":
            return "\n".join(self._description)
        return "\n".join(self._describe(lang))

    # ------------------------------------------------------------------------------------------
    # drawing

    def _clear_plot(self) -> None:
        """Hide every pooled item; the next draw takes them back in order (items are reused, not rebuilt)."""
        for pool in self._pool.values():
            for item in pool:
                item.setVisible(False)
        self._used = dict.fromkeys(self._pool, 0)
        self._display = []
        self._shapes = []
        self._intervals = []
        self._differences = []
        self._marker_points = []
        self._markers.setVisible(False)
        # title, legend and notes are replaced by the next drawing only where they differ (setting them is slow)

    def _take(self, kind: str):
        """The next unused item of a kind from the pool, made and added to the plot only the first time."""
        pool = self._pool[kind]
        index = self._used[kind]
        if index == len(pool):
            factory = {
                "bar": lambda: pg.BarGraphItem(x0=[0], y=[0], width=[1], height=[1]),
                "text": lambda: pg.TextItem(""),
                "marker": lambda: pg.ScatterPlotItem(),
                "line": lambda: pg.InfiniteLine(angle=90, movable=False),
                "error": lambda: pg.ErrorBarItem(x=np.array([0.0]), y=np.array([0.0])),
            }[kind]
            item = factory()
            self.plot_item.addItem(item)
            pool.append(item)
        item = pool[index]
        self._used[kind] = index + 1
        item.setVisible(True)
        return item

    def _apply_theme(self, theme: ChartTheme) -> None:
        key = (theme.background.rgba(), theme.foreground.rgba(), theme.grid.rgba(), QGuiApplication.font().key())
        if key == self._theme_key:
            return
        self._theme_key = key
        self._axis_key = None
        self._label_key = {}
        self.plot_widget.setBackground(theme.background)
        pen = pg.mkPen(theme.foreground)
        font = chart_font()
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(pen)
            axis.setTextPen(pen)
            axis.setTickFont(font)

        self.text_page.setStyleSheet(
            f"QTextBrowser#chartTextPage {{ background: {theme.background.name()}; color: {theme.foreground.name()}; }}")

    def _draw(self, package, result, state, exhibit) -> None:
        self._clear_plot()
        theme = theme_from_palette(self.palette())
        self._theme = theme
        self._apply_theme(theme)
        lang = state.language if state.language in ("nb", "en") else "nb"
        decimal = state.decimal
        if self._view == "difference":
            self._draw_difference(package, result, state, theme, lang, decimal)
            return
        self._xmin = 0.0
        frame = result.frame
        cols = result.columns
        chart = exhibit["chart"]
        notes: list[str] = []

        units = cols["unit"] if "unit" in cols else ["percent"] * len(frame)
        rows = list(range(len(frame)))
        if chart == "facts":
            kinds = set(units)
            if len(kinds) > 1:
                rows = [i for i in rows if units[i] == "percent"]
                notes.append(self.tr("Bare prosentene vises i diagrammet; antallene står i tabellen."))
        unit = "count" if rows and all(units[i] == "count" for i in rows) else "percent"
        self._unit = unit

        series = list(result.series)
        n_series = max(1, len(series))
        stacked = chart == "stacked"
        scale = [s for s in str(exhibit["scale"] or "").split("|") if s]
        totals = total_responses(scale)

        # categories: (label, [(series index, [(row, response)...])])
        categories: list[tuple[str, list[int]]] = []
        if stacked:
            for item in dict.fromkeys(cols["item"]):
                item_rows = [i for i in rows if cols["item"][i] == item]
                if item_rows:
                    categories.append((str(cols[f"item_label_{lang}"][item_rows[0]]), item_rows))
        else:
            categories = [(str(cols[f"label_{lang}"][i]), [i]) for i in rows]

        values = [float(cols[s.key][i]) for i in rows for s in series]
        finite = [v for v in values if not math.isnan(v)]
        if unit == "percent":
            xmax = 100.0
        else:
            xmax = max(finite) * 1.18 if finite else 1.0
        self._xmax = xmax

        band = 0.8
        bar_h = min(band / n_series, 0.5)
        label_font = chart_font(delta=-0.5)
        missing_font = chart_font(delta=-0.5, italic=True)
        offset = xmax * 0.01
        legend_entries: dict[str, tuple[QBrush, QPen]] = {}
        has_derived = False
        has_missing = False
        totals_alone = False

        def cell(i: int, key: str) -> dict:
            return result.cell(i, key)

        for c, (_label, cat_rows) in enumerate(categories):
            for s_index, spec in enumerate(series):
                y = c + (s_index - (n_series - 1) / 2) * bar_h
                key = spec.key
                if stacked:
                    parts = [i for i in cat_rows if cols["response"][i] not in totals]
                    total_rows = [i for i in cat_rows if cols["response"][i] in totals]
                    stated_parts = [i for i in parts if not math.isnan(float(cols[key][i]))]
                    known_totals = [i for i in total_rows if not math.isnan(float(cols[key][i]))]
                    if stated_parts:
                        x = 0.0
                        outside: list[str] = []
                        for i in parts:
                            info = cell(i, key)
                            value = float(info["value"])
                            resp = str(cols[f"response_label_{lang}"][i])
                            if math.isnan(value):
                                continue
                            comp = parts.index(i)
                            fill = theme.component_color(s_index, comp)
                            derived = info["status"] == "derived"
                            has_derived |= derived
                            drawn = self._bar(x, value, y, bar_h, fill, theme, derived)
                            legend_entries.setdefault(self._legend_name(spec, resp, n_series, stacked, lang),
                                                      (QBrush(fill), pg.mkPen(theme.outline(fill))))
                            text = self._value_text(value, info["approx"], decimal)
                            if value >= (7 if unit == "percent" else xmax * 0.07):
                                self._text(text, x + value / 2, y, text_on(fill), label_font, anchor=(0.5, 0.5))
                            else:
                                outside.append(f"{resp.lower()} {text}")
                            self._shapes.append(_Shape(i, key, value, bool(info["approx"]), str(info["status"]), "stack",
                                                       x, x + value, y, bar_h, partial(self._tip, result, i, key, lang, decimal), s_index,
                                                       items=drawn))
                            x += value
                        end_bits = list(outside)
                        for i in known_totals:
                            info = cell(i, key)
                            value = float(info["value"])
                            word = self.tr("i alt") + " " + self._value_text(value, info["approx"], decimal)
                            if info["status"] == "derived":
                                word += " " + self.tr("(beregnet)")
                            end_bits.append(word)
                            self._shapes.append(_Shape(i, key, value, bool(info["approx"]), str(info["status"]), "total",
                                                       x, x + xmax * 0.15, y, bar_h, partial(self._tip, result, i, key, lang, decimal),
                                                       s_index, shown="label"))
                        missing_parts = [i for i in parts if math.isnan(float(cols[key][i]))]
                        if missing_parts:
                            names = ", ".join(str(cols[f"response_label_{lang}"][i]).lower() for i in missing_parts)
                            end_bits.append(f"{names}: {self.tr('ikke oppgitt')}")
                            for i in missing_parts:
                                self._shapes.append(self._missing_shape(result, i, key, y, bar_h, s_index, lang, decimal,
                                                                        shown="label", x0=x))
                        for i in total_rows:
                            if i not in known_totals:
                                self._shapes.append(self._missing_shape(result, i, key, y, bar_h, s_index, lang, decimal,
                                                                        shown="label", x0=x))
                        if end_bits:
                            self._text(" · ".join(end_bits), x + offset, y, theme.foreground, label_font, anchor=(0, 0.5))
                    elif known_totals:
                        i = known_totals[0]
                        info = cell(i, key)
                        value = float(info["value"])
                        fill = self._total_fill(theme, s_index)
                        derived = info["status"] == "derived"
                        has_derived |= derived
                        drawn = self._bar(0.0, value, y, bar_h, fill, theme, derived)
                        resp = str(cols[f"response_label_{lang}"][i])
                        legend_entries.setdefault(self._legend_name(spec, resp, n_series, stacked, lang),
                                                  (QBrush(fill), pg.mkPen(theme.outline(fill))))
                        text = self._value_text(value, info["approx"], decimal)
                        self._value_label(text, value, y, theme, fill, label_font, offset)
                        if parts:
                            totals_alone = True
                        self._shapes.append(_Shape(i, key, value, bool(info["approx"]), str(info["status"]), "bar",
                                                   0.0, value, y, bar_h, partial(self._tip, result, i, key, lang, decimal), s_index,
                                                   items=drawn))
                        for p in parts:
                            self._shapes.append(self._missing_shape(result, p, key, y, bar_h, s_index, lang, decimal,
                                                                    shown="note", x0=value))
                    else:
                        has_missing = True
                        self._missing_marker(y, theme, missing_font, lang)
                        for i in cat_rows:
                            self._shapes.append(self._missing_shape(result, i, key, y, bar_h, s_index, lang, decimal))
                else:
                    i = cat_rows[0]
                    info = cell(i, key)
                    value = float(info["value"])
                    if math.isnan(value):
                        has_missing = True
                        self._missing_marker(y, theme, missing_font, lang)
                        self._shapes.append(self._missing_shape(result, i, key, y, bar_h, s_index, lang, decimal))
                        continue
                    fill = theme.series_color(s_index)
                    derived = info["status"] == "derived"
                    has_derived |= derived
                    drawn = self._bar(0.0, value, y, bar_h, fill, theme, derived)
                    if n_series > 1:
                        legend_entries.setdefault(spec.label(lang), (QBrush(fill), pg.mkPen(theme.outline(fill))))
                    self._value_label(self._value_text(value, info["approx"], decimal), value, y, theme, fill, label_font, offset,
                                      right_of=self._interval(result, i, key, value, y, bar_h, theme, unit, state))
                    self._shapes.append(_Shape(i, key, value, bool(info["approx"]), str(info["status"]), "bar",
                                               0.0, value, y, bar_h, partial(self._tip, result, i, key, lang, decimal), s_index,
                                               items=drawn))

        if stacked and state.intervals:
            for s in self._shapes:
                if s.kind == "total" or (s.kind == "bar" and s.status != "missing"):
                    self._interval(result, s.row, s.key, s.value, s.y, s.h, theme, unit, state)

        # axes
        ticks = [(float(c), wrap_label(label)) for c, (label, _r) in enumerate(categories)]
        axis_label = self.tr("Prosent") if unit == "percent" else self.tr("Antall")
        if unit == "percent":
            x_ticks = [[(float(v), format_number(v, decimal)) for v in range(0, 101, 20)],
                       [(float(v), "") for v in range(10, 100, 20)]]
        else:
            x_ticks = None
        self._set_axes(ticks, axis_label, x_ticks, theme)
        # grid lines as items: an axis grid would stop the axis drawing its 0 and 100 labels at the edges
        grid_pen = pg.mkPen(theme.grid, width=1)
        for v in (range(20, 101, 20) if unit == "percent" else []):
            line = self._take("line")
            line.setPen(grid_pen)
            line.setPos(float(v))
            line.setZValue(-10)
        self._flush_markers(theme)
        n_cat = max(1, len(categories))
        self._set_extent(ticks, n_cat, n_series)

        # legend
        if has_derived:
            legend_entries[self.tr("beregnet fra oppgitte tall")] = (
                QBrush(mix(theme.foreground, theme.background, 0.7), Qt.BrushStyle.BDiagPattern),
                pg.mkPen(theme.foreground, style=Qt.PenStyle.DashLine))
        self._set_legend(legend_entries)

        # title and notes
        if has_missing:
            notes.append(self.tr("Grå ring: tallet står ikke i rapportens tekst."))
        if totals_alone:
            notes.append(self.tr("Der teksten bare gir summen («… eller …»), vises summen som én søyle uten oppdeling."))
        if exhibit["ranking"] and chart != "ranking":
            notes.append(self.tr("Rekkefølge i teksten:") + " " + self._ranking_text(package, exhibit, lang))
        if result.from_pair:
            notes.append(self.tr("Noen tall er fra samme spørsmål i en annen runde, der ordlyden var en annen."))
        if state.intervals and self._intervals:
            from hjk_desktop.core.stats import NOMINAL_NOTE

            notes.append(NOMINAL_NOTE[lang])
        self._set_texts(caption(package, result.exhibit_id, lang), self._n_line(result, lang, decimal), notes, theme)

    # --- the difference view -------------------------------------------------------------------

    def _draw_difference(self, package, result, state, theme: ChartTheme, lang: str, decimal: str) -> None:
        """Two series: one bar per row, second minus first in percentage points, centred on a zero line.

        Where both values are percentages with a known N, Newcombe's 95 % interval is drawn as an error bar;
        where an N is unknown the row says so in words. Everything uncertain is labelled nominal."""
        from hjk_desktop.core.stats import NOMINAL_NOTE, difference_frame

        first, second = result.series
        cols = result.columns
        n_rows = len(cols[first.key])
        diff = difference_frame(result, first.key, second.key, lang)
        d, lo, hi = diff["d"].tolist(), diff["lo"].tolist(), diff["hi"].tolist()
        readings, reasons = diff["reading"].tolist(), diff["reason"].tolist()
        units = cols["unit"] if "unit" in cols else ["percent"] * n_rows
        unit = "count" if n_rows and all(u == "count" for u in units) else "percent"
        self._unit = unit
        reach = max((abs(x) for x in (*d, *lo, *hi) if x == x), default=1.0)
        top = nice_limit(reach * 1.15)
        self._xmin, self._xmax = -top, top
        span = 2 * top

        names = {"a": first.label(lang), "b": second.label(lang)}
        label_font = chart_font(delta=-0.5)
        missing_font = chart_font(delta=-0.5, italic=True)
        bar_h = 0.44
        offset = span * 0.01
        higher_b, higher_a = theme.series_color(1), theme.series_color(0)
        legend: dict[str, tuple[QBrush, QPen]] = {}
        has_missing = has_unknown = False
        zero = self._take("line")
        zero.setPen(pg.mkPen(theme.foreground, width=1.2))
        zero.setPos(0.0)
        zero.setZValue(2)
        for i in range(n_rows):
            value = d[i]
            tip = partial(self._diff_tip, result, i, d[i], lo[i], hi[i], readings[i], reasons[i], lang, decimal)
            if value != value:
                has_missing = True
                self._missing_marker(float(i), theme, missing_font, lang)
                self._shapes.append(_Shape(i, "diff", math.nan, False, "missing", "missing", self._xmin,
                                           self._xmin + span * 0.2, float(i), bar_h, tip))
                self._differences.append({"row": i, "d": math.nan, "lo": math.nan, "hi": math.nan, "reading": "",
                                          "reason": reasons[i], "note": ""})
                continue
            fill = higher_b if value >= 0 else higher_a
            approx = bool(cols[f"{first.key}|approx"][i]) or bool(cols[f"{second.key}|approx"][i])
            drawn = self._bar(min(0.0, value), abs(value), float(i), bar_h, fill, theme, False)
            legend.setdefault(self.tr("Høyere for {0}").format(names["b" if value >= 0 else "a"]),
                              (QBrush(fill), pg.mkPen(theme.outline(fill))))
            end, start = (max(value, 0.0), min(value, 0.0))
            if lo[i] == lo[i] and hi[i] == hi[i]:
                err = self._take("error")
                err.setData(x=np.array([value]), y=np.array([float(i)]), left=np.array([value - lo[i]]),
                            right=np.array([hi[i] - value]), beam=bar_h * 0.45, pen=pg.mkPen(theme.foreground, width=1.4))
                self._display.append(("interval", float(lo[i]), float(hi[i]), float(i), bar_h * 0.45, QColor(theme.foreground)))
                self._intervals.append({"row": i, "key": "diff", "lo": float(lo[i]), "hi": float(hi[i])})
                end, start = max(end, hi[i]), min(start, lo[i])
            text = format_number(round(value, 9), decimal, signed=True)  # 75 − 67 may come out as 8.000000000000002
            text = f"{APPROX}{text}" if approx else text
            if value >= 0:
                self._text(text, end + offset, float(i), theme.foreground, label_font, anchor=(0, 0.5))
            else:
                self._text(text, start - offset, float(i), theme.foreground, label_font, anchor=(1, 0.5))
            note = ""
            if reasons[i] == "n_unknown":
                has_unknown = True
                note = self.tr("N ukjent – ingen usikkerhet kan beregnes")
                # under the bar, from the left edge: the whole width is free there, whatever the sign
                self._text(note, self._xmin + offset, i + bar_h * 0.5 + 0.17, theme.muted, missing_font, anchor=(0, 0.5))
            self._shapes.append(_Shape(i, "diff", float(value), approx, "derived", "diff", min(0.0, value), max(0.0, value),
                                       float(i), bar_h, tip, items=drawn))
            self._differences.append({"row": i, "d": float(value), "lo": float(lo[i]), "hi": float(hi[i]),
                                      "reading": readings[i], "reason": reasons[i], "note": note})

        labels = cols[f"label_{lang}"]
        ticks = [(float(i), wrap_label(str(labels[i]))) for i in range(n_rows)]
        step = tick_step(top)
        values = [k * step for k in range(-round(top / step), round(top / step) + 1)]
        self._diff_ticks = [(float(v), format_number(v, decimal, signed=True)) for v in values]
        axis_label = (self.tr("Differanse i prosentpoeng") if unit == "percent" else self.tr("Differanse (antall)"))
        self._set_axes(ticks, axis_label, [self._diff_ticks, []], theme)
        grid_pen = pg.mkPen(theme.grid, width=1)
        for v in values:
            if v:
                line = self._take("line")
                line.setPen(grid_pen)
                line.setPos(float(v))
                line.setZValue(-10)
        self._flush_markers(theme)
        self._set_extent(ticks, max(1, n_rows), 1)
        self._set_legend(legend)

        notes = [self.tr("Søylene viser {0} minus {1}; differansen er beregnet fra de to tallene.").format(names["b"], names["a"])]
        if self._intervals:
            notes.append(self.tr("Strekene viser et 95 %-intervall (Newcombe) der begge N er kjent.") + " " + NOMINAL_NOTE[lang])
        if has_unknown:
            notes.append(self.tr("N ukjent – ingen usikkerhet kan beregnes: rapporten oppgir ikke N for begge tallene."))
        if has_missing:
            notes.append(self.tr("Grå ring: ingen differanse, fordi minst ett av tallene ikke står i rapportens tekst."))
        title = caption(package, result.exhibit_id, lang)
        extra = self.tr("Differanse: {0} minus {1}").format(names["b"], names["a"])
        n_line = self._n_line(result, lang, decimal)
        self._set_texts(title, f"{extra}. {n_line}" if n_line else extra, notes, theme)

    def _diff_tip(self, result, i: int, d: float, lo: float, hi: float, reading_text: str, reason: str,
                  lang: str, decimal: str) -> str:
        from hjk_desktop.core.stats import NOMINAL_NOTE, ci_reason_text

        first, second = result.series
        cols = result.columns
        lines = [str(cols[f"label_{lang}"][i])]
        for spec in (first, second):
            value, n = cols[spec.key][i], cols[f"{spec.key}|n"][i]
            shown = self.tr("ikke oppgitt") if value != value else format_number(value, decimal)
            n_text = f"N = {format_number(n, decimal)}" if n == n else self.tr("N ikke oppgitt")
            lines.append(f"{spec.label(lang)}: {shown} ({n_text})")
        if d != d:
            lines.append(self.tr("Ingen differanse: minst ett av tallene mangler."))
            return "\n".join(lines)
        lines.append(self.tr("Differanse: {0} prosentpoeng").format(format_number(round(d, 9), decimal, signed=True)))
        if lo == lo and hi == hi:
            lines.append(self.tr("95 %-intervall (nominelt): {0} til {1}").format(
                format_number(lo, decimal, digits=1, signed=True), format_number(hi, decimal, digits=1, signed=True)))
            lines.append(self.tr("Lesning: {0}").format(reading_text))
        else:
            lines.append(ci_reason_text(reason, lang))
        lines.append(NOMINAL_NOTE[lang])
        return "\n".join(lines)

    def differences(self) -> list[dict]:
        """The difference view as drawn, one entry per row: d, the interval (lo, hi; NaN where none), the
        reading, the reason where no interval is drawn, and the visible note ("N ukjent …") if any."""
        return [dict(x) for x in self._differences]

    def view(self) -> str:
        """Which view the plot shows: "values" or "difference"."""
        return self._view

    # --- shared by both views: axes, extent, legend, wrapped title and notes ------------------------

    def _set_axes(self, ticks: list, axis_label: str, x_ticks, theme: ChartTheme) -> None:
        """Category labels left, the value axis below; each only touched when it changes (axes redraw slowly)."""
        key = (tuple(ticks), axis_label, repr(x_ticks), theme.foreground.rgba())
        if key == self._axis_key:
            return
        self._axis_key = key
        left = self.plot_item.getAxis("left")
        left.setTicks([ticks, []])
        metrics = QFontMetricsF(chart_font())
        widest = max((metrics.horizontalAdvance(line) for _p, t in ticks for line in t.split("\n")), default=40.0)
        left.setWidth(int(widest + 14))
        bottom = self.plot_item.getAxis("bottom")
        bottom.setLabel(axis_label, color=theme.foreground.name())
        bottom.setTicks(x_ticks)
        self._svg_categories = [t for _p, t in ticks]
        self._svg_axis_label = axis_label

    def _set_extent(self, ticks: list, n_cat: int, n_series: int) -> None:
        # the difference axis has a labelled tick at its left end too: room for its text
        pad = (self._xmax - self._xmin) * (0.04 if self._view == "difference" else 0.002)
        below = 0.25 if any(x.get("note") for x in self._differences) and self._view == "difference" else 0.0
        self.vb.setRange(xRange=(self._xmin - pad, self._xmax + pad), yRange=(-0.5, n_cat - 0.5 + below), padding=0.0)
        lines = sum(t.count("\n") + 1 for _p, t in ticks) or 1
        line_h = QFontMetricsF(chart_font()).lineSpacing()
        # category labels must not overlap: their lines, a gap per category, room for the bars, and the x axis
        self._plot_need = max(lines * line_h * 1.1 + n_cat * 6, n_cat * n_series * 16) + 56

    def _set_legend(self, entries: dict) -> None:
        """The legend: a swatch and a name per entry, flowing in lines as wide as the pane (see _layout_texts).

        A text label, not pyqtgraph's LegendItem: its grid gives every entry the widest entry's width, so long
        names left one entry per line and the plot lost its height; a flowing line is also much cheaper to redraw."""
        self._svg_legend = [(name, QColor(brush.color()), brush.style() == Qt.BrushStyle.BDiagPattern)
                            for name, (brush, _pen) in entries.items()]
        self._texts["legend"] = [(name, QColor(brush.color()).name(), brush.style() == Qt.BrushStyle.BDiagPattern)
                                 for name, (brush, _pen) in entries.items()]

    def _n_line(self, result, lang: str, decimal: str) -> str:
        if len(result.series) < 2:
            return ""
        cols = result.columns
        parts = []
        for spec in result.series:
            known = [n for n in cols[f"{spec.key}|n"] if n == n]
            if known:
                parts.append(f"{spec.label(lang)}: N={format_number(float(known[0]), decimal)}")
        return "; ".join(parts)

    def _set_texts(self, title: str, extra: str, notes: list[str], theme: ChartTheme) -> None:
        self._svg_title = textwrap.wrap(title, TITLE_WRAP) + ([extra] if extra else [])
        self._svg_notes = list(notes)
        self._texts.update(title=title, extra=extra, notes=list(notes), fg=theme.foreground.name(), muted=theme.muted.name())
        self._layout_texts()

    def _wrap_width(self) -> float:
        width = self.plot_widget.width()
        if width < 300 and not self.plot_widget.isVisible():
            width = max(width, self.width(), 640)
        # the layout's side margins and the text document's own margins (4 px each side)
        return max(200.0, (width - 6 - RIGHT_MARGIN - 16) * 0.97)

    def _set_label(self, name: str, label, text: str, **style) -> bool:
        key = (text, tuple(sorted(style.items())))
        if self._label_key.get(name) == key:
            return False
        self._label_key[name] = key
        label.setText(text, **style)
        return True

    def _layout_texts(self) -> None:
        """Wrap the title and notes to the pane's width, and give the legend as many columns as fit.

        Run after each drawing and when the plot is resized (cheap: text only, no bars)."""
        texts = self._texts
        if "title" not in texts or not texts.get("fg"):
            return
        width = self._wrap_width()
        texts["width"] = self.plot_widget.width()
        title_font = chart_font(delta=1)
        lines = [html.escape(x) for x in wrap_pixels(texts["title"], title_font, width)]
        n_lines = len(lines)
        if texts["extra"]:
            extra = wrap_pixels(texts["extra"], title_font, width)
            n_lines += len(extra)
            lines.append("<span style='font-weight:normal'>" + "<br>".join(html.escape(x) for x in extra) + "</span>")
        if self._set_label("title", self.plot_item.titleLabel, "<br>".join(lines), color=texts["fg"],
                           size=f"{title_font.pointSizeF():.0f}pt"):
            title_h = int(QFontMetricsF(title_font).lineSpacing() * n_lines * 1.15 + 10)
            self.plot_item.titleLabel.setVisible(True)
            self.plot_item.titleLabel.setMaximumHeight(title_h)
            self.plot_item.layout.setRowFixedHeight(0, title_h)
        note_font = chart_font(delta=-1)
        note_lines = [html.escape(x) for note in texts["notes"] for x in wrap_pixels(note, note_font, width)]
        self._set_label("note", self.note, "<br>".join(note_lines), color=texts["muted"],
                        size=f"{note_font.pointSizeF():.0f}pt")
        legend_font = chart_font()
        legend_lines = self._legend_lines(texts.get("legend") or [], legend_font, width)
        legend_rows = len(legend_lines)
        self._set_label("legend", self.legend, "<br>".join(legend_lines), color=texts["fg"],
                        size=f"{legend_font.pointSizeF():.0f}pt")
        self.legend.setVisible(bool(legend_lines))
        self.legend.opts["labelTextColor"] = QColor(texts["fg"])  # the names' colour, under LegendItem's key
        # the plot's minimum height: its category labels without overlap, plus title, legend and notes
        line_h = QFontMetricsF(chart_font()).lineSpacing()
        need = (self._plot_need + QFontMetricsF(title_font).lineSpacing() * n_lines * 1.15 + 10
                + legend_rows * line_h * 1.25 + (10 if legend_rows else 0)
                + len(note_lines) * QFontMetricsF(note_font).lineSpacing() + 12)
        height = int(min(1200, max(220, need)))
        if self.plot_widget.minimumHeight() != height:
            self.plot_widget.setMinimumHeight(height)

    @staticmethod
    def _legend_lines(entries: list, font: QFont, width: float) -> list[str]:
        """Legend entries as HTML lines no wider than width: a coloured swatch (hatched for derived), the name."""
        metrics = QFontMetricsF(font)
        gap = metrics.horizontalAdvance("  ")
        lines: list[str] = []
        line: list[str] = []
        used = 0.0
        for name, color, derived in entries:
            swatch = "▨" if derived else "■"  # ▨ hatched square, ■ filled square
            w = metrics.horizontalAdvance(f"{swatch} {name}")
            if line and used + gap + w > width:
                lines.append("  ".join(line))
                line, used = [], 0.0
            line.append(f"<span style='color:{color}'>{swatch}</span> {html.escape(name)}")
            used += (gap if len(line) > 1 else 0.0) + w
        if line:
            lines.append("  ".join(line))
        return lines

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.Resize and obj is getattr(self, "plot_widget", None)
                and getattr(self, "_mode", "") == "plot" and abs(obj.width() - self._texts.get("width", 0)) > 4):
            self._layout_texts()
        return super().eventFilter(obj, event)

    # --- pieces -------------------------------------------------------------------------------

    def _total_fill(self, theme: ChartTheme, s_index: int) -> QColor:
        return theme.series_color(s_index)

    def _legend_name(self, spec, response: str, n_series: int, stacked: bool, lang: str) -> str:
        if n_series > 1:
            return f"{spec.label(lang)}: {response.lower()}" if stacked else spec.label(lang)
        return response

    def _bar(self, x0: float, width: float, y: float, h: float, fill: QColor, theme: ChartTheme, derived: bool) -> list:
        items = []
        if derived:
            light = mix(fill, theme.background, 0.55)
            base = self._take("bar")
            base.setOpts(x0=[x0], y=[y], width=[width], height=[h], brush=pg.mkBrush(light),
                         pen=pg.mkPen(theme.outline(fill), style=Qt.PenStyle.DashLine, width=1.2))
            hatch = self._take("bar")
            hatch.setOpts(x0=[x0], y=[y], width=[width], height=[h], brush=QBrush(theme.outline(fill), Qt.BrushStyle.BDiagPattern),
                          pen=pg.mkPen(None))
            items = [base, hatch]
            self._display.append(("rect", x0, width, y, h, light, theme.outline(fill), True))
        else:
            bar = self._take("bar")
            bar.setOpts(x0=[x0], y=[y], width=[width], height=[h], brush=pg.mkBrush(fill), pen=pg.mkPen(theme.outline(fill), width=1))
            items = [bar]
            self._display.append(("rect", x0, width, y, h, fill, theme.outline(fill), False))
        return items

    def _text(self, text: str, x: float, y: float, color: QColor, font: QFont, anchor=(0, 0.5)) -> pg.TextItem:
        item = self._take("text")
        item.setText(text, color=color)
        item.setAnchor(anchor)
        item.setFont(font)
        item.setPos(x, y)
        self._display.append(("text", x, y, text, QColor(color), tuple(anchor), font.italic()))
        return item

    def _value_label(self, text: str, value: float, y: float, theme: ChartTheme, fill: QColor, font: QFont, offset: float,
                     right_of: float | None = None) -> None:
        end = max(value, right_of or 0.0)
        if end > self._xmax * 0.86 and right_of is None:
            self._text(text, value - offset, y, text_on(fill), font, anchor=(1, 0.5))
        else:
            self._text(text, end + offset, y, theme.foreground, font, anchor=(0, 0.5))

    def _value_text(self, value: float, approx, decimal: str) -> str:
        text = format_number(value, decimal)
        return f"{APPROX}{text}" if bool(approx) else text

    def _missing_marker(self, y: float, theme: ChartTheme, font: QFont, lang: str) -> None:
        x = self._xmin + (self._xmax - self._xmin) * 0.012
        self._marker_points.append((x, y))
        self._display.append(("marker", x, y, QColor(theme.muted)))
        self._text(self.tr("ikke oppgitt"), x + (self._xmax - self._xmin) * 0.012, y, theme.muted, font, anchor=(0, 0.5))

    def _flush_markers(self, theme: ChartTheme) -> None:
        """All missing-value rings of a drawing in one scatter item (one setData instead of one item per ring)."""
        if not self._marker_points:
            return
        xs = [p[0] for p in self._marker_points]
        ys = [p[1] for p in self._marker_points]
        self._markers.setData(xs, ys, symbol="o", size=9, pen=pg.mkPen(theme.muted, width=1.5), brush=pg.mkBrush(None))
        self._markers.setVisible(True)

    def _missing_shape(self, result, i: int, key: str, y: float, h: float, s_index: int, lang: str, decimal: str,
                       shown: str = "marker", x0: float = 0.0) -> _Shape:
        span = (self._xmax - self._xmin) * 0.2
        return _Shape(i, key, math.nan, False, "missing", "missing", x0, x0 + span, y, h,
                      partial(self._tip, result, i, key, lang, decimal), s_index, shown=shown)

    def _interval(self, result, i: int, key: str, value: float, y: float, h: float, theme: ChartTheme, unit: str, state):
        """Draw a 95 % Wilson interval for a percentage with known N; returns its upper end, or None."""
        if not state.intervals or unit != "percent":
            return None
        wilson = _wilson()
        if wilson is None:
            return None
        n = result.cell(i, key)["n"]
        if n is None or (isinstance(n, float) and math.isnan(n)) or n <= 0:
            return None
        lo, hi = wilson(float(value), float(n))
        err = self._take("error")
        err.setData(x=np.array([value]), y=np.array([y]), left=np.array([value - lo]), right=np.array([hi - value]),
                    beam=h * 0.35, pen=pg.mkPen(theme.foreground, width=1.2))
        self._display.append(("interval", float(lo), float(hi), y, h * 0.35, QColor(theme.foreground)))
        self._intervals.append({"row": i, "key": key, "lo": float(lo), "hi": float(hi)})
        return float(hi)

    def _tip(self, result, i: int, key: str, lang: str, decimal: str) -> str:
        info = result.cell(i, key)
        spec = next(s for s in result.series if s.key == key)
        label = str(result.columns[f"label_{lang}"][i])
        lines = [label]
        if len(result.series) > 1:
            lines.append(self.tr("Gruppe: {0}").format(spec.label(lang)))
        value = float(info["value"])
        unit = str(result.columns["unit"][i]) if "unit" in result.columns else "percent"
        if math.isnan(value):
            lines.append(self.tr("Verdi: {0}").format(self.tr("ikke oppgitt")))
            lines.append(reason_text(str(info["reason"]), lang))
            return "\n".join(lines)
        text = format_number(value, decimal) + (" %" if unit == "percent" else "")
        if bool(info["approx"]):
            text = f"{APPROX} {text} " + self.tr("(omtrentlig)")
        lines.append(self.tr("Verdi: {0}").format(text))
        n = info["n"]
        if n is not None and not (isinstance(n, float) and math.isnan(n)):
            lines.append(f"N = {format_number(float(n), decimal)}")
        else:
            lines.append(self.tr("N ikke oppgitt"))
        if info["status"] == "derived":
            lines.append(self.tr("Beregnet fra oppgitte tall: {0}").format(info["formula"] or "–"))
        else:
            lines.append(self.tr("Oppgitt i rapportens tekst"))
        if info["locator"]:
            lines.append(self.tr("Sted i rapporten: {0}").format(info["locator"]))
        if info["source"] and info["source"] != result.exhibit_id:
            lines.append(self.tr("Fra: {0}").format(info["source"]))
        note = (info.get("note_en") if lang == "en" else "") or info["note"]
        if note:
            lines.append(str(note))
        return "\n".join(lines)

    # --- ranking, messages ----------------------------------------------------------------------

    def _ranking_text(self, package, exhibit, lang: str) -> str:
        bits = []
        for rank, codes in enumerate(parse_ranking(exhibit["ranking"]), start=1):
            names = [package.item_label(exhibit["id"], c, lang) for c in codes]
            bits.append(f"{rank}. " + (" = ".join(names)))
        return "; ".join(bits)

    def _show_ranking(self, package, result, state) -> None:
        theme = theme_from_palette(self.palette())
        self._theme = theme
        self._apply_theme(theme)
        lang = state.language if state.language in ("nb", "en") else "nb"
        exhibit = package.exhibit(result.exhibit_id)
        ranks = parse_ranking(exhibit["ranking"])
        title = caption(package, result.exhibit_id, lang)
        explain = self.tr(
            "Figuren i rapporten har tall, men de er ikke gjengitt i teksten, og selve figuren har ikke kommet med. "
            "Teksten sier bare hvilke svar som kommer øverst, så her vises den rekkefølgen og ingen tall.")
        parts = [f"<h3>{html.escape(title)}</h3>", f"<p>{html.escape(explain)}</p>", "<table cellpadding='4'>"]
        desc = [title, explain]
        ranked = set()
        for rank, codes in enumerate(ranks, start=1):
            shared = len(codes) > 1
            for code in codes:
                ranked.add(code)
                name = package.item_label(result.exhibit_id, code, lang)
                extra = self.tr("(delt {0}. plass)").format(rank) if shared else ""
                parts.append(f"<tr><td align='right'><b>{rank}.</b></td><td>{html.escape(name)}</td>"
                             f"<td><i>{html.escape(extra)}</i></td></tr>")
                desc.append(f"{rank}. {name} {extra}".rstrip())
        parts.append("</table>")
        rest = [package.item_label(result.exhibit_id, c, lang) for c in dict.fromkeys(result.rows["item"]) if c not in ranked]
        if rest:
            line = self.tr("Nevnt uten plassering i teksten:") + " " + ", ".join(rest)
            parts.append(f"<p><i>{html.escape(line)}</i></p>")
            desc.append(line)
        self._description = desc
        self.text_page.setHtml("".join(parts))
        self._stack.setCurrentIndex(TEXT_PAGE)

    def ranking_entries(self) -> list[tuple[int, str]]:
        """The ordered list shown for a ranking exhibit: (rank, label) in order; ties share a rank."""
        if self._mode != "ranking" or self._result is None:
            return []
        lang = self._state.language if self._state.language in ("nb", "en") else "nb"
        exhibit = self._package.exhibit(self._result.exhibit_id)
        return [(rank, self._package.item_label(self._result.exhibit_id, code, lang))
                for rank, codes in enumerate(parse_ranking(exhibit["ranking"]), start=1) for code in codes]

    def _show_message(self, text: str) -> None:
        self._description = [text]
        self.text_page.setHtml(f"<p>{html.escape(text)}</p>")
        self._stack.setCurrentIndex(TEXT_PAGE)

    def _describe_difference(self, lang: str) -> list[str]:
        from hjk_desktop.core.stats import NOMINAL_NOTE

        words = {
            "nb": {"head": "Differanse i prosentpoeng: {0} minus {1}.", "none": "ingen differanse, minst ett tall mangler",
                   "ci": "95 %-intervall, nominelt: {0} til {1}; {2}", "unknown": "N ukjent – ingen usikkerhet kan beregnes"},
            "en": {"head": "Difference in percentage points: {0} minus {1}.", "none": "no difference, a number is missing",
                   "ci": "95% interval, nominal: {0} to {1}; {2}", "unknown": "N unknown – no uncertainty can be computed"},
        }[lang if lang in ("nb", "en") else "nb"]
        result, decimal = self._result, self._state.decimal
        first, second = result.series
        labels = result.columns[f"label_{lang}"]
        lines = [caption(self._package, result.exhibit_id, lang), words["head"].format(second.label(lang), first.label(lang))]
        for x in self._differences:
            label = str(labels[x["row"]])
            if x["d"] != x["d"]:
                lines.append(f"- {label}: {words['none']}")
                continue
            text = format_number(round(x["d"], 9), decimal, signed=True)
            if x["lo"] == x["lo"]:
                text += " (" + words["ci"].format(format_number(x["lo"], decimal, digits=1, signed=True),
                                                  format_number(x["hi"], decimal, digits=1, signed=True), x["reading"]) + ")"
            elif x["reason"] == "n_unknown":
                text += f" ({words['unknown']})"
            lines.append(f"- {label}: {text}")
        if self._intervals:
            lines.append(NOMINAL_NOTE[lang])
        return lines

    def _describe(self, lang: str) -> list[str]:
        words = {
            "nb": {"total": "i alt", "derived": "beregnet", "approx": "omtrent", "unit_percent": "prosent", "unit_count": "antall",
                   "missing": "ikke oppgitt i teksten", "axis": "Verdiene er i {0}.", "counts": "{0} verdier vist, {1} mangler."},
            "en": {"total": "in total", "derived": "derived", "approx": "about", "unit_percent": "per cent", "unit_count": "counts",
                   "missing": "not given in the text", "axis": "Values are in {0}.", "counts": "{0} values shown, {1} missing."},
        }[lang if lang in ("nb", "en") else "nb"]
        result, package = self._result, self._package
        if self._view == "difference":
            return self._describe_difference(lang)
        lines = [caption(package, result.exhibit_id, lang), words["axis"].format(words[f"unit_{self._unit}"])]
        cols = result.columns
        several = len(result.series) > 1
        specs = {s.key: s for s in result.series}
        shown = missing = 0
        for s in self._shapes:
            label = str(cols[f"label_{lang}"][s.row])
            if several:
                label += f" ({specs[s.key].label(lang)})"
            if s.kind == "missing":
                missing += 1
                lines.append(f"- {label}: {words['missing']}")
                continue
            shown += 1
            text = format_number(s.value, self._state.decimal)
            if s.approx:
                text = f"{words['approx']} {text}"
            if s.status == "derived":
                text += f" ({words['derived']}: {result.cell(s.row, s.key)['formula']})"
            lines.append(f"- {label}: {text}")
        lines.append(words["counts"].format(shown, missing))
        return lines

    # --- interaction ------------------------------------------------------------------------------

    def _hit(self, scene_pos) -> _Shape | None:
        if self._mode != "plot" or not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.vb.mapSceneToView(scene_pos)
        x, y = p.x(), p.y()
        for kinds in (("bar", "stack", "diff"), ("total",), ("missing",)):
            for s in self._shapes:
                if s.kind in kinds and s.contains(x, y):
                    return s
        return None

    def _on_mouse_moved(self, scene_pos) -> None:
        shape = self._hit(scene_pos)
        if shape is None:
            if self._hover_text:
                QToolTip.hideText()
            self._hover_text = ""
            return
        self._hover_text = shape.tip
        view_pos = self.plot_widget.mapFromScene(scene_pos)
        QToolTip.showText(self.plot_widget.mapToGlobal(view_pos), shape.tip, self.plot_widget)

    def hover_text(self) -> str:
        """The tooltip text for the value under the mouse (empty when none)."""
        return self._hover_text

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        shape = self._hit(event.scenePos())
        if shape is not None:
            self.barClicked.emit(int(shape.row), str(shape.key))

    def scene_point(self, row: int, key: str, kind: str | None = None) -> QPointF | None:
        """Where (row, key) is drawn, in view (widget) pixel coordinates; for tests and keyboard help."""
        for s in self._shapes:
            if s.row == row and s.key == key and (kind is None or s.kind == kind):
                x = (s.x0 + s.x1) / 2 if s.kind != "missing" or s.shown == "marker" else s.x0 + 1
                if s.kind == "missing" and s.shown == "marker":
                    x = self._xmin + (self._xmax - self._xmin) * 0.05
                scene = self.vb.mapViewToScene(QPointF(x, s.y))
                return QPointF(self.plot_widget.mapFromScene(scene))
        return None

    # --- housekeeping -------------------------------------------------------------------------------

    def _ensure_laid_out(self) -> None:
        if not self.isVisible():
            if self.width() < 200 or self.height() < 150:
                self.resize(self.sizeHint())
            self._stack.setGeometry(self.rect())
        self._stack.currentWidget().resize(self._stack.size())
        if self._stack.currentIndex() == PLOT_PAGE and not self.isVisible():
            self.plot_widget.resize(self._stack.width(), max(self._stack.height(), self.plot_widget.minimumHeight()))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(820, max(480, self.plot_widget.minimumHeight() + 40))

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.LanguageChange)
        if event.type() == QEvent.Type.LanguageChange and self._mode == "empty":
            self._show_message(self.tr("Velg en figur eller tabell i lista."))
        elif event.type() in kinds and self._state is not None:
            if self._mode in ("plot", "ranking") and self._result is not None:
                self.render(self._package, self._result, self._state)
            elif self._mode == "chapter" and self._chapter is not None:
                self.render_chapter(self._package, self._chapter, self._state)


def _preview(exhibit_id: str = "fig7") -> int:
    """Open the chart for one exhibit alone, with its default selection."""
    import sys

    from PySide6.QtWidgets import QApplication

    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.query import default_selection, query
    from hjk_desktop.core.selection import SelectionState

    app = QApplication.instance() or QApplication(sys.argv)
    package = load_package(bundled_package_path())
    sel = default_selection(package, exhibit_id)
    state = SelectionState(exhibit=exhibit_id, **sel)
    view = ChartView()
    view.render(package, query(package, exhibit_id, **sel), state)
    view.resize(900, 620)
    view.setWindowTitle(f"hjk-desktop – {exhibit_id}")
    view.show()
    return app.exec()



if __name__ == "__main__":
    import sys

    raise SystemExit(_preview(sys.argv[1] if len(sys.argv) > 1 else "fig7"))
