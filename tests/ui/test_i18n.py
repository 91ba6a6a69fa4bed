"""Bokmål and English: the catalogue is complete and compiled, the language follows the locale or the
user's choice, and a switch at run time redraws menus, table, tree and numbers without a restart.

In English mode every text the window and its dialogs show is checked against the bokmål source
strings of the catalogue: none may be left untranslated.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_EN = ROOT / "resources" / "translations" / "hjk_desktop_en.ts"
PLACEHOLDER = re.compile(r"%n|%\d|\{\d*\}")


def catalogue(path: Path = TS_EN) -> dict[tuple[str, str], list[str]]:
    """(context, source) → translations (one, or the numerus forms)."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] if message.get("numerus") == "yes" else [tr.text or ""]
            if tr.get("type") in ("unfinished", "vanished", "obsolete"):
                forms = [""]
            out[(name, message.findtext("source") or "")] = forms
    return out


def norwegian_only(entries=None) -> set[str]:
    """Source texts whose English differs, without mnemonics: finding one of these in English mode is a bug."""
    entries = entries or catalogue()
    out = set()
    for (_ctx, source), forms in entries.items():
        if all(f.replace("&", "") != source.replace("&", "") for f in forms):
            out.add(source.replace("&", "").strip())
    return {s for s in out if s}


@pytest.fixture
def english():
    """Install English for one test and put bokmål back afterwards (the translators are application-wide)."""
    from PySide6.QtWidgets import QApplication

    from hjk_desktop.ui import i18n

    assert i18n.apply_language("en") == "en"
    QApplication.processEvents()
    yield
    i18n.apply_language("nb")
    QApplication.processEvents()



# -- the catalogue -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, lang", [("nb_NO", "nb"), ("nn-NO", "nb"), ("no", "nb"), ("nb", "nb"), ("en_GB", "en"),
                                        ("de_DE", "en"), ("sv_SE", "en"), ("nb_NO.UTF-8", "nb"), ("en_US.UTF-8", "en"),
                                        ("C", "nb"), ("C.UTF-8", "nb"), ("POSIX", "nb"), ("", "nb")])
def test_language_follows_the_locale_name(name, lang):
    from hjk_desktop.ui.i18n import language_for_locale

    assert language_for_locale(name) == lang  # a C/POSIX locale names no language: bokmål, as the report


@pytest.mark.parametrize("environ, lang", [
    ({"LANG": "C.UTF-8"}, "nb"), ({"LANG": "POSIX"}, "nb"), ({}, "nb"), ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "nb_NO.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),  # LC_ALL first, as POSIX programs read it
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "nb_NO.UTF-8"}, "nb"), ({"LANG": "de_DE", "LC_ALL": ""}, "en"),
])
def test_one_rule_for_window_and_commands(monkeypatch, capsys, environ, lang):
    """The window (ui.i18n.system_language) and the commands (list) pick the same language from the locale."""
    from hjk_desktop.cli import main
    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.language import default_language
    from hjk_desktop.ui import i18n

    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    assert default_language() == lang == i18n.system_language()
    assert main(["list"]) == 0
    listing = capsys.readouterr().out
    chapters = load_package(bundled_package_path()).chapters
    first = chapters.index[0]
    assert str(chapters.at[first, f"title_{lang}"]) in listing.splitlines()[0]
    other = "en" if lang == "nb" else "nb"
    assert main(["list", "--language", other]) == 0  # a choice wins over the locale
    assert str(chapters.at[first, f"title_{other}"]) in capsys.readouterr().out.splitlines()[0]


def test_the_c_locale_in_qt_gives_bokmal():
    from PySide6.QtCore import QLocale

    from hjk_desktop.ui import i18n

    assert i18n.system_language(QLocale(QLocale.Language.C)) == "nb"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_plural_forms_of_the_counts(qapp, lang):
    """Qt's %n translations give the right form for 0, 1 and 2 in both languages (bokmål through its catalogue)."""
    from PySide6.QtCore import QCoreApplication

    from hjk_desktop.ui import i18n

    assert i18n.apply_language(lang) == lang
    expected = {
        "nb": {"%n kolonner": ("0 kolonner", "1 kolonne", "2 kolonner"),
               "%n rader": ("0 rader", "1 rad", "2 rader"),
               "%n omtrentlige (≈)": ("0 omtrentlige (≈)", "1 omtrentlig (≈)", "2 omtrentlige (≈)"),
               "%n figurer og tabeller": ("0 figurer og tabeller", "1 figur eller tabell", "2 figurer og tabeller")},
        "en": {"%n kolonner": ("0 columns", "1 column", "2 columns"),
               "%n rader": ("0 rows", "1 row", "2 rows"),
               "%n omtrentlige (≈)": ("0 approximate (≈)", "1 approximate (≈)", "2 approximate (≈)"),
               "%n figurer og tabeller": ("0 figures and tables", "1 figure or table", "2 figures and tables")},
    }[lang]
    for source, forms in expected.items():
        assert tuple(QCoreApplication.translate("StatusLine", source, "", n) for n in (0, 1, 2)) == forms


def test_status_line_counts_read_right(window, package):
    """The window's status line: one column is '1 kolonne', and a chapter with one exhibit says so."""
    from hjk_desktop.ui import navigation

    navigation.select_exhibit(window.selection, window.package, "fig8")
    text = window.status_line.text()
    series = len(window.results.result.series)
    assert (f"{series} kolonne" + ("" if series == 1 else "r")) in text
    assert "1 kolonner" not in text and "1 omtrentlige" not in text


def test_system_locale_decides_until_the_user_chooses(tmp_path):
    from PySide6.QtCore import QLocale, QSettings

    from hjk_desktop.ui import i18n

    assert i18n.system_language(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)) == "nb"
    assert i18n.system_language(QLocale(QLocale.Language.NorwegianNynorsk, QLocale.Country.Norway)) == "nb"
    assert i18n.system_language(QLocale(QLocale.Language.French, QLocale.Country.France)) == "en"
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert i18n.preferred_language(settings) == i18n.system_language()
    i18n.save_language(settings, "en")
    assert QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat).value(i18n.LANGUAGE_KEY) == "en"
    assert i18n.preferred_language(settings) == "en"
    settings.setValue(i18n.LANGUAGE_KEY, "klingon")  # damaged value: ignored
    assert i18n.preferred_language(settings) == i18n.system_language()


def test_every_message_has_a_finished_translation_with_the_same_placeholders():
    entries = catalogue()
    assert len(entries) > 150
    for (context, source), forms in entries.items():
        assert all(forms), f"[{context}] {source!r} has no English"
        for form in forms:
            assert sorted(set(PLACEHOLDER.findall(form)) - {"%n"}) == sorted(set(PLACEHOLDER.findall(source)) - {"%n"}), (source, form)
            assert source.count("&") == form.count("&"), f"mnemonic lost or added: {source!r} → {form!r}"


def test_catalogue_is_in_step_with_the_sources(tmp_path):
    """lupdate over the UI sources finds exactly the messages the committed catalogue has."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "hjk_desktop" / "ui").glob("*.py") if p.name != "__init__.py")
    subprocess.run([str(lupdate), *sources, "-locations", "none", "-ts", str(fresh)], check=True, capture_output=True)
    assert set(catalogue(fresh)) == set(catalogue()), "run: python packaging/translations.py"


def test_compiled_catalogue_gives_every_translation(qapp):
    """The .qm shipped is compiled from the .ts as committed: every message comes back translated."""
    from PySide6.QtCore import QTranslator

    from hjk_desktop.ui import i18n

    path = i18n.catalog_path("en")
    assert path is not None and path.parent == i18n.translations_dir()
    translator = QTranslator()
    assert translator.load(str(path))
    for (context, source), forms in catalogue().items():
        n = 2 if len(forms) > 1 else -1
        assert translator.translate(context, source, None, n) == forms[-1], (context, source)


def test_bokmal_catalogue_gives_qt_buttons_norwegian_text(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from hjk_desktop.ui import i18n

    assert i18n.apply_language("nb") == "nb"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Lukk", "Avbryt"}


# -- switching at run time -------------------------------------------------------------------------------

def _menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_switch_at_run_time_changes_menus_table_tree_and_numbers(window, package, qtbot, settings_file):
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from hjk_desktop.core.messages import text
    from hjk_desktop.ui import i18n
    from hjk_desktop.ui.navigation import select_exhibit

    select_exhibit(window.selection, package, "fig7")
    model = window.table.model()
    before_titles = _menu_titles(window)
    assert "&Fil" in before_titles
    assert model.headerData(0, Qt.Orientation.Horizontal) == text("table.label", "nb")
    nb_first = model.index(0, 0).data()

    window.language_actions["en"].trigger()
    QApplication.processEvents()

    titles = _menu_titles(window)
    assert titles != before_titles
    assert "&File" in titles and "&Help" in titles and not set(titles) & set(before_titles)
    assert model.headerData(0, Qt.Orientation.Horizontal) == text("table.label", "en")
    result_rows = window.results.result.rows.reset_index(drop=True)
    en_labels = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert en_labels == [str(x) for x in window.results.result.frame["label_en"]]
    assert en_labels[0] != nb_first and len(result_rows) == model.rowCount()
    # the tree shows the English chapter titles, the header the English exhibit title
    chapter_item = window.tree.item_for("chapter", 2)
    assert str(package.chapter(2)["title_en"]) in chapter_item.text(0)
    assert str(package.exhibit("fig7")["title_en"]) in window.header.title.text()
    # numbers follow: point in English (no decimal mark was chosen by hand)
    assert window.selection.state.language == "en" and window.selection.state.decimal == "point"
    # (the package's values are whole numbers, so the mark is checked where it is set: the model and the controls)
    assert window.table.source_model.decimal == "point" and window.controls.decimal_point.isChecked()
    assert window.language_actions["en"].isChecked() and not window.language_actions["nb"].isChecked()
    # the choice is remembered
    assert QSettings(str(settings_file), QSettings.Format.IniFormat).value(i18n.LANGUAGE_KEY) == "en"

    window.language_actions["nb"].trigger()
    QApplication.processEvents()
    assert _menu_titles(window) == before_titles
    assert model.index(0, 0).data() == nb_first
    assert window.selection.state.decimal == "comma" and window.controls.decimal_comma.isChecked()


def test_a_chosen_decimal_mark_survives_a_language_switch(window, package):
    from PySide6.QtWidgets import QApplication

    from hjk_desktop.ui.navigation import select_exhibit

    select_exhibit(window.selection, package, "fig1")
    window.controls.decimal_point.click()
    window.set_language("en")
    QApplication.processEvents()
    window.set_language("nb")
    QApplication.processEvents()
    assert window.selection.state.language == "nb" and window.selection.state.decimal == "point"


def test_a_saved_choice_opens_the_next_window_in_english(make_window):
    from PySide6.QtWidgets import QApplication

    from hjk_desktop.ui import i18n

    first = make_window()
    first.set_language("en")
    first.close()
    i18n.apply_language("nb")  # as if the program had ended
    # app.run applies the saved choice before it builds the window
    i18n.apply_language(i18n.preferred_language(first.store.settings))
    QApplication.processEvents()
    second = make_window()
    assert second.selection.state.language == "en"
    assert second.menus["file"].title() == "&File"


# -- nothing left in bokmål ---------------------------------------------------------------------------------

def _texts(widget) -> list[tuple[str, str]]:
    """Every user-visible string of a widget tree: texts, titles, tips, placeholders, accessible text, items, headers."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QTextBrowser,
        QWidget,
    )

    out = []
    for w in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(w).__name__}#{w.objectName()}"
        if w.isWindow() or isinstance(w, QMenu):
            out.append((where + ".windowTitle", w.windowTitle()))
        out += [(where + ".toolTip", w.toolTip()), (where + ".accessibleName", w.accessibleName()),
                (where + ".accessibleDescription", w.accessibleDescription()), (where + ".statusTip", w.statusTip())]
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((where + ".text", w.text()))
        if isinstance(w, QGroupBox):
            out.append((where + ".title", w.title()))
        if isinstance(w, QLineEdit):
            out.append((where + ".placeholder", w.placeholderText()))
        if isinstance(w, (QTextBrowser, QPlainTextEdit)):
            out.append((where + ".plain", w.toPlainText()))
        if isinstance(w, QComboBox):
            out += [(where + f".item{i}", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QMenu):
            out.append((where + ".title", w.title()))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model, root = w.model(), QModelIndex()
            try:
                columns = model.columnCount(root)
            except TypeError:  # list models hide columnCount: one column
                columns = 1
            for column in range(columns):
                out.append((where + f".header{column}", str(model.headerData(column, Qt.Orientation.Horizontal) or "")))
            stack = [model.index(r, c, root) for r in range(min(model.rowCount(root), 60)) for c in range(columns)]
            while stack:
                index = stack.pop()
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    out.append((where + f".item({index.row()},{index.column()})", str(index.data(role) or "")))
                stack += [model.index(r, 0, index) for r in range(model.rowCount(index))]
    for action in widget.findChildren(__import__("PySide6.QtGui", fromlist=["QAction"]).QAction):
        out += [(f"QAction#{action.objectName()}.text", action.text()), (f"QAction#{action.objectName()}.toolTip", action.toolTip()),
                (f"QAction#{action.objectName()}.statusTip", action.statusTip())]
    return out


def _bokmal_left(texts, forbidden: set[str]) -> list[tuple[str, str]]:
    bad = []
    for where, text in texts:
        clean = text.replace("&", "")
        for line in [clean, *clean.splitlines()]:
            line = line.strip()
            if line in forbidden:
                bad.append((where, line))
    return bad


def _package_nb_only(package) -> set[str]:
    """Bokmål labels from the package whose English differs (chapter and exhibit titles, segments, groups, rounds)."""
    out = set()
    for frame in (package.chapters, package.exhibits):
        for nb, en in zip(frame["title_nb"], frame["title_en"]):
            if str(nb) != str(en):
                out.add(str(nb))
    for frame in (package.segments, package.populations, package.rounds):
        for nb, en in zip(frame["label_nb"], frame["label_en"]):
            if str(nb) != str(en):
                out.add(str(nb))
    return out


def _contains_nb_label(texts, labels: set[str]) -> list[tuple[str, str]]:
    long_labels = {lab for lab in labels if len(lab) >= 6}
    return [(where, lab) for where, text in texts for lab in long_labels if lab in text]


def test_english_mode_leaves_no_bokmal_text_in_the_window_and_dialogs(english, make_window, package, qtbot):
    from PySide6.QtWidgets import QApplication

    from hjk_desktop.core.query import query
    from hjk_desktop.ui.about_dialog import AboutDialog
    from hjk_desktop.ui.export_dialog import ExportDialog
    from hjk_desktop.ui.navigation import select_chapter, select_exhibit
    from hjk_desktop.ui.provenance_panel import ProvenancePanel
    from hjk_desktop.ui.search_dialog import SearchDialog
    from hjk_desktop.ui.shortcuts_dialog import ShortcutsDialog

    forbidden = norwegian_only()
    labels = _package_nb_only(package)
    window = make_window()
    assert window.selection.state.language == "en"
    window.chart_pane.toggle.click()  # the text description is shown too
    problems = []
    for exhibit in package.exhibit_ids():
        select_exhibit(window.selection, package, exhibit)
        QApplication.processEvents()
        texts = _texts(window) + [("chart.description", window.chart.description("en"))]
        problems += [(exhibit, *p) for p in _bokmal_left(texts, forbidden)]
        problems += [(exhibit, *p) for p in _contains_nb_label(texts, labels)]
    select_chapter(window.selection, 3)
    QApplication.processEvents()
    problems += [("chapter 3", *p) for p in _bokmal_left(_texts(window), forbidden) + _contains_nb_label(_texts(window), labels)]

    result = query(package, "fig1")
    dialogs = [AboutDialog(package, window), ShortcutsDialog(window.actions, None, window), SearchDialog(package, "en", window),
               ExportDialog(package, result, window.selection.state, window.results.table, window.chart, window)]
    dialogs[2].edit.setText("hjemmekontor")
    panel = ProvenancePanel()
    qtbot.addWidget(panel)
    dialogs.append(panel)
    for dialog in dialogs:
        dialog.show()
        QApplication.processEvents()
        texts = _texts(dialog)
        problems += [(dialog.objectName(), *p) for p in _bokmal_left(texts, forbidden)]
        dialog.close()
    assert not problems, problems[:20]


def test_the_check_would_catch_bokmal(make_window, package):
    """The walk above finds Norwegian when the window is in bokmål (so it is not vacuous)."""
    from hjk_desktop.ui.navigation import select_exhibit

    window = make_window()
    select_exhibit(window.selection, package, "fig7")
    texts = _texts(window)
    found = {text for _where, text in _bokmal_left(texts, norwegian_only())}
    assert {"Fil", "Utvalg og visning", "Vis differanse"} <= found
    assert _contains_nb_label(texts, _package_nb_only(package))


def test_the_installed_catalogue_is_read_from_qt_not_kept_in_a_copy(qapp):
    from hjk_desktop.ui import i18n

    assert i18n.apply_language("en") == "en"
    assert i18n.installed_language() == "en"
    assert i18n.apply_language("nb") == "nb"
    assert i18n.installed_language() == "nb"
    assert i18n.usable_language("klingon") == "nb" and i18n.usable_language("en") == "en"


def test_the_window_language_is_the_selection_language(window):
    """One place: switching writes SelectionState.language; Qt's translator and the menu follow from it."""
    from hjk_desktop.ui import i18n

    window.selection.update(language="en")
    try:
        assert i18n.installed_language() == "en"
        assert window.language_actions["en"].isChecked()
        assert window.menus["file"].title() == "&File"
        assert window.status_line.text().startswith("Showing")
    finally:
        window.selection.update(language="nb")
    assert i18n.installed_language() == "nb" and window.menus["file"].title() == "&Fil"
