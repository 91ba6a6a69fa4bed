"""Find chapters, exhibits, questions, answer options and the report's findings by text.

Matching folds case and strips accents (é → e, ü → u) but keeps the Norwegian letters æ, ø and å, which are
letters of their own rather than accented a/o. Every word typed must occur (in any order) in the label;
"hms" finds "HMS", "figur 7" finds Figure 7. Hits are ordered by how well they match (the whole label, its
start, the start of a word, anywhere), then chapter before exhibit before question before answer option
before segment or group (which open the exhibits that have numbers for them) before finding, then in reading
order. A finding is found by its text in either language, whatever the language of the interface, and shown in
the interface's language; choosing it opens what activating the finding opens (core.chapter_story.target).

Only when nothing matches is a second, looser pass made with æ, ø, å folded to ae, o, a on both sides, so
"droftet" typed on a keyboard without ø still finds "Drøftet" while "for" does not drown in "før".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from hjk_desktop.core.codes import ALL, LANGUAGES, NB, Chart, split_list
from hjk_desktop.core.messages import text
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import default_selection, query
from hjk_desktop.core.table import exhibit_title

FIELDS = ("chapter", "exhibit", "item", "response", "segment", "population", "finding")
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
_KEEP = set("æøå")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    """One match: open ``exhibit_id`` and, when ``row`` is set, that row of its default table."""

    exhibit_id: str
    row: int | None
    field: str  # chapter, exhibit, item, response, segment, population or finding
    label: str
    chapter: int = 0
    context: str = ""  # the exhibit (or chapter) the hit belongs to, for display
    score: int = 0  # 0 best
    finding: str = ""  # the finding's id when field is "finding" (exhibit_id is then "" for a chapter's own)


def normalise(text: str) -> str:
    """Case-folded, accents removed except on æ, ø, å; punctuation to spaces; single spaces."""
    out = []
    for ch in str(text).casefold():
        if ch in _KEEP:
            out.append(ch)
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if not unicodedata.combining(part):
                out.append(part)
    return " ".join(_WORD.findall("".join(out).replace("_", " ")))


def _score(query_norm: str, words: list[str], label_norm: str) -> int | None:
    """0 exact, 1 label starts with the query, 2 every word starts a word, 3 every word somewhere; None: no match."""
    if not all(w in label_norm for w in words):
        return None
    if label_norm == query_norm:
        return 0
    if label_norm.startswith(query_norm):
        return 1
    label_words = label_norm.split()
    if all(any(lw.startswith(w) for lw in label_words) for w in words):
        return 2
    return 3


@lru_cache(maxsize=8)
def _entries(package: Package, lang: str) -> tuple[tuple, ...]:
    """Everything searchable, labelled in lang but found by its words in every language the package has: a reader
    of the English interface who types «drøftet» or «Tabell 1» still finds it."""
    own = _entries_in(package, lang)
    others = [_entries_in(package, code) for code in LANGUAGES if code != lang]
    if any(len(other) != len(own) for other in others):  # the languages list different things: search lang alone
        return own
    return tuple((*entry[:6], tuple(dict.fromkeys(n for e in (entry, *(o[i] for o in others)) for n in e[6])), *entry[7:])
                 for i, entry in enumerate(own))


@lru_cache(maxsize=8)
def _entries_in(package: Package, lang: str) -> tuple[tuple, ...]:
    """(field, exhibit_id, row, label, chapter, context, normalised forms, reading position) for everything searchable."""
    entries = []
    order = {ex: i for i, ex in enumerate(package.exhibit_ids())}
    for number in package.chapters.index:
        in_chapter = package.exhibits_in(int(number))
        if not in_chapter:
            continue
        title = str(package.chapter(number)[f"title_{lang}"])
        word = text("word.chapter", lang)
        norms = (normalise(title), normalise(f"{word} {int(number)} {title}"))
        entries.append(("chapter", in_chapter[0], None, title, int(number), f"{word} {int(number)}", norms, order[in_chapter[0]]))
    for ex_id in package.exhibit_ids():
        ex = package.exhibit(ex_id)
        chapter = int(ex["chapter"])
        name = exhibit_title(package, ex_id, lang)
        entries.append(("exhibit", ex_id, None, name, chapter, name, (normalise(name),), order[ex_id]))
        sel = default_selection(package, ex_id)
        rows = query(package, ex_id, sel["segments"], sel["rounds"], sel["populations"]).rows
        facts = ex["chart"] == Chart.FACTS
        for item in package.items_for(ex_id).itertuples(index=False):
            at = rows.index[rows["item"] == item.code]
            if facts and len(at):
                for i in at:  # each fact is its own row, qualified by group and round
                    label = str(rows.at[i, f"label_{lang}"])
                    entries.append(("item", ex_id, int(i), label, chapter, name, (normalise(label),), order[ex_id]))
                continue
            label = str(getattr(item, f"label_{lang}"))
            row = int(at[0]) if len(at) else None
            entries.append(("item", ex_id, row, label, chapter, name, (normalise(label),), order[ex_id]))
        own = package.values_for(ex_id)
        for dim, column in (("segments", "segment"), ("populations", "population")):
            for code in dict.fromkeys(own[column]):
                if code == ALL:
                    continue
                label = package.label(dim, code, lang)
                entries.append((column, ex_id, None, label, chapter, name, (normalise(label),), order[ex_id]))
        if facts:
            continue
        scale = split_list(ex["scale"])
        shown = set(rows["response"])
        for response in dict.fromkeys(list(scale) + list(rows["response"])):
            if response not in shown or len(scale) < 2:
                continue  # a lone response (a share, a count) is not an answer option anyone sees
            label = package.label("responses", response, lang)
            row = int(rows.index[rows["response"] == response][0])
            entries.append(("response", ex_id, row, label, chapter, name, (normalise(label),), order[ex_id]))
    entries += _finding_entries(package, lang)
    return tuple(entries)


def _finding_entries(package: Package, lang: str) -> list[tuple]:
    frame = package.findings
    if "id" not in frame.columns:
        return []
    entries = []
    for position, row in enumerate(frame.to_dict("records")):
        exhibit, chapter = str(row["exhibit"] or ""), int(row["chapter"])
        context = exhibit_title(package, exhibit, lang) if exhibit else f"{text('word.chapter', lang)} {chapter}"
        label = str(row.get(f"text_{lang}") or row["text_nb"])
        norms = tuple(dict.fromkeys(normalise(row[f"text_{code}"]) for code in LANGUAGES if row.get(f"text_{code}")))
        entries.append(("finding", exhibit, None, label, chapter, context, norms, position, str(row["id"])))
    return entries


def _run(entries, query_norm: str, fold) -> list[tuple]:
    words = query_norm.split()
    rank = {f: i for i, f in enumerate(FIELDS)}
    found = []
    for field, ex_id, row, label, chapter, context, norms, position, *finding in entries:
        scores = [sc for sc in (_score(query_norm, words, fold(n)) for n in norms) if sc is not None]
        if not scores:
            continue
        score = min(scores)
        found.append((score, rank[field], position, -1 if row is None else row,
                      Hit(ex_id, row, field, label, chapter, context, score, *finding)))
    found.sort(key=lambda t: t[:4])
    return found


def search(package: Package, typed: str, lang: str = NB, limit: int | None = None) -> list[Hit]:
    """Hits for ``typed`` across chapter titles, exhibit titles, question (item) and answer (response) labels,
    the segments and groups an exhibit has numbers for, and the findings' texts (in either language)."""
    query_norm = normalise(typed)
    if not query_norm:
        return []
    entries = _entries(package, lang)
    found = _run(entries, query_norm, lambda n: n)
    if not found:
        found = _run(entries, query_norm.translate(_ASCII), lambda n: n.translate(_ASCII))
    hits = [t[-1] for t in found]
    return hits[:limit] if limit else hits
