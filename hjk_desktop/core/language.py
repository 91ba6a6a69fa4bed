"""Which language the program speaks when nobody has chosen: one rule for the window and for the commands.

The rule: the locale's language decides. Norwegian (nb, nn, no) gives bokmål; so do the C and POSIX locales
(C.UTF-8 included) and an unset locale, since the report is Norwegian and those locales name no language at
all; any other language gives English. The locale is read as POSIX programs read it: LC_ALL, then
LC_MESSAGES, then LANG (the first that is set and not empty). A choice made by the user wins: the
Språk/Language menu in the window (kept in the settings), ``--language`` on the commands.

No Qt here: ``hjk-desktop list`` and ``validate`` run where pandas does. The window applies the same rule
(ui/i18n.system_language), falling back to Qt's system locale only where no locale variable is set (Windows,
macOS).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from hjk_desktop.core.codes import EN, NB

NORWEGIAN = ("nb", "nn", "no")
NEUTRAL = ("c", "posix", "")  # locales that name no language
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_for_locale(name: str | None) -> str:
    """'nb_NO.UTF-8', 'nn-NO', 'no', 'C', 'C.UTF-8', 'POSIX', '' → 'nb'; 'en_GB', 'de_DE', … → 'en'."""
    code = (name or "").replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return NB if code in NORWEGIAN or code in NEUTRAL else EN


def environment_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The locale name the environment sets for messages, or None when no variable is set."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            return value
    return None


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """The language by the rule above, from the environment (bokmål when no locale variable is set)."""
    return language_for_locale(environment_locale(environ))
