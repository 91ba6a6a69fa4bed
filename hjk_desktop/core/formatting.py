"""Numbers to text, at the edge only: the table's display role, the copy serialiser and the exporters."""

from __future__ import annotations

import re

from hjk_desktop.core.codes import COMMA, NB, Unit, is_missing
from hjk_desktop.core.messages import CATALOGUE, text

APPROX = "≈"
MISSING = "–"

# Control characters (C0 but tab, newline and carriage return; DEL; C1): XML (and so XLSX) refuses most of them and a
# spreadsheet shows the rest as garbage. Package validation refuses them; the exporters strip them as well.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): a text starting with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def clean_text(value) -> str:
    """Text with control characters (other than tab, newline and CR) removed."""
    return _CONTROL.sub("", str(value))


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_START)


def spreadsheet_text(value) -> str:
    """A text cell for CSV or TSV that no spreadsheet evaluates: cleaned, and a text that would start a formula
    gets a leading apostrophe, as the OWASP CSV-injection guidance says. Excel and LibreOffice then show it as
    text (Excel hides the apostrophe on typed input, but a file's apostrophe stays visible, which is the price of
    never running a label). Numbers are formatted apart and never pass through here."""
    out = clean_text(value)
    return QUOTE + out if looks_like_formula(out) else out


def format_number(value, decimal: str = COMMA, digits: int | None = None, signed: bool = False) -> str:
    """A plain number: no thousands separator, the chosen decimal mark, integers without decimals."""
    if isinstance(value, str):  # a text cell (the reading of a difference) passes through as it is
        return value
    if is_missing(value):
        return ""
    value = float(value)
    if digits is None:
        digits = 0 if value == int(value) else 1
    out = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    if out[:1] in "+-" and not out.strip("+-0."):  # a value that rounds to zero has no sign: "0", "0.0"
        out = out[1:]
    if signed and out.startswith("-"):
        out = "−" + out[1:]
    return out.replace(".", ",") if decimal == COMMA else out


def format_value(value, unit: str = Unit.PERCENT, decimal: str = COMMA, approx: bool = False) -> str:
    """As shown in a table cell: ≈ on approximate values, the dash for missing ones."""
    if is_missing(value):
        return MISSING
    out = format_number(value, decimal)
    return f"{APPROX} {out}" if approx else out


# Month names are written lower-case in bokmål; a label that starts a cell ("Februar 2021") keeps its capital,
# the same label inside a sentence or after a comma does not ("N=1598, februar 2021").
MONTHS_NB = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "desember")
_LEADING_MONTH = re.compile(r"^(" + "|".join(m.capitalize() for m in MONTHS_NB) + r")\b")
# a colon never follows these: "Har arbeidsgiver …?: Ja" reads as a typo
_NO_COLON_AFTER = ("?", "!", ":", ".")


def in_sentence(label: str, lang: str = NB) -> str:
    """label as it reads mid-sentence: in bokmål a leading month name is lower-cased ("Juni 2021" → "juni 2021");
    English keeps its capitals, and any other label is left as it is."""
    label = str(label)
    if lang != NB:
        return label
    return _LEADING_MONTH.sub(lambda m: m.group(1).lower(), label, count=1)


def colon_join(head: str, tail: str) -> str:
    """'head: tail', except after a question (or other closing mark), where a space does: no '?:' joins."""
    head = str(head).rstrip()
    return f"{head} {tail}" if head.endswith(_NO_COLON_AFTER) else f"{head}: {tail}"


# Norwegian letters spelled out the way Norwegians write them in ASCII; anything else loses its accents.
_ASCII_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def slug(value: str, max_words: int | None = None) -> str:
    """A readable ASCII file-name part: 'Nøkkeltall: Omfang' → 'nokkeltall-omfang' (æ→ae, ø→o, å→a)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", str(value).translate(_ASCII_LETTERS)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words] if max_words else words)


def reason_text(reason: str, lang: str = NB) -> str:
    """Why a cell is missing (a codes.Reason), in words; an unknown code comes back as it is."""
    msg_id = f"reason.{reason}"
    return text(msg_id, lang) if msg_id in CATALOGUE else reason
