"""The chart pane's pages without bars: a chapter's story, the stated order of a ranking figure, a hint.

The content comes from core.chart_layout (RankingPage) and core.chapter_story (ChapterStory); headings are set
out as escaped HTML and lists as plain-text items, since every label is the package's text and must never be
read as markup. A chapter page is its title and summary, then its findings in reading order (each opens its
exhibit on its numbers), then its exhibits (each opens the exhibit).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from hjk_desktop.core.chapter_story import ChapterStory
from hjk_desktop.core.chart_layout import ChapterPage, RankingPage, shared_text
from hjk_desktop.core.messages import text
from hjk_desktop.ui.chart_style import ChartTheme
from hjk_desktop.ui.findings_list import ID_ROLE, FindingsList

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


def chapter_heading_html(story: ChapterStory) -> str:
    """Title and summary, once: the findings and exhibits follow as lists of their own."""
    summary = f"<p>{esc(story.summary)}</p>" if story.summary else ""
    return f"<h2>{esc(story.title)}</h2>{summary}"


class ChartTextPage(QTextBrowser):
    """The text page of the chart pane: a ranking, a chapter, or a hint in words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("chartTextPage")

    def show_page(self, page) -> None:
        if isinstance(page, ChapterStory):
            self.setHtml(chapter_heading_html(page))
        else:
            self.setHtml(ranking_html(page) if isinstance(page, RankingPage) else chapter_html(page))

    def fit_height(self, on: bool) -> None:
        """As tall as its text (a chapter's heading above its lists), or free to fill the pane."""
        self._fitted = on
        if not on:
            self.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX
            return
        document = self.document()
        document.setTextWidth(max(200, self.width() - 2 * self.frameWidth()))
        self.setMaximumHeight(int(document.size().height()) + 2 * self.frameWidth() + 6)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if getattr(self, "_fitted", False) and event.size().width() != event.oldSize().width():
            self.fit_height(True)

    def show_message(self, message: str) -> None:
        self.setHtml(f"<p>{esc(message)}</p>")

    def apply_theme(self, theme: ChartTheme) -> None:
        self.setStyleSheet(f"QTextBrowser#chartTextPage {{ background: {theme.background.name()}; "
                           f"color: {theme.foreground.name()}; }}")


class ChapterPanel(QWidget):
    """Under a chapter's heading: its findings (``findingActivated``) and its exhibits (``exhibitActivated``)."""

    findingActivated = Signal(str)
    exhibitActivated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        self.findings_label = QLabel(self)
        self.findings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.findings = FindingsList(self)
        self.findings_label.setBuddy(self.findings)
        self.exhibits_label = QLabel(self)
        self.exhibits_label.setTextFormat(Qt.TextFormat.PlainText)
        self.exhibits = QListWidget(self)
        self.exhibits.setObjectName("chapterExhibits")
        self.exhibits.setWordWrap(True)
        self.exhibits_label.setBuddy(self.exhibits)
        for widget, stretch in ((self.findings_label, 0), (self.findings, 1), (self.exhibits_label, 0), (self.exhibits, 0)):
            layout.addWidget(widget, stretch)
        self.findings.findingActivated.connect(self.findingActivated)
        self.exhibits.itemActivated.connect(self._open_exhibit)
        self.exhibits.itemClicked.connect(self._clicked_exhibit)

    def show_story(self, story: ChapterStory) -> None:
        heading = text("story.findings", story.lang)
        self.findings_label.setText(heading)
        self.findings.setAccessibleName(heading)
        self.findings.set_findings(story.findings)
        for widget in (self.findings_label, self.findings):
            widget.setVisible(bool(story.findings))
        exhibits = text("chart.chapter.exhibits", story.lang)
        self.exhibits_label.setText(exhibits)
        self.exhibits.setAccessibleName(exhibits)
        self.exhibits.clear()
        for exhibit_id, name in story.exhibits:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, exhibit_id)
            self.exhibits.addItem(item)
        for widget in (self.exhibits_label, self.exhibits):
            widget.setVisible(bool(story.exhibits))
        self._fit_exhibits()

    def _fit_exhibits(self) -> None:
        """The exhibits list as tall as its entries (a chapter has one to three), the findings take the rest."""
        rows = sum(max(self.exhibits.sizeHintForRow(i), 1) for i in range(self.exhibits.count()))
        self.exhibits.setMaximumHeight(rows + 2 * self.exhibits.frameWidth() + 8)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_exhibits()  # wrapped captions grow taller as the pane narrows

    def exhibit_ids(self) -> list[str]:
        return [self.exhibits.item(i).data(ID_ROLE) for i in range(self.exhibits.count())]

    def _open_exhibit(self, item: QListWidgetItem) -> None:
        self.exhibitActivated.emit(str(item.data(ID_ROLE)))

    def _clicked_exhibit(self, item: QListWidgetItem) -> None:
        if QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            self._open_exhibit(item)


class TextArea(QWidget):
    """The chart pane's page without bars: the text page alone, or a chapter's heading above its ChapterPanel."""

    def __init__(self, page: ChartTextPage, parent=None) -> None:
        super().__init__(parent)
        self.page = page
        self.chapter = ChapterPanel(self)
        self.chapter.setVisible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(page)
        box.addWidget(self.chapter, 1)

    def show_content(self, content) -> None:
        """A ChapterStory, a RankingPage or ChapterPage, or a message in words."""
        story = content if isinstance(content, ChapterStory) else None
        self.chapter.setVisible(story is not None)
        if story is not None:
            self.chapter.show_story(story)
        if isinstance(content, str):
            self.page.show_message(content)
        else:
            self.page.show_page(content)
        self.page.fit_height(story is not None)
