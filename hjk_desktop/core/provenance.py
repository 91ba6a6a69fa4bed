"""Where a number comes from: chapter, place in the text, stated or derived (with its formula), N, round, citation.

``provenance`` gathers everything known about one cell of an ExhibitResult; ``footnote`` turns it into one
line for copying a single number with its source; ``describe_locator`` puts a locator such as ``5:tabell1:r2c1``
into words. Qt-free: the panel in hjk_desktop.ui only lays these fields out.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd

from hjk_desktop.core.comparability import exhibit_round_inferred, note_says_round_inferred
from hjk_desktop.core.formatting import MISSING, format_number, format_value, reason_text
from hjk_desktop.core.package import LOCATOR, Package
from hjk_desktop.core.query import ExhibitResult
from hjk_desktop.core.stats import NOMINAL_NOTE, wilson
from hjk_desktop.core.table import caption

_WORDS = {
    "nb": {
        "chapter": "kapittel", "p": "avsnitt", "bullet": "punkt", "figur": "figur", "tabell": "tabell",
        "figur_caption": "figurtittel (figur {n})", "tabell_caption": "tabelltittel (tabell {n})",
        "row": "rad", "col": "kolonne",
        "stated": "Oppgitt i teksten", "derived": "Beregnet fra tall i teksten", "missing": "Mangler",
        "approx": "omtrentlig (≈)", "n_unknown": "ikke oppgitt", "n_exhibit": "ikke oppgitt for denne gruppen (hele figuren: N={n})",
        "no_round": "ikke oppgitt", "inferred": "utledet, ikke nevnt i rapporten", "inferred_short": "runden er utledet",
        "source": "Kilde", "pair": "Fra {name}, der spørsmålet var formulert annerledes",
        "interval": "95 % intervall (nominelt)",
    },
    "en": {
        "chapter": "chapter", "p": "paragraph", "bullet": "bullet point", "figur": "figure", "tabell": "table",
        "figur_caption": "caption of figure {n}", "tabell_caption": "caption of table {n}",
        "row": "row", "col": "column",
        "stated": "Stated in the text", "derived": "Computed from numbers in the text", "missing": "Missing",
        "approx": "approximate (≈)", "n_unknown": "not given", "n_exhibit": "not given for this group (whole figure: N={n})",
        "no_round": "not given", "inferred": "inferred, not named in the report", "inferred_short": "round inferred",
        "source": "Source", "pair": "From {name}, where the question was worded differently",
        "interval": "95% interval (nominal)",
    },
}

LABELS = {
    "nb": {
        "exhibit": "Figur/tabell", "chapter": "Kapittel", "row": "Rad", "series": "Kolonne", "value": "Verdi",
        "status": "Status", "formula": "Formel", "locator": "Sted i rapporten", "n": "N", "round": "Runde",
        "population": "Gruppe", "segment": "Utvalg", "interval": "Usikkerhet", "note": "Merknad", "reason": "Hvorfor mangler",
        "origin": "Opphav", "citation": "Rapport", "homepage": "Publikasjonsside",
    },
    "en": {
        "exhibit": "Figure/table", "chapter": "Chapter", "row": "Row", "series": "Column", "value": "Value",
        "status": "Status", "formula": "Formula", "locator": "Place in the report", "n": "N", "round": "Round",
        "population": "Group", "segment": "Segment", "interval": "Uncertainty", "note": "Note", "reason": "Why missing",
        "origin": "Origin", "citation": "Report", "homepage": "Publication page",
    },
}


def _w(lang: str) -> dict:
    return _WORDS.get(lang, _WORDS["nb"])


def describe_locator(locator: str, lang: str = "nb") -> str:
    """``3:p4`` → "kapittel 3, avsnitt 4"; ``9:bullet2`` → "kapittel 9, punkt 2"; ``3:figur1`` → the figure's
    caption; ``5:tabell1:r2c1`` → "kapittel 5, tabell 1, rad 2, kolonne 1". Unknown forms come back unchanged."""
    if not locator:
        return ""
    m = LOCATOR.match(str(locator))
    if not m:
        return str(locator)
    w = _w(lang)
    head = f"{w['chapter']} {int(m.group('chapter'))}"
    place = m.group("place")
    for kind in ("p", "bullet"):
        if place.startswith(kind) and place[len(kind):].isdigit():
            return f"{head}, {w[kind]} {int(place[len(kind):])}"
    kind = "figur" if place.startswith("figur") else "tabell"
    rest = place[len(kind):]
    if ":" in rest:
        number, cell = rest.split(":", 1)
        r, c = cell[1:].split("c")
        return f"{head}, {w[kind]} {int(number)}, {w['row']} {int(r)}, {w['col']} {int(c)}"
    return f"{head}, {w[kind + '_caption'].format(n=int(rest))}"


def _short_name(package: Package, exhibit_id: str, lang: str) -> str:
    ex = package.exhibit(exhibit_id)
    kind = {"figure": ("Figur", "Figure"), "table": ("Tabell", "Table")}.get(ex["kind"])
    if kind and ex["number"] is not None and not pd.isna(ex["number"]):
        name = f"{kind[0 if lang == 'nb' else 1]} {int(ex['number'])}"
        return f"{name} ({package.label('rounds', ex['round'], lang).lower()})" if ex["round"] else name
    return str(ex[f"title_{lang}"])


def _num(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _pct(lang: str) -> str:
    return " %" if lang == "nb" else "%"


def _value_text(value: float, unit: str, approx: bool, decimal: str, lang: str) -> str:
    text = format_value(value, unit, decimal, approx)
    if text != MISSING and unit == "percent":
        text += _pct(lang)
    return text


@dataclass(frozen=True)
class FormulaTerm:
    """One value a derived value is computed from."""

    id: str
    value: float
    label: str
    locator_text: str


@dataclass(frozen=True)
class Provenance:
    """Everything known about one cell, in one language."""

    lang: str
    exhibit_id: str
    exhibit_caption: str
    chapter: int
    chapter_title: str
    row_label: str
    series_label: str
    value: float
    value_text: str
    unit: str
    status: str  # stated, derived or missing
    status_text: str
    approx: bool
    locator: str
    locator_text: str
    formula: str = ""
    formula_text: str = ""
    terms: tuple[FormulaTerm, ...] = ()
    n: float | None = None
    n_text: str = ""
    round: str = ""
    round_text: str = ""
    round_inferred: bool = False
    population_text: str = ""
    segment_text: str = ""
    note: str = ""
    reason: str = ""
    reason_text: str = ""
    source_exhibit: str = ""
    origin_text: str = ""
    value_id: str = ""
    interval: tuple[float, float] | None = None
    interval_text: str = ""
    nominal_note: str = ""
    citation: str = ""
    homepage: str = ""

    @property
    def missing(self) -> bool:
        return self.status == "missing"

    def fields(self) -> list[tuple[str, str, str]]:
        """(key, label, text) for every field that has something to say, in display order."""
        names = LABELS.get(self.lang, LABELS["nb"])
        out = [
            ("exhibit", self.exhibit_caption),
            ("chapter", f"{self.chapter}. {self.chapter_title}" if self.chapter else ""),
            ("row", self.row_label),
            ("series", self.series_label),
            ("value", self.value_text),
            ("status", self.status_text),
            ("formula", self.formula_text),
            ("reason", self.reason_text),
            ("locator", self.locator_text),
            ("origin", self.origin_text),
            ("n", self.n_text),
            ("round", self.round_text),
            ("population", self.population_text),
            ("segment", self.segment_text),
            ("interval", self.interval_text),
            ("note", self.note),
            ("citation", self.citation),
            ("homepage", self.homepage),
        ]
        return [(key, names[key], text) for key, text in out if text]

    def as_dict(self) -> dict:
        return asdict(self)


def _values_by_id(package: Package) -> pd.DataFrame:
    return package.values.set_index("id", drop=False)


def _term_label(package: Package, derived: dict, term: pd.Series, lang: str) -> str:
    """Name a term by what sets it apart from the derived value (its item, response, group, segment or round)."""
    parts = []
    if term["item"] != derived.get("item"):
        parts.append(package.item_label(term["exhibit"], term["item"], lang))
    if term["response"] != derived.get("response"):
        parts.append(package.label("responses", term["response"], lang).lower() if parts else package.label("responses", term["response"], lang))
    if term["population"] != derived.get("population"):
        parts.append(package.label("populations", term["population"], lang))
    if term["segment"] != derived.get("segment"):
        parts.append(package.label("segments", term["segment"], lang))
    if (term["round"] or "") != (derived.get("round") or ""):
        parts.append(package.label("rounds", term["round"], lang))
    return ", ".join(parts) or package.item_label(term["exhibit"], term["item"], lang)


def _formula(package: Package, formula: str, value: float, record: dict, unit: str, decimal: str, lang: str):
    by_id = _values_by_id(package)
    terms = []
    pieces = []
    for pos, token in enumerate(formula.split()):
        if pos % 2:
            pieces.append("−" if token == "-" else "+")
            continue
        if token not in by_id.index:
            pieces.append(token)
            continue
        term = by_id.loc[token]
        label = _term_label(package, record, term, lang)
        tv = float(term["value"])
        terms.append(FormulaTerm(token, tv, label, describe_locator(term["locator"], lang)))
        pieces.append(f"{format_number(tv, decimal)} ({label})")
    text = " ".join(pieces)
    if not math.isnan(value):
        text += f" = {format_number(value, decimal)}"
        if unit == "percent":
            text += _pct(lang)
    return text, tuple(terms)


def provenance(package: Package, result: ExhibitResult, row: int, key: str, lang: str = "nb", decimal: str | None = None) -> Provenance:
    """Provenance of the cell at table row ``row`` and series ``key`` of ``result``."""
    decimal = decimal or ("comma" if lang == "nb" else "point")
    w = _w(lang)
    cell = result.cell(row, key)
    spec = next(s for s in result.series if s.key == key)
    frame = result.frame
    unit = str(frame.at[row, "unit"]) if "unit" in frame else "percent"
    value = _num(cell["value"])
    status = str(cell["status"]) if not math.isnan(value) else "missing"
    approx = bool(cell["approx"]) and not math.isnan(value)
    population = spec.population or str(frame.at[row, "population"])
    segment = spec.segment or str(frame.at[row, "segment"])
    round_ = spec.round if spec.population else str(frame.at[row, "round"])

    source = str(cell["source"] or result.exhibit_id)
    locator = str(cell["locator"] or "")
    ex = package.exhibit(source if source in package.exhibits.index else result.exhibit_id)
    chapter = int(locator.split(":", 1)[0]) if locator and locator.split(":", 1)[0].isdigit() else int(ex["chapter"])
    chapter_title = str(package.chapter(chapter)[f"title_{lang}"]) if chapter in package.chapters.index else ""

    status_text = w.get(status, status)
    if approx:
        status_text += f", {w['approx']}"

    formula_text, terms = "", ()
    formula = str(cell["formula"] or "")
    record = {"item": frame.at[row, "item"], "response": frame.at[row, "response"], "population": population,
              "segment": segment, "round": round_}
    if status == "derived" and formula:
        formula_text, terms = _formula(package, formula, value, record, unit, decimal, lang)

    n = _num(cell["n"])
    if not math.isnan(n):
        n_text = str(int(n))
    elif status == "missing" or unit != "percent":
        n_text = ""  # N is about shares; a count has none
    elif ex["n"] is not None and not pd.isna(ex["n"]):
        n_text = w["n_exhibit"].format(n=int(ex["n"]))
    else:
        n_text = w["n_unknown"]

    note_nb = str(cell["note"] or "")
    note = str(cell.get("note_en") or "") if lang == "en" else ""
    note = note or note_nb
    inferred = False
    if status != "missing":
        inferred = note_says_round_inferred(note_nb) or (exhibit_round_inferred(package, str(ex["id"])) and round_ == ex["round"])
    round_text = package.label("rounds", round_, lang) if round_ else w["no_round"]
    if inferred:
        round_text += f" ({w['inferred']})"

    interval, interval_text, nominal = None, "", ""
    if status != "missing" and unit == "percent" and not math.isnan(n) and n > 0:
        lo, hi = wilson(value, n)
        interval = (lo, hi)
        interval_text = f"{w['interval']}: {format_number(lo, decimal, 1)}–{format_number(hi, decimal, 1)}{_pct(lang)}"
        nominal = NOMINAL_NOTE.get(lang, NOMINAL_NOTE["nb"])

    origin = ""
    if source != result.exhibit_id and status != "missing":
        origin = w["pair"].format(name=_short_name(package, source, lang))

    reason = str(cell["reason"] or "") if status == "missing" else ""
    return Provenance(
        lang=lang,
        exhibit_id=result.exhibit_id,
        exhibit_caption=caption(package, result.exhibit_id, lang),
        chapter=chapter,
        chapter_title=chapter_title,
        row_label=result.row_label(row, lang),
        series_label=spec.label(lang),
        value=value,
        value_text=_value_text(value, unit, approx, decimal, lang),
        unit=unit,
        status=status,
        status_text=status_text,
        approx=approx,
        locator=locator,
        locator_text=describe_locator(locator, lang),
        formula=formula if status == "derived" else "",
        formula_text=formula_text,
        terms=terms,
        n=None if math.isnan(n) else n,
        n_text=n_text,
        round=round_,
        round_text=round_text,
        round_inferred=inferred,
        population_text=package.label("populations", population, lang) if population else "",
        segment_text=package.label("segments", segment, lang) if segment else "",
        note=note,
        reason=reason,
        reason_text=reason_text(reason, lang) if reason else "",
        source_exhibit=source,
        origin_text=origin,
        value_id=str(cell["id"] or ""),
        interval=interval,
        interval_text=interval_text,
        nominal_note=nominal,
        citation=package.citation,
        homepage=package.homepage,
    )


def footnote(package: Package, result: ExhibitResult, row: int, key: str, lang: str = "nb", decimal: str | None = None) -> str:
    """One line to paste next to a single copied number: value, what it is, N and round, and where it is from."""
    p = provenance(package, result, row, key, lang, decimal)
    w = _w(lang)
    spec = next(s for s in result.series if s.key == key)
    label = p.row_label
    item_label = str(result.rows.at[row, f"item_label_{lang}"])
    if item_label not in label:  # a one-question exhibit labels its rows by answer only; copied alone, say which question
        label = f"{item_label}: {label[:1].lower()}{label[1:]}"
    what = label if not spec.population else f"{label}, {p.series_label}"
    context = []
    if p.n is not None:
        context.append(f"N={int(p.n)}")
    round_label = package.label("rounds", p.round, lang) if p.round else ""
    if round_label and round_label not in what:
        context.append(round_label)
    if p.round_inferred:
        context.append(w["inferred_short"])
    head = f"{what}: {p.value_text}"
    if p.missing:
        head += f" ({p.reason_text.lower()})"
    if context:
        head += f" ({', '.join(context)})"
    if p.status == "derived" and p.formula_text:
        head += f"; {p.status_text.lower()}: {p.formula_text}"
    where = f", {p.locator_text}" if p.locator_text else ""
    tail = f" {p.homepage}" if p.homepage else ""
    return f"{head}. {w['source']}: {p.citation}{where}.{tail}".replace("\n", " ")
