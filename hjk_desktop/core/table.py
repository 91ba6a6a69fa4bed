"""The table as users see and copy it: one row per item, a column per series, N and a difference.

The Qt model, the clipboard serialiser and the exporters all read this, so they can never disagree.
Cells stay numeric; formatting is left to the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hjk_desktop.core.codes import NB, ExhibitKind, IntervalReason, Reason, Status, Unit, exhibit_name, field_key, is_missing
from hjk_desktop.core.formatting import in_sentence
from hjk_desktop.core.messages import text
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import CELL_FIELDS, ExhibitResult, exhibit_record, series_ns

LABEL, VALUE, N, DIFF = "label", "value", "n", "diff"
CI_LO, CI_HI = "ci_lo", "ci_hi"  # nominal 95 % Wilson interval of one series' value
DIFF_LO, DIFF_HI = "diff_lo", "diff_hi"  # nominal 95 % Newcombe interval of the difference
READING = "reading"  # the plain reading of the difference interval (text)
INTERVAL_KINDS = (CI_LO, CI_HI, DIFF_LO, DIFF_HI)
SIGNED_KINDS = (DIFF, DIFF_LO, DIFF_HI)  # differences and their limits are shown with a sign



@dataclass(frozen=True)
class TableColumn:
    kind: str
    header: str
    key: str = ""  # the series key for value and N columns
    short: str = ""  # a compact header for the screen (short labels of long group names); blank: the header


@dataclass(frozen=True)
class TableCell:
    raw: float | str | None
    kind: str
    unit: str = Unit.PERCENT
    approx: bool = False
    status: str = ""
    reason: str = ""
    locator: str = ""
    formula: str = ""
    n: float | None = None
    note: str = ""
    id: str = ""
    source: str = ""

    @property
    def missing(self) -> bool:
        return self.kind != LABEL and is_missing(self.raw)


@dataclass(frozen=True)
class TableData:
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    caption: str = ""
    source: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def numeric_frame(self):
        """The table as a DataFrame of raw values (labels as text, numbers as floats, missing as NaN)."""
        import pandas as pd

        data = {}
        for j, col in enumerate(self.columns):
            name = col.header if col.header not in data else f"{col.header} [{j}]"
            data[name] = [row[j].raw for row in self.rows]
        return pd.DataFrame(data)


def source_line(package: Package, lang: str = NB) -> str:
    return text("source.line", lang, homepage=package.homepage).strip()


def exhibit_title(package: Package, exhibit_id: str, lang: str = NB) -> str:
    """'Figur 7. Title' for a numbered figure or table; the title alone otherwise."""
    ex = exhibit_record(package, exhibit_id)
    title = str(ex[f"title_{lang}"] if f"title_{lang}" in ex else ex["title_nb"])
    if ex["kind"] in (ExhibitKind.FIGURE, ExhibitKind.TABLE) and not is_missing(ex["number"]) and str(ex["number"]) != "<NA>":
        return f"{exhibit_name(ex['kind'], ex['number'], lang)}. {title}"
    return title


def caption(package: Package, exhibit_id: str, lang: str = NB, result: ExhibitResult | None = None) -> str:
    """Exhibit title with its report number, N and round.

    With ``result`` the N and round are those of what is shown (Tabell 1 with June picked names June): the
    rounds of its columns, and the N only when one column is shown (several columns each have their own N,
    listed next to the title by the chart and the header)."""
    ex = exhibit_record(package, exhibit_id)
    title = exhibit_title(package, exhibit_id, lang)
    parts = []
    grid = result is not None and bool(result.series) and all(s.population for s in result.series)
    if grid:
        ns = list(series_ns(package, result).values())
        if len(ns) == 1 and not is_missing(ns[0]):
            parts.append(f"N={int(ns[0])}")
        for round_ in dict.fromkeys(s.round for s in result.series):
            if round_:
                parts.append(in_sentence(package.label("rounds", round_, lang), lang))
    else:
        if not is_missing(ex["n"]) and str(ex["n"]) != "<NA>":
            parts.append(f"N={int(ex['n'])}")
        if ex["round"]:
            parts.append(in_sentence(package.label("rounds", ex["round"], lang), lang))
    if ex["compiled"]:
        parts.append(text("table.compiled", lang))
    return f"{title} ({', '.join(parts)})" if parts else title


def _limit(value) -> float:
    """An interval limit as the table holds it: one decimal, as shown and copied (the chart keeps full precision)."""
    value = float(value)
    return value if is_missing(value) else round(value, 1) + 0.0  # + 0.0: no "-0.0"


def build_table(package: Package, result: ExhibitResult, lang: str = NB, difference: bool = False,
                intervals: bool = False) -> TableData:
    """The table for a query result.

    difference (exactly two series): a difference column, then its nominal 95 % Newcombe interval (lower,
    upper) and a plain reading; intervals: nominal 95 % Wilson limits after each series that has any N.
    Interval cells are numbers (NaN where none can be given, with the reason in ``reason``); the reading is
    text, "N ukjent" where an N is missing.
    """
    def heads(name: str) -> str:
        return text(f"table.{name}", lang)

    cols = result.columns  # plain lists, read once: no per-cell pandas look-ups
    n_rows = result.n_rows
    columns = [TableColumn(LABEL, heads("label"))]
    several = len(result.series) > 1
    ci_frame = None
    for spec in result.series:
        label, short = spec.label(lang), spec.short(lang)
        columns.append(TableColumn(VALUE, label, spec.key, short))
        if not all(is_missing(n) for n in result.field(spec.key, "n")):
            columns.append(TableColumn(N, f"N ({label})" if several else "N", spec.key))
            if intervals:
                suffix, brief = (f" ({label})", f" ({short})") if several else ("", "")
                columns.append(TableColumn(CI_LO, heads("lo") + suffix, spec.key, heads("lo") + brief))
                columns.append(TableColumn(CI_HI, heads("hi") + suffix, spec.key, heads("hi") + brief))
    if intervals and any(c.kind == CI_LO for c in columns):
        from hjk_desktop.core.stats import interval_frame

        ci_frame = interval_frame(result)
        ci = {name: ci_frame[name].tolist() for name in ci_frame.columns}
    show_diff = difference and len(result.series) == 2
    units = cols["unit"] if "unit" in cols else [Unit.PERCENT] * n_rows
    diff = None
    if show_diff:
        from hjk_desktop.core.stats import difference_frame

        all_counts = all(u == Unit.COUNT for u in units)
        columns.append(TableColumn(DIFF, heads("diff_count" if all_counts else "diff")))
        a, b = (s.key for s in result.series)
        frame = difference_frame(result, a, b, lang)
        diff = {name: frame[name].tolist() for name in frame.columns}
        if any(u == Unit.PERCENT for u in units):
            columns += [TableColumn(DIFF_LO, heads("lo")), TableColumn(DIFF_HI, heads("hi")), TableColumn(READING, heads("reading"))]

    dependent = ""
    if show_diff:
        from hjk_desktop.core.stats import dependence

        dependent = dependence(*result.series)
    labels = cols[f"label_{lang}"]
    # each series' per-cell fields as plain lists, looked up once rather than once per cell
    fields = {spec.key: {name: result.field(spec.key, name) for name in CELL_FIELDS} for spec in result.series}
    note_field = f"note_{lang}" if f"note_{lang}" in CELL_FIELDS else ""
    rows = []
    for i in range(n_rows):
        unit = units[i]
        cells = [TableCell(str(labels[i]), LABEL, unit)]
        for col in columns[1:]:
            kind = col.kind
            if kind == VALUE:
                k = col.key
                n = fields[k]["n"][i]
                note = (fields[k][note_field][i] if note_field else "") or fields[k]["note"][i]
                cells.append(TableCell(
                    raw=float(cols[k][i]), kind=VALUE, unit=unit,
                    approx=bool(fields[k]["approx"][i]), status=str(fields[k]["status"][i]),
                    reason=str(fields[k]["reason"][i]), locator=str(fields[k]["locator"][i]),
                    formula=str(fields[k]["formula"][i]), n=None if is_missing(n) else float(n),
                    note=str(note), id=str(fields[k]["id"][i]), source=str(fields[k]["source"][i]),
                ))
            elif kind == N:
                cells.append(TableCell(float(fields[col.key]["n"][i]), N, Unit.COUNT))
            elif kind in (CI_LO, CI_HI):
                k = col.key
                raw = _limit(ci[field_key(k, "lo" if kind == CI_LO else "hi")][i])
                why = ci[field_key(k, "ci_reason")][i]
                n = fields[k]["n"][i]
                shown = not is_missing(raw)
                cells.append(TableCell(
                    raw=raw, kind=kind, unit=unit, approx=bool(fields[k]["approx"][i]) and shown,
                    status=Status.DERIVED if shown else Status.MISSING, reason=why,
                    formula=f"{heads('wilson')}: {k}, N = {n:g}" if shown else "",
                    n=None if is_missing(n) else float(n),
                ))
            elif kind == DIFF:
                a, b = (s.key for s in result.series)
                va, vb = float(cols[a][i]), float(cols[b][i])
                both = not (is_missing(va) or is_missing(vb))
                approx = bool(fields[a]["approx"][i]) or bool(fields[b]["approx"][i])
                cells.append(TableCell(
                    raw=vb - va if both else float("nan"), kind=DIFF, unit=unit, approx=approx and both,
                    status=Status.DERIVED if both else Status.MISSING, reason="" if both else Reason.NOT_STATED,
                    formula=f"{b} − {a}" if both else "",
                ))
            elif kind in (DIFF_LO, DIFF_HI):
                a, b = (s.key for s in result.series)
                raw = _limit(diff["lo" if kind == DIFF_LO else "hi"][i])
                shown = not is_missing(raw)
                approx = bool(fields[a]["approx"][i]) or bool(fields[b]["approx"][i])
                cells.append(TableCell(
                    raw=raw, kind=kind, unit=unit, approx=approx and shown,
                    status=Status.DERIVED if shown else Status.MISSING, reason=diff["reason"][i],
                    formula=f"{heads('newcombe')}: {b} − {a}" if shown else "",
                ))
            elif kind == READING:
                why = diff["reason"][i]
                if diff["reading"][i]:
                    said = diff["reading"][i]
                elif why in (IntervalReason.N_UNKNOWN, IntervalReason.NOT_PERCENT, IntervalReason.DEPENDENT):
                    said = heads(why)
                else:
                    said = None  # a value is missing: no difference at all
                if said and dependent and why != dependent:  # e.g. N unknown, and the samples overlap as well
                    said = f"{said}; {heads(dependent)}"
                cells.append(TableCell(
                    raw=said, kind=READING, unit=unit, status=Status.DERIVED if said else Status.MISSING,
                    reason=why if why != IntervalReason.MISSING else Reason.NOT_STATED,
                ))
        rows.append(tuple(cells))
    return TableData(
        columns=tuple(columns), rows=tuple(rows),
        caption=caption(package, result.exhibit_id, lang, result), source=source_line(package, lang),
        meta={"exhibit": result.exhibit_id, "lang": lang, "difference": show_diff, "intervals": bool(ci_frame is not None)},
    )
