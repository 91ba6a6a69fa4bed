"""Where a chosen number comes from: read-only, selectable rich text, and a button that copies it with its source."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from hjk_desktop.core.codes import COMMA, DEFAULT_LANGUAGE, NB, POINT
from hjk_desktop.core.formatting import format_number
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult
from hjk_desktop.ui.chart_style import mix, readable

if TYPE_CHECKING:  # core.provenance is loaded when the first value is shown, not at start-up
    from hjk_desktop.core.provenance import Provenance

_LINK_FIELDS = ("homepage",)
WEB_SCHEMES = ("http", "https")  # the only links the panel opens (in the browser); nothing is ever loaded into it
_FOCUS_FIELDS = frozenset({"focus", "decimal", "language", "segments", "rounds", "populations", "exhibit", "package"})


def opens(url: QUrl) -> bool:
    return url.scheme().lower() in WEB_SCHEMES and url.isValid()


class ProvenancePanel(QWidget):
    """Shows core.provenance for one cell. Follows a Results' focused value (``on_results``); ``show_cell`` fills it,
    ``clear`` empties it."""

    footnoteCopied = Signal(str)  # the line put on the clipboard
    linkOpened = Signal(QUrl)  # a web link the user clicked, handed to the system's browser

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("provenancePanel")
        self._provenance: Provenance | None = None
        self._footnote = ""
        self._html_shown: str | None = None  # what the browser holds, so an empty panel is not set again
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel(self)
        self.title.setObjectName("provenanceTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("provenanceText")
        self.browser.setReadOnly(True)
        # a package's link could point anywhere (file:, a local path): open only web links, and outside the panel
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self.open_link)
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.browser, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyFootnote")
        self.copy_button.clicked.connect(self.copy_footnote)
        buttons.addWidget(self.copy_button)
        layout.addLayout(buttons)
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        """The fixed texts again in the language now installed; a shown cell is redrawn by its owner (show_cell)."""
        self.title.setText(self.tr("Kilde for tallet"))
        self.browser.setAccessibleName(self.tr("Hvor tallet kommer fra"))
        self.copy_button.setText(self.tr("Kopier tallet med kilde"))
        self.copy_button.setAccessibleName(self.copy_button.text())
        self.copy_button.setToolTip(self.tr("Legger tallet, hva det gjelder og hvor i rapporten det står, på utklippstavlen som én linje"))
        if self._provenance is None:
            self._set_html(self._empty_html())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def open_link(self, url: QUrl) -> bool:
        if not opens(url):
            return False
        self.linkOpened.emit(url)
        QDesktopServices.openUrl(url)
        return True

    def on_results(self, results, changed: frozenset[str]) -> None:
        """Show the focused value of the selection, or nothing when none is focused or it is not shown."""
        if not changed & _FOCUS_FIELDS:
            return
        state, result = results.state, results.result
        focus = state.focus
        if focus is None or result is None or focus[1] not in result.keys or not 0 <= focus[0] < result.n_rows:
            self.clear()
            return
        self.show_cell(results.package, result, focus[0], focus[1], state.language, state.decimal)

    def _empty_html(self) -> str:
        return "<p><i>" + html.escape(self.tr("Velg et tall i figuren eller tabellen for å se hvor i rapporten det står.")) + "</i></p>"

    # ------------------------------------------------------------------ public

    @property
    def current(self) -> Provenance | None:
        return self._provenance

    @property
    def footnote_text(self) -> str:
        return self._footnote

    def clear(self) -> None:
        self._provenance = None
        self._footnote = ""
        self._set_html(self._empty_html())
        self.copy_button.setEnabled(False)

    def _set_html(self, text: str, again: bool = False) -> None:
        if again or text != self._html_shown:
            self.browser.setHtml(text)
            self._html_shown = text

    def show_cell(self, package: Package, result: ExhibitResult, row: int, key: str, lang: str = DEFAULT_LANGUAGE, decimal: str | None = None) -> None:
        """Show the provenance of ``result``'s cell at table row ``row`` and series ``key``."""
        from hjk_desktop.core.provenance import footnote, provenance

        p = provenance(package, result, row, key, lang, decimal)
        self._provenance = p
        self._footnote = footnote(package, result, row, key, lang, decimal)
        self._set_html(self._html(p), again=True)
        self.copy_button.setEnabled(True)

    def copy_footnote(self) -> None:
        if not self._footnote:
            return
        QGuiApplication.clipboard().setText(self._footnote)
        self.footnoteCopied.emit(self._footnote)

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    # ------------------------------------------------------------------ rendering

    def _html(self, p: Provenance) -> str:
        esc = html.escape
        base = self.browser.palette().color(QPalette.ColorRole.Base)
        text = self.browser.palette().color(QPalette.ColorRole.Text)
        colour = readable(QColor("#8a1c1c"), base, text).name() if p.missing else "inherit"
        gray = readable(mix(text, base, 0.45), base, text).name()  # quieter than the text, still 4.5:1 on any palette
        parts = [f'<p style="font-size:large"><b style="color:{colour}">{esc(p.value_text)}</b> '
                 f"&nbsp;{esc(p.row_label)}</p>"]
        rows = []
        for key, label, text in p.fields():
            if key in ("row", "value"):
                continue
            shown = esc(text)
            if key in _LINK_FIELDS and opens(QUrl(text)):
                shown = f'<a href="{esc(text)}">{esc(text)}</a>'
            if key == "status" and p.approx:
                shown = f"<b>{shown}</b>"
            rows.append(f'<tr><td style="padding-right:10px; vertical-align:top; color:{gray}"><nobr>{esc(label)}</nobr></td>'
                        f'<td style="vertical-align:top">{shown}</td></tr>')
        parts.append("<table cellspacing='2'>" + "".join(rows) + "</table>")
        if p.terms:
            parts.append("<p><b>" + esc(self.tr("Tallene formelen bygger på")) + "</b></p><ul>")
            for t in p.terms:
                parts.append(f"<li>{esc(t.label)}: {esc(_num(t.value, p.lang))} "
                             f"<span style='color:{gray}'>({esc(t.locator_text)}; {esc(t.id)})</span></li>")
            parts.append("</ul>")
        if p.nominal_note:
            parts.append(f"<p style='color:{gray}'><i>{esc(p.nominal_note)}</i></p>")
        return "".join(parts)


def _num(value: float, lang: str) -> str:
    return format_number(value, COMMA if lang == NB else POINT)


def _preview(argv: list[str] | None = None) -> int:
    """python -m hjk_desktop.ui.provenance_panel [exhibit] [row] [--en] [--grab file.png]"""
    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.query import query
    from hjk_desktop.ui.preview import application, preview_options, show_alone

    args, lang, grab = preview_options(argv)
    exhibit_id = args[0] if args else "fig1"
    row = int(args[1]) if len(args) > 1 else 4
    application()
    package = load_package(bundled_package_path())
    result = query(package, exhibit_id)
    panel = ProvenancePanel()
    panel.show_cell(package, result, row, result.keys[0], lang)
    panel.resize(460, 560)
    panel.setWindowTitle(f"hjk-desktop – {exhibit_id} [{row}]")
    return show_alone(panel, grab)


if __name__ == "__main__":
    raise SystemExit(_preview())
