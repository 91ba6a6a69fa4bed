"""Languages: bokmål is the source text, English comes from resources/translations/hjk_desktop_en.qm.

The language follows the system locale by the one rule of core/language.py (nb, nn, no and the C/POSIX
locales give bokmål, any other language English; the commands use the same rule) until the user picks one
in the Språk/Language menu; the choice is kept in QSettings. Switching installs or
removes the QTranslator, which makes Qt send every widget a LanguageChange event, so nothing needs a
restart. The decimal mark follows the language (comma in bokmål, point in English) unless the user
has chosen one in the controls.

The language shown is ``SelectionState.language``; this module only installs Qt's translator for it
(the window calls ``apply_language`` when the selection's language is set) and reads which one is in.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from hjk_desktop.core.codes import COMMA, DEFAULT_LANGUAGE, EN, LANGUAGES, NB, POINT
from hjk_desktop.core.language import environment_locale, language_for_locale

SOURCE_LANGUAGE = DEFAULT_LANGUAGE
LANGUAGE_KEY = "ui/language"
DECIMAL_CHOSEN_KEY = "view/decimal_chosen"
CATALOG = "hjk_desktop"

_installed: list[QTranslator] = []  # Qt keeps only raw pointers: these keep the translators alive


def resource_dir() -> Path | None:
    """The resources folder: inside the installed package, then the checkout, then a PyInstaller bundle."""
    here = Path(__file__).resolve().parent.parent  # hjk_desktop/
    candidates = [here / "resources", here.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    for path in candidates:
        if path.is_dir():
            return path
    return None


def translations_dir() -> Path | None:
    root = resource_dir()
    path = root / "translations" if root is not None else None
    return path if path is not None and path.is_dir() else None


def catalog_path(lang: str) -> Path | None:
    """The compiled .qm for a language, or None when there is none (bokmål needs none)."""
    folder = translations_dir()
    if folder is None:
        return None
    path = folder / f"{CATALOG}_{lang}.qm"
    return path if path.is_file() else None


def system_language(locale: QLocale | None = None) -> str:
    """The language by the rule of core/language.py: from the locale variables (as the commands read them),
    else from Qt's system locale (where none is set: Windows, macOS); a given QLocale is read directly."""
    if locale is None:
        name = environment_locale()
        if name is not None:
            return language_for_locale(name)
        locale = QLocale.system()
    if locale.language() == QLocale.Language.C:
        return NB
    languages = list(locale.uiLanguages()) or [locale.name()]
    return language_for_locale(languages[0] if languages else locale.name())


def saved_language(settings: QSettings | None) -> str | None:
    if settings is None:
        return None
    try:
        value = settings.value(LANGUAGE_KEY)
    except Exception:  # noqa: BLE001 - a damaged settings file never stops the program
        return None
    return value if value in LANGUAGES else None


def save_language(settings: QSettings | None, lang: str) -> None:
    if settings is not None and lang in LANGUAGES:
        settings.setValue(LANGUAGE_KEY, lang)
        settings.sync()


def preferred_language(settings: QSettings | None = None) -> str:
    """The user's choice if there is one, else what the system locale says."""
    return saved_language(settings) or system_language()


def default_decimal(lang: str) -> str:
    return COMMA if lang == NB else POINT


def decimal_chosen(settings: QSettings | None) -> bool:
    if settings is None:
        return False
    value = settings.value(DECIMAL_CHOSEN_KEY)
    return value is True or str(value).lower() in ("true", "1")


def mark_decimal_chosen(settings: QSettings | None) -> None:
    if settings is not None:
        settings.setValue(DECIMAL_CHOSEN_KEY, True)


def installed_language() -> str:
    """The language of the catalogue Qt has installed (the source language when none is)."""
    for translator in _installed:
        for lang in LANGUAGES:
            if Path(translator.filePath()).stem == f"{CATALOG}_{lang}":
                return lang
    return SOURCE_LANGUAGE


def usable_language(lang: str) -> str:
    """lang when the program can show it (it has a compiled catalogue, or is the source language), else the source."""
    if lang not in LANGUAGES:
        return SOURCE_LANGUAGE
    return lang if lang == SOURCE_LANGUAGE or catalog_path(lang) is not None else SOURCE_LANGUAGE


def apply_language(lang: str) -> str:
    """Install the translators for lang (removing the previous ones) and return the language now in use.

    Qt posts a LanguageChange event to every widget, which retranslates in changeEvent. Without a
    compiled catalogue English cannot be shown, and bokmål is kept.
    """
    app = QCoreApplication.instance()
    if lang not in LANGUAGES:
        lang = SOURCE_LANGUAGE
    if app is None:
        return lang
    fresh: list[QTranslator] = []
    path = catalog_path(lang)
    if path is not None:
        translator = QTranslator(app)
        if translator.load(str(path)):
            fresh.append(translator)
    elif lang != SOURCE_LANGUAGE:
        lang = SOURCE_LANGUAGE
        nb = catalog_path(SOURCE_LANGUAGE)
        if nb is not None:
            translator = QTranslator(app)
            if translator.load(str(nb)):
                fresh.append(translator)
    if lang == installed_language() and _installed and [t.filePath() for t in fresh] == [t.filePath() for t in _installed]:
        return lang
    told = bool(_installed) or bool(fresh)  # installing or removing a translator makes Qt tell every widget
    for old in _installed:
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    _installed.clear()
    for translator in fresh:
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway) if lang == NB
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if not told:  # no translator added or removed: nobody was told, so tell them
        from PySide6.QtCore import QEvent

        for widget in _top_level_widgets():
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    return lang


def _top_level_widgets() -> list:
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:  # pragma: no cover
        return []
    return list(QApplication.topLevelWidgets()) if isinstance(QCoreApplication.instance(), QApplication) else []


def language_name(lang: str) -> str:
    """Each language named in itself, so the menu reads right whatever is shown now."""
    return {NB: "Norsk (bokmål)", EN: "English"}[lang]
