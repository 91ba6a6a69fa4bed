"""Where a number comes from: chapter, place in the text, stated or derived (with its formula), N, round, citation.

``provenance`` gathers everything known about one cell of an ExhibitResult; ``footnote`` turns it into one
line for copying a single number with its source; ``describe_locator`` puts a locator such as ``5:tabell1:r2c1``
into words. Qt-free: the panel in hjk_desktop.ui only lays these fields out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from hjk_desktop.core.codes import COMMA, NB, POINT, ExhibitKind, Status, Unit, is_missing
from hjk_desktop.core.comparability import exhibit_round_inferred, note_says_round_inferred, short_name
from hjk_desktop.core.formatting import MISSING, format_number, format_value, reason_text
from hjk_desktop.core.messages import CATALOGUE, text
from hjk_desktop.core.package import LOCATOR, Package
from hjk_desktop.core.query import ExhibitResult
from hjk_desktop.core.stats import nominal_note, wilson
from hjk_desktop.core.table import caption


def describe_locator(locator: str, lang: str = NB) -> str:
    """``3:p4`` → "kapittel 3, avsnitt 4"; ``9:bullet2`` → "kapittel 9, punkt 2"; ``3:figur1`` → the figure's
    caption; ``5:tabell1:r2c1`` → "kapittel 5, tabell 1, rad 2, kolonne 1". Unknown forms come back unchanged."""
    if not locator:
        return ""
    m = LOCATOR.match(str(locator))
    if not m:
        return str(locator)
    def w(word: str, **fields) -> str:
        return text(f"locator.{word}", lang, **fields)

    head = f"{text('word.chapter', lang)} {int(m.group('chapter'))}"
    place = m.group("place")
    for kind in ("p", "bullet"):
        if place.startswith(kind) and place[len(kind):].isdigit():
            return f"{head}, {w(kind)} {int(place[len(kind):])}"
    kind = "figur" if place.startswith("figur") else "tabell"  # locator syntax (data/README.md), not words
    rest = place[len(kind):]
    if ":" in rest:
        number, cell = rest.split(":", 1)
        r, c = cell[1:].split("c")
        return f"{head}, {w(kind)} {int(number)}, {w('row')} {int(r)}, {w('col')} {int(c)}"
    return f"{head}, {w(kind + '_caption', n=int(rest))}"


def _short_name(package: Package, exhibit_id: str, lang: str) -> str:
    """'Figur 3 (februar 2021)': the exhibit a value was taken from, with its round."""
    ex = package.exhibit(exhibit_id)
    name = short_name(package, exhibit_id, lang)
    numbered = ex["kind"] in (ExhibitKind.FIGURE, ExhibitKind.TABLE) and not is_missing(ex["number"])
    if numbered and ex["round"]:
        return f"{name} ({package.label('rounds', ex['round'], lang).lower()})"
    return name


def _num(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _pct(lang: str) -> str:
    return text("percent.suffix", lang)


def _value_text(value: float, unit: str, approx: bool, decimal: str, lang: str) -> str:
    shown = format_value(value, unit, decimal, approx)
    if shown != MISSING and unit == Unit.PERCENT:
        shown += _pct(lang)
    return shown


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
        return self.status == Status.MISSING

    def fields(self) -> list[tuple[str, str, str]]:
        """(key, label, text) for every field that has something to say, in display order."""
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
        return [(key, text(f"field.{key}", self.lang), said) for key, said in out if said]

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
    said = " ".join(pieces)
    if not is_missing(value):
        said += f" = {format_number(value, decimal)}"
        if unit == Unit.PERCENT:
            said += _pct(lang)
    return said, tuple(terms)


def provenance(package: Package, result: ExhibitResult, row: int, key: str, lang: str = NB, decimal: str | None = None) -> Provenance:
    """Provenance of the cell at table row ``row`` and series ``key`` of ``result``."""
    decimal = decimal or (COMMA if lang == NB else POINT)

    def w(word: str, **fields) -> str:
        return text(word, lang, **fields)
    cell = result.cell(row, key)
    spec = next(s for s in result.series if s.key == key)
    frame = result.frame
    unit = str(frame.at[row, "unit"]) if "unit" in frame else Unit.PERCENT
    value = _num(cell["value"])
    status = str(cell["status"]) if not is_missing(value) else Status.MISSING
    approx = bool(cell["approx"]) and not is_missing(value)
    population = spec.population or str(frame.at[row, "population"])
    segment = spec.segment or str(frame.at[row, "segment"])
    round_ = spec.round if spec.population else str(frame.at[row, "round"])

    source = str(cell["source"] or result.exhibit_id)
    locator = str(cell["locator"] or "")
    ex = package.exhibit(source if source in package.exhibits.index else result.exhibit_id)
    chapter = int(locator.split(":", 1)[0]) if locator and locator.split(":", 1)[0].isdigit() else int(ex["chapter"])
    chapter_title = str(package.chapter(chapter)[f"title_{lang}"]) if chapter in package.chapters.index else ""

    status_text = w(f"status.{status}") if f"status.{status}" in CATALOGUE else status
    if approx:
        status_text += f", {w('status.approx')}"

    formula_text, terms = "", ()
    formula = str(cell["formula"] or "")
    record = {"item": frame.at[row, "item"], "response": frame.at[row, "response"], "population": population,
              "segment": segment, "round": round_}
    if status == Status.DERIVED and formula:
        formula_text, terms = _formula(package, formula, value, record, unit, decimal, lang)

    n = _num(cell["n"])
    if not is_missing(n):
        n_text = str(int(n))
    elif status == Status.MISSING or unit != Unit.PERCENT:
        n_text = ""  # N is about shares; a count has none
    elif not is_missing(ex["n"]):
        n_text = w("provenance.n_exhibit", n=int(ex["n"]))
    else:
        n_text = w("provenance.n_unknown")

    note_nb = str(cell["note"] or "")
    note = str(cell.get(f"note_{lang}") or "") if lang != NB else ""
    note = note or note_nb
    inferred = False
    if status != Status.MISSING:
        inferred = note_says_round_inferred(note_nb) or (exhibit_round_inferred(package, str(ex["id"])) and round_ == ex["round"])
    round_text = package.label("rounds", round_, lang) if round_ else w("provenance.no_round")
    if inferred:
        round_text += f" ({w('provenance.inferred')})"

    interval, interval_text, nominal = None, "", ""
    if status != Status.MISSING and unit == Unit.PERCENT and not is_missing(n) and n > 0:
        lo, hi = wilson(value, n)
        interval = (lo, hi)
        interval_text = f"{w('provenance.interval')}: {format_number(lo, decimal, 1)}–{format_number(hi, decimal, 1)}{_pct(lang)}"
        nominal = nominal_note(lang)

    origin = ""
    if source != result.exhibit_id and status != Status.MISSING:
        origin = w("provenance.pair", name=_short_name(package, source, lang))

    reason = str(cell["reason"] or "") if status == Status.MISSING else ""
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
        formula=formula if status == Status.DERIVED else "",
        formula_text=formula_text,
        terms=terms,
        n=None if is_missing(n) else n,
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


def footnote(package: Package, result: ExhibitResult, row: int, key: str, lang: str = NB, decimal: str | None = None) -> str:
    """One line to paste next to a single copied number: value, what it is, N and round, and where it is from."""
    p = provenance(package, result, row, key, lang, decimal)
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
        context.append(text("provenance.inferred_short", lang))
    head = f"{what}: {p.value_text}"
    if p.missing:
        head += f" ({p.reason_text.lower()})"
    if context:
        head += f" ({', '.join(context)})"
    if p.status == Status.DERIVED and p.formula_text:
        head += f"; {p.status_text.lower()}: {p.formula_text}"
    where = f", {p.locator_text}" if p.locator_text else ""
    tail = f" {p.homepage}" if p.homepage else ""
    return f"{head}. {text('provenance.source', lang)}: {p.citation}{where}.{tail}".replace("\n", " ")
