"""The one catalogue of core texts in two languages, keyed by message id.

Core code (the chart layout and its description, clipboard notes, comparability warnings, statistics
readings, export sheets) never holds a ``{"nb": …, "en": …}`` dict of its own: it asks ``text(id, lang)``.
The entries are kept in a few modules by subject (``common``, ``chart``, …) so that each stays readable;
together they are one table, and an id may stand in only one of them (checked on import).

A third language is a new code in ``codes.LANGUAGES`` plus one more key in every entry here (a test lists
the entries that lack it); until then ``text`` falls back to bokmål. Widgets keep Qt's ``tr()``.
"""

from __future__ import annotations

from hjk_desktop.core.messages import chart, common, comparability, export, findings, provenance, stats, tables

FALLBACK = "nb"


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise RuntimeError(f"message ids defined twice: {', '.join(sorted(clash))}")
        merged.update(part)
    return merged


CATALOGUE: dict[str, dict[str, str]] = _merge(
    common.MESSAGES, chart.MESSAGES, tables.MESSAGES, stats.MESSAGES, provenance.MESSAGES, comparability.MESSAGES,
    export.MESSAGES, findings.MESSAGES,
)


def text(msg_id: str, lang: str | None = FALLBACK, /, **fields) -> str:
    """The message in lang (bokmål where lang has no entry), with {name} fields filled in."""
    entry = CATALOGUE[msg_id]
    template = entry.get(lang or FALLBACK) or entry[FALLBACK]
    return template.format(**fields) if fields else template


def missing_translations(lang: str) -> list[str]:
    """Ids that have no text in lang (for a test, and for whoever adds a language)."""
    return sorted(msg_id for msg_id, entry in CATALOGUE.items() if not entry.get(lang))
