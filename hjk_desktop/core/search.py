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

Everything searchable is collected once per package (for every language) straight from its tables, never with a
query per exhibit, and indexed by word: a typed word is looked up in the list of distinct words, and the texts
holding those words are found through the index, so a keystroke costs a few array operations however large the
package. ``find`` builds only the first hits it is asked for and counts the rest; ``build_index`` builds the index
step by step for a progress dialog.
"""

from __future__ import annotations

import gc
import re
import unicodedata
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hjk_desktop.core.codes import ALL, LANGUAGES, NB, Chart, ExhibitKind, Round, exhibit_name, is_missing, language, split_list
from hjk_desktop.core.messages import text
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import default_selection

FIELDS = ("chapter", "exhibit", "item", "response", "segment", "population", "finding")
_RANK = {field: i for i, field in enumerate(FIELDS)}
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
_ACCENTED = re.compile(r"[^\x00-\x7fæøå]")  # the characters that may lose an accent: æ, ø and å keep theirs
_GAPS = re.compile(r"\W+")
_SEP = "\x00"  # between texts normalised together (no package text holds a control character)
_FOLDED: dict[str, str] = {}
_KEEP = frozenset("æøå")
_ASCII_BYTES = bytes(range(128))
# ASCII bytes that are not word characters, and "_", to a space (the separator stays)
_ASCII_GAPS = bytes(b if b == 0 or b >= 128 or (chr(b).isalnum() and chr(b) != "_") else 32 for b in range(256))


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
    folded = _ACCENTED.sub(_fold, str(text).casefold()).replace("_", " ")
    return _GAPS.sub(" ", folded).strip(" ")


def _ascii(text: str) -> str:
    """æ, ø, å as ae, o, a (str.translate, but much faster on long texts)."""
    return text.replace("æ", "ae").replace("ø", "o").replace("å", "a")


def _fold(match: re.Match) -> str:
    return _fold_char(match.group())


def _fold_char(ch: str) -> str:
    """One character without its accents (NFKD, combining marks dropped), remembered."""
    out = _FOLDED.get(ch)
    if out is None:
        out = _FOLDED[ch] = "".join(p for p in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(p))
    return out


def _normalise_all(texts: list[str]) -> list[str]:
    """normalise() of every text, done on them joined and as bytes: the same result, without a pass per text."""
    joined = _SEP.join(texts)
    if not texts or joined.count(_SEP) != len(texts) - 1:
        return [normalise(t) for t in texts]
    folded = joined.casefold()
    beyond_ascii = set(folded.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    gaps = set()
    for ch in beyond_ascii - _KEEP:
        out = _fold_char(ch)  # its output folds to itself, so the order of these replacements does not matter
        if out != ch:
            folded = folded.replace(ch, out)
        gaps.update(c for c in out if not c.isascii() and _GAPS.fullmatch(c))
    for ch in gaps:
        folded = folded.replace(ch, " ")
    data = np.frombuffer(folded.encode("utf-8", "surrogatepass").translate(_ASCII_GAPS), dtype=np.uint8)
    # every gap is a space now; runs of spaces to one, and none at the ends of a text
    data = data[~((data == 32) & np.concatenate(([True], data[:-1] == 32)))]
    next_to_end = np.concatenate(([True], data[:-1] == 0)) | np.concatenate((data[1:] == 0, [True]))
    data = data[~((data == 32) & next_to_end)]
    return data.tobytes().decode("utf-8", "surrogatepass").split(_SEP)


@dataclass(frozen=True)
class Found:
    """The first hits for a text, in order, and how many hits there are in all."""

    hits: list[Hit]
    total: int


# -- the index: built once per package, for every language --------------------------------------------------


class _Entries:
    """Everything searchable, one column per attribute. Hits of one score are listed by field, reading position
    and row; entries that tie on all three keep the order they were added in. An entry's chapter, reading position
    and context are its exhibit's unless set apart (chapters and findings)."""

    def __init__(self, position: dict[str, int], chapter: dict[str, int], names: dict[str, dict[str, str]]) -> None:
        self.positions, self.chapters, self.names = position, chapter, names
        self.rank: list[int] = []  # FIELDS index
        self.exhibit: list[str] = []
        self.row: list[int] = []  # -1: not a row
        self.labels: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        self.own: dict[int, tuple[int, int, dict[str, str]]] = {}  # entry → chapter, position, context by language
        self.finding: dict[int, str] = {}
        self.texts: list[str] = []  # what the entries are found by, in every language
        self.owner: list[int] = []  # the entry each text belongs to

    def add(self, field: str, exhibits: list[str], rows: list[int], labels: dict[str, list[str]], *,
            texts: list[list[str]] | None = None, own: tuple[int, int, dict[str, str]] | None = None) -> None:
        """Entries of one field, one per exhibit of ``exhibits`` with its row (-1: none) and its label in each language.
        Each is found by its labels in every language unless ``texts`` says otherwise; ``own`` is the chapter,
        reading position and context of a single entry that has its own."""
        first, count = len(self.rank), len(exhibits)
        self.rank += [_RANK[field]] * count
        self.exhibit += exhibits
        self.row += rows
        for lang in LANGUAGES:
            self.labels[lang] += labels[lang]
        for forms in texts if texts is not None else labels.values():
            self.texts += forms
            self.owner += range(first, first + count)
        if own is not None:
            self.own[first] = own

    def position_of(self) -> list[int]:
        positions = [self.positions.get(e, 0) for e in self.exhibit]
        for entry, (_chapter, position, _context) in self.own.items():
            positions[entry] = position
        return positions

    def hit(self, score: int, entry: int, lang: str) -> Hit:
        row, exhibit = self.row[entry], self.exhibit[entry]
        own = self.own.get(entry)
        chapter, context = (own[0], own[2][lang]) if own else (self.chapters[exhibit], self.names[lang][exhibit])
        return Hit(exhibit, None if row < 0 else row, FIELDS[self.rank[entry]], self.labels[lang][entry], chapter, context,
                   score, self.finding.get(entry, ""))


class _Spelling:
    """The index's words spelled one way (as normalised, or with æ, ø, å folded for the loose pass), and the length
    of each form so spelled."""

    def __init__(self, vocabulary: list[str], lengths: np.ndarray, forms: list[str]) -> None:
        self.blob = "\n".join(vocabulary)  # every distinct word once: a typed word is looked for in this one string
        self.sizes = np.fromiter((len(word) for word in vocabulary), dtype=np.int64, count=len(vocabulary))
        self.offsets = np.zeros(len(vocabulary), dtype=np.int64)  # where each word starts in the blob
        np.cumsum(self.sizes[:-1] + 1, out=self.offsets[1:])
        self.lengths, self.forms = lengths, forms

    def words_with(self, word: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The vocabulary's words containing ``word``, those starting with it, and those equal to it (indices)."""
        at = np.asarray([m.start() for m in re.finditer(re.escape(word), self.blob)], dtype=np.int64)
        words = np.searchsorted(self.offsets, at, side="right") - 1
        starting = words[self.offsets[words] == at]
        return np.unique(words), starting, starting[self.sizes[starting] == len(word)]


class _Index:
    """The entries, the distinct normalised forms of the texts they are found by, and those forms by word."""

    LEAD = 4  # the first words of each form, kept for the tests of a form's start

    def __init__(self, entries: _Entries, forms: list[str], form_of: np.ndarray) -> None:
        """``forms`` are distinct; ``form_of`` gives the form of each of entries.texts."""
        self.entries = entries
        count = len(entries.rank)
        # the order hits share within one score: field, reading position, row, then as added
        self.order = np.lexsort((np.arange(count), np.asarray(entries.row, dtype=np.int64),
                                 np.asarray(entries.position_of(), dtype=np.int64), np.asarray(entries.rank, dtype=np.int64)))
        place = np.empty(count, dtype=np.int64)
        place[self.order] = np.arange(count)
        self.owner = place[np.asarray(entries.owner, dtype=np.int64)]  # each text's entry, as its place in that order
        self.form_of = form_of
        self.size, self.forms = count, forms
        # every word of every form, the form it belongs to and its place there (forms are words and single spaces)
        joined = "\n".join(forms)
        gaps = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
        ends = gaps[(gaps == 32) | (gaps == 10)] == 10
        belongs = np.zeros(len(ends) + 1, dtype=np.int64)
        np.cumsum(ends, out=belongs[1:])
        first = np.zeros(len(forms), dtype=np.int64)
        first[1:] = np.flatnonzero(ends) + 1
        place_in_form = np.arange(len(belongs)) - first[belongs]
        codes, vocabulary = pd.factorize(np.asarray(joined.replace("\n", " ").split(" "), dtype=object))
        self.words = len(vocabulary)
        lead = place_in_form < self.LEAD
        self.lead = np.full((len(forms), self.LEAD), self.words, dtype=np.int64)  # past the last word: none
        self.lead[belongs[lead], place_in_form[lead]] = codes[lead]
        if len(vocabulary) < 2**16:
            codes = codes.astype(np.uint16)  # sorted by radix then
        # the forms holding word w: postings[starts[w]:starts[w + 1]]
        self.postings = belongs[np.argsort(codes, kind="stable")]
        self.starts = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.bincount(codes, minlength=len(vocabulary)), out=self.starts[1:])
        self.vocabulary = [str(word) for word in vocabulary]
        lengths = np.fromiter((len(form) for form in forms), dtype=np.int64, count=len(forms))
        self.strict = _Spelling(self.vocabulary, lengths, forms)
        self._joined = joined
        self._loose: _Spelling | None = None
        self._masks: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}  # the last words' forms (typing goes on)

    @property
    def loose(self) -> _Spelling:
        """The same words and forms with æ, ø, å folded (made the first time nothing matches as typed)."""
        if self._loose is None:
            with _gc_paused():
                forms = _ascii(self._joined).split("\n")
                lengths = np.fromiter((len(form) for form in forms), dtype=np.int64, count=len(forms))
                self._loose = _Spelling(_ascii("\n".join(self.vocabulary)).split("\n"), lengths, forms)
        return self._loose

    def forms_with(self, words: np.ndarray) -> np.ndarray:
        """A mask of the forms holding any of ``words``."""
        low, high = self.starts[words], self.starts[words + 1]
        lengths = high - low
        picked = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(low - np.cumsum(lengths) + lengths, lengths)
        mask = np.zeros(len(self.forms), dtype=bool)
        mask[self.postings[picked]] = True
        return mask

    def _entries_of(self, forms: np.ndarray) -> np.ndarray:
        """A mask of the entries (by place) found by any of the forms in the mask ``forms``."""
        found = np.zeros(self.size, dtype=bool)
        found[self.owner[forms[self.form_of]]] = True
        return found

    def _heads(self, spelling: _Spelling, query_norm: str, words: list[str], found: dict, starting: np.ndarray) -> np.ndarray:
        """A mask of the forms that start with the query: its words but the last are their first words, and the last
        starts the next one."""
        heads = starting.copy()
        for place, word in enumerate(words[: self.LEAD]):
            wanted = np.zeros(self.words + 1, dtype=bool)
            wanted[found[word][2] if place < len(words) - 1 else found[word][1]] = True
            heads &= wanted[self.lead[:, place]]
        if len(words) > self.LEAD:
            for form in np.flatnonzero(heads).tolist():
                heads[form] = spelling.forms[form].startswith(query_norm)
        return heads

    def _word_forms(self, spelling: _Spelling, word: str, found: tuple) -> tuple[np.ndarray, np.ndarray]:
        """Masks of the forms holding a word that contains ``word``, and one that starts with it; the last few are
        kept, since a query typed letter by letter repeats all its words but the last."""
        key = (id(spelling), word)
        masks = self._masks.get(key)
        if masks is None:
            masks = self._masks[key] = (self.forms_with(found[0]), self.forms_with(found[1]))
            while len(self._masks) > 16:
                del self._masks[next(iter(self._masks))]
        return masks

    def find(self, spelling: _Spelling, query_norm: str, limit: int | None) -> tuple[list[tuple[int, int]], int]:
        """(score, entry) of the first ``limit`` hits in order (all when None), and the number of hits."""
        words = query_norm.split()
        found = {word: spelling.words_with(word) for word in words}
        if any(not len(anywhere) for anywhere, _, _ in found.values()):
            return [], 0
        everywhere = starting = None
        for word, lists in found.items():
            inside, begins = self._word_forms(spelling, word, lists)
            everywhere = inside if everywhere is None else everywhere & inside
            starting = begins if starting is None else starting & begins
        if everywhere is None or not everywhere.any():
            return [], 0
        anywhere = self._entries_of(everywhere)
        total = int(np.count_nonzero(anywhere))

        heads: list[np.ndarray] = []

        def tier(score: int) -> np.ndarray:  # the whole form, its start, the starts of its words, anywhere; made
            if score == 3:                   # only as far as the hits asked for reach
                return anywhere
            if score == 2:
                return self._entries_of(starting)
            if not heads:
                heads.append(self._heads(spelling, query_norm, words, found, starting))
            return self._entries_of(heads[0] & (spelling.lengths == len(query_norm)) if score == 0 else heads[0])

        picked: list[tuple[int, int]] = []
        better = np.zeros(self.size, dtype=bool)
        for score in range(4):
            places = np.flatnonzero(tier(score) & ~better)
            if limit is not None:
                places = places[: limit - len(picked)]
            picked += [(score, int(entry)) for entry in self.order[places]]
            if limit is not None and len(picked) >= limit:
                break
            better[places] = True
        return picked, total

    def hit(self, score: int, entry: int, lang: str) -> Hit:
        return self.entries.hit(score, entry, lang)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building makes many objects and no reference cycles: the cyclic collector would only walk them again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def index_ready(package: Package) -> bool:
    """True when the package's search index is built (a search then answers at once)."""
    return package in _INDEXES


def build_index(package: Package) -> Iterator[float]:
    """Build the package's search index step by step, yielding the fraction done (0 to 1).

    Only a build run to its end is kept: a caller may stop iterating at any step (a cancelled progress dialog)
    and nothing of it remains. A search builds the index itself when it is not there."""
    if package in _INDEXES:
        return
    index = yield from _build(package)
    _INDEXES[package] = index
    yield 1.0


def _index(package: Package) -> _Index:
    if package not in _INDEXES:
        for _ in build_index(package):
            pass
    return _INDEXES[package]


def _exhibit_titles(package: Package, lang: str) -> dict[str, str]:
    """core.table.exhibit_title of every exhibit at once, read from the columns ("Figur 7. Title")."""
    frame = package.exhibits
    column = f"title_{lang}" if f"title_{lang}" in frame.columns else "title_nb"
    words = {kind: exhibit_name(kind, None, lang) for kind in (ExhibitKind.FIGURE, ExhibitKind.TABLE)}
    names = {}
    for ex_id, title, kind, number in zip(frame.index.tolist(), frame[column].tolist(), frame["kind"].tolist(),
                                          frame["number"].tolist()):
        numbered = kind in words and not is_missing(number) and str(number) != "<NA>"
        names[ex_id] = f"{words[kind]} {int(number)}. {title}" if numbered else str(title)
    return names


class _Values:
    """values.csv's exhibit, item and response columns as codes, for grouping without a query per exhibit."""

    def __init__(self, package: Package) -> None:
        values = package.values
        self.exhibit, self.exhibits = pd.factorize(values["exhibit"].to_numpy(dtype=object))
        self.item, self.items = pd.factorize(values["item"].to_numpy(dtype=object))
        self.response, self.responses = pd.factorize(values["response"].to_numpy(dtype=object))
        self.package = package
        self._own: tuple | None = None

    def responses_per_item(self, exhibits: np.ndarray, codes: np.ndarray) -> np.ndarray:
        """How many different responses each (exhibit, item) pair has values for (0 for none)."""
        ni, nr = len(self.items) + 1, len(self.responses) + 1
        triples = np.unique((self.exhibit.astype(np.int64) * ni + self.item) * nr + self.response)
        pairs, counts = np.unique(triples // nr, return_counts=True)
        ex = pd.Index(self.exhibits).get_indexer(exhibits)
        item = pd.Index(self.items).get_indexer(codes)
        key = ex.astype(np.int64) * ni + item
        if not len(pairs):
            return np.zeros(len(key), dtype=np.int64)
        where = np.minimum(np.searchsorted(pairs, key), len(pairs) - 1)
        return np.where((ex >= 0) & (item >= 0) & (pairs[where] == key), counts[where], 0)

    def first_seen(self, column: str) -> tuple[list[str], list[str]]:
        """(exhibit, code) pairs of a column (segment, population), each exhibit's in the order first met."""
        codes, uniques = pd.factorize(self.package.values[column].to_numpy(dtype=object))
        width = len(uniques) + 1
        known = (codes >= 0) & (self.exhibit >= 0)
        pairs = pd.unique(self.exhibit[known].astype(np.int64) * width + codes[known])
        exhibits, found = np.divmod(pairs, width)
        return self.exhibits[exhibits].tolist(), uniques[found].tolist()

    def own(self, ex_id: str) -> tuple[dict[str, list], np.ndarray]:
        """The exhibit's item and response codes in values.csv's order, and their positions in it."""
        if self._own is None:
            order = np.argsort(self.exhibit, kind="stable")
            bounds = np.searchsorted(self.exhibit[order], np.arange(len(self.exhibits) + 1))
            self._own = (order, bounds, {ex: k for k, ex in enumerate(self.exhibits)},
                         self.items[self.item[order]].tolist(), self.responses[self.response[order]].tolist())
        order, bounds, code, items, responses = self._own
        k = code.get(ex_id)
        low, high = (bounds[k], bounds[k + 1]) if k is not None else (0, 0)
        return {"item": items[low:high], "response": responses[low:high]}, order[low:high]


def _build(package: Package) -> Iterator[float]:
    """Collect every searchable entry straight from the package's tables (never a query per exhibit), then index
    their normalised forms by word. Yields the fraction done; returns the _Index."""
    with _gc_paused():
        ex_ids = package.exhibit_ids()
        position = {ex_id: i for i, ex_id in enumerate(ex_ids)}
        exhibits = package.exhibits
        columns = {name: dict(zip(exhibits.index.tolist(), exhibits[name].tolist()))
                   for name in ("chapter", "kind", "scale", "headline", "chart")}
        names = {lang: _exhibit_titles(package, lang) for lang in LANGUAGES}
        entries = _Entries(position, {ex_id: int(c) for ex_id, c in columns["chapter"].items()}, names)
        word = {lang: text("word.chapter", lang) for lang in LANGUAGES}
        chapters = package.chapters
        titles = {lang: [str(t) for t in chapters[f"title_{lang}"]] for lang in LANGUAGES}
        for i, number in enumerate(chapters.index):
            in_chapter = package.exhibits_in(int(number))
            if in_chapter:
                n = int(number)
                entries.add("chapter", in_chapter[:1], [-1], {lang: [titles[lang][i]] for lang in LANGUAGES},
                            texts=[[titles[lang][i]] for lang in LANGUAGES] + [[f"{word[lang]} {n} {titles[lang][i]}"] for lang in LANGUAGES],
                            own=(n, position[in_chapter[0]], {lang: f"{word[lang]} {n}" for lang in LANGUAGES}))
        entries.add("exhibit", ex_ids, [-1] * len(ex_ids), {lang: [names[lang][e] for e in ex_ids] for lang in LANGUAGES})
    yield 0.05

    with _gc_paused():
        values = _Values(package)
        scales = {ex_id: split_list(scale) for ex_id, scale in columns["scale"].items()}
        facts = {ex_id for ex_id, chart in columns["chart"].items() if chart == Chart.FACTS}
        items = _Items(package, values, position, ex_ids)
        # exhibits whose rows are worked out one by one: facts, items tied on order, a scale naming a response twice
        by_hand = facts | items.tied | {ex_id for ex_id, scale in scales.items() if len(set(scale)) < len(scale)}
        items.add_all_but(entries, by_hand)
    yield 0.25

    with _gc_paused():
        response_order = {r: i for i, r in enumerate(package.responses.index)}
        for ex_id in ex_ids:
            if ex_id not in by_hand and len(scales[ex_id]) < 2:
                continue  # its items are in, and it has no answer options to list
            own, at = values.own(ex_id)
            codes, labels = items.of(ex_id)
            if ex_id in facts:
                _add_facts(package, entries, ex_id, codes, labels, columns["kind"][ex_id], package.values.iloc[at])
                continue
            item_rows, answers, answer_rows = _grid_rows(own, codes, scales[ex_id], columns["headline"][ex_id], response_order)
            if ex_id in by_hand:
                entries.add("item", [ex_id] * len(codes), item_rows, labels)
            if answers:
                entries.add("response", [ex_id] * len(answers), answer_rows,
                            {lang: [package.label("responses", r, lang) for r in answers] for lang in LANGUAGES})
        for dim, column in (("segments", "segment"), ("populations", "population")):
            pairs = [(ex_id, code) for ex_id, code in zip(*values.first_seen(column)) if code != ALL]
            labels = {lang: {code: package.label(dim, code, lang) for code in dict.fromkeys(code for _, code in pairs)}
                      for lang in LANGUAGES}
            entries.add(column, [ex_id for ex_id, _ in pairs], [-1] * len(pairs),
                        {lang: [labels[lang][code] for _, code in pairs] for lang in LANGUAGES})
        _add_findings(package, entries, names, word)
    yield 0.35

    with _gc_paused():  # each distinct text normalised once, each distinct form indexed once
        text_of, texts = pd.factorize(np.asarray(entries.texts, dtype=object))
        form_of, forms = pd.factorize(np.asarray(_normalise_all(texts.tolist()), dtype=object))
    yield 0.6
    with _gc_paused():
        return _Index(entries, forms.tolist(), form_of[text_of])


class _Items:
    """items.csv ranked by exhibit (in reading order) and ``order``, with the row each item starts on in its
    exhibit's table, worked out for all at once.

    The rows are core.query's: items in order, each with as many rows as responses it has values for (at least one,
    the headline); tests/core/test_search.py checks them against the query's rows for every exhibit. Exhibits whose
    items tie on ``order`` are listed in ``tied``: their order is Package.items_for's own."""

    def __init__(self, package: Package, values: _Values, position: dict[str, int], ex_ids: list[str]) -> None:
        self.package = package
        items = package.items
        exhibit = items["exhibit"].to_numpy(dtype=object)
        at = np.fromiter((position[e] for e in exhibit), dtype=np.int64, count=len(exhibit))
        order = items["order"].to_numpy(dtype="float64", na_value=np.nan)
        ranked = np.lexsort((order, at))
        at, order = at[ranked], order[ranked]
        same = at[1:] == at[:-1]
        ties = same & ((order[1:] == order[:-1]) | np.isnan(order[1:]) | np.isnan(order[:-1]))
        self.tied = {ex_ids[k] for k in at[1:][ties].tolist()}
        sizes = np.maximum(values.responses_per_item(exhibit, items["code"].to_numpy(dtype=object)), 1)[ranked]
        starts = np.cumsum(sizes) - sizes
        first = np.zeros(len(at), dtype=np.int64)  # the place of each item's exhibit's first item
        first[1:] = np.where(same, 0, np.arange(1, len(at)))
        self.at, self.rows = at, starts - starts[np.maximum.accumulate(first)]
        self.exhibit = exhibit[ranked]
        self.code = items["code"].to_numpy(dtype=object)[ranked]
        self.labels = {lang: np.asarray([str(x) for x in items[f"label_{lang}"].to_numpy(dtype=object)[ranked]], dtype=object)
                       for lang in LANGUAGES}
        self._position = position

    def add_all_but(self, entries: _Entries, skip: set[str]) -> None:
        """Every item as an entry on its row, but those of the exhibits in ``skip``."""
        keep = ~np.isin(self.at, [self._position[ex_id] for ex_id in skip]) if skip else slice(None)
        entries.add("item", self.exhibit[keep].tolist(), self.rows[keep].tolist(),
                    {lang: self.labels[lang][keep].tolist() for lang in LANGUAGES})

    def of(self, ex_id: str) -> tuple[list[str], dict[str, list[str]]]:
        """The exhibit's item codes and labels in Package.items_for's order."""
        if ex_id in self.tied:
            frame = self.package.items_for(ex_id)
            return [str(c) for c in frame["code"]], {lang: [str(x) for x in frame[f"label_{lang}"]] for lang in LANGUAGES}
        k = self._position[ex_id]
        low, high = np.searchsorted(self.at, [k, k + 1]).tolist()
        return self.code[low:high].tolist(), {lang: self.labels[lang][low:high].tolist() for lang in LANGUAGES}


def _grid_rows(own: dict[str, list], codes: list[str], scale: list[str], headline: str,
               response_order: dict[str, int]) -> tuple[list[int], list[str], list[int]]:
    """The row each item starts on in the exhibit's table, and the answer options shown with their first rows.

    The rows are core.query's: items in order, each with the responses (the scale's, then any other in the
    responses' order) it has values for; a lone item with every response; the headline for an item with none."""
    present = set(zip(own["item"], own["response"]))
    extra = [r for r in dict.fromkeys(own["response"]) if r not in scale]
    responses = scale + sorted(extra, key=lambda r: response_order.get(r, len(response_order)))
    item_rows: list[int] = []
    first: dict[str, int] = {}
    row = 0
    for code in codes:
        shown = responses if len(codes) == 1 else [r for r in responses if (code, r) in present]
        item_rows.append(row)
        for response in shown or [headline]:
            first.setdefault(response, row)
            row += 1
    if len(scale) < 2:  # a lone response (a share, a count) is not an answer option anyone sees
        return item_rows, [], []
    answers = [r for r in dict.fromkeys(scale + list(first)) if r in first]
    return item_rows, answers, [first[r] for r in answers]


def _add_facts(package: Package, entries: _Entries, ex_id: str, codes: list[str], labels: dict[str, list[str]],
               kind: str, own: pd.DataFrame) -> None:
    """A key-figure page lists facts, one row per value, qualified by group and round (core.query's fact rows, as
    its default selection keeps them); each fact is its own hit, an item without facts one hit with no row."""
    records = list(zip(own["item"], own["population"], own["segment"], own["round"], own["value"]))
    stated = [rec for rec in records if not is_missing(rec[4])]
    rounds = {rec[3] or Round.NONE for rec in stated}  # the default selection: the rounds and groups with values,
    populations = {rec[1] for rec in stated}  # every one when none has; every segment on a key-figure page
    segments = None
    if kind != ExhibitKind.KEY_FIGURES:  # another kind drawn as facts: the query's own rule, paired exhibit and all
        chosen = default_selection(package, ex_id)
        segments, rounds, populations = set(chosen["segments"]), set(chosen["rounds"]), set(chosen["populations"])
    item_order = {c: i for i, c in enumerate(codes)}
    dims = {dim: {c: i for i, c in enumerate(getattr(package, dim).index)} for dim in ("populations", "segments", "rounds")}
    records.sort(key=lambda r: (item_order.get(r[0], 99), dims["populations"].get(r[1], 99),
                                dims["segments"].get(r[2], 99), dims["rounds"].get(r[3], 99)))
    kept = [rec for rec in records if (not rounds or (rec[3] or Round.NONE) in rounds)
            and (not populations or rec[1] in populations) and (segments is None or rec[2] in segments)]
    for i, code in enumerate(codes):
        rows = [row for row, rec in enumerate(kept) if rec[0] == code]
        if rows:
            entries.add("item", [ex_id] * len(rows), rows,
                        {lang: [_fact_label(package, ex_id, kept[row], lang) for row in rows] for lang in LANGUAGES})
        else:
            entries.add("item", [ex_id], [-1], {lang: [labels[lang][i]] for lang in LANGUAGES})


def _fact_label(package: Package, ex_id: str, record: tuple, lang: str) -> str:
    item, population, segment, round_ = record[:4]
    qualifiers = []
    if population != ALL:
        qualifiers.append(package.label("populations", population, lang))
    if segment != ALL:
        qualifiers.append(package.label("segments", segment, lang))
    if round_:
        qualifiers.append(package.label("rounds", round_, lang))
    label = package.item_label(ex_id, item, lang)
    return f"{label} ({', '.join(qualifiers)})" if qualifiers else label


def _add_findings(package: Package, entries: _Entries, names: dict[str, dict[str, str]], word: dict[str, str]) -> None:
    """The report's findings, found by their text in every language and listed in the interface's."""
    frame = package.findings
    if "id" not in frame.columns:
        return
    for position, row in enumerate(frame.to_dict("records")):
        exhibit, chapter = str(row["exhibit"] or ""), int(row["chapter"])
        entries.finding[len(entries.rank)] = str(row["id"])
        entries.add("finding", [exhibit], [-1], {lang: [str(row.get(f"text_{lang}") or row["text_nb"])] for lang in LANGUAGES},
                    texts=[[str(row[f"text_{code}"])] for code in LANGUAGES if row.get(f"text_{code}")],
                    own=(chapter, position, {lang: names[lang][exhibit] if exhibit else f"{word[lang]} {chapter}"
                                             for lang in LANGUAGES}))


# -- searching ----------------------------------------------------------------------------------------------


def find(package: Package, typed: str, lang: str = NB, limit: int | None = None) -> Found:
    """The first ``limit`` hits for ``typed`` (all when None) and how many there are; see search()."""
    query_norm = normalise(typed)
    if not query_norm:
        return Found([], 0)
    index = _index(package)
    picked, total = index.find(index.strict, query_norm, limit or None)
    if not total:
        picked, total = index.find(index.loose, query_norm.translate(_ASCII), limit or None)
    lang = language(lang)
    return Found([index.hit(score, entry, lang) for score, entry in picked], total)


def entries(package: Package, lang: str = NB) -> list[Hit]:
    """Everything the search can find, as hits of score 0 in the order they were collected: what the tests check
    against the default query of each exhibit."""
    index = _index(package)
    return [index.hit(0, entry, language(lang)) for entry in range(index.size)]


def search(package: Package, typed: str, lang: str = NB, limit: int | None = None) -> list[Hit]:
    """Hits for ``typed`` across chapter titles, exhibit titles, question (item) and answer (response) labels,
    the segments and groups an exhibit has numbers for, and the findings' texts (in either language)."""
    return find(package, typed, lang, limit).hits
