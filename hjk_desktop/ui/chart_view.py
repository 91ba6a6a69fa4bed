"""The chart pane: paints a core ChartLayout with pyqtgraph, wraps its texts to the pane, and answers the mouse.

What is drawn is worked out in hjk_desktop.core.chart_layout (also read by the SVG writer and the text
description); this widget only turns it into pooled plot items, wraps title, legend and notes to the
pane's width, hit-tests the mouse against the layout's marks and shows their tooltips. Pages without
bars (a ranking figure, a chapter) are chart_pages.ChartTextPage; a chapter's findings and exhibits follow
its heading as lists (chart_pages.ChapterPanel) whose activation this widget passes on as signals.
"""

from __future__ import annotations

import os
from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QStackedWidget, QToolTip, QVBoxLayout, QWidget

from hjk_desktop.core import chapter_story, codes
from hjk_desktop.core import chart_layout as cl
from hjk_desktop.core.chart_layout import ChartLayout, Kind
from hjk_desktop.ui.chart_fit import fit_labels, label_fonts, pane_texts
from hjk_desktop.ui.chart_pages import ChartTextPage, TextArea
from hjk_desktop.ui.chart_plot import Z_ORDER, ItemPool, brush, build_plot, pen, steady_width
from hjk_desktop.ui.chart_style import ChartTheme, chart_font, font_metrics, mix, resolve, text_on, theme_from_palette

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
import pyqtgraph as pg  # noqa: E402  (PySide6 first, so pyqtgraph never picks another binding)

RIGHT_MARGIN = 28  # room right of the plot for the last x-axis label ("100")
PLOT_PAGE, TEXT_PAGE = 0, 1
LAYOUTS_KEPT = 128  # layouts of recently shown exhibits and options, so going back draws at once


class ChartView(QWidget):
    """Chart of one exhibit; show_exhibit / show_chapter / show_empty whenever the selection changes."""

    barClicked = Signal(int, str)  # table row index, series key
    findingActivated = Signal(str)  # a finding chosen on a chapter page
    exhibitActivated = Signal(str)  # an exhibit chosen on a chapter page

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stack = QStackedWidget(self)
        parts = build_plot(RIGHT_MARGIN)
        self.plot_widget, self.plot_item, self.plot_scroll = parts.widget, parts.item, parts.scroll
        self.vb, self.legend, self.note, self._markers = parts.view_box, parts.legend, parts.note, parts.markers
        self.text_page = ChartTextPage()
        self._stack.addWidget(self.plot_scroll)
        self.text_area = TextArea(self.text_page)  # the text page, and a chapter's lists under its heading
        self.chapter_panel = self.text_area.chapter
        self.chapter_panel.findingActivated.connect(self.findingActivated)
        self.chapter_panel.exhibitActivated.connect(self.exhibitActivated)
        self._stack.addWidget(self.text_area)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self._stack)

        self._pool = ItemPool(self.plot_item)
        self._layouts: OrderedDict[tuple, object] = OrderedDict()  # (result, options) → its layout
        self._descriptions: dict[str, str] = {}  # the shown layout's description by language
        self._items: dict[tuple[int, str], list] = {}
        self._tips: dict[tuple[int, str], str] = {}
        self._layout = None  # ChartLayout, RankingPage, ChapterPage or None
        self._story: chapter_story.ChapterStory | None = None  # the chapter shown, with its findings
        self._source = (None, None, None)  # package, result, state: for tooltips and redraws
        self._theme: ChartTheme | None = None
        self._theme_key = None
        self._axis_key = None
        self._label_key: dict[str, object] = {}
        self._text_width = 0
        self._plot_need = 200.0
        self._left_width = 60
        self._drawn: list[tuple[cl.Label, object]] = []  # the value labels of the drawing and their text items
        self._hover_text = ""
        self.plot_widget.installEventFilter(self)
        scene = self.plot_widget.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self.show_empty()

    # -- what to show ---------------------------------------------------------------------------------

    @property
    def layout(self):  # shadows QWidget.layout(): this widget's own QLayout is never asked for
        """What is shown: a ChartLayout, a RankingPage or ChapterPage, or None when nothing is chosen."""
        return self._layout

    def show_exhibit(self, package, result, state) -> None:
        """Draw an exhibit (a core.query result) for a selection state; None shows the hint."""
        if result is None:
            self.show_empty()
            return
        self._source = (package, result, state)
        key = (id(package), result, codes.language(state.language), state.decimal, bool(state.difference),
               bool(state.intervals))
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = cl.layout_chart(package, result, state)
            while len(self._layouts) > LAYOUTS_KEPT:
                self._layouts.popitem(last=False)
        self._layouts.move_to_end(key)
        self._show(layout)

    def show_chapter(self, package, chapter: int, state) -> None:
        """A chapter's page: its title and summary, its findings in reading order and its exhibits; no bars."""
        self._source = (package, None, state)
        lang = codes.language(state.language)
        self._story = chapter_story.story(package, chapter, lang, state.decimal)
        self._show(cl.chapter_page(package, chapter, lang))

    @property
    def story(self) -> chapter_story.ChapterStory | None:
        """The chapter shown (None when an exhibit or the hint is)."""
        return self._story if isinstance(self._layout, cl.ChapterPage) else None

    def show_empty(self) -> None:
        self._source = (None, None, None)
        self._layout = None
        self._clear_plot()
        self.text_area.show_content(self._hint())
        self._stack.setCurrentIndex(TEXT_PAGE)

    def _hint(self) -> str:
        return self.tr("Velg en figur eller tabell i lista.")

    def _show(self, layout) -> None:
        if layout is not self._layout:
            self._descriptions = {}
        self._layout = layout
        self._tips = {}
        theme = theme_from_palette(self.palette())
        self._theme = theme
        self._apply_theme(theme)
        if isinstance(layout, ChartLayout):
            self._pool.begin()
            self._items = {}
            self._paint(layout, theme)
            self._pool.finish()
            self._stack.setCurrentIndex(PLOT_PAGE)
        else:
            self._clear_plot()
            self.text_area.show_content(self._story if isinstance(layout, cl.ChapterPage) else layout)
            self._stack.setCurrentIndex(TEXT_PAGE)

    # -- reading it back --------------------------------------------------------------------------------

    def description(self, lang: str | None = None) -> str:
        """A text alternative: the numbers shown and what is missing, in plain words (by default in the language
        the chart was drawn in)."""
        story = self.story
        if story is not None and (lang is None or lang == story.lang):
            return story.describe()
        if self._layout is None:
            return self._hint()
        key = lang or ""
        if key not in self._descriptions:  # read again after every redraw (the pane's accessible description)
            self._descriptions[key] = cl.describe(self._layout, lang)
        return self._descriptions[key]

    def tooltip(self, row: int, key: str) -> str:
        """What hovering over the value of (row, key) shows; empty when it is not drawn."""
        package, result, state = self._source
        if not isinstance(self._layout, ChartLayout) or not self._layout.marks_at(row, key):
            return ""
        if (row, key) not in self._tips:
            self._tips[(row, key)] = cl.tooltip(package, result, row, key, self._layout.lang, self._layout.decimal)
        return self._tips[(row, key)]

    def bar_items(self, row: int, key: str) -> list:
        """The plot items painting the bar of (row, key): one, or two for a derived value (fill and hatching)."""
        return list(self._items.get((row, key), []))

    def hover_text(self) -> str:
        """The tooltip text for the value under the mouse (empty when none)."""
        return self._hover_text

    def image(self, scale: float = 2.0) -> QImage:
        """The chart as it is laid out, scale times the screen size (text and lines drawn sharp)."""
        self._ensure_laid_out()
        page = self.plot_widget if self._stack.currentIndex() == PLOT_PAGE else self._stack.currentWidget()
        from hjk_desktop.ui.chart_export import render_image  # copy and export only: not on the way to the first paint
        return render_image(page, scale, (self._theme or theme_from_palette(self.palette())).background)

    def copy_image(self) -> None:
        """Put the chart (or the page shown instead) on the clipboard as an image; an exhibit's with its caption and source line."""
        from hjk_desktop.ui.chart_export import exhibit_figure_image
        package, result, state = self._source
        mime = QMimeData()
        mime.setImageData(exhibit_figure_image(self, package, result, state) if result is not None else self.image())
        QGuiApplication.clipboard().setMimeData(mime)

    def svg_bytes(self) -> bytes:
        """The chart as SVG, written from the same layout the screen paints."""
        from hjk_desktop.ui.chart_export import layout_svg, text_svg
        if isinstance(self._layout, ChartLayout):
            return layout_svg(self._layout, self._theme or theme_from_palette(self.palette()))
        return text_svg(self.description(getattr(self._layout, "lang", None) or codes.DEFAULT_LANGUAGE).splitlines())

    def scene_point(self, row: int, key: str, kind: str | None = None) -> QPointF | None:
        """Where (row, key) is drawn, in view (widget) pixel coordinates; for tests and keyboard help."""
        layout = self._layout
        if not isinstance(layout, ChartLayout):
            return None
        for m in layout.marks_at(row, key):
            if kind is None or m.kind == kind:
                x = (m.x0 + m.x1) / 2
                if m.kind == Kind.MISSING:
                    x = layout.axis.xmin + layout.axis.span * 0.05 if m.shown == Kind.MARKER else m.x0 + 1
                return QPointF(self.plot_widget.mapFromScene(self.vb.mapViewToScene(QPointF(x, m.y))))
        return None

    # -- painting ---------------------------------------------------------------------------------------

    def _clear_plot(self) -> None:
        """Hide every pooled item; the next drawing takes them back in order (reused, not rebuilt)."""
        self._pool.clear()
        self._items = {}
        self._markers.setVisible(False)

    def _apply_theme(self, theme: ChartTheme) -> None:
        key = (theme.background.rgba(), theme.foreground.rgba(), theme.grid.rgba(), QGuiApplication.font().key())
        if key == self._theme_key:
            return
        self._theme_key, self._axis_key, self._label_key = key, None, {}
        self.plot_widget.setBackground(theme.background)
        axis_pen = pg.mkPen(theme.foreground)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(axis_pen)
            axis.setTextPen(axis_pen)
            axis.setTickFont(chart_font())
        self.text_page.apply_theme(theme)

    def _paint(self, layout: ChartLayout, theme: ChartTheme) -> None:
        for bar in layout.bars:
            self._items[(bar.row, bar.key)] = self._bar(bar, theme)
        fonts = label_fonts()
        self._drawn = []
        for label in layout.labels:
            colour = resolve(theme, label.colour)
            item = self._pool.take("text")
            colour = text_on(colour) if label.on_fill else colour
            if item.color != colour:  # (each of these makes the text item lay its text out again)
                item.setColor(colour)
            item.setPlainText(label.text)
            if tuple(item.anchor) != tuple(label.anchor):
                item.setAnchor(label.anchor)
            if item.textItem.font() != fonts[label.italic]:
                item.setFont(fonts[label.italic])
            item.setPos(label.x, label.y)
            self._drawn.append((label, item))
        for iv in layout.intervals:
            err = self._pool.take("error")
            err.setData(x=np.array([iv.lo]), y=np.array([iv.y]), left=np.array([0.0]), right=np.array([iv.hi - iv.lo]),
                        beam=iv.beam, pen=pen(theme.foreground, iv.width))
        for grid in layout.grid:
            line = self._pool.take("line")
            line.setPen(pen(theme.foreground, 1.2) if grid.zero else pen(theme.grid, 1))
            line.setPos(grid.x)
            line.setZValue(2 if grid.zero else Z_ORDER["line"])  # the zero line over the bars; grid lines under them
        if layout.markers:
            self._markers.setData([m.x for m in layout.markers], [m.y for m in layout.markers], symbol="o", size=9,
                                  pen=pen(theme.muted, 1.5), brush=brush(None))
            self._markers.setVisible(True)
        elif self._markers.isVisible():
            self._markers.setVisible(False)
        self._set_axes(layout, theme)
        self._layout_texts()

    def _bar(self, bar: cl.Bar, theme: ChartTheme) -> list:
        fill = resolve(theme, bar.colour)
        x0, width, y, h = [bar.x0], [bar.x1 - bar.x0], [bar.y], [bar.height]
        if not bar.derived:
            item = self._pool.take("bar")
            item.setOpts(x0=x0, y=y, width=width, height=h, brush=brush(fill), pen=pen(theme.outline(fill), 1))
            return [item]
        base, hatch = self._pool.take("bar"), self._pool.take("bar")
        base.setOpts(x0=x0, y=y, width=width, height=h, brush=brush(mix(fill, theme.background, 0.55)),
                     pen=pen(theme.outline(fill), 1.2, Qt.PenStyle.DashLine))
        hatch.setOpts(x0=x0, y=y, width=width, height=h, brush=brush(theme.outline(fill), Qt.BrushStyle.BDiagPattern),
                      pen=pen(None))
        return [base, hatch]

    def _set_axes(self, layout: ChartLayout, theme: ChartTheme) -> None:
        """Category labels left, the value axis below; each only touched when it changes (axes redraw slowly)."""
        ticks = list(layout.categories)
        x_ticks = None if layout.axis.auto else [list(layout.axis.ticks), list(layout.axis.minor)]
        key = (tuple(ticks), layout.axis.label, repr(x_ticks), theme.foreground.rgba())
        if key == self._axis_key:
            return
        self._axis_key = key
        left = self.plot_item.getAxis("left")
        left.setTicks([ticks, []])
        metrics = font_metrics(chart_font())
        widest = max((metrics.horizontalAdvance(line) for _p, t in ticks for line in t.split("\n")), default=40.0)
        self._left_width = int(widest + 14)  # the axis' own width() lags until the next layout pass
        left.setWidth(self._left_width)
        bottom = self.plot_item.getAxis("bottom")
        bottom.setLabel(layout.axis.label, color=theme.foreground.name())
        bottom.setTicks(x_ticks)

    # -- title, legend and notes, wrapped to the pane ---------------------------------------------------

    def _steady_width(self) -> int:  # what texts are wrapped and fitted to: chart_plot.steady_width on screen
        return steady_width(self.plot_scroll) if self.isVisible() else self.plot_widget.width()

    def _wrap_width(self) -> float:
        width = self._steady_width()
        if width < 300 and not self.plot_widget.isVisible():
            width = max(width, self.width(), 640)
        # the layout's side margins and the text document's own margins (4 px each side)
        return max(200.0, (width - 6 - RIGHT_MARGIN - 16) * 0.97)

    def _set_label(self, name: str, label, content: str, **style) -> bool:
        key = (content, tuple(sorted(style.items())))
        if self._label_key.get(name) == key:
            return False
        self._label_key[name] = key
        label.setText(content, **style)
        return True

    def _fit_labels(self, layout: ChartLayout) -> None:
        """Widen the value axis so that every label outside the bars is whole, and note the plot height that
        keeps rows of labels apart (chart_fit.fit_labels)."""
        width_px = max(60.0, self._steady_width() - 6 - RIGHT_MARGIN - self._left_width - 12)
        x_range, y_range, self._plot_need = fit_labels(layout, self._drawn, width_px, getattr(self, "_compact", False))
        self.vb.setRange(xRange=x_range, yRange=y_range, padding=0.0)

    def _layout_texts(self) -> None:
        """Wrap title and notes to the pane's width and flow the legend; after each drawing and on resize."""
        layout, theme = self._layout, self._theme
        if not isinstance(layout, ChartLayout) or theme is None:
            return
        self._fit_labels(layout)
        self._text_width = self._steady_width()
        texts = pane_texts(layout, theme, self._wrap_width())
        compact = getattr(self, "_compact", False)  # a short window: the header names exhibit, N and round
        if self._set_label("title", self.plot_item.titleLabel, "" if compact else texts.title, color=texts.colour,
                           size=texts.title_size):
            self.plot_item.titleLabel.setVisible(not compact)
            self.plot_item.titleLabel.setMaximumHeight(0 if compact else texts.title_height)
            self.plot_item.layout.setRowFixedHeight(0, 0 if compact else texts.title_height)
        self._set_label("note", self.note, texts.note, color=theme.muted.name(), size=texts.note_size)
        self._set_label("legend", self.legend, texts.legend, color=texts.colour, size=texts.legend_size)
        legend = bool(texts.legend)
        if self.legend.isVisible() != legend:
            self.legend.setVisible(legend)
        self.legend.opts["labelTextColor"] = theme.foreground  # the names' colour, under LegendItem's key
        # the plot's minimum height: its category labels without overlap, plus title, legend and notes
        # (measured: a line of rich text is taller than the font's line spacing, and the notes were cut off)
        shown = [self.note] + ([self.legend] if legend else []) + ([] if compact else [self.plot_item.titleLabel])
        need = self._plot_need + sum(x.item.boundingRect().height() + 6 for x in shown) + 12
        height = int(min(1200, max(220, need)))
        if self.plot_widget.minimumHeight() != height:
            self.plot_widget.setMinimumHeight(height)

    # -- the mouse --------------------------------------------------------------------------------------

    def _hit(self, scene_pos) -> cl.Mark | None:
        layout = self._layout
        if not isinstance(layout, ChartLayout) or not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.vb.mapSceneToView(scene_pos)
        return layout.mark_under(p.x(), p.y())

    def _on_mouse_moved(self, scene_pos) -> None:
        mark = self._hit(scene_pos)
        if mark is None:
            if self._hover_text:
                QToolTip.hideText()
            self._hover_text = ""
            return
        self._hover_text = self.tooltip(mark.row, mark.key)
        view_pos = self.plot_widget.mapFromScene(scene_pos)
        QToolTip.showText(self.plot_widget.mapToGlobal(view_pos), self._hover_text, self.plot_widget)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        mark = self._hit(event.scenePos())
        if mark is not None:
            self.barClicked.emit(int(mark.row), str(mark.key))

    # -- housekeeping -----------------------------------------------------------------------------------

    def prepare_paint(self) -> None:
        """The window calls this once its layout has run. Brings the plot's view transform and the value labels' up
        to date now (pyqtgraph does it at the start of a paint, and what it changes then is painted again); and
        widgets shown meanwhile (a scroll bar, the plot after a text page), which ask for their paint in a posted
        event queued after the scene's own (that one paints the window), ask now: one paint then has them all."""
        if self.isVisible() and self._stack.currentIndex() == PLOT_PAGE:
            self.plot_widget.scene().prepareForPaint()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)

    def _ensure_laid_out(self) -> None:
        if not self.isVisible():
            if self.width() < 200 or self.height() < 150:
                self.resize(self.sizeHint())
            self._stack.setGeometry(self.rect())
        self._stack.currentWidget().resize(self._stack.size())
        if self._stack.currentIndex() == PLOT_PAGE and not self.isVisible():
            self.plot_widget.resize(self._stack.width(), max(self._stack.height(), self.plot_widget.minimumHeight()))

    def set_compact(self, compact: bool) -> None:
        """In a short window the pane leaves out its title, which the header shows; exports keep it."""
        if compact != getattr(self, "_compact", False):
            self._compact = compact
            self._layout_texts()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(820, max(480, self.plot_widget.minimumHeight() + 40))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.Resize and obj is getattr(self, "plot_widget", None)
                and isinstance(getattr(self, "_layout", None), ChartLayout)
                and abs(self._steady_width() - self._text_width) > 4):
            self._layout_texts()
        return super().eventFilter(obj, event)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_layout", 0) is None:
            self.text_page.show_message(self._hint())
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and getattr(self, "_layout", None) is not None:
            self._show(self._layout)  # the same layout in the new colours


def _preview(argv: list[str] | None = None) -> int:
    """Open the chart of one exhibit alone: python -m hjk_desktop.ui.chart_view [exhibit] [--en] [--grab FILE.png]."""
    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.query import default_selection, query
    from hjk_desktop.core.selection import SelectionState
    from hjk_desktop.ui.preview import application, preview_options, show_alone

    args, lang, grab = preview_options(argv)
    application()
    exhibit_id = args[0] if args else "fig7"
    package = load_package(bundled_package_path())
    sel = default_selection(package, exhibit_id)
    view = ChartView()
    view.show_exhibit(package, query(package, exhibit_id, **sel), SelectionState(exhibit=exhibit_id, **sel, language=lang))
    view.resize(900, 620)
    return show_alone(view, grab)


if __name__ == "__main__":
    raise SystemExit(_preview())
