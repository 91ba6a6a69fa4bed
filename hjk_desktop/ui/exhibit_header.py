"""Above the chart: what is shown (question or chapter), its N, round and group, and the chapter in our words."""

from __future__ import annotations

import html
import weakref

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from hjk_desktop.core.codes import DEFAULT_LANGUAGE, NB, Chart, is_missing, language
from hjk_desktop.core.comparability import short_name
from hjk_desktop.core.formatting import colon_join
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult, exhibit_record, pair_exhibit, series_ns
from hjk_desktop.core.results import DATA_FIELDS, HEADER_FIELDS
from hjk_desktop.core.selection import SelectionState
from hjk_desktop.ui.chapter_tree import exhibit_short_title
from hjk_desktop.ui.chart_style import mix, readable
from hjk_desktop.ui.navigation import select_exhibit
from hjk_desktop.ui.table_model import plain_tooltip

PAIR_SCHEME = "exhibit:"  # the pair link's href: exhibit:<id>
COMPACT_WIDTH = 700  # narrower than this the header leaves out the chapter summary
SIZES_KEPT = 512  # a label's remembered sizes (about three for each text shown), then it starts again


def _first_sentence(text: str) -> str:
    """The headline of a warning: up to its first colon that opens an explanation, or its first full stop."""
    colon = text.find(": ")
    if 0 < colon and colon + 2 < len(text) and text[colon + 2].islower():
        return text[:colon] + "."
    for i in range(1, len(text) - 1):
        if text[i] == "." and text[i + 1] == " " and not text[i - 1].isdigit():
            return text[: i + 1]
    return text


def _present(value) -> bool:
    return not is_missing(value) and str(value) not in ("", "<NA>")


_CHAPTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _chapter(package: Package, number: int) -> dict:
    """A chapter's row as a plain dict, kept per package (a pandas row look-up on every switch is slow)."""
    chapters = _CHAPTERS.get(package)
    if chapters is None:
        chapters = _CHAPTERS[package] = {}
    number = int(number)
    row = chapters.get(number)
    if row is None:
        row = chapters[number] = package.chapter(number).to_dict()
    return row


def _set_tooltip(widget: QWidget, tip: str) -> None:
    if widget.toolTip() != tip:  # setting one sends an event even when it is the same
        widget.setToolTip(tip)


_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
_LINKS = Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard


class _Label(QLabel):
    """A QLabel that remembers its size hints and its height for a width, by text: the layouts ask a wrapped label
    six or seven times a switch, at two or three widths, and Qt lays the text out anew for each new text, also
    for an exhibit shown before. Forgotten on any change of font, style or palette; the word-wrap mode (one-line
    mode turns it off) is part of the key."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple, object] = {}

    def _remember(self, key: tuple, value):
        if len(self._sizes) > SIZES_KEPT:
            self._sizes.clear()
        self._sizes[key] = value
        return value

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        key = (width, self.text(), self.wordWrap())
        found = self._sizes.get(key)
        return self._remember(key, super().heightForWidth(width)) if found is None else found

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        key = ("size", self.text(), self.wordWrap())
        found = self._sizes.get(key)
        return QSize(self._remember(key, super().sizeHint()) if found is None else found)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        key = ("least", self.text(), self.wordWrap())
        found = self._sizes.get(key)
        return QSize(self._remember(key, super().minimumSizeHint()) if found is None else found)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        self._sizes.clear()
        super().changeEvent(event)

    # A selectable or linked label lays its text out (in a text document) on its first paint after a new text or
    # size, and the update that asks for comes during that paint, so Qt painted it a second time. The uncached size
    # questions did that layout before the paint; it is done here instead, once.
    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        if text != self.text():
            super().setText(text)
            self._lay_out_text()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._lay_out_text()

    def _lay_out_text(self) -> None:
        flags, links = self.textInteractionFlags(), self.textFormat() == Qt.TextFormat.RichText
        if flags & _SELECTABLE or (links and flags & _LINKS):  # (what makes QLabel keep a text document)
            QLabel.heightForWidth(self, max(self.width(), 1))


class ExhibitHeader(QWidget):
    """Title, facts line and chapter summary; follows a Results (``on_results``). Package texts are plain text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exhibitHeader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(3)
        self.title = _Label(self)
        self.title.setObjectName("headerTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = _Label(self)
        self.facts.setObjectName("headerFacts")
        self.facts.setWordWrap(True)
        self.summary = _Label(self)
        self.summary.setObjectName("headerSummary")
        self.summary.setWordWrap(True)
        self._shown = None  # (method, args) of the last show_*, redone on a language switch
        self._apply_colours()
        self.warnings = _Label(self)
        self.warnings.setObjectName("headerWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a quiet yellow note; dark text on it keeps well above 4.5:1 in any palette
        self.warnings.setStyleSheet("QLabel { background: #fff4d6; color: #3d3000; border: 1px solid #d9b950; padding: 3px 5px; }")
        self.warnings.setVisible(False)
        # Tabell 1 and Figur 3 ask about the same areas in two rounds: each points to the other. Rich text for
        # the link only; every package text in it is escaped (see _pair_link).
        self.pair_link = _Label(self)
        self.pair_link.setObjectName("headerPairLink")
        self.pair_link.setWordWrap(True)
        self.pair_link.setTextFormat(Qt.TextFormat.RichText)
        self.pair_link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                               | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.pair_link.setOpenExternalLinks(False)
        self.pair_link.linkActivated.connect(self._open_pair)
        self.pair_link.setVisible(False)
        self._selection = None  # where a pair link writes the other exhibit (from the Results followed)
        self._package = None
        for label in (self.title, self.facts, self.summary, self.warnings):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            layout.addWidget(label)
        self.pair_link.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.insertWidget(2, self.pair_link)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._full = {}  # label -> (its whole text, its own tooltip): what a one-line label was cut from
        self._one_line = False
        self._min_hint = (None, QSize())  # (what it depends on, minimumSizeHint) last worked out

    @property
    def one_line(self) -> bool:
        """True in a short window: title, facts and warnings on one line each, cut with "…", whole in the tooltip."""
        return self._one_line

    def full_text(self, label: QLabel) -> str:
        """A label's whole text, also while one-line mode shows it cut."""
        return self._full.get(label, (label.text(), ""))[0]

    def set_compact(self, one_line: bool) -> None:
        """A short window (window_layout.NarrowDocks tells): title, facts and warnings on one line each."""
        if one_line == self._one_line:
            return
        self._one_line = one_line
        for label in (self.title, self.facts, self.warnings):
            text, tip = self._full.pop(label, (label.text(), label.toolTip()))
            label.setWordWrap(not one_line)
            label.setSizePolicy(QSizePolicy.Policy.Ignored if one_line else QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.Minimum)
            self._put(label, text, tip)
        self.updateGeometry()

    def _put(self, label: QLabel, text: str, tip: str = "") -> None:
        """Set a label's text and (plain) tooltip: whole when wrapping; in one-line mode cut to the label's width
        with "…" (a second line counted as "(+n)"), the tooltip then holding the whole text, or ``tip`` when that
        already says it all (the warnings' explanation)."""
        if not self._one_line:
            self._full.pop(label, None)
            label.setText(text)  # (QLabel does nothing for the same text)
            _set_tooltip(label, plain_tooltip(tip) or "")
            return
        self._full[label] = (text, tip)
        lines = text.split("\n")
        more = f" (+{len(lines) - 1})" if len(lines) > 1 else ""
        metrics = QFontMetrics(label.font())
        # less a few pixels: a style sheet's padding and border (the warnings' box) are not in contentsRect
        room = max(label.contentsRect().width() - metrics.horizontalAdvance(more) - 14, 40)
        cut = metrics.elidedText(lines[0], Qt.TextElideMode.ElideRight, room) + more
        label.setText(cut)
        covered = bool(tip) and all(line.lstrip("⚠ ").rstrip(".") in tip for line in lines)
        whole = tip if covered else "\n\n".join(x for x in (text, tip) if x)
        _set_tooltip(label, plain_tooltip(whole) or "")

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Narrow (a small screen) the chapter summary gives way to the chart and table; it stays in the title's tooltip."""
        super().resizeEvent(event)
        self._fit_width(event.size().width())
        if self._one_line and event.oldSize().width() != event.size().width():
            for label, (text, tip) in list(self._full.items()):
                self._put(label, text, tip)

    def _fit_width(self, width: int) -> None:
        compact = width < COMPACT_WIDTH or self._one_line
        self.summary.setVisible(not compact)
        self._put(self.title, self.full_text(self.title), self.summary.text() if compact else "")

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As tall as the texts need at a narrow centre, not at the labels' own (much narrower) minimum width.
        Worked out again only when the width, a text, a label's visibility or the one-line mode changed (the
        layout asks on every pass)."""
        width = max(self.width(), COMPACT_WIDTH - 140)
        labels = (self.title, self.facts, self.summary, self.warnings, self.pair_link)
        key = (width, self._one_line, *(label.text() for label in labels), *(label.isHidden() for label in labels))
        if key != self._min_hint[0]:
            hint = super().minimumSizeHint()
            wrapped = self.layout().totalHeightForWidth(width)
            self._min_hint = (key, QSize(hint.width(), min(hint.height(), wrapped) if wrapped > 0 else hint.height()))
        return QSize(self._min_hint[1])

    def _apply_colours(self) -> None:
        """The summary a little quieter than the text, but at least 4.5:1 on the window colour (dark palettes too)."""
        palette = self.palette()
        text, window = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
        self.summary.setStyleSheet(f"color: {readable(mix(text, window, 0.3), window, text).name()};")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._min_hint = (None, QSize())  # the texts take another height
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
        elif event.type() == QEvent.Type.LanguageChange and self._shown is not None:
            method, args = self._shown
            method(*args)

    def _open_pair(self, link: str) -> None:
        """The pair link writes the other exhibit to the selection; the views follow from there."""
        if self._selection is None or self._package is None or not link.startswith(PAIR_SCHEME):
            return
        exhibit_id = link[len(PAIR_SCHEME):]
        if exhibit_id in self._package.exhibits.index:
            select_exhibit(self._selection, self._package, exhibit_id)

    def on_results(self, results, changed: frozenset[str]) -> None:
        self._selection, self._package = results.selection, results.package
        state = results.state
        if state.exhibit and results.result is not None:
            if changed & HEADER_FIELDS:
                self.show_exhibit(results.package, results.result, state, results.warnings)
        elif state.chapter is not None:
            if changed & DATA_FIELDS:
                self.show_chapter(results.package, state.chapter, state.language)
        elif changed & DATA_FIELDS:
            self.show_nothing()

    def show_exhibit(self, package: Package, result: ExhibitResult | None, state: SelectionState, warnings=()) -> None:
        """Title, facts and chapter summary; ``warnings`` are core.comparability warnings that apply to what is shown."""
        self._shown = (self.show_exhibit, (package, result, state, warnings))
        lang = language(state.language)
        texts = [w.text(lang) for w in warnings]
        # one line each in the header (the first sentence); the whole explanation is in the tooltip
        self._put(self.warnings, "\n".join(f"⚠ {_first_sentence(t)}" for t in texts), "\n\n".join(texts))
        self.warnings.setAccessibleName(self.tr("Merknader om sammenlikning"))
        self.warnings.setVisible(bool(texts))  # (does nothing when unchanged)
        ex = exhibit_record(package, state.exhibit)
        self._put(self.title, exhibit_short_title(package, state.exhibit, lang))
        self._set_pair_link(package, state.exhibit, lang)
        parts = self._n_and_groups(package, result, state, lang)
        if bool(ex["compiled"]):
            parts.append(self.tr("Samlet fra teksten (ingen figur i rapporten)"))
        if result is not None and result.from_pair:
            parts.append(self.tr("Noen tall fra samme spørsmål i en annen runde"))
        self._put(self.facts, "  ·  ".join(parts))
        chapter = _chapter(package, int(ex["chapter"]))
        head = self.tr("Kapittel %1, %2").replace("%1", str(int(chapter["number"]))).replace("%2", str(chapter[f"title_{lang}"]))
        self.summary.setText(colon_join(head, str(chapter[f"summary_{lang}"])))  # a title ending in "?" takes no colon
        self._fit_width(self.width())

    def _n_and_groups(self, package: Package, result: ExhibitResult | None, state: SelectionState, lang: str) -> list[str]:
        """N, round and group of what is shown: one N for one column, each column's own N for several, and
        none for a key-figure page (its values carry their own N, or are the Ns)."""
        ex = exhibit_record(package, state.exhibit)
        grid = result is not None and bool(result.series) and all(spec.population for spec in result.series)
        parts = []
        if grid:
            ns = series_ns(package, result)

            def n_text(n) -> str:
                return self.tr("N = %1").replace("%1", str(int(n))) if _present(n) else self.tr("N ikke oppgitt")
            known = [spec for spec in result.series if _present(ns[spec.key])]
            unknown = len(result.series) - len(known)
            if len(result.series) == 1:
                parts.append(n_text(ns[result.series[0].key]))
            elif len(result.series) > 2 and unknown > 1:  # three or more columns: the known Ns, then the rest
                named = [f"{spec.label(lang)}: {n_text(ns[spec.key])}" for spec in known]
                named.append(self.tr("de andre kolonnene: N ikke oppgitt") if known else self.tr("N ikke oppgitt for noen kolonne"))
                parts.append("; ".join(named))
            else:
                parts.append("; ".join(f"{spec.label(lang)}: {n_text(ns[spec.key])}" for spec in result.series))
            rounds = [r for r in dict.fromkeys(spec.round for spec in result.series) if r]
            populations = list(dict.fromkeys(spec.population for spec in result.series))
        elif ex["chart"] == Chart.FACTS:
            rounds = [ex["round"]] if _present(ex["round"]) else []
            populations = list(state.populations or (ex["population"],))
        else:  # no result (a ranking without values): the exhibit's own facts
            parts.append(self.tr("N = %1").replace("%1", str(int(ex["n"]))) if _present(ex["n"]) else self.tr("N ikke oppgitt"))
            rounds = [ex["round"]] if _present(ex["round"]) else []
            populations = list(state.populations or (ex["population"],))
        if rounds:
            names = ", ".join(package.label("rounds", r, lang) for r in rounds)
            parts.append((self.tr("Runder: %1") if len(rounds) > 1 else self.tr("Runde: %1")).replace("%1", names))
        names = ", ".join(package.label("populations", p, lang) for p in populations)
        parts.append((self.tr("Grupper: %1") if len(populations) > 1 else self.tr("Gruppe: %1")).replace("%1", names))
        return parts

    def _set_pair_link(self, package: Package, exhibit_id: str, lang: str) -> None:
        pair = pair_exhibit(package, exhibit_id)
        if not pair:
            self.pair_link.clear()
            self.pair_link.setVisible(False)
            return
        other = exhibit_record(package, pair)
        when = package.label("rounds", other["round"], lang) if _present(other["round"]) and other["round"] else ""
        name = short_name(package, pair, lang) + (f" ({when.lower() if lang == NB else when})" if when else "")
        said = self.tr("Se også %1: spørsmålet var formulert annerledes, så tallene kan ikke sammenlignes direkte.")
        link = f'<a href="{PAIR_SCHEME}{html.escape(pair, quote=True)}">{html.escape(name)}</a>'
        self.pair_link.setText(html.escape(said).replace("%1", link))
        self.pair_link.setAccessibleName(said.replace("%1", name))
        self.pair_link.setToolTip(plain_tooltip(self.tr("Åpner %1").replace("%1", name)))
        self.pair_link.setVisible(True)

    def show_chapter(self, package: Package, number: int, lang: str = DEFAULT_LANGUAGE) -> None:
        self._shown = (self.show_chapter, (package, number, lang))
        self.warnings.setVisible(False)
        self.pair_link.setVisible(False)
        lang = language(lang)
        chapter = _chapter(package, number)
        self._put(self.title, self.tr("Kapittel %1: %2").replace("%1", str(int(number))).replace("%2", str(chapter[f"title_{lang}"])))
        count = len(package.exhibits_in(number))
        self._put(self.facts, self.tr("%n figur(er), tabell(er) og nøkkeltall", "", count))
        self.summary.setText(str(chapter[f"summary_{lang}"]))
        self._fit_width(self.width())

    def show_nothing(self) -> None:
        self._shown = (self.show_nothing, ())
        self.warnings.setVisible(False)
        self.pair_link.setVisible(False)
        self._put(self.title, self.tr("Velg et kapittel eller en figur"))
        self._put(self.facts, "")
        self.summary.setText("")
        self._fit_width(self.width())
