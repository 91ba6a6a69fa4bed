"""The table as users see and copy it: one row per item, a column per series, N and a difference.

The Qt model, the clipboard serialiser and the exporters all read this, so they can never disagree.
Cells stay numeric; formatting is left to the edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult

LABEL, VALUE, N, DIFF = "label", "value", "n", "diff"
CI_LO, CI_HI = "ci_lo", "ci_hi"  # nominal 95 % Wilson interval of one series' value
DIFF_LO, DIFF_HI = "diff_lo", "diff_hi"  # nominal 95 % Newcombe interval of the difference
READING = "reading"  # the plain reading of the difference interval (text)
INTERVAL_KINDS = (CI_LO, CI_HI, DIFF_LO, DIFF_HI)
SIGNED_KINDS = (DIFF, DIFF_LO, DIFF_HI)  # differences and their limits are shown with a sign

HEADERS = {
    "nb": {"label": "Spørsmål / svar", "diff": "Differanse (prosentpoeng)", "diff_count": "Differanse",
           "lo": "95 % KI (nominelt), nedre", "hi": "95 % KI (nominelt), øvre", "reading": "Lesning",
           "n_unknown": "N ukjent", "not_percent": "bare for prosent",
           "wilson": "Wilson-intervall, 95 %", "newcombe": "Newcombe-intervall (metode 10), 95 %"},
    "en": {"label": "Question / response", "diff": "Difference (percentage points)", "diff_count": "Difference",
           "lo": "95% CI (nominal), lower", "hi": "95% CI (nominal), upper", "reading": "Reading",
           "n_unknown": "N unknown", "not_percent": "percentages only",
           "wilson": "Wilson interval, 95%", "newcombe": "Newcombe interval (method 10), 95%"},
}


@dataclass(frozen=True)
class TableColumn:
    kind: str
    header: str
    key: str = ""  # the series key for value and N columns


@dataclass(frozen=True)
class TableCell:
    raw: float | str | None
    kind: str
    unit: str = "percent"
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
        return self.kind != LABEL and (self.raw is None or (isinstance(self.raw, float) and math.isnan(self.raw)))


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


def source_line(package: Package, lang: str = "nb") -> str:
    prefix = "Kilde" if lang == "nb" else "Source"
    return f"{prefix}: Ødegård & Andersen (2021), LOs tillitsvalgtpanel om hjemmekontor, Fafo-notat 2021:20. {package.homepage}".strip()


def caption(package: Package, exhibit_id: str, lang: str = "nb") -> str:
    """Exhibit title with its report number, N and round."""
    ex = package.exhibit(exhibit_id)
    kind = {"figure": ("Figur", "Figure"), "table": ("Tabell", "Table")}.get(ex["kind"])
    title = str(ex[f"title_{lang}"])
    if kind and ex["number"] is not None and str(ex["number"]) != "<NA>":
        title = f"{kind[0 if lang == 'nb' else 1]} {int(ex['number'])}. {title}"
    parts = []
    if ex["n"] is not None and str(ex["n"]) != "<NA>":
        parts.append(f"N={int(ex['n'])}")
    if ex["round"]:
        parts.append(package.label("rounds", ex["round"], lang))
    if ex["compiled"]:
        parts.append("samlet fra teksten" if lang == "nb" else "compiled from the text")
    return f"{title} ({', '.join(parts)})" if parts else title


def _limit(value) -> float:
    """An interval limit as the table holds it: one decimal, as shown and copied (the chart keeps full precision)."""
    value = float(value)
    return value if math.isnan(value) else round(value, 1) + 0.0  # + 0.0: no "-0.0"


def build_table(package: Package, result: ExhibitResult, lang: str = "nb", difference: bool = False,
                intervals: bool = False) -> TableData:
    """The table for a query result.

    difference (exactly two series): a difference column, then its nominal 95 % Newcombe interval (lower,
    upper) and a plain reading; intervals: nominal 95 % Wilson limits after each series that has any N.
    Interval cells are numbers (NaN where none can be given, with the reason in ``reason``); the reading is
    text, "N ukjent" where an N is missing.
    """
    heads = HEADERS.get(lang, HEADERS["nb"])
    cols = result.columns  # plain lists, read once: no per-cell pandas look-ups
    n_rows = len(result.frame)
    columns = [TableColumn(LABEL, heads["label"])]
    several = len(result.series) > 1
    ci_frame = None
    for spec in result.series:
        label = spec.label(lang)
        columns.append(TableColumn(VALUE, label, spec.key))
        if any(n == n for n in cols[f"{spec.key}|n"]):  # n == n: not NaN
            columns.append(TableColumn(N, f"N ({label})" if several else "N", spec.key))
            if intervals:
                suffix = f" ({label})" if several else ""
                columns.append(TableColumn(CI_LO, heads["lo"] + suffix, spec.key))
                columns.append(TableColumn(CI_HI, heads["hi"] + suffix, spec.key))
    if intervals and any(c.kind == CI_LO for c in columns):
        from hjk_desktop.core.stats import interval_frame

        ci_frame = interval_frame(result)
        ci = {name: ci_frame[name].tolist() for name in ci_frame.columns}
    show_diff = difference and len(result.series) == 2
    units = cols["unit"] if "unit" in cols else ["percent"] * n_rows
    diff = None
    if show_diff:
        from hjk_desktop.core.stats import difference_frame

        all_counts = all(u == "count" for u in units)
        columns.append(TableColumn(DIFF, heads["diff_count" if all_counts else "diff"]))
        a, b = (s.key for s in result.series)
        frame = difference_frame(result, a, b, lang)
        diff = {name: frame[name].tolist() for name in frame.columns}
        if any(u == "percent" for u in units):
            columns += [TableColumn(DIFF_LO, heads["lo"]), TableColumn(DIFF_HI, heads["hi"]), TableColumn(READING, heads["reading"])]

    labels = cols[f"label_{lang}"]
    rows = []
    for i in range(n_rows):
        unit = units[i]
        cells = [TableCell(str(labels[i]), LABEL, unit)]
        for col in columns[1:]:
            kind = col.kind
            if kind == VALUE:
                k = col.key
                n = cols[f"{k}|n"][i]
                cells.append(TableCell(
                    raw=float(cols[k][i]), kind=VALUE, unit=unit,
                    approx=bool(cols[f"{k}|approx"][i]), status=str(cols[f"{k}|status"][i]),
                    reason=str(cols[f"{k}|reason"][i]), locator=str(cols[f"{k}|locator"][i]),
                    formula=str(cols[f"{k}|formula"][i]), n=None if n != n else float(n),
                    note=str((cols[f"{k}|note_en"][i] if lang == "en" else "") or cols[f"{k}|note"][i]), id=str(cols[f"{k}|id"][i]), source=str(cols[f"{k}|source"][i]),
                ))
            elif kind == N:
                cells.append(TableCell(float(cols[f"{col.key}|n"][i]), N, "count"))
            elif kind in (CI_LO, CI_HI):
                k = col.key
                raw = _limit(ci[f"{k}|{'lo' if kind == CI_LO else 'hi'}"][i])
                why = ci[f"{k}|ci_reason"][i]
                n = cols[f"{k}|n"][i]
                cells.append(TableCell(
                    raw=raw, kind=kind, unit=unit, approx=bool(cols[f"{k}|approx"][i]) and raw == raw,
                    status="derived" if raw == raw else "missing", reason=why,
                    formula=f"{heads['wilson']}: {k}, N = {n:g}" if raw == raw else "",
                    n=None if n != n else float(n),
                ))
            elif kind == DIFF:
                a, b = (s.key for s in result.series)
                va, vb = float(cols[a][i]), float(cols[b][i])
                both = not (math.isnan(va) or math.isnan(vb))
                approx = bool(cols[f"{a}|approx"][i]) or bool(cols[f"{b}|approx"][i])
                cells.append(TableCell(
                    raw=vb - va if both else float("nan"), kind=DIFF, unit=unit, approx=approx and both,
                    status="derived" if both else "missing", reason="" if both else "not_stated",
                    formula=f"{b} − {a}" if both else "",
                ))
            elif kind in (DIFF_LO, DIFF_HI):
                a, b = (s.key for s in result.series)
                raw = _limit(diff["lo" if kind == DIFF_LO else "hi"][i])
                approx = bool(cols[f"{a}|approx"][i]) or bool(cols[f"{b}|approx"][i])
                cells.append(TableCell(
                    raw=raw, kind=kind, unit=unit, approx=approx and raw == raw,
                    status="derived" if raw == raw else "missing", reason=diff["reason"][i],
                    formula=f"{heads['newcombe']}: {b} − {a}" if raw == raw else "",
                ))
            elif kind == READING:
                why = diff["reason"][i]
                if diff["reading"][i]:
                    text = diff["reading"][i]
                elif why in ("n_unknown", "not_percent"):
                    text = heads[why]
                else:
                    text = None  # a value is missing: no difference at all
                cells.append(TableCell(
                    raw=text, kind=READING, unit=unit, status="derived" if text else "missing",
                    reason=why if why != "missing" else "not_stated",
                ))
        rows.append(tuple(cells))
    return TableData(
        columns=tuple(columns), rows=tuple(rows),
        caption=caption(package, result.exhibit_id, lang), source=source_line(package, lang),
        meta={"exhibit": result.exhibit_id, "lang": lang, "difference": show_diff, "intervals": bool(ci_frame is not None)},
    )
