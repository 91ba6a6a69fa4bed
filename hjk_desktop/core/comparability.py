"""Warnings that keep comparisons honest: shown above a chart or table only where they apply.

Codes:

* ``wording_changed`` – some values come from the paired exhibit of another round (tab1 in February, fig3 in
  June), where the question was put differently.
* ``populations_differ`` – values for more than one group of respondents are shown together (fig7's workplace
  representatives, N=947, against association representatives, N=320; LKU employees against representatives).
* ``approximate`` – at least one shown value is approximate (≈): the report gives it in words or rounded.
* ``round_inferred`` – the round (or year) of what is shown is not named by the report and was inferred.
* ``nominal_intervals`` – intervals are switched on and at least one can be drawn: they are nominal only.

The inferred-round rule. The report names the round for some exhibits (tab1's caption says February 2021; the
paragraph before fig3 says June) but not for most figures. The package records that judgement where it is
made, in prose, in the exhibit's note (``note_en``/``note_nb``) or the value's ``note``. We treat a note that
says the round or year "is inferred" / "er utledet" as the flag: the exhibit-level note flags the exhibit's own
round, a value's note flags that value. The pattern is matched in both languages so a reworded note in one
of them still counts. A test ties the flagged exhibits to the report: they are exactly the numbered exhibits
whose caption, and the paragraph leading into it, name no month.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult
from hjk_desktop.core.stats import NOMINAL_NOTE, difference_frame, interval_frame

WORDING_CHANGED = "wording_changed"
POPULATIONS_DIFFER = "populations_differ"
APPROXIMATE = "approximate"
ROUND_INFERRED = "round_inferred"
NOMINAL_INTERVALS = "nominal_intervals"
CODES = (WORDING_CHANGED, POPULATIONS_DIFFER, APPROXIMATE, ROUND_INFERRED, NOMINAL_INTERVALS)

_INFERRED = re.compile(
    r"\b(runden|året|round|year)\b[^.;]*\b(er\s+utledet|is\s+inferred)\b"
    r"|\b(utledet|inferred)\b[^.;]*\b(runde|round|år|year)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Warning:  # noqa: A001 - the name the rest of the app uses; it is never raised
    """One comparability warning, in both languages."""

    code: str
    text_nb: str
    text_en: str

    def text(self, lang: str = "nb") -> str:
        return self.text_en if lang == "en" else self.text_nb


def note_says_round_inferred(note: object) -> bool:
    """True when a note says the round or year was inferred rather than named by the report."""
    return isinstance(note, str) and bool(_INFERRED.search(note))


def exhibit_round_inferred(package: Package, exhibit_id: str) -> bool:
    ex = package.exhibit(exhibit_id)
    return bool(ex["round"]) and (note_says_round_inferred(ex["note_nb"]) or note_says_round_inferred(ex["note_en"]))


def _state(state_or_selection):
    if state_or_selection is None:
        return None
    return getattr(state_or_selection, "state", state_or_selection)


def _present(result: ExhibitResult, key: str) -> pd.Series:
    return result.frame[key].notna()


def _short_name(package: Package, exhibit_id: str, lang: str) -> str:
    ex = package.exhibit(exhibit_id)
    kind = {"figure": ("Figur", "Figure"), "table": ("Tabell", "Table")}.get(ex["kind"])
    number = ex["number"]
    if kind and number is not None and not pd.isna(number):
        return f"{kind[0 if lang == 'nb' else 1]} {int(number)}"
    return str(ex[f"title_{lang}"])


def _join(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    last = " og " if lang == "nb" else " and "
    return ", ".join(parts[:-1]) + last + parts[-1]


def _wording(package: Package, result: ExhibitResult) -> Warning | None:
    if not result.from_pair:
        return None
    own = result.exhibit_id
    pair = str(package.exhibit(own)["pair"])
    texts = {}
    for lang in ("nb", "en"):
        names = []
        for ex_id in (own, pair):
            ex = package.exhibit(ex_id)
            when = package.label("rounds", ex["round"], lang) if ex["round"] else ""
            when = when.lower() if lang == "nb" else when  # months are capitalised in English only
            names.append(f"{_short_name(package, ex_id, lang)} ({when})" if when else _short_name(package, ex_id, lang))
        if lang == "nb":
            texts[lang] = (f"Spørsmålet hadde ulik ordlyd i {names[0]} og {names[1]}, og svaralternativene var ikke de samme. "
                           "Tallene fra de to rundene er derfor ikke direkte sammenlignbare.")
        else:
            texts[lang] = (f"The question was worded differently in {names[0]} and {names[1]}, with different answer options. "
                           "The numbers from the two rounds are therefore not directly comparable.")
    return Warning(WORDING_CHANGED, texts["nb"], texts["en"])


def _populations_shown(result: ExhibitResult) -> dict[str, float]:
    """Populations with at least one shown value, each with the largest N known for it (NaN if none)."""
    found: dict[str, float] = {}
    for spec in result.series:
        present = _present(result, spec.key)
        if not present.any():
            continue
        pops = result.rows.loc[present, "population"] if not spec.population else pd.Series([spec.population] * int(present.sum()))
        ns = result.frame.loc[present, f"{spec.key}|n"].to_numpy(dtype=float)
        for pop, n in zip(pops, ns):
            best = found.get(pop, float("nan"))
            if not math.isnan(n) and (math.isnan(best) or n > best):
                best = n
            found[pop] = best
    return found


def _populations(package: Package, result: ExhibitResult) -> Warning | None:
    found = _populations_shown(result)
    if len(found) < 2:
        return None
    ex = package.exhibit(result.exhibit_id)
    order = {c: i for i, c in enumerate(package.populations.index)}
    texts = {}
    for lang in ("nb", "en"):
        parts = []
        for pop in sorted(found, key=lambda p: order.get(p, 99)):
            n = found[pop]
            if math.isnan(n) and pop == ex["population"] and ex["n"] is not None and not pd.isna(ex["n"]):
                n = float(ex["n"])
            label = package.label("populations", pop, lang)
            parts.append(f"{label} (N={int(n)})" if not math.isnan(n) else label)
        groups = _join(parts, lang)
        if lang == "nb":
            texts[lang] = (f"Tallene gjelder ulike grupper: {groups}. Gruppene er spurt hver for seg og er satt sammen "
                           "på ulik måte, så forskjeller mellom dem må leses med varsomhet.")
        else:
            texts[lang] = (f"The numbers describe different groups: {groups}. Each group was asked separately and is made "
                           "up differently, so read differences between them with care.")
    return Warning(POPULATIONS_DIFFER, texts["nb"], texts["en"])


def _approximate(result: ExhibitResult) -> Warning | None:
    count = sum(int((_present(result, k) & result.frame[f"{k}|approx"].astype(bool)).sum()) for k in result.keys)
    if not count:
        return None
    if count == 1:
        nb = "Ett av de viste tallene er omtrentlig (≈): rapporten gir det i ord eller avrundet, ikke som et eksakt prosenttall."
        en = "One of the numbers shown is approximate (≈): the report gives it in words or rounded, not as an exact figure."
    else:
        nb = f"{count} av de viste tallene er omtrentlige (≈): rapporten gir dem i ord eller avrundet, ikke som eksakte prosenttall."
        en = f"{count} of the numbers shown are approximate (≈): the report gives them in words or rounded, not as exact figures."
    return Warning(APPROXIMATE, nb, en)


def _round_inferred(package: Package, result: ExhibitResult) -> Warning | None:
    ex = package.exhibit(result.exhibit_id)
    flagged = False
    if exhibit_round_inferred(package, result.exhibit_id):
        if any(spec.round == ex["round"] for spec in result.series if spec.population):
            flagged = True
        elif ex["chart"] == "facts" and (result.rows["round"] == ex["round"]).any():
            flagged = True
    if not flagged:
        for k in result.keys:
            present = _present(result, k)
            if any(note_says_round_inferred(n) for n in result.frame.loc[present, f"{k}|note"]):
                flagged = True
                break
    if not flagged:
        return None
    return Warning(
        ROUND_INFERRED,
        "Tidspunktet er utledet: rapporten sier ikke uttrykkelig hvilken runde (eller hvilket år) tallene er fra, "
        "så det er plassert ut fra sammenhengen.",
        "The timing is inferred: the report does not say outright which round (or year) the numbers are from, "
        "so it has been placed from the context.",
    )


def _nominal(result: ExhibitResult, state) -> Warning | None:
    """Due when an interval is actually drawn: Wilson per value with intervals on, or Newcombe for a shown difference."""
    if state is None:
        return None
    if getattr(state, "intervals", False):
        ci = interval_frame(result)
        if any(ci[f"{k}|lo"].notna().any() for k in result.keys):
            return Warning(NOMINAL_INTERVALS, NOMINAL_NOTE["nb"], NOMINAL_NOTE["en"])
    if getattr(state, "difference", False) and len(result.keys) == 2:  # the difference is shown for two columns only
        diff = difference_frame(result, *result.keys)
        if diff["lo"].notna().any():
            return Warning(NOMINAL_INTERVALS, NOMINAL_NOTE["nb"], NOMINAL_NOTE["en"])
    return None


def warnings(package: Package, result: ExhibitResult, state_or_selection=None) -> list[Warning]:
    """The warnings that apply to what ``result`` shows, in a fixed order (see CODES).

    ``state_or_selection`` (a SelectionState, a Selection or None) decides only whether the nominal-interval
    note is due: it is when intervals or the difference are switched on and some interval can be drawn.
    """
    state = _state(state_or_selection)
    found = [
        _wording(package, result),
        _populations(package, result),
        _approximate(result),
        _round_inferred(package, result),
        _nominal(result, state),
    ]
    return [w for w in found if w is not None]
