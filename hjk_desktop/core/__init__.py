"""Qt-free core: the data package, queries, statistics, formatting and clipboard serialisation.

Nothing under this package may import Qt (PySide6, shiboken6) or pyqtgraph; a test enforces it.
"""

from hjk_desktop.core.package import LoadCancelled, Package, PackageError, Problem, bundled_package_path, load_package

__all__ = ["LoadCancelled", "Package", "PackageError", "Problem", "bundled_package_path", "load_package"]
