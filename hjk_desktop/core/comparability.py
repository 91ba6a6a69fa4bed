"""Warnings that keep comparisons honest: shown above a chart or table only where they apply.

Codes:

* ``wording_changed`` – some values come from the paired exhibit of another round (tab1 in February, fig3 in
  June), where the question was put differently.
* ``populations_differ`` – values for more than one group of respondents are shown together (fig7's workplace
  representatives, N=947, against association representatives, N=320; LKU employees against representatives).
* ``approximate`` – at least one shown value is approximate (≈): the report gives it in words or rounded.
* ``round_inferred`` – the round (or year) of what is shown is not named by the report and was inferred.
* ``nominal_intervals`` – intervals are switched on and at least one can be drawn: they are nominal only.
* ``dependent_samples`` – the difference is shown between two columns that are not independent samples (a
  segment against the whole it is part of, or one round against another of the same panel): no interval is
  computed for it (see core.stats.dependence).

The inferred-round rule. The report names the round for some exhibits (tab1's caption says February 2021; the
paragraph before fig3 says June) but not for most figures. The package records that judgement where it is
made, in prose, in the exhibit's note (``note_en``/``note_nb``) or the value's ``note``. We treat a note that
says the round or year "is inferred" / "er utledet" as the flag: the exhibit-level note flags the exhibit's own
round, a value's note flags that value. The pattern is matched in both languages so a reworded note in one
of them still counts. A test ties the flagged exhibits to the report: they are exactly the numbered exhibits
whose caption, and the paragraph leading into it, name no month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hjk_desktop.core.codes import EN, LANGUAGES, NB, Chart, ExhibitKind, WarningCode, exhibit_name, field_key, is_missing
from hjk_desktop.core.messages import text
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult, exhibit_record
from hjk_desktop.core.stats import dependence, difference_frame, interval_frame, nominal_note

# the warning codes live in codes.WarningCode; these names are kept for the callers that read them here
WORDING_CHANGED = WarningCode.WORDING_CHANGED
POPULATIONS_DIFFER = WarningCode.POPULATIONS_DIFFER
APPROXIMATE = WarningCode.APPROXIMATE
ROUND_INFERRED = WarningCode.ROUND_INFERRED
NOMINAL_INTERVALS = WarningCode.NOMINAL_INTERVALS
DEPENDENT_SAMPLES = WarningCode.DEPENDENT_SAMPLES
CODES = WarningCode.ALL

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

    def text(self, lang: str = NB) -> str:
        return self.text_en if lang == EN else self.text_nb


def _warning(code: str, texts: dict[str, str]) -> Warning:
    return Warning(code, texts[NB], texts[EN])


def _same_in_every_language(msg_id: str, **fields) -> dict[str, str]:
    return {lang: text(msg_id, lang, **fields) for lang in LANGUAGES}


def note_says_round_inferred(note: object) -> bool:
    """True when a note says the round or year was inferred rather than named by the report."""
    return isinstance(note, str) and bool(_INFERRED.search(note))


def exhibit_round_inferred(package: Package, exhibit_id: str) -> bool:
    ex = exhibit_record(package, exhibit_id)
    return bool(ex["round"]) and (note_says_round_inferred(ex["note_nb"]) or note_says_round_inferred(ex["note_en"]))


def _state(state_or_selection):
    if state_or_selection is None:
        return None
    return getattr(state_or_selection, "state", state_or_selection)


def _present(result: ExhibitResult, key: str) -> list[bool]:
    """Row by row, whether series ``key`` has a value."""
    return [not is_missing(v) for v in result.columns[key]]


def short_name(package: Package, exhibit_id: str, lang: str) -> str:
    """'Figur 3' for a numbered figure or table, else the exhibit's title."""
    ex = exhibit_record(package, exhibit_id)
    if ex["kind"] in (ExhibitKind.FIGURE, ExhibitKind.TABLE) and not is_missing(ex["number"]):
        return exhibit_name(ex["kind"], ex["number"], lang)
    return str(ex[f"title_{lang}"])


def _join(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + text("word.and", lang) + parts[-1]


def _wording(package: Package, result: ExhibitResult) -> Warning | None:
    if not result.from_pair:
        return None
    own = result.exhibit_id
    pair = str(exhibit_record(package, own)["pair"])
    texts = {}
    for lang in LANGUAGES:
        names = []
        for ex_id in (own, pair):
            ex = exhibit_record(package, ex_id)
            when = package.label("rounds", ex["round"], lang) if ex["round"] else ""
            when = when.lower() if lang == NB else when  # months are capitalised in English only
            names.append(f"{short_name(package, ex_id, lang)} ({when})" if when else short_name(package, ex_id, lang))
        texts[lang] = text("warning.wording_changed", lang, first=names[0], second=names[1])
    return _warning(WORDING_CHANGED, texts)


def _populations_shown(result: ExhibitResult) -> dict[str, float]:
    """Populations with at least one shown value, each with the largest N known for it (NaN if none)."""
    found: dict[str, float] = {}
    cols = result.columns
    for spec in result.series:
        present = _present(result, spec.key)
        if not any(present):
            continue
        shown = [i for i, here in enumerate(present) if here]
        pops = [cols["population"][i] for i in shown] if not spec.population else [spec.population] * len(shown)
        ns = [float(result.field(spec.key, "n")[i]) for i in shown]
        for pop, n in zip(pops, ns):
            best = found.get(pop, float("nan"))
            if not is_missing(n) and (is_missing(best) or n > best):
                best = n
            found[pop] = best
    return found


def _populations(package: Package, result: ExhibitResult) -> Warning | None:
    found = _populations_shown(result)
    if len(found) < 2:
        return None
    ex = exhibit_record(package, result.exhibit_id)
    order = {c: i for i, c in enumerate(package.populations.index)}
    texts = {}
    for lang in LANGUAGES:
        parts = []
        for pop in sorted(found, key=lambda p: order.get(p, 99)):
            n = found[pop]
            if is_missing(n) and pop == ex["population"] and not is_missing(ex["n"]):
                n = float(ex["n"])
            label = package.label("populations", pop, lang)
            parts.append(f"{label} (N={int(n)})" if not is_missing(n) else label)
        texts[lang] = text("warning.populations_differ", lang, groups=_join(parts, lang))
    return _warning(POPULATIONS_DIFFER, texts)


def _approximate(result: ExhibitResult) -> Warning | None:
    count = sum(here and bool(approx) for k in result.keys for here, approx in zip(_present(result, k), result.field(k, "approx")))
    if not count:
        return None
    if count == 1:
        return _warning(APPROXIMATE, _same_in_every_language("warning.approximate_one"))
    return _warning(APPROXIMATE, _same_in_every_language("warning.approximate_many", count=count))


def _round_inferred(package: Package, result: ExhibitResult) -> Warning | None:
    ex = exhibit_record(package, result.exhibit_id)
    flagged = False
    if exhibit_round_inferred(package, result.exhibit_id):
        if any(spec.round == ex["round"] for spec in result.series if spec.population):
            flagged = True
        elif ex["chart"] == Chart.FACTS and ex["round"] in result.columns["round"]:
            flagged = True
    if not flagged:
        for k in result.keys:
            present = _present(result, k)
            if any(here and note_says_round_inferred(n) for here, n in zip(present, result.field(k, "note"))):
                flagged = True
                break
    if not flagged:
        return None
    return _warning(ROUND_INFERRED, _same_in_every_language("warning.round_inferred"))


def _nominal(result: ExhibitResult, state) -> Warning | None:
    """Due when an interval is actually drawn: Wilson per value with intervals on, or Newcombe for a shown difference."""
    if state is None:
        return None
    if getattr(state, "intervals", False):
        ci = interval_frame(result)
        if any(ci[field_key(k, "lo")].notna().any() for k in result.keys):
            return Warning(NOMINAL_INTERVALS, nominal_note(NB), nominal_note(EN))
    if getattr(state, "difference", False) and len(result.keys) == 2:  # the difference is shown for two columns only
        diff = difference_frame(result, *result.keys)
        if diff["lo"].notna().any():
            return Warning(NOMINAL_INTERVALS, nominal_note(NB), nominal_note(EN))
    return None


def _dependent(result: ExhibitResult, state) -> Warning | None:
    """Due when the difference is shown between two columns that are not independent samples."""
    if state is None or not getattr(state, "difference", False) or len(result.series) != 2:
        return None
    if not dependence(*result.series):
        return None
    if not difference_frame(result, *result.keys)["d"].notna().any():  # no difference drawn: nothing to caution
        return None
    return _warning(DEPENDENT_SAMPLES, _same_in_every_language("warning.dependent_samples"))


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
        _dependent(result, state),
    ]
    return [w for w in found if w is not None]
