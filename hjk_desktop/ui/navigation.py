"""What the tree, the search and the start-up call to move the one selection: never a widget, only updates.

Moving to an exhibit resets segments, rounds and populations to the core's defaults in one batch, so
listeners redraw once and never see an exhibit with another exhibit's choices.
"""

from __future__ import annotations

from hjk_desktop.core.codes import Round
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import availability, default_selection, exhibit_record, query, segments_with_data
from hjk_desktop.core.selection import Selection


def round_mode(rounds: tuple[str, ...]) -> str | None:
    """The stored round choice for a selection of rounds, or None when it is not one of the three."""
    if set(rounds) == set(Round.SURVEY):
        return Round.BOTH
    if len(rounds) == 1 and rounds[0] in Round.SURVEY:
        return rounds[0]
    return None


def rounds_for_mode(package: Package, exhibit_id: str, mode: str | None) -> tuple[str, ...] | None:
    """The rounds a stored round mode asks for, when the exhibit has data for all of them; else None."""
    if not mode:
        return None
    wanted = Round.SURVEY if mode == Round.BOTH else (mode,)
    available = availability(package, exhibit_id).rounds
    if all(r in available for r in wanted) and set(available) <= set(Round.SURVEY):
        return wanted
    return None


def _two_columns(package: Package, exhibit_id: str, choice: dict) -> bool:
    """Whether the choice shows exactly two value columns, the only case with a difference (see query)."""
    return len(query(package, exhibit_id, **choice).series) == 2


def select_exhibit(selection: Selection, package: Package, exhibit_id: str, mode: str | None = None) -> None:
    """Show an exhibit with its default choices (and a stored round mode where it applies).

    The difference stays on only where the new view has two columns to subtract, so no control shows a
    checked "difference" the view cannot draw."""
    choice = dict(default_selection(package, exhibit_id))
    rounds = rounds_for_mode(package, exhibit_id, mode)
    if rounds:
        choice["rounds"] = rounds
        choice["segments"] = segments_with_data(package, exhibit_id, rounds, choice["populations"])
    chapter = int(exhibit_record(package, exhibit_id)["chapter"])  # a plain dict, not a pandas row
    difference = bool(selection.state.difference) and _two_columns(package, exhibit_id, choice)
    with selection.batch():
        selection.update(exhibit=exhibit_id, chapter=chapter, focus=None, difference=difference, **choice)


def choose_rounds(selection: Selection, package: Package, rounds: tuple[str, ...]) -> None:
    """Pick rounds for the exhibit shown, with the segments the text gives values for in those rounds."""
    state = selection.state
    if not state.exhibit:
        return
    choice = {"rounds": tuple(rounds), "populations": state.populations,
              "segments": segments_with_data(package, state.exhibit, rounds, state.populations)}
    difference = bool(state.difference) and _two_columns(package, state.exhibit, choice)
    selection.update(difference=difference, **choice)


def select_chapter(selection: Selection, chapter: int) -> None:
    """Show a chapter's overview."""
    selection.update(exhibit="", chapter=int(chapter), focus=None)


def select_start(selection: Selection, package: Package, exhibit: str | None = None, chapter: int | None = None,
                 last_exhibit: str | None = None, last_chapter: int | None = None, round_mode: str | None = None) -> None:
    """What the window opens on: the exhibit or chapter asked for, else the last one shown, else the first exhibit."""
    if exhibit:
        select_exhibit(selection, package, exhibit)
    elif chapter is not None or (not last_exhibit and last_chapter is not None):
        select_chapter(selection, chapter if chapter is not None else last_chapter)
    else:
        select_exhibit(selection, package, last_exhibit or package.exhibit_ids()[0], round_mode if last_exhibit else None)
