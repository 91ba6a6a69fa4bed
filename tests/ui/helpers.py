"""Reading numbers back from what the window shows, independently of how it formats them."""

from __future__ import annotations

import math

from hjk_desktop.core.table import VALUE


def parse_shown(text: str) -> float:
    """'≈ 12,5' → 12.5; '–' or '' → NaN; '−3' → -3 (either decimal mark)."""
    text = text.replace("≈", "").strip().replace("−", "-").replace(",", ".")
    if text in ("", "–"):
        return math.nan
    return float(text)


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def value_columns(model) -> dict[str, int]:
    """Series key → model column, from the table the model shows."""
    return {col.key: j for j, col in enumerate(model.table.columns) if col.kind == VALUE}


def render_exhibit(view, package, exhibit_id, **options):
    """Draw an exhibit in a ChartView with its default choices, overridden by segments/rounds/populations and any
    other SelectionState field given; returns the query result drawn."""
    from hjk_desktop.core.query import default_selection, query
    from hjk_desktop.core.selection import SelectionState

    selection = default_selection(package, exhibit_id)
    for name in ("segments", "rounds", "populations"):
        if name in options:
            selection[name] = tuple(options.pop(name))
    result = query(package, exhibit_id, **selection)
    view.show_exhibit(package, result, SelectionState(exhibit=exhibit_id, **selection, **options))
    return result


def marks(view) -> list[dict]:
    """The cells the chart shows, one dict each (row, key, value, approx, status, kind, shown); [] for a page."""
    layout = view.layout
    return [m.as_dict() for m in layout.marks] if layout is not None else []


def settle(window, size=(1280, 800)) -> None:
    """Resize the window and let Qt lay it out and paint (the posted events, then the ones they post)."""
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    for _ in range(4):
        QApplication.processEvents()
