"""What the views show, computed once from the one Selection: the query result, the table and the warnings.

``Results`` listens to a ``Selection`` and works out only what the changed fields need: a new query when
the exhibit or the choices change, a new table when the language or the difference and interval options
change too, new comparability warnings with either. Then it tells its listeners, once per selection
change (a batch is one change), with the same set of changed field names. Views redraw from it; none
of them queries the package itself. Recent results are kept, so going back to an exhibit costs nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from hjk_desktop.core.comparability import warnings as comparability_warnings
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult, query
from hjk_desktop.core.selection import Selection, SelectionState
from hjk_desktop.core.table import TableData, build_table

# which selection fields each product depends on (views use the same sets to skip needless redraws)
DATA_FIELDS = frozenset({"exhibit", "chapter", "segments", "rounds", "populations", "language", "package"})
TABLE_FIELDS = DATA_FIELDS | {"difference", "intervals"}
HEADER_FIELDS = TABLE_FIELDS - {"chapter"}
PACKAGE = "package"  # in ``changed`` after set_package
CACHE_SIZE = 256  # exhibits × choices kept: a result is small (a few dozen rows of plain lists), so revisits cost nothing

Listener = Callable[["Results", frozenset[str]], None]


class Results:
    """Follows one Selection; computes what the views show; tells listeners once per selection change."""

    def __init__(self, package: Package, selection: Selection) -> None:
        self.package = package
        self.selection = selection
        self.state: SelectionState = selection.state
        self.result: ExhibitResult | None = None
        self.table: TableData | None = None
        self.warnings: list = []
        self._listeners: list[Listener] = []
        self._results: OrderedDict[tuple, ExhibitResult] = OrderedDict()
        self._tables: OrderedDict[tuple, tuple[TableData, list]] = OrderedDict()
        self._compute(self.state, TABLE_FIELDS)
        selection.connect(self._on_selection)

    # -- listeners -----------------------------------------------------------------------------
    def connect(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def disconnect(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def set_package(self, package: Package) -> None:
        """Show another package: everything is computed again and listeners get ``changed`` with "package"."""
        self.package = package
        self._results.clear()
        self._tables.clear()
        changed = TABLE_FIELDS | {PACKAGE}
        self._compute(self.selection.state, changed)
        self._tell(changed)

    # -- computing -----------------------------------------------------------------------------
    def _on_selection(self, state: SelectionState, changed: frozenset[str]) -> None:
        self._compute(state, changed)
        self._tell(changed)

    def _tell(self, changed: frozenset[str]) -> None:
        for listener in list(self._listeners):
            listener(self, frozenset(changed))

    def _compute(self, state: SelectionState, changed: frozenset[str]) -> None:
        self.state = state
        if not state.exhibit or state.exhibit not in self.package.exhibits.index:
            self.result, self.table, self.warnings = None, None, []
            return
        data_key = (state.exhibit, state.segments, state.rounds, state.populations)
        if changed & DATA_FIELDS or self.result is None:
            self.result = self._cached(self._results, data_key, lambda: query(
                self.package, state.exhibit, state.segments, state.rounds, state.populations))
        if changed & TABLE_FIELDS or self.table is None:
            table_key = (*data_key, state.language, state.difference, state.intervals)
            result = self.result
            self.table, self.warnings = self._cached(self._tables, table_key, lambda: (
                build_table(self.package, result, state.language, state.difference, state.intervals),
                comparability_warnings(self.package, result, state)))

    @staticmethod
    def _cached(cache: OrderedDict, key: tuple, make: Callable):
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        value = cache[key] = make()
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
        return value
