"""What the chart shows, worked out once: a plain, frozen description that the screen paints, the exporters
write as PNG or SVG, and ``describe`` turns into the text alternative. No Qt here.

Coordinates are data units: x along the value axis, y the category (0, 1, … from the top; a series' bar
sits at an offset within its category). Colours are roles (``Colour``) that the UI resolves with its theme;
texts are catalogue texts or the package's own labels. Wrapping text to pixel widths is the UI's job.

A value the text does not give is never a bar: it is a ring and "ikke oppgitt" at the start of the axis
(a ``Marker``), or named beside a stacked bar. Derived values are hatched, approximate ones carry ≈.
"""

from __future__ import annotations

import math
import textwrap

from hjk_desktop.core import codes, stats
from hjk_desktop.core.chart_parts import (  # noqa: F401  (the parts are part of this module's API)
    FOREGROUND,
    GRID,
    MUTED,
    Axis,
    Bar,
    ChapterPage,
    ChartLayout,
    Colour,
    Difference,
    GridLine,
    Interval,
    Kind,
    Label,
    LegendEntry,
    Mark,
    Marker,
    RankingPage,
    Role,
)
from hjk_desktop.core.codes import Chart, IntervalReason, Status, Unit, View
from hjk_desktop.core.formatting import APPROX, format_number, reason_text
from hjk_desktop.core.messages import text
from hjk_desktop.core.query import exhibit_record, series_ns
from hjk_desktop.core.table import caption

LABEL_WRAP = 40  # characters per line of a category label
LABEL_SEP = " · "  # between the texts at the end of a stacked bar
INSIDE_MIN = 7  # a stacked part at least this many per cent wide carries its number inside
BAND = 0.8  # the height of a category that its bars share
LINE_AIR = 0.7  # lines' worth of air a category's label needs above and below it
BAR_LINES = 1.1  # lines' worth of height one bar needs
DIFF_BAR = 0.44


# --------------------------------------------------------------------------------------------------
# helpers


def wrap_label(label: str, width: int = LABEL_WRAP) -> str:
    lines = textwrap.wrap(str(label), width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) if lines else str(label)


def category_rows(labels: list[str], bars: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Each category's centre and height in data units, from its wrapped label: a category is as tall as its
    label's lines or its bars need, whichever is more, so one-line names are not spaced like three-line ones.
    The least category is one unit tall; bar heights are in that unit, so every bar is equally thick."""
    need = [max((label.count("\n") + 1) * 1.15 + LINE_AIR, bars * BAR_LINES) for label in labels]
    least = min(need, default=1.0)
    spans = [n / least for n in need]
    centres, y = [], 0.0
    for i, span in enumerate(spans):
        y += (spans[i - 1] + span) / 2 if i else 0.0
        centres.append(y)
    return tuple(centres), tuple(spans)


def nice_limit(reach: float) -> float:
    """The end of a symmetric difference axis: the next of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10 × a power of ten."""
    reach = max(float(reach), 1.0)
    magnitude = 10 ** math.floor(math.log10(reach))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10):
        if m * magnitude >= reach:
            return m * magnitude
    return 10 * magnitude


def tick_step(limit: float) -> float:
    """A step giving 2 to 5 ticks on each side of zero."""
    magnitude = 10 ** math.floor(math.log10(limit))
    for m in (0.5, 1, 2, 2.5, 5, 10):
        step = m * magnitude
        if limit / step <= 5 and abs(limit / step - round(limit / step)) < 1e-9:
            return step
    return limit


def count_ticks(xmax: float, decimal: str) -> tuple[tuple[float, str], ...]:
    raw = xmax / 5 if xmax > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    count = int(math.floor(xmax / step + 1e-9))
    return tuple((float(k * step), format_number(k * step, decimal)) for k in range(count + 1))


def value_text(value: float, approx, decimal: str) -> str:
    number = format_number(value, decimal)
    return f"{APPROX}{number}" if bool(approx) else number


def _lang(state) -> str:
    return codes.language(getattr(state, "language", None))


def _units(result) -> list[str]:
    cols = result.columns
    return list(cols["unit"]) if "unit" in cols else [Unit.PERCENT] * result.n_rows


def _n_line(package, result, lang: str, decimal: str) -> str:
    """Each column's N when there are several ("N ukjent" where the text gives none): never one N for all."""
    if len(result.series) < 2:
        return ""
    ns = series_ns(package, result)
    known = [(spec, ns[spec.key]) for spec in result.series if not codes.is_missing(ns.get(spec.key, math.nan))]
    unknown = len(result.series) - len(known)
    if len(result.series) > 2 and unknown > 1:  # three or more columns: name the known Ns, sum up the rest
        parts = [f"{spec.label(lang)}: N={format_number(float(n), decimal)}" for spec, n in known]
        parts.append(text("chart.n_unknown_rest" if known else "chart.n_unknown_all", lang))
        return "; ".join(parts)
    parts = []
    for spec in result.series:
        n = ns.get(spec.key, math.nan)
        shown = text("chart.n_unknown", lang) if codes.is_missing(n) else f"N={format_number(float(n), decimal)}"
        parts.append(f"{spec.label(lang)}: {shown}")
    return "; ".join(parts)


def _nominal(lang: str) -> str:
    return stats.nominal_note(codes.language(lang))


def _texts(package, result) -> dict:
    return {
        "captions": {lang: caption(package, result.exhibit_id, lang, result) for lang in codes.LANGUAGES},
        "row_labels": {lang: tuple(str(x) for x in result.columns[f"label_{lang}"]) for lang in codes.LANGUAGES},
        "series_labels": {lang: tuple(s.label(lang) for s in result.series) for lang in codes.LANGUAGES},
        "keys": tuple(result.keys),
    }


def ranking_text(package, exhibit, lang: str) -> str:
    bits = []
    for rank, items in enumerate(codes.parse_ranking(exhibit["ranking"]), start=1):
        bits.append(f"{rank}. " + " = ".join(package.item_label(exhibit["id"], c, lang) for c in items))
    return "; ".join(bits)


# --------------------------------------------------------------------------------------------------
# the values view


class _Builder:
    """Collects the parts of one layout while the rows are walked."""

    def __init__(self) -> None:
        self.bars: list[Bar] = []
        self.markers: list[Marker] = []
        self.labels: list[Label] = []
        self.intervals: list[Interval] = []
        self.marks: list[Mark] = []
        self.legend: dict[str, LegendEntry] = {}

    def legend_entry(self, name: str, colour: Colour) -> None:
        self.legend.setdefault(name, LegendEntry(name, colour))

    def missing(self, xmin: float, span: float, y: float, lang: str) -> None:
        x = xmin + span * 0.012
        self.markers.append(Marker(x, y))
        self.labels.append(Label(text("chart.not_given", lang), x + span * 0.012, y, colour=MUTED, italic=True))


def layout_chart(package, result, state) -> ChartLayout | RankingPage | None:
    """The layout of an exhibit for a selection state: the difference view where it is asked for and possible."""
    if result is None:
        return None
    exhibit = exhibit_record(package, result.exhibit_id)
    if exhibit["chart"] == Chart.RANKING:
        return ranking_page(package, result, _lang(state))
    if wants_difference(package, result, state):
        return layout_difference(package, result, state)
    return layout_values(package, result, state)


def wants_difference(package, result, state) -> bool:
    two = len(result.series) == 2 and exhibit_record(package, result.exhibit_id)["chart"] != Chart.FACTS
    return bool(getattr(state, "difference", False)) and two


def layout_values(package, result, state) -> ChartLayout:
    """Bars for every value, stacked parts for scale exhibits, rings for what the text does not give."""
    lang, decimal = _lang(state), state.decimal
    exhibit = exhibit_record(package, result.exhibit_id)
    cols = result.columns
    chart = exhibit["chart"]
    notes: list[str] = []
    units = _units(result)
    rows = list(range(result.n_rows))
    if chart == Chart.FACTS and len(set(units)) > 1:
        rows = [i for i in rows if units[i] == Unit.PERCENT]
        notes.append(text("chart.note.only_percent", lang))
    unit = Unit.COUNT if rows and all(units[i] == Unit.COUNT for i in rows) else Unit.PERCENT

    series = list(result.series)
    n_series = max(1, len(series))
    stacked = chart == Chart.STACKED
    totals = codes.total_responses(codes.split_list(exhibit["scale"]))
    if stacked:
        categories = []
        for item in dict.fromkeys(cols["item"]):
            item_rows = [i for i in rows if cols["item"][i] == item]
            if item_rows:
                categories.append((str(cols[f"item_label_{lang}"][item_rows[0]]), item_rows))
    else:
        categories = [(str(cols[f"label_{lang}"][i]), [i]) for i in rows]

    wrapped = [wrap_label(label) for label, _r in categories]
    ys, spans = category_rows(wrapped, n_series)
    finite = [float(cols[s.key][i]) for i in rows for s in series if not codes.is_missing(cols[s.key][i])]
    xmax = 100.0 if unit == Unit.PERCENT else (max(finite) * 1.18 if finite else 1.0)
    xmin, span = 0.0, xmax
    bar_h = min(BAND / n_series, 0.5)
    offset = xmax * 0.01
    b = _Builder()
    flags = {"derived": False, "missing": False, "totals_alone": False}
    wilson_on = bool(state.intervals) and unit == Unit.PERCENT

    def mark(i, key, kind, x0, x1, y, s_index, shown=Kind.BAR) -> None:
        info = result.cell(i, key)
        value = float(info["value"])
        missing = codes.is_missing(value)
        b.marks.append(Mark(i, key, math.nan if missing else value, False if missing else bool(info["approx"]),
                            Status.MISSING if missing else str(info["status"]), Kind.MISSING if missing else kind,
                            shown, x0, x1, y, bar_h, s_index, "" if missing else str(info["formula"] or "")))

    def missing_mark(i, key, y, s_index, shown=Kind.MARKER, x0=0.0) -> None:
        mark(i, key, Kind.MISSING, x0, x0 + span * 0.2, y, s_index, shown)

    def bar(i, key, x0, value, y, colour, status, approx) -> None:
        flags["derived"] |= status == Status.DERIVED
        b.bars.append(Bar(i, key, x0, x0 + value, y, bar_h, colour, status, bool(approx)))

    def interval(i, key, value, y) -> float | None:
        n = cols[codes.field_key(key, "n")][i]
        if not wilson_on or codes.is_missing(n) or n <= 0:
            return None
        lo, hi = stats.wilson(float(value), float(n))
        b.intervals.append(Interval(i, key, float(lo), float(hi), y, bar_h * 0.35))
        return float(hi)

    def value_label(label, value, y, colour, right_of=None) -> None:
        end = max(value, right_of or 0.0)
        if end > xmax * 0.86 and right_of is None:
            b.labels.append(Label(label, value - offset, y, (1.0, 0.5), colour, on_fill=True))
        else:
            b.labels.append(Label(label, end + offset, y))

    def legend_name(spec, response: str) -> str:
        if n_series > 1:
            return f"{spec.label(lang)}: {response.lower()}" if stacked else spec.label(lang)
        return response

    for c, (_label, cat_rows) in enumerate(categories):
        for s_index, spec in enumerate(series):
            y = ys[c] + (s_index - (n_series - 1) / 2) * bar_h
            key = spec.key
            values = cols[key]
            if not stacked:
                i = cat_rows[0]
                value = values[i]
                if codes.is_missing(value):
                    flags["missing"] = True
                    b.missing(xmin, span, y, lang)
                    missing_mark(i, key, y, s_index)
                    continue
                value = float(value)
                info = result.cell(i, key)
                colour = Colour(Role.SERIES, s_index)
                bar(i, key, 0.0, value, y, colour, info["status"], info["approx"])
                if n_series > 1:
                    b.legend_entry(spec.label(lang), colour)
                hi = interval(i, key, value, y)
                value_label(value_text(value, info["approx"], decimal), value, y, colour, right_of=hi)
                mark(i, key, Kind.BAR, 0.0, value, y, s_index)
                continue
            parts = [i for i in cat_rows if cols["response"][i] not in totals]
            total_rows = [i for i in cat_rows if cols["response"][i] in totals]
            stated_parts = [i for i in parts if not codes.is_missing(values[i])]
            known_totals = [i for i in total_rows if not codes.is_missing(values[i])]
            if stated_parts:
                x = 0.0
                end_bits: list[str] = []
                for i in stated_parts:
                    info = result.cell(i, key)
                    value = float(values[i])
                    response = str(cols[f"response_label_{lang}"][i])
                    colour = Colour(Role.COMPONENT, s_index, parts.index(i))
                    bar(i, key, x, value, y, colour, info["status"], info["approx"])
                    b.legend_entry(legend_name(spec, response), colour)
                    label = value_text(value, info["approx"], decimal)
                    if value >= (INSIDE_MIN if unit == Unit.PERCENT else xmax * 0.07):
                        b.labels.append(Label(label, x + value / 2, y, (0.5, 0.5), colour, on_fill=True))
                    else:
                        end_bits.append(f"{response.lower()} {label}")
                    mark(i, key, Kind.STACK, x, x + value, y, s_index)
                    x += value
                for i in known_totals:
                    info = result.cell(i, key)
                    word = text("chart.in_total", lang) + " " + value_text(float(values[i]), info["approx"], decimal)
                    if info["status"] == Status.DERIVED:
                        word += " " + text("chart.computed", lang)
                    end_bits.append(word)
                    mark(i, key, Kind.TOTAL, x, x + xmax * 0.15, y, s_index, shown=Kind.LABEL)
                missing_parts = [i for i in parts if codes.is_missing(values[i])]
                if missing_parts:
                    names = ", ".join(str(cols[f"response_label_{lang}"][i]).lower() for i in missing_parts)
                    end_bits.append(f"{names}: {text('chart.not_given', lang)}")
                for i in missing_parts + [i for i in total_rows if i not in known_totals]:
                    missing_mark(i, key, y, s_index, shown=Kind.LABEL, x0=x)
                if end_bits:
                    b.labels.append(Label(LABEL_SEP.join(end_bits), x + offset, y))
            elif known_totals:
                i = known_totals[0]
                info = result.cell(i, key)
                value = float(values[i])
                colour = Colour(Role.TOTAL, s_index)
                bar(i, key, 0.0, value, y, colour, info["status"], info["approx"])
                b.legend_entry(legend_name(spec, str(cols[f"response_label_{lang}"][i])), colour)
                value_label(value_text(value, info["approx"], decimal), value, y, colour)
                flags["totals_alone"] |= bool(parts)
                mark(i, key, Kind.BAR, 0.0, value, y, s_index)
                for p in parts:
                    missing_mark(p, key, y, s_index, shown=Kind.NOTE, x0=value)
            else:
                flags["missing"] = True
                b.missing(xmin, span, y, lang)
                for i in cat_rows:
                    missing_mark(i, key, y, s_index)

    if stacked and wilson_on:
        for m in list(b.marks):
            if m.kind in (Kind.TOTAL, Kind.BAR):
                interval(m.row, m.key, m.value, m.y)

    if unit == Unit.PERCENT:
        axis = Axis(text("chart.axis.percent", lang), 0.0, 100.0,
                    tuple((float(v), format_number(v, decimal)) for v in range(0, 101, 20)),
                    tuple((float(v), "") for v in range(10, 100, 20)), pad=xmax * 0.002)
        grid = tuple(GridLine(float(v)) for v in range(20, 101, 20))
    else:
        axis = Axis(text("chart.axis.count", lang), 0.0, xmax, count_ticks(xmax, decimal), auto=True, pad=xmax * 0.002)
        grid = ()

    legend = list(b.legend.values())
    if flags["derived"]:
        legend.append(LegendEntry(text("chart.legend.derived", lang), Colour(Role.DERIVED), hatched=True))
    if flags["missing"]:
        notes.append(text("chart.note.missing", lang))
    if flags["totals_alone"]:
        notes.append(text("chart.note.totals_alone", lang))
    if exhibit["ranking"] and chart != Chart.RANKING:
        notes.append(text("chart.note.order", lang) + " " + ranking_text(package, exhibit, lang))
    if result.from_pair:
        notes.append(text("chart.note.from_pair", lang))
    if b.intervals:
        notes.append(_nominal(lang))
    return ChartLayout(
        exhibit_id=result.exhibit_id, view=View.VALUES, unit=unit, lang=lang, decimal=decimal,
        title=caption(package, result.exhibit_id, lang, result), title_extra=_n_line(package, result, lang, decimal), axis=axis,
        categories=tuple(zip(ys, wrapped)), spans=spans, n_series=n_series,
        bars=tuple(b.bars), markers=tuple(b.markers), labels=tuple(b.labels), intervals=tuple(b.intervals), grid=grid,
        legend=tuple(legend), notes=tuple(notes), marks=tuple(b.marks), **_texts(package, result))


# --------------------------------------------------------------------------------------------------
# the difference view


def layout_difference(package, result, state) -> ChartLayout:
    """Two series: per row second minus first, centred on zero, with Newcombe's 95 % interval where both Ns are
    known and a visible "N ukjent" note where the difference is given but an N is not."""
    lang, decimal = _lang(state), state.decimal
    first, second = result.series
    cols = result.columns
    n_rows = len(cols[first.key])
    diff = stats.difference_frame(result, first.key, second.key, lang)
    d, lo, hi = diff["d"].tolist(), diff["lo"].tolist(), diff["hi"].tolist()
    readings, reasons = diff["reading"].tolist(), diff["reason"].tolist()
    units = _units(result)
    unit = Unit.COUNT if n_rows and all(u == Unit.COUNT for u in units) else Unit.PERCENT
    reach = max((abs(x) for x in (*d, *lo, *hi) if not codes.is_missing(x)), default=1.0)
    top = nice_limit(reach * 1.15)
    xmin, span = -top, 2 * top
    offset = span * 0.01
    names = {"first": first.label(lang), "second": second.label(lang)}
    b = _Builder()
    differences: list[Difference] = []
    has_missing = has_unknown = False
    wrapped = [wrap_label(str(label)) for label in cols[f"label_{lang}"]]
    ys, spans = category_rows(wrapped, 1)
    for i in range(n_rows):
        value = d[i]
        y = ys[i]
        if codes.is_missing(value):
            has_missing = True
            b.missing(xmin, span, y, lang)
            b.marks.append(Mark(i, Kind.DIFF, math.nan, False, Status.MISSING, Kind.MISSING, Kind.MARKER,
                                xmin, xmin + span * 0.2, y, DIFF_BAR))
            differences.append(Difference(i, math.nan, math.nan, math.nan, "", reasons[i], ""))
            continue
        higher_b = value >= 0
        colour = Colour(Role.HIGHER_B, 1) if higher_b else Colour(Role.HIGHER_A, 0)
        approx = bool(cols[codes.field_key(first.key, "approx")][i]) or bool(cols[codes.field_key(second.key, "approx")][i])
        b.bars.append(Bar(i, Kind.DIFF, min(0.0, value), max(0.0, value), y, DIFF_BAR, colour, Status.STATED, approx))
        b.legend_entry(text("chart.diff.higher", lang, name=names["second" if higher_b else "first"]), colour)
        end, start = max(value, 0.0), min(value, 0.0)
        if not codes.is_missing(lo[i]) and not codes.is_missing(hi[i]):
            b.intervals.append(Interval(i, Kind.DIFF, float(lo[i]), float(hi[i]), y, DIFF_BAR * 0.45, 1.4))
            end, start = max(end, hi[i]), min(start, lo[i])
        label = format_number(round(value, 9), decimal, signed=True)  # 75 − 67 may come out as 8.000000000000002
        label = f"{APPROX}{label}" if approx else label
        if higher_b:
            b.labels.append(Label(label, end + offset, y))
        else:
            b.labels.append(Label(label, start - offset, y, (1.0, 0.5)))
        note = ""
        if reasons[i] == IntervalReason.N_UNKNOWN:
            has_unknown = True
            note = text("chart.diff.n_unknown", lang)
            # under the bar, from the left edge: the whole width is free there, whatever the sign
            b.labels.append(Label(note, xmin + offset, y + DIFF_BAR * 0.5 + 0.17, colour=MUTED, italic=True))
        b.marks.append(Mark(i, Kind.DIFF, float(value), approx, Status.DERIVED, Kind.DIFF, Kind.BAR,
                            min(0.0, value), max(0.0, value), y, DIFF_BAR))
        differences.append(Difference(i, float(value), float(lo[i]), float(hi[i]), readings[i], reasons[i], note))

    step = tick_step(top)
    values = [k * step for k in range(-round(top / step), round(top / step) + 1)]
    axis = Axis(text("chart.diff.axis.percent" if unit == Unit.PERCENT else "chart.diff.axis.count", lang), -top, top,
                tuple((float(v), format_number(v, decimal, signed=True)) for v in values), pad=span * 0.04)
    notes = [text("chart.diff.note.bars", lang, **names)]
    if b.intervals:
        notes.append(text("chart.diff.note.intervals", lang) + " " + _nominal(lang))
    if has_unknown:
        notes.append(text("chart.diff.note.n_unknown", lang))
    if stats.dependence(first, second) and b.bars:  # only where a difference is drawn
        notes.append(text("chart.diff.note.dependent", lang))
    if has_missing:
        notes.append(text("chart.diff.note.missing", lang))
    extra = text("chart.diff.title", lang, **names)
    n_line = _n_line(package, result, lang, decimal)
    return ChartLayout(
        exhibit_id=result.exhibit_id, view=View.DIFFERENCE, unit=unit, lang=lang, decimal=decimal,
        title=caption(package, result.exhibit_id, lang, result), title_extra=f"{extra}. {n_line}" if n_line else extra,
        axis=axis, categories=tuple(zip(ys, wrapped)), spans=spans, n_series=1,
        bars=tuple(b.bars), markers=tuple(b.markers), labels=tuple(b.labels), intervals=tuple(b.intervals),
        grid=(GridLine(0.0, zero=True), *(GridLine(float(v)) for v in values if v)), legend=tuple(b.legend.values()),
        notes=tuple(notes), marks=tuple(b.marks), differences=tuple(differences), **_texts(package, result))


# --------------------------------------------------------------------------------------------------
# tooltips


def tooltip(package, result, row: int, key: str, lang: str, decimal: str) -> str:
    """What hovering over the value of (row, key) says: the value, N, where it stands, how it was made."""
    if key == Kind.DIFF:
        return difference_tooltip(result, row, lang, decimal)
    info = result.cell(row, key)
    spec = next(s for s in result.series if s.key == key)
    lines = [str(result.columns[f"label_{lang}"][row])]
    if len(result.series) > 1:
        lines.append(text("chart.tip.group", lang, group=spec.label(lang)))
    value = info["value"]
    if codes.is_missing(value):
        lines.append(text("chart.tip.value", lang, value=text("chart.not_given", lang)))
        lines.append(reason_text(str(info["reason"]), lang))
        return "\n".join(lines)
    shown = format_number(float(value), decimal) + (" %" if _units(result)[row] == Unit.PERCENT else "")
    if bool(info["approx"]):
        shown = f"{APPROX} {shown} " + text("chart.tip.approx", lang)
    lines.append(text("chart.tip.value", lang, value=shown))
    n = info["n"]
    if not codes.is_missing(n):
        lines.append(f"N = {format_number(float(n), decimal)}")
    elif _units(result)[row] == Unit.PERCENT:  # a count (a panel size, an N itself) has no N to miss
        lines.append(text("chart.tip.n_not_given", lang))
    if info["status"] == Status.DERIVED:
        lines.append(text("chart.tip.derived", lang, formula=info["formula"] or "–"))
    else:
        lines.append(text("chart.tip.stated", lang))
    if info["locator"]:
        lines.append(text("chart.tip.locator", lang, locator=info["locator"]))
    if info["source"] and info["source"] != result.exhibit_id:
        lines.append(text("chart.tip.from", lang, source=info["source"]))
    note = (info.get("note_en") if lang == codes.EN else "") or info["note"]
    if note:
        lines.append(str(note))
    return "\n".join(lines)


def difference_tooltip(result, row: int, lang: str, decimal: str) -> str:
    """Both values with their N, the difference, its nominal interval and reading (or why there is none)."""
    first, second = result.series
    cols = result.columns
    x = stats.difference_frame(result, first.key, second.key, lang).iloc[row]
    lines = [str(cols[f"label_{lang}"][row])]
    for spec in (first, second):
        value, n = cols[spec.key][row], cols[codes.field_key(spec.key, "n")][row]
        shown = text("chart.not_given", lang) if codes.is_missing(value) else format_number(value, decimal)
        n_text = text("chart.tip.n_not_given", lang) if codes.is_missing(n) else f"N = {format_number(n, decimal)}"
        lines.append(f"{spec.label(lang)}: {shown} ({n_text})")
    if codes.is_missing(x["d"]):
        lines.append(text("chart.tip.no_difference", lang))
        return "\n".join(lines)
    lines.append(text("chart.tip.difference", lang, d=format_number(round(x["d"], 9), decimal, signed=True)))
    if not codes.is_missing(x["lo"]) and not codes.is_missing(x["hi"]):
        lines.append(text("chart.tip.interval", lang, lo=format_number(x["lo"], decimal, digits=1, signed=True),
                          hi=format_number(x["hi"], decimal, digits=1, signed=True)))
        lines.append(text("chart.tip.reading", lang, reading=x["reading"]))
    else:
        lines.append(stats.ci_reason_text(x["reason"], lang))
        dependent = stats.dependence(first, second)
        if dependent and x["reason"] != dependent:  # N unknown and overlapping samples: say both
            lines.append(stats.ci_reason_text(dependent, lang))
    lines.append(_nominal(lang))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# pages without bars


def ranking_entries(package, result, lang: str) -> list[tuple[int, str]]:
    """The stated order of a ranking exhibit: (rank, label) in order; ties share a rank."""
    exhibit = exhibit_record(package, result.exhibit_id)
    return [(rank, package.item_label(result.exhibit_id, item, lang))
            for rank, items in enumerate(codes.parse_ranking(exhibit["ranking"]), start=1) for item in items]


def ranking_page(package, result, lang: str) -> RankingPage:
    exhibit = exhibit_record(package, result.exhibit_id)
    ranks = codes.parse_ranking(exhibit["ranking"])
    entries = tuple((rank, package.item_label(result.exhibit_id, item, lang), len(items) > 1)
                    for rank, items in enumerate(ranks, start=1) for item in items)
    ranked = {item for items in ranks for item in items}
    rest = tuple(package.item_label(result.exhibit_id, c, lang) for c in dict.fromkeys(result.columns["item"]) if c not in ranked)
    return RankingPage(result.exhibit_id, caption(package, result.exhibit_id, lang), text("chart.ranking.explain", lang),
                       entries, rest, lang)


def chapter_page(package, chapter: int, lang: str) -> ChapterPage:
    row = package.chapter(int(chapter))
    return ChapterPage(int(chapter), f"{int(chapter)}. {row[f'title_{lang}']}", str(row[f"summary_{lang}"] or ""),
                       tuple(caption(package, ex, lang) for ex in package.exhibits_in(int(chapter))), lang)


def shared_text(rank: int, shared: bool, lang: str) -> str:
    return text("chart.ranking.shared", lang, rank=rank) if shared else ""


# --------------------------------------------------------------------------------------------------
# the text alternative


def describe(layout, lang: str | None = None) -> str:
    """The chart in words: every number shown, and which are missing. Pages are described in their own language."""
    if layout is None:
        return ""
    if isinstance(layout, RankingPage):
        lines = [layout.title, layout.explain]
        lines += [f"{rank}. {name} {shared_text(rank, shared, layout.lang)}".rstrip() for rank, name, shared in layout.entries]
        if layout.unranked:
            lines.append(text("chart.ranking.rest", layout.lang) + " " + ", ".join(layout.unranked))
        return "\n".join(lines)
    if isinstance(layout, ChapterPage):
        return "\n".join([layout.title, layout.summary, *(f"- {name}" for name in layout.exhibits)])
    lang = codes.language(lang or layout.lang)
    if layout.view == View.DIFFERENCE:
        return "\n".join(_describe_difference(layout, lang))
    unit = text(f"chart.describe.unit.{layout.unit}", lang)
    lines = [layout.captions.get(lang, layout.title), text("chart.describe.axis", lang, unit=unit)]
    labels = layout.row_labels[lang]
    series = dict(zip(layout.keys, layout.series_labels[lang]))
    shown = missing = 0
    for m in layout.marks:
        label = labels[m.row] + (f" ({series[m.key]})" if len(layout.keys) > 1 else "")
        if m.kind == Kind.MISSING:
            missing += 1
            lines.append(f"- {label}: {text('chart.describe.missing', lang)}")
            continue
        shown += 1
        words = format_number(m.value, layout.decimal)
        if m.approx:
            words = f"{text('chart.describe.approx', lang)} {words}"
        if m.status == Status.DERIVED:
            words += f" ({text('chart.describe.derived', lang)}: {m.formula})"
        lines.append(f"- {label}: {words}")
    lines.append(text("chart.describe.counts", lang, shown=shown, missing=missing))
    return "\n".join(lines)


def _describe_difference(layout: ChartLayout, lang: str) -> list[str]:
    first, second = layout.series_labels[lang]
    labels, decimal = layout.row_labels[lang], layout.decimal
    lines = [layout.captions.get(lang, layout.title), text("chart.describe.diff.head", lang, first=first, second=second)]
    for x in layout.differences:
        if codes.is_missing(x.d):
            lines.append(f"- {labels[x.row]}: {text('chart.describe.diff.none', lang)}")
            continue
        words = format_number(round(x.d, 9), decimal, signed=True)
        if not codes.is_missing(x.lo):
            words += " (" + text("chart.describe.diff.ci", lang, lo=format_number(x.lo, decimal, digits=1, signed=True),
                                 hi=format_number(x.hi, decimal, digits=1, signed=True),
                                 reading=stats.reading(x.lo, x.hi, lang)) + ")"
        elif x.reason == IntervalReason.N_UNKNOWN:
            words += f" ({text('chart.diff.n_unknown', lang)})"
        elif x.reason == IntervalReason.DEPENDENT:
            words += f" ({stats.ci_reason_text(x.reason, lang)})"
        lines.append(f"- {labels[x.row]}: {words}")
    if layout.intervals:
        lines.append(_nominal(lang))
    return lines
