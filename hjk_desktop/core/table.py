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

HEADERS = {
    "nb": {"label": "Spørsmål / svar", "diff": "Differanse (prosentpoeng)", "diff_count": "Differanse"},
    "en": {"label": "Question / response", "diff": "Difference (percentage points)", "diff_count": "Difference"},
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


def build_table(package: Package, result: ExhibitResult, lang: str = "nb", difference: bool = False) -> TableData:
    heads = HEADERS.get(lang, HEADERS["nb"])
    frame = result.frame
    columns = [TableColumn(LABEL, heads["label"])]
    several = len(result.series) > 1
    with_n = []
    for spec in result.series:
        columns.append(TableColumn(VALUE, spec.label(lang), spec.key))
        if frame[f"{spec.key}|n"].notna().any():
            with_n.append(spec.key)
            columns.append(TableColumn(N, f"N ({spec.label(lang)})" if several else "N", spec.key))
    show_diff = difference and len(result.series) == 2
    units = list(frame["unit"]) if "unit" in frame else ["percent"] * len(frame)
    if show_diff:
        all_counts = all(u == "count" for u in units)
        columns.append(TableColumn(DIFF, heads["diff_count" if all_counts else "diff"]))

    rows = []
    for i in range(len(frame)):
        unit = units[i]
        cells = [TableCell(str(frame.at[i, f"label_{lang}"]), LABEL, unit)]
        for col in columns[1:]:
            if col.kind == VALUE:
                k = col.key
                n = frame.at[i, f"{k}|n"]
                cells.append(TableCell(
                    raw=float(frame.at[i, k]), kind=VALUE, unit=unit,
                    approx=bool(frame.at[i, f"{k}|approx"]), status=str(frame.at[i, f"{k}|status"]),
                    reason=str(frame.at[i, f"{k}|reason"]), locator=str(frame.at[i, f"{k}|locator"]),
                    formula=str(frame.at[i, f"{k}|formula"]), n=None if math.isnan(n) else float(n),
                    note=str(frame.at[i, f"{k}|note"]), id=str(frame.at[i, f"{k}|id"]), source=str(frame.at[i, f"{k}|source"]),
                ))
            elif col.kind == N:
                n = frame.at[i, f"{col.key}|n"]
                cells.append(TableCell(float(n), N, "count"))
            elif col.kind == DIFF:
                a, b = (s.key for s in result.series)
                va, vb = float(frame.at[i, a]), float(frame.at[i, b])
                both = not (math.isnan(va) or math.isnan(vb))
                approx = bool(frame.at[i, f"{a}|approx"]) or bool(frame.at[i, f"{b}|approx"])
                cells.append(TableCell(
                    raw=vb - va if both else float("nan"), kind=DIFF, unit=unit, approx=approx and both,
                    status="derived" if both else "missing", reason="" if both else "not_stated",
                    formula=f"{b} − {a}" if both else "",
                ))
        rows.append(tuple(cells))
    return TableData(
        columns=tuple(columns), rows=tuple(rows),
        caption=caption(package, result.exhibit_id, lang), source=source_line(package, lang),
        meta={"exhibit": result.exhibit_id, "lang": lang},
    )
