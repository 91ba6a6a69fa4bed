"""Queries: one exhibit, the chosen segments, rounds and populations, as one table for chart and table.

Rows are the exhibit's items × responses; columns are series (population × segment × round). A cell the
text does not give is missing (NaN) with a reason, never 0.

Switching exhibits is the window's most frequent action, so a query builds no pandas frames: each exhibit's
rows and value look-up are worked out once (from a per-package index of the values by exhibit, built on first
use, so no query scans the whole package) and a result holds plain lists. ``ExhibitResult.frame`` and ``rows``
are the same data as DataFrames, built only when asked for (export, statistics).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from hjk_desktop.core.codes import (
    ALL,
    EN,
    LANGUAGES,
    NB,
    Chart,
    ExhibitKind,
    Reason,
    Round,
    Status,
    Unit,
    field_key,
    is_missing,
    series_key,
    split_list,
)
from hjk_desktop.core.formatting import colon_join
from hjk_desktop.core.messages import text
from hjk_desktop.core.package import Package

CELL_FIELDS = ("approx", "status", "locator", "n", "reason", "formula", "id", "source", "note", "note_en")
_TEXT_FIELDS = ("locator", "formula", "id", "source", "note", "note_en")
ROW_FIELDS = ("item", "response", *(f"{part}_{lang}" for part in ("item_label", "response_label", "label") for lang in LANGUAGES),
              "population", "segment", "round", "unit")


# -- the per-package index ---------------------------------------------------------------------------
_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _index(package: Package) -> dict:
    """What a package's queries share, built as it is first needed (a package's frames never change): for its
    values, items and exhibits, each column as an array and each exhibit's row positions, found in one pass;
    then each exhibit's rows as plain lists."""
    found = _INDEXES.get(package)
    if found is None:
        found = _INDEXES[package] = {"columns": {}, "positions": {}, "rows": {}}
    return found


def _positions(codes: np.ndarray) -> dict:
    """Row positions (ascending) of each distinct value of ``codes``: one sort, no scan per value."""
    inverse, keys = pd.factorize(codes)
    if not len(keys):
        return {}
    kept = inverse >= 0  # (a missing exhibit id belongs to no exhibit)
    order = np.flatnonzero(kept)[np.argsort(inverse[kept], kind="stable")]
    bounds = np.cumsum(np.bincount(inverse[kept], minlength=len(keys)))[:-1]
    return dict(zip(keys.tolist(), np.split(order, bounds)))


def _array(column: pd.Series) -> np.ndarray:
    """A column as an array whose items are the values ``Series.tolist`` gives (ints and NA stay so in nullable columns)."""
    return column.to_numpy() if isinstance(column.dtype, np.dtype) else column.to_numpy(dtype=object)


def _table(package: Package, name: str) -> tuple[dict[str, np.ndarray], dict]:
    """The columns of a package table ("values", "items") as arrays, and each exhibit's row positions in it."""
    index = _index(package)
    if name not in index["columns"]:
        frame: pd.DataFrame = getattr(package, name)
        index["columns"][name] = {column: _array(frame[column]) for column in frame.columns}
        index["positions"][name] = _positions(frame["exhibit"].to_numpy()) if len(frame) else {}
    return index["columns"][name], index["positions"][name]


def rows_of(package: Package, name: str, exhibit_id: str) -> dict[str, list]:
    """An exhibit's rows of the package's "values" or "items" (in the file's order), as plain lists by column.
    The lists are shared: do not change them."""
    cache = _index(package)["rows"].setdefault(name, {})
    found = cache.get(exhibit_id)
    if found is None:
        columns, positions = _table(package, name)
        at = positions.get(exhibit_id)
        found = cache[exhibit_id] = {column: (array[at].tolist() if at is not None else []) for column, array in columns.items()}
    return found


def _records(rows: dict[str, list]) -> list[dict]:
    names = list(rows)
    return [dict(zip(names, row)) for row in zip(*rows.values())] if names else []


def exhibit_record(package: Package, exhibit_id: str) -> dict:
    """The exhibit's row as a plain dict with its id (reading a pandas Series field by field is slow)."""
    index = _index(package)
    records = index.setdefault("records", {})
    record = records.get(exhibit_id)
    if record is None:
        if "exhibit_columns" not in index:  # every column once, as Python values (what Series.to_dict gives)
            frame = package.exhibits
            index["exhibit_columns"] = {column: frame[column].tolist() for column in frame.columns}
            index["exhibit_rows"] = {ex_id: i for i, ex_id in enumerate(frame.index)}
        row = index["exhibit_rows"].get(exhibit_id)
        if row is None:
            raise KeyError(f"unknown exhibit {exhibit_id!r}")
        record = {"id": exhibit_id, **{column: values[row] for column, values in index["exhibit_columns"].items()}}
        records[exhibit_id] = record
    return record


def pair_of(package: Package, exhibit_id: str) -> str:
    """The paired exhibit's id when the package has it (the same question in another round), else ""."""
    pair_id = exhibit_record(package, exhibit_id)["pair"] or ""
    return pair_id if isinstance(pair_id, str) and pair_id in package.exhibits.index else ""


@dataclass(frozen=True)
class SeriesSpec:
    """One column of values: a population × segment × round."""

    key: str
    population: str
    segment: str
    round: str
    label_nb: str
    label_en: str
    short_nb: str = ""  # with short labels (segments' and populations' short_*) for compact column headers
    short_en: str = ""

    def label(self, lang: str = NB) -> str:
        return getattr(self, f"label_{lang}", None) or self.label_nb

    def short(self, lang: str = NB) -> str:
        return getattr(self, f"short_{lang}", None) or self.label(lang)


@dataclass(frozen=True)
class Availability:
    """Which codes have any value for an exhibit; controls disable the rest."""

    segments: tuple[str, ...]
    rounds: tuple[str, ...]
    populations: tuple[str, ...]


class _LazyFrame:
    """``ExhibitResult.frame``: built from the plain columns when first read. A frame given to the constructor
    (``dataclasses.replace(result, frame=...)``) is kept and the columns are read from it."""

    def __get__(self, obj, owner=None):
        if obj is None:
            return None  # the field's default: no frame given
        frame = obj.__dict__.get("_frame")
        if frame is None:
            values = set(obj.keys)
            frame = pd.DataFrame({name: np.asarray(column, dtype=float) if name in values else column
                                  for name, column in obj.data.items()}, index=pd.RangeIndex(obj.n_rows))
            obj.__dict__["_frame"] = frame
        return frame

    def __set__(self, obj, value) -> None:
        if not isinstance(value, _LazyFrame):  # (the dataclass' default is this descriptor itself)
            obj.__dict__["_frame"] = value


@dataclass(frozen=True, eq=False)
class ExhibitResult:
    """Everything a chart or a table needs for one exhibit and selection.

    ``data`` holds every column as a plain list (row i is position i): the row fields (ROW_FIELDS), then for
    each series its values and per-cell fields. It is shared with caches and must not be changed. ``frame``
    (rows × every column, values as floats with NaN where missing) and ``rows`` are DataFrames of the same
    data, built when first read."""

    exhibit_id: str
    series: tuple[SeriesSpec, ...]
    data: dict[str, list] = field(default_factory=dict, repr=False)
    n_rows: int = 0
    frame: pd.DataFrame | None = field(default=_LazyFrame(), repr=False)

    def __post_init__(self) -> None:
        given = self.__dict__.get("_frame")
        if given is not None:  # a frame was handed in: it is the data
            object.__setattr__(self, "data", {name: given[name].tolist() for name in given.columns})
            object.__setattr__(self, "n_rows", len(given))

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.series]

    @cached_property
    def rows(self) -> pd.DataFrame:
        """The row fields (item, response, labels, population, segment, round, unit) as a DataFrame."""
        return pd.DataFrame({name: self.data[name] for name in ROW_FIELDS if name in self.data}, index=pd.RangeIndex(self.n_rows))

    def values(self) -> pd.DataFrame:
        """Rows × series, numeric, NaN where missing."""
        return self.frame[self.keys]

    @property
    def columns(self) -> dict[str, list]:
        """Every column as a plain list (row i is position i): the fast path for drawing and tables."""
        return self.data

    def field(self, key: str, name: str) -> list:
        """One per-cell field (a CELL_FIELDS name) of series ``key``, as a plain list by row."""
        return self.data[field_key(key, name)]

    def cell(self, row: int, key: str) -> dict:
        """Value and provenance of one cell."""
        record = {"value": self.data[key][row]}
        for name in CELL_FIELDS:
            record[name] = self.field(key, name)[row]
        return record

    def row_label(self, row: int, lang: str = NB) -> str:
        return str(self.data[f"label_{lang}"][row])

    @cached_property
    def from_pair(self) -> bool:
        """True when some values come from the paired exhibit of another round (wording differs)."""
        ex_id = self.exhibit_id
        cols = self.data
        return any(src != ex_id and not is_missing(v) for k in self.keys for v, src in zip(cols[k], self.field(k, "source")))

    def counts(self) -> dict[str, int]:
        """How many cells are stated, approximate, derived and missing."""
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        stated = approx = derived = missing = 0
        cols = self.data
        for k in self.keys:
            for v, status, appr in zip(cols[k], self.field(k, "status"), self.field(k, "approx")):
                if is_missing(v):
                    missing += 1
                    continue
                stated += status == Status.STATED
                derived += status == Status.DERIVED
                approx += bool(appr)
        return {Status.STATED: stated, Status.APPROX: approx, Status.DERIVED: derived, Status.MISSING: missing}


@lru_cache(maxsize=512)
def _exhibit_data(package: Package, exhibit_id: str) -> tuple[dict[str, list], dict, Availability]:
    """Rows (ROW_FIELDS as plain lists), a lookup of every value by (population, segment, round, item,
    response), and availability; worked out once per exhibit."""
    exhibit = exhibit_record(package, exhibit_id)
    own = rows_of(package, "values", exhibit_id)
    pair_id = pair_of(package, exhibit_id)
    pair = rows_of(package, "values", pair_id) if pair_id else {name: [] for name in own}
    items = _records(rows_of(package, "items", exhibit_id))
    items.sort(key=lambda item: (is_missing(item["order"]), 0 if is_missing(item["order"]) else item["order"]))
    scale = split_list(exhibit["scale"])
    headline = exhibit["headline"]
    own_records = _records(own)

    present = {(rec["item"], rec["response"]) for rec in own_records}
    extra = [r for r in dict.fromkeys(rec["response"] for rec in own_records) if r not in scale]
    order = {r: i for i, r in enumerate(package.responses.index)}
    responses = scale + sorted(extra, key=lambda r: order.get(r, len(order)))

    single_item = len(items) == 1
    single_response = len({r for _, r in present}) <= 1
    records = []
    for item in items:
        item_responses = [r for r in responses if (item["code"], r) in present]
        if single_item and exhibit["chart"] != Chart.FACTS:
            # one question with several answers: every answer of the scale is a row, stated or not
            item_responses = responses
        if not item_responses:
            item_responses = [headline]
        for response in item_responses:
            labels = {}
            for lang in LANGUAGES:
                item_label = item[f"label_{lang}"]
                response_label = package.label("responses", response, lang)
                if single_item and not single_response:
                    labels[lang] = response_label
                elif single_response:
                    labels[lang] = item_label
                else:
                    labels[lang] = colon_join(item_label, response_label.lower())
            records.append({
                "item": item["code"],
                "response": response,
                **{f"item_label_{lang}": item[f"label_{lang}"] for lang in LANGUAGES},
                **{f"response_label_{lang}": package.label("responses", response, lang) for lang in LANGUAGES},
                **{f"label_{lang}": labels[lang] for lang in LANGUAGES},
                "population": "", "segment": "", "round": "",
            })
    if exhibit["chart"] == Chart.FACTS:
        records = _fact_rows(package, exhibit_id, own_records, items)
    units: dict[tuple, str] = {}
    for rec in own_records:
        units.setdefault((rec["item"], rec["response"]), rec["unit"])
    for rec in records:
        rec["unit"] = units.get((rec["item"], rec["response"]), Unit.PERCENT)
    rows = {name: [rec[name] for rec in records] for name in ROW_FIELDS}

    lookup: dict[tuple, dict] = {}
    for records_, source in ((_records(pair), pair_id), (own_records, exhibit_id)):
        for rec in records_:  # own values win over the pair's
            rec["source"] = source
            lookup[(rec["population"], rec["segment"], rec["round"] or Round.NONE, rec["item"], rec["response"])] = rec

    def ordered(codes: set, table: pd.DataFrame) -> tuple[str, ...]:
        known = [c for c in table.index if c in codes]
        return tuple(known + sorted(codes - set(known)))

    # the exhibit's own population, round and the whole group were asked even where the text gives no number
    populations = set(own["population"]) | {exhibit["population"]}
    rounds = {r or Round.NONE for r in own["round"]} | {r or Round.NONE for r in pair["round"]}
    rounds |= {exhibit["round"]} if exhibit["round"] else set()
    availability = Availability(
        segments=ordered(set(own["segment"]) | set(pair["segment"]) | {ALL}, package.segments),
        rounds=ordered(rounds, package.rounds),
        populations=ordered(populations, package.populations),
    )
    return rows, lookup, availability


def _fact_rows(package: Package, exhibit_id: str, own_records: list[dict], items: list[dict]) -> list[dict]:
    """Key-figure compilations list facts, one row per value, qualified by group and round."""
    item_order = {item["code"]: i for i, item in enumerate(items)}
    dims = {name: {c: i for i, c in enumerate(getattr(package, name).index)} for name in ("populations", "segments", "rounds")}
    facts = sorted(own_records, key=lambda r: (
        item_order.get(r["item"], 99), dims["populations"].get(r["population"], 99),
        dims["segments"].get(r["segment"], 99), dims["rounds"].get(r["round"], 99)))
    records = []
    for rec in facts:
        labels = {}
        for lang in LANGUAGES:
            qualifiers = []
            if rec["population"] != ALL:
                qualifiers.append(package.label("populations", rec["population"], lang))
            if rec["segment"] != ALL:
                qualifiers.append(package.label("segments", rec["segment"], lang))
            if rec["round"]:
                qualifiers.append(package.label("rounds", rec["round"], lang))
            item_label = package.item_label(exhibit_id, rec["item"], lang)
            labels[lang] = f"{item_label} ({', '.join(qualifiers)})" if qualifiers else item_label
        records.append({
            "item": rec["item"], "response": rec["response"],
            **{f"item_label_{lang}": package.item_label(exhibit_id, rec["item"], lang) for lang in LANGUAGES},
            **{f"response_label_{lang}": package.label("responses", rec["response"], lang) for lang in LANGUAGES},
            **{f"label_{lang}": labels[lang] for lang in LANGUAGES},
            "population": rec["population"], "segment": rec["segment"], "round": rec["round"] or Round.NONE,
        })
    return records


def availability(package: Package, exhibit_id: str) -> Availability:
    return _exhibit_data(package, exhibit_id)[2]


@lru_cache(maxsize=1024)
def _stated_cells(package: Package, exhibit_id: str) -> frozenset[tuple[str, str, str]]:
    """(population, segment, round) of every value the exhibit itself gives (not its pair)."""
    own = rows_of(package, "values", exhibit_id)
    return frozenset((p, s, r or Round.NONE) for p, s, r, v in zip(own["population"], own["segment"], own["round"], own["value"])
                     if not is_missing(v))


def default_selection(package: Package, exhibit_id: str) -> dict[str, tuple[str, ...]]:
    """What to show when a user first opens an exhibit: the segments, rounds and groups the text gives values for.

    The rule, in order (simple views first, then as many stated values as that allows):

    * rounds: the rounds of the exhibit's own values (not its pair's); the exhibit's round when it has none;
    * groups: every group with own values (the exhibit's own group when none has);
    * segments: "Alle" alone when the text gives any whole-group value for those rounds and groups (one simple
      view; the segments stay one click away), else every segment that has values (Figur 3: the state sector
      and private services). Key-figure pages list every fact, so they select every segment.
    """
    return dict(_default_selection(package, exhibit_id))


@lru_cache(maxsize=1024)
def _default_selection(package: Package, exhibit_id: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    avail = availability(package, exhibit_id)
    exhibit = exhibit_record(package, exhibit_id)
    cells = _stated_cells(package, exhibit_id)
    own_rounds = tuple(r for r in avail.rounds if r in {c[2] for c in cells})
    rounds = own_rounds or avail.rounds
    populations = tuple(p for p in avail.populations if p in {c[0] for c in cells}) or avail.populations
    if exhibit["kind"] == ExhibitKind.KEY_FIGURES:
        return (("segments", avail.segments), ("rounds", rounds), ("populations", populations))
    return (("segments", segments_with_data(package, exhibit_id, rounds, populations)), ("rounds", rounds),
            ("populations", populations))


def segments_with_data(package: Package, exhibit_id: str, rounds, populations=None) -> tuple[str, ...]:
    """The segments to show for these rounds: for each round "Alle" when it has values, else the segments that
    do (own values and the paired exhibit's); "Alle" when nothing has any."""
    return _segments_with_data(package, exhibit_id, tuple(rounds), tuple(populations) if populations else None)


@lru_cache(maxsize=1024)
def _segments_with_data(package: Package, exhibit_id: str, rounds: tuple, populations: tuple | None) -> tuple[str, ...]:
    avail = availability(package, exhibit_id)
    cells = set(_stated_cells(package, exhibit_id))
    pair_id = pair_of(package, exhibit_id)
    swap = _pair_populations(package, exhibit_id)
    if pair_id:
        own_pop = exhibit_record(package, exhibit_id)["population"]
        # the pair's values count for this exhibit's own group in the rounds only the pair has (query's swap)
        cells |= {(own_pop if r in swap else p, s, r) for p, s, r in _stated_cells(package, pair_id)}
    chosen = set(populations) if populations else None
    wanted: set[str] = set()
    for round_ in rounds:
        here = {s for p, s, r in cells if r == round_ and (chosen is None or p in chosen)}
        wanted |= {ALL} if ALL in here else here
    found = tuple(s for s in avail.segments if s in wanted)
    return found or ((ALL,) if ALL in avail.segments else avail.segments[:1])


def pair_exhibit(package: Package, exhibit_id: str) -> str:
    """The exhibit that asks the same question in another round (Tabell 1 ↔ Figur 3), or ""."""
    pair_id = pair_of(package, exhibit_id)
    return pair_id if pair_id != exhibit_id else ""


def series_ns(package: Package, result: ExhibitResult) -> dict[str, float]:
    """The N of each series: the largest N among its values, else the N of the exhibit (or its pair) whose own
    group, round and whole segment the series is; NaN when the text gives none. Facts pages have none."""
    found: dict[str, float] = {}
    exhibits = [exhibit_record(package, result.exhibit_id)]
    pair_id = pair_of(package, result.exhibit_id)
    if pair_id:
        exhibits.append(exhibit_record(package, pair_id))
    for spec in result.series:
        known = [float(n) for n in result.field(spec.key, "n") if not is_missing(n)]
        n = max(known) if known else float("nan")
        if not known and spec.segment == ALL:
            for ex in exhibits:
                if spec.population == ex["population"] and spec.round == (ex["round"] or Round.NONE) and not is_missing(ex["n"]):
                    n = float(ex["n"])
                    break
        found[spec.key] = n
    return found


def _series_label(package: Package, population: str, segment: str, round_: str, show: dict, lang: str,
                  short: bool = False) -> str:
    name = package.short_label if short else package.label
    parts = []
    if show["population"]:
        parts.append(name("populations", population, lang))
    if show["segment"] or not parts:
        parts.append(name("segments", segment, lang))
    if show["round"]:
        parts.append(package.label("rounds", round_, lang) if round_ else text("series.no_round", lang))
    return ", ".join(parts)


def query(
    package: Package,
    exhibit_id: str,
    segments: tuple[str, ...] | list[str] | None = None,
    rounds: tuple[str, ...] | list[str] | None = None,
    populations: tuple[str, ...] | list[str] | None = None,
) -> ExhibitResult:
    """The exhibit for the chosen segments, rounds and populations (defaults: see default_selection)."""
    rows, lookup, avail = _exhibit_data(package, exhibit_id)
    defaults = _default_selection(package, exhibit_id)
    segments = tuple(segments) if segments else defaults[0][1]
    rounds = tuple(rounds) if rounds else defaults[1][1]
    populations = tuple(populations) if populations else defaults[2][1]

    exhibit = exhibit_record(package, exhibit_id)
    facts = exhibit["chart"] == Chart.FACTS
    if facts:
        # facts, not a grid: keep the rows the selection admits, in one column of values
        chosen = (set(segments), set(rounds), set(populations))
        keep = [i for i, (s, r, p) in enumerate(zip(rows["segment"], rows["round"], rows["population"]))
                if s in chosen[0] and r in chosen[1] and p in chosen[2]]
        if len(keep) < len(rows["item"]):
            rows = {name: [column[i] for i in keep] for name, column in rows.items()}
        series = [SeriesSpec(key="value", population="", segment="", round="",
                             label_nb=text("series.value", NB), label_en=text("series.value", EN))]
        known_populations = avail.populations
    else:
        swap = _pair_populations(package, exhibit_id)
        series = _grid_series(package, exhibit, segments, rounds, populations, swap)
        known_populations = (*avail.populations, *swap.values())

    data: dict[str, list] = dict(rows)
    n_rows = len(rows["item"])
    keys = list(zip(rows["item"], rows["response"]))
    if facts:
        keys = [(p, s, r, item, response) for p, s, r, (item, response) in zip(rows["population"], rows["segment"], rows["round"], keys)]
    nan = float("nan")
    for spec in series:
        if not spec.population:
            reason = Reason.NOT_STATED
        elif spec.population not in known_populations:
            reason = Reason.NO_POPULATION_DATA
        elif spec.segment not in avail.segments:
            reason = Reason.NO_SEGMENT_DATA
        elif spec.round not in avail.rounds:
            reason = Reason.NOT_ASKED
        else:
            reason = Reason.NOT_STATED
        value = [nan] * n_rows
        cols: dict[str, list] = {name: [] for name in CELL_FIELDS}
        where = (spec.population, spec.segment, spec.round)
        for i, key in enumerate(keys):
            rec = lookup.get(key if facts else (*where, *key))
            if rec is None:
                cols["approx"].append(False)
                cols["status"].append(Status.MISSING)
                cols["reason"].append(reason)
                for name in _TEXT_FIELDS:
                    cols[name].append("")
                cols["n"].append(nan)
                continue
            value[i] = nan if is_missing(rec["value"]) else float(rec["value"])
            cols["approx"].append(bool(rec["approx"]))
            cols["status"].append(rec["status"])
            cols["reason"].append("")
            for name in _TEXT_FIELDS:
                cols[name].append(rec[name] or "")
            cols["n"].append(nan if is_missing(rec["n"]) else float(rec["n"]))
        data[spec.key] = value
        for name in CELL_FIELDS:
            data[field_key(spec.key, name)] = cols[name]
    if len(set(rounds)) > 1 and len(series) > 2:
        # side by side over rounds: a segment the text gives for one round only would add an empty column per
        # other round (Tabell 1's whole group in February, Figur 3's sectors in June); show the ones with values
        kept = [spec for spec in series if not all(is_missing(v) for v in data[spec.key])]
        if kept and len(kept) < len(series):
            dropped = {spec.key for spec in series} - {spec.key for spec in kept}
            gone = dropped | {field_key(k, name) for k in dropped for name in CELL_FIELDS}
            data = {k: v for k, v in data.items() if k not in gone}
            series = kept
    return ExhibitResult(exhibit_id=exhibit_id, series=tuple(series), data=data, n_rows=n_rows)


@lru_cache(maxsize=1024)
def _pair_populations(package: Package, exhibit_id: str) -> dict[str, str]:
    """Rounds only the paired exhibit has, mapped to its population where that differs from this exhibit's.

    Tabell 1 (February, every representative) and Figur 3 (June, the follow-up group) ask about the same areas:
    shown side by side, the June column must name the group it comes from, not borrow Tabell 1's.
    The answer is shared between callers: do not change it."""
    exhibit = exhibit_record(package, exhibit_id)
    pair_id = pair_of(package, exhibit_id)
    if not pair_id:
        return {}
    pair_population = exhibit_record(package, pair_id)["population"]
    if pair_population == exhibit["population"]:
        return {}
    own_rounds = {r or Round.NONE for r in rows_of(package, "values", exhibit_id)["round"]}
    return {r or Round.NONE: pair_population for r in rows_of(package, "values", pair_id)["round"] if (r or Round.NONE) not in own_rounds}


def _grid_series(package: Package, exhibit: dict, segments, rounds, populations, swap: dict[str, str]) -> list[SeriesSpec]:
    own = exhibit["population"]
    used = {swap.get(r, p) if p == own else p for p in populations for r in rounds}
    show = {
        "population": len(used) > 1 or next(iter(used)) != own,
        "segment": len(segments) > 1 or segments[0] != ALL,
        "round": len(rounds) > 1,
    }
    series = []
    for chosen in populations:
        for segment in segments:
            for round_ in rounds:
                population = swap.get(round_, chosen) if chosen == own else chosen
                series.append(SeriesSpec(
                    key=series_key(population, segment, round_),
                    population=population, segment=segment, round=round_,
                    label_nb=_series_label(package, population, segment, round_, show, NB),
                    label_en=_series_label(package, population, segment, round_, show, EN),
                    short_nb=_series_label(package, population, segment, round_, show, NB, short=True),
                    short_en=_series_label(package, population, segment, round_, show, EN, short=True),
                ))
    return series


def difference(result: ExhibitResult, first: str, second: str) -> pd.Series:
    """second − first in the values' own unit (percentage points for percentages); NaN where either is missing."""
    return result.frame[second] - result.frame[first]
