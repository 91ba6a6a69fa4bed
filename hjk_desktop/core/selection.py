"""The one selection state: which exhibit, segments, rounds and populations, and the display options.

Controls write to it with ``update``; views subscribe with ``connect`` and redraw from it. It knows
nothing of Qt, so it is tested without a display and the window only wires it to widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

from hjk_desktop.core.codes import ALL, COMMA, DECIMALS, DEFAULT_LANGUAGE


@dataclass(frozen=True)
class SelectionState:
    exhibit: str = ""
    chapter: int | None = None  # a chapter overview is shown when set and exhibit is ""
    segments: tuple[str, ...] = (ALL,)
    rounds: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    decimal: str = COMMA
    difference: bool = False
    intervals: bool = False
    language: str = DEFAULT_LANGUAGE
    focus: tuple[int, str] | None = None  # the table row and series key whose provenance is shown
    footnote: bool = False  # copying a single cell adds its provenance as a footnote

    def __post_init__(self) -> None:
        if self.decimal not in DECIMALS:
            raise ValueError(f"decimal must be one of {DECIMALS}, not {self.decimal!r}")


Listener = Callable[[SelectionState, frozenset[str]], None]


class Selection:
    """Holds a SelectionState and tells listeners which fields changed, once per update or batch."""

    def __init__(self, state: SelectionState | None = None) -> None:
        self._state = state or SelectionState()
        self._listeners: list[Listener] = []
        self._depth = 0
        self._pending: set[str] = set()

    @property
    def state(self) -> SelectionState:
        return self._state

    def connect(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def disconnect(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def update(self, **changes) -> None:
        names = {f.name for f in fields(SelectionState)}
        unknown = set(changes) - names
        if unknown:
            raise TypeError(f"unknown selection fields: {', '.join(sorted(unknown))}")
        for key in ("segments", "rounds", "populations"):
            if key in changes:
                changes[key] = tuple(changes[key])
        if changes.get("focus") is not None:
            changes["focus"] = (int(changes["focus"][0]), str(changes["focus"][1]))
        new = replace(self._state, **changes)
        changed = {name for name in changes if getattr(new, name) != getattr(self._state, name)}
        if not changed:
            return
        self._state = new
        self._pending |= changed
        if self._depth == 0:
            self._emit()

    @contextmanager
    def batch(self):
        """Several updates, one notification."""
        self._depth += 1
        try:
            yield self
        finally:
            self._depth -= 1
            if self._depth == 0 and self._pending:
                self._emit()

    def _emit(self) -> None:
        changed = frozenset(self._pending)
        self._pending = set()
        for listener in list(self._listeners):
            listener(self._state, changed)
