"""Numbers to text, at the edge only: the table's display role, the copy serialiser and the exporters."""

from __future__ import annotations

import math

APPROX = "≈"
MISSING = "–"

REASONS = {
    "nb": {
        "not_stated": "Ikke oppgitt i rapportens tekst",
        "not_asked": "Rapporten har ingen tall fra denne runden",
        "no_segment_data": "Ingen tall for dette utvalget",
        "no_population_data": "Ingen tall for denne gruppen",
    },
    "en": {
        "not_stated": "Not given in the report's text",
        "not_asked": "The report gives no numbers from this round",
        "no_segment_data": "No numbers for this segment",
        "no_population_data": "No numbers for this group",
    },
}


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value, decimal: str = "comma", digits: int | None = None, signed: bool = False) -> str:
    """A plain number: no thousands separator, the chosen decimal mark, integers without decimals."""
    if is_missing(value):
        return ""
    if isinstance(value, str):  # a text cell (the reading of a difference) passes through as it is
        return value
    value = float(value)
    if digits is None:
        digits = 0 if value == int(value) else 1
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    if text[:1] in "+-" and not text.strip("+-0."):  # a value that rounds to zero has no sign: "0", "0.0"
        text = text[1:]
    if signed and text.startswith("-"):
        text = "−" + text[1:]
    return text.replace(".", ",") if decimal == "comma" else text


def format_value(value, unit: str = "percent", decimal: str = "comma", approx: bool = False) -> str:
    """As shown in a table cell: ≈ on approximate values, the dash for missing ones."""
    if is_missing(value):
        return MISSING
    text = format_number(value, decimal)
    return f"{APPROX} {text}" if approx else text


def reason_text(reason: str, lang: str = "nb") -> str:
    return REASONS.get(lang, REASONS["nb"]).get(reason, reason)
