"""The domain's codes in one place: statuses, missing reasons, units, chart kinds, rounds, the whole group.

Every other module names a code through this one; the data package and this file are the only places a
code is spelled out. Codes are plain ``str`` constants (they are compared with what the CSV files hold),
grouped in small namespaces so that a reader sees at once which family a code belongs to.

Also here, because they read codes: the one test for a missing value, the one parser of the ranking and
scale syntax, the key of a series and of its per-cell fields, and the one name of an exhibit ("Figur 7").
"""

from __future__ import annotations

import math

# -- languages and decimal marks -------------------------------------------------------------------
NB, EN = "nb", "en"
LANGUAGES = (NB, EN)  # the first is the fallback; a third language adds its code here and its catalogue entries
DEFAULT_LANGUAGE = NB
COMMA, POINT = "comma", "point"
DECIMALS = (COMMA, POINT)


def language(lang: str | None) -> str:
    """A known language code: lang when the app speaks it, else the default."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


# -- the whole group -------------------------------------------------------------------------------
ALL = "alle"  # the segment and the population that stand for everyone on the panel


class Status:
    """Where a value comes from (values.csv ``status``) and what a drawn or shown cell is."""

    STATED = "stated"
    DERIVED = "derived"
    MISSING = "missing"  # not a status in the data: a cell the text does not give
    APPROX = "approx"  # a flag in the data; counted beside the statuses
    IN_DATA = (STATED, DERIVED)


class Reason:
    """Why a cell is missing (the query's ``reason``)."""

    NOT_STATED = "not_stated"
    NOT_ASKED = "not_asked"
    NO_SEGMENT_DATA = "no_segment_data"
    NO_POPULATION_DATA = "no_population_data"
    ALL = (NOT_STATED, NOT_ASKED, NO_SEGMENT_DATA, NO_POPULATION_DATA)


class IntervalReason:
    """Why no 95 % interval is given for a value or a difference."""

    N_UNKNOWN = "n_unknown"
    MISSING = "missing"
    NOT_PERCENT = "not_percent"
    DEPENDENT = "dependent"  # the two samples overlap (segment vs whole, one round vs another): Newcombe does not apply
    ALL = (N_UNKNOWN, MISSING, NOT_PERCENT, DEPENDENT)


class Reading:
    """The plain reading of a difference with an interval."""

    CLEAR = "clear"
    CHANCE = "chance"


class Unit:
    PERCENT = "percent"
    COUNT = "count"
    ALL = (PERCENT, COUNT)


class ExhibitKind:
    FIGURE = "figure"
    TABLE = "table"
    KEY_FIGURES = "key_figures"
    ALL = (FIGURE, TABLE, KEY_FIGURES)


class Chart:
    """How an exhibit is drawn (exhibits.csv ``chart``)."""

    BARS = "bars"
    STACKED = "stacked"
    RANKING = "ranking"
    FACTS = "facts"
    ALL = (BARS, STACKED, RANKING, FACTS)


class Coverage:
    ALL_VALUES = "all"
    SOME = "some"
    NONE = "none"
    ALL = (ALL_VALUES, SOME, NONE)


class Round:
    """Survey rounds, and the round control's modes."""

    FEBRUARY = "2021-02"
    JUNE = "2021-06"
    NONE = ""  # a value with no round (a key figure of the panel's make-up, say)
    BOTH = "both"  # the round control's "side by side"
    SURVEY = (FEBRUARY, JUNE)
    MODES = (FEBRUARY, JUNE, BOTH)


class View:
    """What the chart pane shows."""

    EMPTY = "empty"
    CHAPTER = "chapter"
    RANKING = "ranking"
    PLOT = "plot"
    VALUES = "values"
    DIFFERENCE = "difference"


class WarningCode:
    """The header's comparability warnings (core.comparability)."""

    WORDING_CHANGED = "wording_changed"
    POPULATIONS_DIFFER = "populations_differ"
    APPROXIMATE = "approximate"
    ROUND_INFERRED = "round_inferred"
    NOMINAL_INTERVALS = "nominal_intervals"
    DEPENDENT_SAMPLES = "dependent_samples"
    ALL = (WORDING_CHANGED, POPULATIONS_DIFFER, APPROXIMATE, ROUND_INFERRED, NOMINAL_INTERVALS, DEPENDENT_SAMPLES)


class FindingKind:
    """What a finding (findings.csv ``kind``) says: a level, a contrast, an order, a change, a caveat, a point of method."""

    LEVEL = "level"
    COMPARISON = "comparison"
    RANKING = "ranking"
    TREND = "trend"
    CAVEAT = "caveat"
    METHOD = "method"
    ALL = (LEVEL, COMPARISON, RANKING, TREND, CAVEAT, METHOD)


class FindingStatus:
    """Whether the text says a finding outright, or we drew it (then its note says how)."""

    STATED = "stated"
    INFERRED = "inferred"
    ALL = (STATED, INFERRED)


REF_SEP = ";"  # findings.csv: several locators or value ids in one cell


# -- the syntax of lists in exhibits.csv ------------------------------------------------------------
LIST_SEP = "|"
TIE_SEP = "+"
TOTAL_MARK = "_eller_"  # a scale response that totals others ("svaert_eller_ganske_viktig")
FIELD_SEP = "|"  # series key and per-cell field: "alle|statlig|2021-06|n"


def split_list(text) -> list[str]:
    """'a|b|c' -> ['a', 'b', 'c']; blank or missing -> []."""
    if is_missing(text) or text is None:
        return []
    return [part for part in str(text).split(LIST_SEP) if part]


def parse_ranking(text) -> list[list[str]]:
    """'a|b+c' -> [['a'], ['b', 'c']]: ranks in order, ties sharing a rank."""
    return [[code for code in rank.split(TIE_SEP) if code] for rank in split_list(text)]


def total_responses(scale) -> set[str]:
    """The '… eller …' responses of a scale: totals of other parts, never stacked on them."""
    return {r for r in scale if TOTAL_MARK in r}


def series_key(population: str, segment: str, round_: str) -> str:
    return FIELD_SEP.join((population, segment, round_))


def field_key(key: str, name: str) -> str:
    """The column holding one per-cell field of a series: field_key(key, 'n') -> 'key|n'."""
    return f"{key}{FIELD_SEP}{name}"


# -- missing values --------------------------------------------------------------------------------
def is_missing(value) -> bool:
    """True for None, NaN (float or NumPy) and pandas' NA; False for every number and text."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):  # pandas.NA refuses bool()
        return True


# -- names of exhibits -----------------------------------------------------------------------------
def exhibit_name(kind: str, number, lang: str = NB) -> str:
    """'Figur 7', 'Table 1', or 'Nøkkeltall' for a compilation without a report number."""
    from hjk_desktop.core.messages import text  # the catalogue holds the words

    if kind not in (ExhibitKind.FIGURE, ExhibitKind.TABLE):
        kind = ExhibitKind.KEY_FIGURES
    word = text(f"exhibit.{kind}", lang)
    if kind == ExhibitKind.KEY_FIGURES or is_missing(number) or str(number) == "<NA>":
        return word
    return f"{word} {int(number)}"
