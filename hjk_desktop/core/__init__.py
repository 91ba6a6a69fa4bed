"""Qt-free core: the data package, queries, statistics, formatting and clipboard serialisation.

Nothing under this package may import Qt (PySide6, shiboken6) or pyqtgraph; a test enforces it.

The names below come from core.package, which imports pandas: they are looked up when first used, so that
importing a light module such as core.codes (the command line's parser does) does not load pandas as well.
"""

from __future__ import annotations

__all__ = ["LoadCancelled", "Package", "PackageError", "Problem", "bundled_package_path", "load_package"]


def __getattr__(name: str):
    if name in __all__:
        from hjk_desktop.core import package

        return getattr(package, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
