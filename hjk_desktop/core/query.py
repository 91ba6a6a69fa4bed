"""Queries: one exhibit, the chosen segments, rounds and populations, as one frame for chart and table.

Rows are the exhibit's items × responses; columns are series (population × segment × round). A cell the
text does not give is missing (NaN) with a reason, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class SeriesSpec:
    """One column of values: a population × segment × round."""

    key: str
    population: str
    segment: str
    round: str
    label_nb: str
    label_en: str

    def label(self, lang: str = NB) -> str:
        return getattr(self, f"label_{lang}", None) or self.label_nb


@dataclass(frozen=True)
class Availability:
    """Which codes have any value for an exhibit; controls disable the rest."""

    segments: tuple[str, ...]
    rounds: tuple[str, ...]
    populations: tuple[str, ...]


@dataclass(frozen=True)
class ExhibitResult:
    """Everything a chart or a table needs for one exhibit and selection."""

    exhibit_id: str
    rows: pd.DataFrame
    series: tuple[SeriesSpec, ...]
    frame: pd.DataFrame

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.series]

    def values(self) -> pd.DataFrame:
        """Rows × series, numeric, NaN where missing."""
        return self.frame[self.keys]

    @cached_property
    def columns(self) -> dict[str, list]:
        """Every column of the frame as a plain list, read once (row i is position i): the fast path for
        drawing and tables, which would otherwise look cells up one by one. The frame must not be changed."""
        return {name: self.frame[name].tolist() for name in self.frame.columns}

    def field(self, key: str, name: str) -> list:
        """One per-cell field (a CELL_FIELDS name) of series ``key``, as a plain list by row."""
        return self.columns[field_key(key, name)]

    def cell(self, row: int, key: str) -> dict:
        """Value and provenance of one cell."""
        record = {"value": self.columns[key][row]}
        for name in CELL_FIELDS:
            record[name] = self.field(key, name)[row]
        return record

    def row_label(self, row: int, lang: str = NB) -> str:
        return str(self.rows.at[row, f"label_{lang}"])

    @cached_property
    def from_pair(self) -> bool:
        """True when some values come from the paired exhibit of another round (wording differs)."""
        ex_id = self.exhibit_id
        cols = self.columns
        return any(src != ex_id and not is_missing(v) for k in self.keys for v, src in zip(cols[k], self.field(k, "source")))

    def counts(self) -> dict[str, int]:
        """How many cells are stated, approximate, derived and missing."""
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        stated = approx = derived = missing = 0
        cols = self.columns
        for k in self.keys:
            for v, status, appr in zip(cols[k], self.field(k, "status"), self.field(k, "approx")):
                if is_missing(v):
                    missing += 1
                    continue
                stated += status == Status.STATED
                derived += status == Status.DERIVED
                approx += bool(appr)
        return {Status.STATED: stated, Status.APPROX: approx, Status.DERIVED: derived, Status.MISSING: missing}


@lru_cache(maxsize=256)
def _exhibit_data(package: Package, exhibit_id: str) -> tuple[pd.DataFrame, dict, Availability]:
    """Rows, a lookup of every value by (population, segment, round, item, response), and availability."""
    exhibit = package.exhibit(exhibit_id)
    own = package.values_for(exhibit_id)
    pair_id = exhibit["pair"] or ""
    pair = package.values_for(pair_id) if pair_id in package.exhibits.index else own.iloc[0:0]
    items = package.items_for(exhibit_id)
    scale = split_list(exhibit["scale"])
    headline = exhibit["headline"]

    present = set(zip(own["item"], own["response"]))
    extra = [r for r in dict.fromkeys(own["response"]) if r not in scale]
    order = {r: i for i, r in enumerate(package.responses.index)}
    responses = scale + sorted(extra, key=lambda r: order.get(r, len(order)))

    single_item = len(items) == 1
    single_response = len({r for _, r in present}) <= 1
    records = []
    for item in items.itertuples(index=False):
        item_responses = [r for r in responses if (item.code, r) in present]
        if single_item and exhibit["chart"] != Chart.FACTS:
            # one question with several answers: every answer of the scale is a row, stated or not
            item_responses = responses
        if not item_responses:
            item_responses = [headline]
        for response in item_responses:
            labels = {}
            for lang in LANGUAGES:
                item_label = getattr(item, f"label_{lang}")
                response_label = package.label("responses", response, lang)
                if single_item and not single_response:
                    labels[lang] = response_label
                elif single_response:
                    labels[lang] = item_label
                else:
                    labels[lang] = colon_join(item_label, response_label.lower())
            records.append({
                "item": item.code,
                "response": response,
                **{f"item_label_{lang}": getattr(item, f"label_{lang}") for lang in LANGUAGES},
                **{f"response_label_{lang}": package.label("responses", response, lang) for lang in LANGUAGES},
                **{f"label_{lang}": labels[lang] for lang in LANGUAGES},
                "population": "", "segment": "", "round": "",
            })
    if exhibit["chart"] == Chart.FACTS:
        records = _fact_rows(package, exhibit_id, own, items)
    rows = pd.DataFrame.from_records(records, columns=[
        "item", "response", *(f"{part}_{lang}" for part in ("item_label", "response_label", "label") for lang in LANGUAGES),
        "population", "segment", "round"])

    lookup: dict[tuple, dict] = {}
    own_records = own.to_dict("records")
    for records_, source in ((pair.to_dict("records") if len(pair) else [], pair_id), (own_records, exhibit_id)):
        for rec in records_:  # own values win over the pair's
            rec["source"] = source
            lookup[(rec["population"], rec["segment"], rec["round"] or Round.NONE, rec["item"], rec["response"])] = rec
    units = {}
    for rec in own_records:
        units.setdefault((rec["item"], rec["response"]), rec["unit"])
    rows["unit"] = [units.get((i, r), Unit.PERCENT) for i, r in zip(rows["item"], rows["response"])]

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


def _fact_rows(package: Package, exhibit_id: str, own: pd.DataFrame, items: pd.DataFrame) -> list[dict]:
    """Key-figure compilations list facts, one row per value, qualified by group and round."""
    item_order = {c: i for i, c in enumerate(items["code"])}
    dims = {name: {c: i for i, c in enumerate(getattr(package, name).index)} for name in ("populations", "segments", "rounds")}
    facts = sorted(own.to_dict("records"), key=lambda r: (
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


def _stated_cells(package: Package, exhibit_id: str) -> set[tuple[str, str, str]]:
    """(population, segment, round) of every value the exhibit itself gives (not its pair)."""
    own = package.values_for(exhibit_id)
    return {(p, s, r or Round.NONE) for p, s, r, v in zip(own["population"], own["segment"], own["round"], own["value"])
            if not is_missing(v)}


def default_selection(package: Package, exhibit_id: str) -> dict[str, tuple[str, ...]]:
    """What to show when a user first opens an exhibit: the segments, rounds and groups the text gives values for.

    The rule, in order (simple views first, then as many stated values as that allows):

    * rounds: the rounds of the exhibit's own values (not its pair's); the exhibit's round when it has none;
    * groups: every group with own values (the exhibit's own group when none has);
    * segments: "Alle" alone when the text gives any whole-group value for those rounds and groups (one simple
      view; the segments stay one click away), else every segment that has values (Figur 3: the state sector
      and private services). Key-figure pages list every fact, so they select every segment.
    """
    avail = availability(package, exhibit_id)
    exhibit = package.exhibit(exhibit_id)
    cells = _stated_cells(package, exhibit_id)
    own_rounds = tuple(r for r in avail.rounds if r in {c[2] for c in cells})
    rounds = own_rounds or avail.rounds
    populations = tuple(p for p in avail.populations if p in {c[0] for c in cells}) or avail.populations
    if exhibit["kind"] == ExhibitKind.KEY_FIGURES:
        return {"segments": avail.segments, "rounds": rounds, "populations": populations}
    return {"segments": segments_with_data(package, exhibit_id, rounds, populations), "rounds": rounds,
            "populations": populations}


def segments_with_data(package: Package, exhibit_id: str, rounds, populations=None) -> tuple[str, ...]:
    """The segments to show for these rounds: for each round "Alle" when it has values, else the segments that
    do (own values and the paired exhibit's); "Alle" when nothing has any."""
    avail = availability(package, exhibit_id)
    cells = set(_stated_cells(package, exhibit_id))
    pair_id = package.exhibit(exhibit_id)["pair"] or ""
    swap = _pair_populations(package, exhibit_id)
    if pair_id in package.exhibits.index:
        own_pop = package.exhibit(exhibit_id)["population"]
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
    pair_id = package.exhibit(exhibit_id)["pair"] or ""
    return pair_id if pair_id in package.exhibits.index and pair_id != exhibit_id else ""


def series_ns(package: Package, result: ExhibitResult) -> dict[str, float]:
    """The N of each series: the largest N among its values, else the N of the exhibit (or its pair) whose own
    group, round and whole segment the series is; NaN when the text gives none. Facts pages have none."""
    found: dict[str, float] = {}
    exhibits = [package.exhibit(result.exhibit_id)]
    pair_id = exhibits[0]["pair"] or ""
    if pair_id in package.exhibits.index:
        exhibits.append(package.exhibit(pair_id))
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


def _series_label(package: Package, population: str, segment: str, round_: str, show: dict, lang: str) -> str:
    parts = []
    if show["population"]:
        parts.append(package.label("populations", population, lang))
    if show["segment"] or not parts:
        parts.append(package.label("segments", segment, lang))
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
    defaults = default_selection(package, exhibit_id)
    segments = tuple(segments) if segments else defaults["segments"]
    rounds = tuple(rounds) if rounds else defaults["rounds"]
    populations = tuple(populations) if populations else defaults["populations"]

    exhibit = package.exhibit(exhibit_id)
    if exhibit["chart"] == Chart.FACTS:
        # facts, not a grid: keep the rows the selection admits, in one column of values
        keep = rows["segment"].isin(segments) & rows["round"].isin(rounds) & rows["population"].isin(populations)
        rows = rows[keep].reset_index(drop=True)
        series = [SeriesSpec(key="value", population="", segment="", round="",
                             label_nb=text("series.value", NB), label_en=text("series.value", EN))]
    else:
        swap = _pair_populations(package, exhibit_id)
        series = _grid_series(package, exhibit, segments, rounds, populations, swap)
        known_populations = (*avail.populations, *swap.values())

    data: dict[str, object] = {c: rows[c].to_numpy() for c in rows.columns}
    keys = list(zip(rows["item"], rows["response"]))
    for spec in series:
        if not spec.population:
            reason = Reason.NOT_STATED
        elif spec.population not in (avail.populations if exhibit["chart"] == Chart.FACTS else known_populations):
            reason = Reason.NO_POPULATION_DATA
        elif spec.segment not in avail.segments:
            reason = Reason.NO_SEGMENT_DATA
        elif spec.round not in avail.rounds:
            reason = Reason.NOT_ASKED
        else:
            reason = Reason.NOT_STATED
        value = np.full(len(keys), np.nan)
        cols: dict[str, list] = {name: [] for name in CELL_FIELDS}
        for i, (item, response) in enumerate(keys):
            if spec.population:
                rec = lookup.get((spec.population, spec.segment, spec.round, item, response))
            else:
                rec = lookup.get((rows.at[i, "population"], rows.at[i, "segment"], rows.at[i, "round"], item, response))
            if rec is None:
                cols["approx"].append(False)
                cols["status"].append(Status.MISSING)
                cols["reason"].append(reason)
                for name in _TEXT_FIELDS:
                    cols[name].append("")
                cols["n"].append(np.nan)
                continue
            value[i] = rec["value"]
            cols["approx"].append(bool(rec["approx"]))
            cols["status"].append(rec["status"])
            cols["reason"].append("")
            for name in _TEXT_FIELDS:
                cols[name].append(rec[name] or "")
            cols["n"].append(np.nan if is_missing(rec["n"]) else float(rec["n"]))
        data[spec.key] = value
        for name in CELL_FIELDS:
            data[field_key(spec.key, name)] = cols[name]
    if len(set(rounds)) > 1 and len(series) > 2:
        # side by side over rounds: a segment the text gives for one round only would add an empty column per
        # other round (Tabell 1's whole group in February, Figur 3's sectors in June); show the ones with values
        kept = [spec for spec in series if not np.isnan(data[spec.key]).all()]
        if kept and len(kept) < len(series):
            dropped = {spec.key for spec in series} - {spec.key for spec in kept}
            gone = dropped | {field_key(k, name) for k in dropped for name in CELL_FIELDS}
            data = {k: v for k, v in data.items() if k not in gone}
            series = kept
    frame = pd.DataFrame(data)
    return ExhibitResult(exhibit_id=exhibit_id, rows=rows, series=tuple(series), frame=frame)


def _pair_populations(package: Package, exhibit_id: str) -> dict[str, str]:
    """Rounds only the paired exhibit has, mapped to its population where that differs from this exhibit's.

    Tabell 1 (February, every representative) and Figur 3 (June, the follow-up group) ask about the same areas:
    shown side by side, the June column must name the group it comes from, not borrow Tabell 1's."""
    exhibit = package.exhibit(exhibit_id)
    pair_id = exhibit["pair"] or ""
    if pair_id not in package.exhibits.index:
        return {}
    pair_population = package.exhibit(pair_id)["population"]
    if pair_population == exhibit["population"]:
        return {}
    own_rounds = {r or Round.NONE for r in package.values_for(exhibit_id)["round"]}
    return {r or Round.NONE: pair_population for r in package.values_for(pair_id)["round"] if (r or Round.NONE) not in own_rounds}


def _grid_series(package: Package, exhibit: pd.Series, segments, rounds, populations, swap: dict[str, str]) -> list[SeriesSpec]:
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
                ))
    return series


def difference(result: ExhibitResult, first: str, second: str) -> pd.Series:
    """second − first in the values' own unit (percentage points for percentages); NaN where either is missing."""
    return result.frame[second] - result.frame[first]
