"""The window's actions as data: one table from which the menus, the shortcuts dialog and every retranslation come.

Each record names its text and tooltip in bokmål (marked with QT_TRANSLATE_NOOP in the "MainWindow" context,
so lupdate finds them and the English catalogue applies), its shortcut, its menu, and either the window
method it calls, the dock it shows, or the selection field it switches. Adding an action is adding a row.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from hjk_desktop.core.codes import LANGUAGES
from hjk_desktop.core.selection import Selection
from hjk_desktop.ui.i18n import language_name

CONTEXT = "MainWindow"  # the translation context the texts have always had, so the catalogue keeps applying
_KEY = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    menu: str
    tip: str = ""
    shortcut: str | QKeySequence.StandardKey | None = None
    handler: str = ""  # a method of the window
    dock: str = ""  # or: show and hide this dock
    field: str = ""  # or: switch this boolean selection field (a checkable action)
    separator: bool = False  # a line above it in its menu


MENUS = (
    ("file", QT_TRANSLATE_NOOP("MainWindow", "&Fil")),
    ("edit", QT_TRANSLATE_NOOP("MainWindow", "&Rediger")),
    ("view", QT_TRANSLATE_NOOP("MainWindow", "&Vis")),
    ("language", QT_TRANSLATE_NOOP("MainWindow", "&Språk (Language)")),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "&Hjelp")),
)

ACTIONS = (
    ActionSpec("open", QT_TRANSLATE_NOOP("MainWindow", "&Åpne datapakke…"), "file",
               QT_TRANSLATE_NOOP("MainWindow", "Åpne en annen datapakke (mappe med datapackage.json)"), _KEY.Open,
               handler="open_package_dialog"),
    ActionSpec("export", QT_TRANSLATE_NOOP("MainWindow", "&Eksporter…"), "file",
               QT_TRANSLATE_NOOP("MainWindow", "Lagre tabellen som CSV eller Excel, eller figuren som PNG eller SVG"),
               "Ctrl+E", handler="export_current", separator=True),
    ActionSpec("export_all", QT_TRANSLATE_NOOP("MainWindow", "Eksporter &alt…"), "file",
               QT_TRANSLATE_NOOP("MainWindow", "Lagre alle figurer og tabeller, alle tall med kilde og datareglene i én Excel-bok"),
               "Ctrl+Shift+E", handler="export_everything"),
    # Ctrl+Q spelled out: the platform's standard Quit key is empty on Windows and on the offscreen platform
    ActionSpec("quit", QT_TRANSLATE_NOOP("MainWindow", "&Avslutt"), "file", shortcut="Ctrl+Q", handler="close",
               separator=True),
    ActionSpec("copy", QT_TRANSLATE_NOOP("MainWindow", "&Kopier"), "edit",
               QT_TRANSLATE_NOOP("MainWindow", "Kopier valgte celler, eller hele tabellen når ingenting er valgt"),
               _KEY.Copy, handler="copy_table"),
    ActionSpec("copy_markdown", QT_TRANSLATE_NOOP("MainWindow", "Kopier som &Markdown"), "edit",
               QT_TRANSLATE_NOOP("MainWindow", "Kopier tabellen som Markdown-tekst"), "Ctrl+Shift+C", handler="copy_markdown"),
    ActionSpec("copy_figure", QT_TRANSLATE_NOOP("MainWindow", "Kopier &figur"), "edit",
               QT_TRANSLATE_NOOP("MainWindow", "Kopier figuren som bilde"), "Ctrl+Alt+C", handler="copy_figure"),
    ActionSpec("footnote", QT_TRANSLATE_NOOP("MainWindow", "Ta med &kilde når én celle kopieres"), "edit",
               QT_TRANSLATE_NOOP("MainWindow", "Kopierer du ett tall, følger kilden med som fotnote"), field="footnote"),
    ActionSpec("search", QT_TRANSLATE_NOOP("MainWindow", "&Søk…"), "edit",
               QT_TRANSLATE_NOOP("MainWindow", "Søk i kapitler, spørsmål og svar (Ctrl+F)"), _KEY.Find,
               handler="open_search", separator=True),
    ActionSpec("toggle_tree", QT_TRANSLATE_NOOP("MainWindow", "&Innhold"), "view", shortcut="Ctrl+1", dock="tree"),
    ActionSpec("toggle_controls", QT_TRANSLATE_NOOP("MainWindow", "&Utvalg og visning"), "view", shortcut="Ctrl+2",
               dock="controls"),
    ActionSpec("toggle_provenance", QT_TRANSLATE_NOOP("MainWindow", "&Kilde for tallet"), "view", dock="provenance"),
    ActionSpec("focus_tree", QT_TRANSLATE_NOOP("MainWindow", "Gå til innholdslisten"), "view", shortcut="Ctrl+L",
               handler="focus_tree"),
    ActionSpec("intervals", QT_TRANSLATE_NOOP("MainWindow", "Vis 95 %-&usikkerhet (nominell)"), "view",
               QT_TRANSLATE_NOOP("MainWindow", "Feilstolper der N er kjent. Nominelle: panelet er ikke et sannsynlighetsutvalg."),
               "Ctrl+I", field="intervals", separator=True),
    ActionSpec("reset_layout", QT_TRANSLATE_NOOP("MainWindow", "&Tilbakestill oppsett"), "view", handler="reset_layout",
               separator=True),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("MainWindow", "&Hurtigtaster"), "help", shortcut=_KEY.HelpContents,
               handler="show_shortcuts"),
    ActionSpec("about", QT_TRANSLATE_NOOP("MainWindow", "&Om hjk-desktop"), "help", handler="show_about"),
)

# keys that belong to a widget rather than an action, listed in the shortcuts dialog after the actions
WIDGET_KEYS = (
    (QT_TRANSLATE_NOOP("MainWindow", "Flytt i innholdslisten"), QT_TRANSLATE_NOOP("MainWindow", "Pil opp / pil ned")),
    (QT_TRANSLATE_NOOP("MainWindow", "Åpne eller lukk et kapittel"), QT_TRANSLATE_NOOP("MainWindow", "Pil høyre / pil venstre")),
)

def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text) if text else ""


def build(window: QMainWindow, selection: Selection, docks: dict) -> tuple[dict, dict, dict]:
    """Every action of ACTIONS on ``window``, the menu bar holding them and the language actions (by code);
    texts are set by ``retranslate``."""
    menus: dict[str, QMenu] = {}
    for name, _title in MENUS:
        menus[name] = window.menuBar().addMenu("")
        menus[name].setObjectName(f"menu_{name}")
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = docks[spec.dock].toggleViewAction() if spec.dock else QAction(window)
        action.setObjectName(f"action_{spec.name}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.handler:
            action.triggered.connect(getattr(window, spec.handler))
        if spec.field:
            action.setCheckable(True)
            action.setChecked(bool(getattr(selection.state, spec.field)))
            action.toggled.connect(lambda on, f=spec.field: selection.update(**{f: bool(on)}))
        window.addAction(action)
        if spec.separator:
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(action)
        actions[spec.name] = action
    languages: dict[str, QAction] = {}
    group = QActionGroup(window)
    group.setExclusive(True)
    for lang in LANGUAGES:
        action = QAction(language_name(lang), window)
        action.setObjectName(f"action_language_{lang}")
        action.setCheckable(True)
        action.triggered.connect(lambda _checked=False, code=lang: window.set_language(code))
        group.addAction(action)
        menus["language"].addAction(action)
        languages[lang] = action

    def follow(state, changed) -> None:  # checkable actions show the selection, whoever changed it
        for spec in ACTIONS:
            if spec.field and spec.field in changed:
                with QSignalBlocker(actions[spec.name]):
                    actions[spec.name].setChecked(bool(getattr(state, spec.field)))
        if "language" in changed:
            languages[state.language].setChecked(True)

    selection.connect(follow)
    follow(selection.state, frozenset({"language"}))
    return actions, menus, languages


def retranslate(actions: dict[str, QAction], menus: dict[str, QMenu]) -> None:
    """Texts and tooltips of every action and menu in the language now installed."""
    for spec in ACTIONS:
        action, text, tip = actions[spec.name], tr(spec.text), tr(spec.tip)
        action.setText(text)
        action.setStatusTip(tip)
        action.setToolTip(tip or text.replace("&", ""))
    for name, title in MENUS:
        menus[name].setTitle(tr(title))


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(what, keys) for the shortcuts dialog: every action with a shortcut, then the keys widgets handle."""
    rows = []
    for action in actions.values():
        keys = action.shortcuts()
        if keys:
            rows.append((action.text().replace("&", ""),
                         ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)))
    return rows + [(tr(what), tr(keys)) for what, keys in WIDGET_KEYS]
