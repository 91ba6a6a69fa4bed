"""The chart pane's pages without bars: a chapter overview, the stated order of a ranking figure, a hint.

The content comes from core.chart_layout (RankingPage, ChapterPage); this only sets it out as escaped HTML,
since every label is the package's text and must never be read as markup.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser

from hjk_desktop.core.chart_layout import ChapterPage, RankingPage, shared_text
from hjk_desktop.core.messages import text
from hjk_desktop.ui.chart_style import ChartTheme

esc = html.escape


def ranking_html(page: RankingPage) -> str:
    parts = [f"<h3>{esc(page.title)}</h3>", f"<p>{esc(page.explain)}</p>", "<table cellpadding='4'>"]
    for rank, name, shared in page.entries:
        extra = shared_text(rank, shared, page.lang)
        parts.append(f"<tr><td align='right'><b>{rank}.</b></td><td>{esc(name)}</td><td><i>{esc(extra)}</i></td></tr>")
    parts.append("</table>")
    if page.unranked:
        line = text("chart.ranking.rest", page.lang) + " " + ", ".join(page.unranked)
        parts.append(f"<p><i>{esc(line)}</i></p>")
    return "".join(parts)


def chapter_html(page: ChapterPage) -> str:
    parts = [f"<h2>{esc(page.title)}</h2>", f"<p>{esc(page.summary)}</p>"]
    if page.exhibits:
        parts.append(f"<p><b>{esc(text('chart.chapter.exhibits', page.lang))}</b></p><ul>")
        parts += [f"<li>{esc(name)}</li>" for name in page.exhibits]
        parts.append("</ul>")
    return "".join(parts)


class ChartTextPage(QTextBrowser):
    """The text page of the chart pane: a ranking, a chapter, or a hint in words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("chartTextPage")

    def show_page(self, page) -> None:
        self.setHtml(ranking_html(page) if isinstance(page, RankingPage) else chapter_html(page))

    def show_message(self, message: str) -> None:
        self.setHtml(f"<p>{esc(message)}</p>")

    def apply_theme(self, theme: ChartTheme) -> None:
        self.setStyleSheet(f"QTextBrowser#chartTextPage {{ background: {theme.background.name()}; "
                           f"color: {theme.foreground.name()}; }}")
