"""Hjelp → Om: what the program is, where its numbers come from, and the rules it shows them by."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from hjk_desktop import __version__
from hjk_desktop.core.package import Package
from hjk_desktop.core.package_files import is_web_link
from hjk_desktop.ui.accessibility import name_controls


class AboutDialog(QDialog):
    def __init__(self, package: Package, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("Om hjk-desktop"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        esc = html.escape  # every package text is escaped: the label is rich text for our own markup only
        homepage = package.homepage
        link = f'<a href="{esc(homepage, quote=True)}">{esc(homepage)}</a>' if is_web_link(homepage) else ""
        rules = [
            self.tr("<b>Oppgitt</b>: tallet står i rapportens tekst, figurer eller tabeller, med sted (kapittel og avsnitt)."),
            self.tr("<b>≈ Omtrentlig</b>: teksten gir tallet i ord eller som et omtrentlig nivå; vi viser det med ≈."),
            self.tr("<b>Beregnet</b> (kursiv): regnet ut fra oppgitte tall; formelen vises i verktøytipset."),
            self.tr("<b>– Mangler</b>: teksten gir ikke tallet; det vises aldri som 0, og grunnen står i verktøytipset."),
        ]
        text = (
            f"<h3>hjk-desktop {esc(__version__)}</h3>"
            + "<p>" + self.tr("Utforsk tallene fra LOs tillitsvalgtpanel om hjemmekontor (februar og juni 2021).") + "</p>"
            + "<p><b>" + self.tr("Kilde") + ":</b> " + esc(package.citation) + (f"<br>{link}" if link else "") + "</p>"
            + "<p><b>" + self.tr("Slik vises tallene") + ":</b></p><ul>"
            + "".join(f"<li>{rule}</li>" for rule in rules) + "</ul>"
            + "<p><b>" + self.tr("Usikkerhet") + ":</b> " + self.tr(
                "95 %-intervallene (Wilson for én andel, Newcombes hybridmetode for en differanse) vises bare der N er kjent. "
                "De er nominelle: panelet er rekruttert via forbundenes e-postlister og er ikke et sannsynlighetsutvalg, "
                "så intervallene sier hvor mye tilfeldig variasjon alene kunne gi, ikke hvor representative tallene er.") + "</p>"
        )
        self.label = QLabel(text, self)
        self.label.setObjectName("aboutText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(False)  # opened below, and only an http(s) address
        self.label.linkActivated.connect(open_web_link)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.label.setAccessibleName(self.tr("Om hjk-desktop"))
        name_controls(self)


def open_web_link(url: str) -> bool:
    """Open ``url`` in the browser only when it is an http or https address; True when it was opened."""
    if not is_web_link(url):
        return False
    return bool(QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)))
