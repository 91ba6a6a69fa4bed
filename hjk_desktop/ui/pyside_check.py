"""A quicker answer to the question PySide6 asks of every module imported after it.

PySide6's "__feature__" support (snake_case and true_property) keeps, for each module imported once PySide6 is,
whether that module uses PySide6; it finds out by asking ``inspect.getsource`` for the module's whole source and
looking for the word "PySide6" in it. That goes through ``linecache``, which opens each file twice (once to detect
its encoding), splits it into lines and keeps them all: about 0.1 ms a module, and a start imports some 250 modules
after PySide6 (pyqtgraph's, the app's own and the parts of pandas first used then), 20–25 ms of a half-second
start (docs/bench-startup.md).

``quicken`` puts in a check that reads the module's ``.py`` file as bytes and looks for the same word. The answer
is the same for any source file in UTF-8 or another encoding that writes "PySide6" as ASCII, which covers every
source file Python reads without a byte-order mark. Modules without a ``.py`` file, and files that cannot be read,
still get PySide6's own check. If PySide6 no longer has the function this replaces, nothing is changed.
"""

from __future__ import annotations

import sys

MARK = b"PySide6"


def quicken() -> bool:
    """Replace PySide6's per-module check with the quicker one; True if it was replaced (now or before)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or not callable(original):
        return False
    if getattr(original, "quickened", False):
        return True

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return MARK in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.quickened = True
    uses_pyside.original = original
    feature._mod_uses_pyside = uses_pyside
    return True
