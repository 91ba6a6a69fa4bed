"""The provenance panel shows a cell's source as selectable text and copies it as one line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.codes import Status
from hjk_desktop.core.messages import text as message
from hjk_desktop.core.query import query
from hjk_desktop.ui.provenance_panel import ProvenancePanel


@pytest.fixture(scope="module")
def pkg():
    return load_package(bundled_package_path())


@pytest.fixture
def panel(qtbot):
    widget = ProvenancePanel()
    qtbot.addWidget(widget)
    widget.resize(460, 560)
    widget.show()
    return widget


def row_of(result, item, response):
    rows = result.frame
    return int(rows.index[(rows["item"] == item) & (rows["response"] == response)][0])


def test_starts_empty_and_cannot_copy(panel):
    assert panel.current is None
    assert not panel.copy_button.isEnabled()
    assert "Velg et tall" in panel.plain_text()


def test_table_cell_shows_locator_n_and_nominal_interval(panel, pkg):
    result = query(pkg, "tab1")
    panel.show_cell(pkg, result, row_of(result, "hms", "avtale"), result.keys[0], "nb")
    text = panel.plain_text()
    assert "kapittel 5, tabell 1, rad 2, kolonne 1" in text
    assert "1598" in text and "Februar 2021" in text and "Oppgitt i teksten" in text
    assert message("stats.nominal_note", "nb") in text
    assert pkg.citation in text
    assert panel.browser.isReadOnly()
    assert panel.browser.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_derived_cell_lists_the_formula_terms(panel, pkg):
    result = query(pkg, "fig7")
    row = row_of(result, "syk", "helt_eller_delvis_enig")
    key = next(k for k in result.keys if result.frame.at[row, f"{k}|status"] == Status.DERIVED)
    panel.show_cell(pkg, result, row, key, "nb")
    text = panel.plain_text()
    assert "Beregnet fra tall i teksten" in text
    assert "25 (Helt enig) + 42 (Delvis enig) = 67 %" in text
    assert "fig7-syk-helt" in text and "fig7-syk-delvis" in text  # the referenced values, by id


def test_missing_cell_shows_the_dash_and_the_reason(panel, pkg):
    result = query(pkg, "fig1")
    panel.show_cell(pkg, result, row_of(result, "strom", "helt_eller_delvis"), result.keys[0], "en")
    text = panel.plain_text()
    assert text.lstrip().startswith("–")
    assert "Not given in the report's text" in text
    assert message("stats.nominal_note", "en") not in text  # no interval, so no note about intervals


def test_copy_button_puts_the_footnote_on_the_clipboard(panel, pkg, qtbot):
    result = query(pkg, "fig8")
    panel.show_cell(pkg, result, row_of(result, "verve", "vanskeligere"), result.keys[0], "nb")
    assert panel.copy_button.isEnabled()
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(panel.footnoteCopied) as blocker:
        qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == blocker.args[0] == panel.footnote_text
    assert copied.startswith("Verve nye medlemmer") and "≈ 60 %" in copied and "N=963" in copied
    assert "kapittel 10, avsnitt 1" in copied and pkg.citation in copied and "\n" not in copied


def test_clear_after_a_cell(panel, pkg):
    result = query(pkg, "tab1")
    panel.show_cell(pkg, result, 0, result.keys[0])
    assert panel.current is not None
    panel.clear()
    assert panel.current is None and not panel.copy_button.isEnabled() and panel.footnote_text == ""
    assert "1598" not in panel.plain_text()


def test_grab_renders(panel, pkg, tmp_path):
    result = query(pkg, "fig1")
    panel.show_cell(pkg, result, row_of(result, "utstyr", "helt_eller_delvis"), result.keys[0])
    image = panel.grab().toImage()
    assert image.width() >= 400 and image.height() >= 400
    path = tmp_path / "provenance.png"
    assert image.save(str(path)) and path.stat().st_size > 1000


def test_links_open_only_on_the_web_and_never_inside_the_panel(panel, monkeypatch):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    assert not panel.browser.openLinks() and not panel.browser.openExternalLinks()
    before = panel.plain_text()
    for url in ("file:///etc/passwd", "javascript:alert(1)", "qrc:/x", "relative/page.html"):
        panel.browser.anchorClicked.emit(QUrl(url))
    assert opened == [] and panel.plain_text() == before  # nothing opened, nothing loaded into the panel
    panel.browser.anchorClicked.emit(QUrl("https://example.org/report"))
    assert opened == ["https://example.org/report"]

