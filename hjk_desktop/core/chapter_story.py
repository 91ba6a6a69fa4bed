"""A chapter's story: its findings in reading order, each with its numbers, its sources in words and the cells
that show them.

What the chapter page, the exhibit's findings list, the search and the export read. A finding is shown as its
sentence in the chosen language, then its numbers as the table writes them (``≈`` before an approximate value,
"(beregnet)" after a computed one, "%" on percentages), then where the report says it, in words:

    Flest mente at … .
    Tall: ≈ 40 % · 12 % (beregnet)
    Kilde: kapittel 9, avsnitt 2

``target`` says what opening a finding shows: its exhibit with segments, groups and rounds that hold every value
row the finding names (the exhibit's default choices plus theirs), and the (row, series key) cells of the query
result that hold those values, the first value's cell first. No Qt here.
"""

from __future__ import annotations

import html
import weakref
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from hjk_desktop.core import findings as findings_data
from hjk_desktop.core.codes import COMMA, NB, POINT, Status, Unit, is_missing
from hjk_desktop.core.formatting import format_value
from hjk_desktop.core.messages import text
from hjk_desktop.core.package import Package
from hjk_desktop.core.provenance import describe_locator
from hjk_desktop.core.query import ExhibitResult, availability, default_selection, query
from hjk_desktop.core.table import caption

NUMBER_SEP = " · "


@dataclass(frozen=True)
class StoryNumber:
    """One value row of a finding, as shown after its sentence."""

    value_id: str
    shown: str  # "≈ 40 %", "12 % (beregnet)"
    approx: bool
    derived: bool
    locator: str


@dataclass(frozen=True)
class StoryFinding:
    id: str
    chapter: int
    exhibit: str  # "" for a finding about the chapter as a whole
    kind: str
    text: str  # the sentence in the chosen language
    locators: tuple[str, ...]
    places: tuple[str, ...]  # the locators in words
    numbers: tuple[StoryNumber, ...]
    status: str
    note: str
    lang: str

    @property
    def numbers_line(self) -> str:
        """"Tall: ≈ 40 % · 12 % (beregnet)", or "" when the finding states no number."""
        if not self.numbers:
            return ""
        return f"{text('story.numbers', self.lang)}: " + NUMBER_SEP.join(n.shown for n in self.numbers)

    @property
    def source_line(self) -> str:
        return f"{text('story.source', self.lang)}: " + "; ".join(self.places) if self.places else ""

    def lines(self) -> list[str]:
        """The sentence, its numbers and its sources, one per line (no empty lines)."""
        return [line for line in (self.text, self.numbers_line, self.source_line) if line]

    def plain(self) -> str:
        """One line for copying: the sentence, then its locators in brackets."""
        return f"{self.text} ({'; '.join(self.places)})" if self.places else self.text


@dataclass(frozen=True)
class ChapterStory:
    chapter: int
    title: str  # "9. Title"
    summary: str
    findings: tuple[StoryFinding, ...]
    exhibits: tuple[tuple[str, str], ...]  # (exhibit id, caption) in reading order
    lang: str

    def describe(self) -> str:
        """The page in words: title, summary, each finding with its numbers and sources, the exhibits."""
        lines = [self.title, self.summary] if self.summary else [self.title]
        if self.findings:
            lines.append(text("story.findings", self.lang))
            for f in self.findings:
                lines += [f"- {f.text}", *(f"  {line}" for line in f.lines()[1:])]
        if self.exhibits:
            lines.append(text("chart.chapter.exhibits", self.lang))
            lines += [f"- {name}" for _id, name in self.exhibits]
        return "\n".join(lines)


@dataclass(frozen=True)
class Target:
    """What opening a finding shows. ``exhibit`` "" means the chapter page."""

    finding: str
    chapter: int
    exhibit: str
    segments: tuple[str, ...]
    rounds: tuple[str, ...]
    populations: tuple[str, ...]
    cells: tuple[tuple[int, str], ...]  # (row, series key) holding the finding's values, the first value's first

    @property
    def focus(self) -> tuple[int, str] | None:
        return self.cells[0] if self.cells else None

    def selection(self) -> dict:
        """The Selection fields to write (in one batch) to show this target."""
        if not self.exhibit:
            return {"exhibit": "", "chapter": self.chapter, "focus": None}
        return {"exhibit": self.exhibit, "chapter": self.chapter, "segments": self.segments, "rounds": self.rounds,
                "populations": self.populations, "focus": self.focus}


def _frame(package: Package) -> pd.DataFrame:
    frame = package.findings
    return frame if "id" in frame.columns else findings_data.empty_findings()


def has_findings(package: Package) -> bool:
    return len(_frame(package)) > 0


def default_decimal(lang: str) -> str:
    return COMMA if lang == NB else POINT


def number_text(record: dict, lang: str, decimal: str) -> StoryNumber:
    approx = bool(record["approx"]) and not is_missing(record["approx"])
    derived = record["status"] == Status.DERIVED
    shown = format_value(float(record["value"]), record["unit"], decimal, approx)
    if record["unit"] == Unit.PERCENT:
        shown = text("story.percent", lang, n=shown)
    if derived:
        shown += f" ({text('chart.describe.derived', lang)})"
    locator = "" if is_missing(record["locator"]) else str(record["locator"])
    return StoryNumber(str(record["id"]), shown, approx, derived, locator)


# -- the per-package index (built as first needed; a package's frames never change) ------------------------
_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NUMBER_FIELDS = ("id", "approx", "status", "value", "unit", "locator")  # what number_text reads of a value row


def _index(package: Package) -> dict:
    found = _INDEXES.get(package)
    if found is None:
        found = _INDEXES[package] = {}
    return found


def _finding_rows(package: Package) -> dict:
    """The findings as plain dicts (what ``to_dict("records")`` gives), in the file's order, with each exhibit's
    and each chapter's row positions: the window asks for an exhibit's findings on every switch."""
    index = _index(package)
    found = index.get("findings")
    if found is None:
        frame = _frame(package)
        columns = {name: frame[name].tolist() for name in frame.columns}
        records = [dict(zip(columns, row)) for row in zip(*columns.values())] if len(frame) else []
        by_exhibit: dict = {}
        by_chapter: dict = {}
        for i, record in enumerate(records):
            by_exhibit.setdefault(record["exhibit"], []).append(i)
            by_chapter.setdefault(record["chapter"], []).append(i)
        found = index["findings"] = {"records": records, "exhibit": by_exhibit, "chapter": by_chapter}
    return found


def _value_record(package: Package, value_id) -> dict | None:
    """The value row with this id, as a dict of the fields a finding's number shows; None when there is none."""
    index = _index(package)
    values = index.get("values")
    if values is None:
        frame = package.values
        values = index["values"] = {
            "at": {vid: i for i, vid in enumerate(frame["id"].tolist())},
            "columns": {name: frame[name].tolist() for name in _NUMBER_FIELDS if name in frame.columns},
        }
    at = values["at"].get(value_id)
    if at is None:
        return None
    return {name: column[at] for name, column in values["columns"].items()}


def _story_finding(package: Package, row: dict, lang: str, decimal: str) -> StoryFinding:
    numbers = tuple(number_text(record, lang, decimal) for record in (_value_record(package, vid) for vid in row["value_ids"])
                    if record is not None)
    sentence = row.get(f"text_{lang}") or row["text_nb"]
    locators = tuple(row["locators"])
    return StoryFinding(str(row["id"]), int(row["chapter"]), str(row["exhibit"] or ""), str(row["kind"]), str(sentence),
                        locators, tuple(describe_locator(loc, lang) for loc in locators), numbers,
                        str(row["status"]), str(row["note"] or ""), lang)


@lru_cache(maxsize=512)  # the window asks on every exhibit switch; a package never changes once loaded
def findings(package: Package, lang: str = NB, decimal: str | None = None, chapter: int | None = None,
             exhibit: str | None = None) -> tuple[StoryFinding, ...]:
    """The package's findings in reading order; only a chapter's, or only an exhibit's, when asked."""
    rows = _finding_rows(package)
    if chapter is None and exhibit is None:
        at = range(len(rows["records"]))
    elif exhibit is None:
        at = rows["chapter"].get(int(chapter), [])
    else:
        at = rows["exhibit"].get(exhibit, [])
        if chapter is not None:
            in_chapter = set(rows["chapter"].get(int(chapter), ()))
            at = [i for i in at if i in in_chapter]
    decimal = decimal or default_decimal(lang)
    return tuple(_story_finding(package, rows["records"][i], lang, decimal) for i in at)


def finding(package: Package, finding_id: str, lang: str = NB, decimal: str | None = None) -> StoryFinding:
    frame = _frame(package)
    rows = frame[frame["id"] == finding_id]
    if rows.empty:
        raise KeyError(finding_id)
    return _story_finding(package, rows.iloc[0].to_dict(), lang, decimal or default_decimal(lang))


def story(package: Package, chapter: int, lang: str = NB, decimal: str | None = None) -> ChapterStory:
    row = package.chapter(int(chapter))
    summary = "" if is_missing(row[f"summary_{lang}"]) else str(row[f"summary_{lang}"])
    exhibits = tuple((ex, caption(package, ex, lang)) for ex in package.exhibits_in(int(chapter)))
    return ChapterStory(int(chapter), f"{int(chapter)}. {row[f'title_{lang}']}", summary,
                        findings(package, lang, decimal, chapter=int(chapter)), exhibits, lang)


def _ordered(wanted: set[str], available: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code for code in available if code in wanted) + tuple(sorted(wanted - set(available)))


def cells_for(result: ExhibitResult, value_ids) -> tuple[tuple[int, str], ...]:
    """The (row, series key) cells of a query result holding the given value ids, in the order of the ids."""
    where: dict[str, list[tuple[int, str]]] = {}
    for key in result.keys:
        for row, vid in enumerate(result.field(key, "id")):
            if vid:
                where.setdefault(str(vid), []).append((row, key))
    return tuple(cell for vid in value_ids for cell in where.get(vid, ()))


@lru_cache(maxsize=256)
def target(package: Package, finding_id: str) -> Target:
    """What opening the finding shows: its exhibit on choices that include every one of its values, those cells
    selected. A chapter-level finding opens the chapter; one without values opens its exhibit's default view."""
    frame = _frame(package)
    rows = frame[frame["id"] == finding_id]
    if rows.empty:
        raise KeyError(finding_id)
    row = rows.iloc[0]
    chapter, exhibit = int(row["chapter"]), str(row["exhibit"] or "")
    if not exhibit or exhibit not in package.exhibits.index:
        return Target(finding_id, chapter, "", (), (), (), ())
    default = default_selection(package, exhibit)
    avail = availability(package, exhibit)
    values = package.values[package.values["id"].isin(row["value_ids"])]
    chosen = {}
    for name, column, known in (("segments", "segment", avail.segments), ("rounds", "round", avail.rounds),
                                ("populations", "population", avail.populations)):
        wanted = set(default[name]) | {str(v) for v in values[column]}
        chosen[name] = _ordered(wanted, known) if len(values) else tuple(default[name])
    result = query(package, exhibit, chosen["segments"], chosen["rounds"], chosen["populations"])
    return Target(finding_id, chapter, exhibit, chosen["segments"], chosen["rounds"], chosen["populations"],
                  cells_for(result, row["value_ids"]))


def copy_text(items: list[StoryFinding]) -> str:
    """Findings as plain text: one per line, each with its sources in brackets."""
    return "\n".join(f.plain() for f in items)


def copy_html(items: list[StoryFinding]) -> str:
    """Findings as a simple HTML list, the package's text escaped so it is never read as markup."""
    escape = html.escape
    body = "".join(f"<li>{escape(f.text)} <i>({escape('; '.join(f.places))})</i></li>" if f.places
                   else f"<li>{escape(f.text)}</li>" for f in items)
    return f"<ul>{body}</ul>"
