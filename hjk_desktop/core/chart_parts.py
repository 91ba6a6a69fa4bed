"""The parts of a chart layout: frozen records of what is drawn, where, in which colour role and with which text.

core.chart_layout makes them; the chart view paints them, ui/chart_export writes them as SVG, and
chart_layout.describe says them in words. Coordinates are data units: x along the value axis, y the
category (0, 1, … from the top). Colours are roles that the UI's theme resolves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hjk_desktop.core.codes import Status
from hjk_desktop.core.table import DIFF


class Kind:
    """What a Mark is (kind) and how it shows (shown)."""

    BAR = "bar"
    STACK = "stack"  # a part of a stacked bar
    TOTAL = "total"  # a '… eller …' total named at the end of its stack
    MISSING = Status.MISSING
    DIFF = DIFF  # a difference bar; its key is DIFF too, the table's difference column
    DRAWN = (BAR, STACK, DIFF)  # kinds with a bar of their own
    MARKER = "marker"
    LABEL = "label"
    NOTE = "note"


class Role:
    """What a colour stands for; the UI's theme turns a role into a colour."""

    SERIES = "series"  # a series' colour (index = series)
    COMPONENT = "component"  # a part of a stacked bar (index = series, component = part)
    TOTAL = "total"  # a '… eller …' total drawn alone (index = series)
    HIGHER_A = "higher_a"  # a difference where the first series is higher
    HIGHER_B = "higher_b"
    DERIVED = "derived"  # the legend's swatch for derived values
    FOREGROUND = "foreground"
    MUTED = "muted"
    GRID = "grid"


@dataclass(frozen=True)
class Colour:
    """A colour role, with the series index and the part of a stacked bar (component) it is drawn for."""

    role: str
    index: int = 0
    component: int = 0


FOREGROUND, MUTED, GRID = Colour(Role.FOREGROUND), Colour(Role.MUTED), Colour(Role.GRID)


@dataclass(frozen=True)
class Bar:
    """A bar of table row ``row`` and series ``key``: from x0 to x1, centred at y, ``height`` high."""

    row: int
    key: str
    x0: float
    x1: float
    y: float
    height: float
    colour: Colour
    status: str  # Status.STATED or Status.DERIVED
    approx: bool = False

    @property
    def derived(self) -> bool:
        return self.status == Status.DERIVED


@dataclass(frozen=True)
class Marker:
    """A missing value: a ring at the start of the axis (its words are a Label beside it)."""

    x: float
    y: float


@dataclass(frozen=True)
class Label:
    """Text on the plot. anchor is (0, 0.5) left-aligned at x, (1, 0.5) right-aligned, (0.5, 0.5) centred.
    With on_fill the text sits on a bar of colour `colour` and the UI picks black or white for it."""

    text: str
    x: float
    y: float
    anchor: tuple[float, float] = (0.0, 0.5)
    colour: Colour = FOREGROUND
    on_fill: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Interval:
    """An interval round a value, lo to hi at y: a line with end ticks ``beam`` high, ``width`` thick."""

    row: int
    key: str
    lo: float
    hi: float
    y: float
    beam: float
    width: float = 1.2  # line width


@dataclass(frozen=True)
class GridLine:
    """A vertical grid line at x."""

    x: float
    zero: bool = False  # the difference view's zero line, drawn over the bars


@dataclass(frozen=True)
class LegendEntry:
    """A legend entry: its text and colour, hatched for derived values."""

    text: str
    colour: Colour
    hatched: bool = False


@dataclass(frozen=True)
class Axis:
    """The value axis: its label, its range, its labelled and minor ticks."""

    label: str
    xmin: float
    xmax: float
    ticks: tuple[tuple[float, str], ...]  # labelled
    minor: tuple[tuple[float, str], ...] = ()
    auto: bool = False  # the screen may place its own ticks (counts); ticks are then for SVG only
    pad: float = 0.0  # room beyond each end, in data units

    @property
    def span(self) -> float:
        return self.xmax - self.xmin


@dataclass(frozen=True)
class Mark:
    """One table cell as the chart shows it: for tests, hit-testing, tooltips and the description.

    kind: bar, stack, total, missing or diff; shown: bar, marker, label (named beside a stack) or note."""

    row: int
    key: str
    value: float
    approx: bool
    status: str
    kind: str
    shown: str
    x0: float
    x1: float
    y: float
    height: float
    series: int = 0
    formula: str = ""

    def as_dict(self) -> dict:
        return {"row": self.row, "key": self.key, "value": self.value, "approx": self.approx,
                "status": self.status, "kind": self.kind, "shown": self.shown}

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and abs(y - self.y) <= self.height / 2


@dataclass(frozen=True)
class Difference:
    """One row of the difference view: d, its interval (NaN where none), the reading, why no interval, the note."""

    row: int
    d: float
    lo: float
    hi: float
    reading: str
    reason: str
    note: str

    def as_dict(self) -> dict:
        return {"row": self.row, "d": self.d, "lo": self.lo, "hi": self.hi, "reading": self.reading,
                "reason": self.reason, "note": self.note}


@dataclass(frozen=True)
class ChartLayout:
    """Everything an exhibit's chart shows, in one language: axis, categories, bars, texts, legend, notes and marks."""

    exhibit_id: str
    view: str  # View.VALUES or View.DIFFERENCE
    unit: str
    lang: str
    decimal: str
    title: str
    title_extra: str
    axis: Axis
    categories: tuple[tuple[float, str], ...]  # (centre y, label wrapped to LABEL_WRAP characters)
    n_series: int
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...]
    labels: tuple[Label, ...]
    intervals: tuple[Interval, ...]
    grid: tuple[GridLine, ...]
    legend: tuple[LegendEntry, ...]
    notes: tuple[str, ...]
    marks: tuple[Mark, ...]
    differences: tuple[Difference, ...] = ()
    # what the description needs in every language (it may be read in another than the one drawn)
    captions: Mapping[str, str] = field(default_factory=dict, compare=False)
    row_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    series_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    keys: tuple[str, ...] = ()
    spans: tuple[float, ...] = ()  # each category's height in y units (chart_layout.category_rows); none: 1 each

    def span(self, c: int) -> float:
        return self.spans[c] if c < len(self.spans) else 1.0

    @property
    def y_range(self) -> tuple[float, float]:
        below = 0.25 if any(x.note for x in self.differences) else 0.0
        if not self.categories:
            return -0.5, 0.5 + below
        first, last = self.categories[0][0], self.categories[-1][0]
        return first - self.span(0) / 2, last + self.span(len(self.categories) - 1) / 2 + below

    def marks_at(self, row: int, key: str) -> list[Mark]:
        return [m for m in self.marks if m.row == row and m.key == key]

    def mark_under(self, x: float, y: float) -> Mark | None:
        """The mark under a point in data coordinates (the pointer): a bar before a total's label, both before
        a missing value's ring."""
        for kinds in (Kind.DRAWN, (Kind.TOTAL,), (Kind.MISSING,)):
            for m in self.marks:
                if m.kind in kinds and m.contains(x, y):
                    return m
        return None


@dataclass(frozen=True)
class RankingPage:
    """A figure whose numbers the text does not give: the stated order, as a list."""

    exhibit_id: str
    title: str
    explain: str
    entries: tuple[tuple[int, str, bool], ...]  # (rank, label, shared)
    unranked: tuple[str, ...]
    lang: str
    marks: tuple = ()


@dataclass(frozen=True)
class ChapterPage:
    """A chapter shown instead of a chart: its title, summary and exhibits."""

    chapter: int
    title: str
    summary: str
    exhibits: tuple[str, ...]
    lang: str
    marks: tuple = ()
