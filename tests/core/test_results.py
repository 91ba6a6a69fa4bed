"""Results follows a Selection without Qt: one notification per change, work only when a field it needs changed."""

from __future__ import annotations

import pytest

from hjk_desktop.core import load_package
from hjk_desktop.core import results as results_module
from hjk_desktop.core.codes import ALL
from hjk_desktop.core.comparability import warnings as comparability_warnings
from hjk_desktop.core.query import availability, default_selection, query
from hjk_desktop.core.results import PACKAGE, Results
from hjk_desktop.core.selection import Selection
from hjk_desktop.core.table import CI_LO, DIFF, VALUE, build_table

from .conftest import BUNDLED


@pytest.fixture
def counted(monkeypatch):
    """How often Results queried and built a table."""
    calls = {"query": 0, "table": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(results_module, "query", counting("query", query))
    monkeypatch.setattr(results_module, "build_table", counting("table", build_table))
    return calls


def _open(selection: Selection, package, exhibit_id: str, **options) -> None:
    choice = dict(default_selection(package, exhibit_id))
    choice.update(options)
    selection.update(exhibit=exhibit_id, chapter=int(package.exhibit(exhibit_id)["chapter"]), **choice)


def test_nothing_chosen_gives_nothing(package):
    results = Results(package, Selection())
    assert results.result is None and results.table is None and results.warnings == []


def test_one_notification_per_batch_with_everything_that_changed(package):
    selection = Selection()
    results = Results(package, selection)
    heard = []
    results.connect(lambda r, changed: heard.append((r.state, changed)))
    with selection.batch():
        _open(selection, package, "fig7")
        selection.update(decimal="point", intervals=True)
    assert len(heard) == 1
    state, changed = heard[0]
    assert state is selection.state and results.state is selection.state
    assert {"exhibit", "decimal", "intervals"} <= changed


def test_result_table_and_warnings_match_the_core(package):
    selection = Selection()
    results = Results(package, selection)
    _open(selection, package, "fig7")
    state = selection.state
    expected = query(package, "fig7", state.segments, state.rounds, state.populations)
    assert list(results.result.keys) == list(expected.keys)
    assert results.result.frame.equals(expected.frame)
    assert results.table.headers == build_table(package, expected, state.language).headers
    assert [w.code for w in results.warnings] == [w.code for w in comparability_warnings(package, expected, state)]


def test_recomputes_only_what_a_change_needs(package, counted):
    selection = Selection()
    results = Results(package, selection)
    _open(selection, package, "fig7")
    assert counted == {"query": 1, "table": 1}
    selection.update(decimal="point")  # formatting only: the views reformat, nothing is computed
    selection.update(focus=(0, results.result.keys[0]))
    assert counted == {"query": 1, "table": 1}
    selection.update(intervals=True)  # a table option: a new table from the same result
    assert counted == {"query": 1, "table": 2}
    selection.update(segments=(ALL, *[s for s in package.segments.index if s != ALL][:1]))
    assert counted == {"query": 2, "table": 3}


def test_going_back_to_an_exhibit_uses_the_kept_result(package, counted):
    selection = Selection()
    results = Results(package, selection)
    _open(selection, package, "fig7")
    first = results.result
    _open(selection, package, "fig1")
    _open(selection, package, "fig7")
    assert counted == {"query": 2, "table": 2}
    assert results.result is first


def test_table_has_interval_columns_when_intervals_are_on(package):
    selection = Selection()
    results = Results(package, selection)
    _open(selection, package, "fig7")
    plain = [c.kind for c in results.table.columns]
    assert CI_LO not in plain
    selection.update(intervals=True)
    kinds = [c.kind for c in results.table.columns]
    assert CI_LO in kinds and kinds.count(VALUE) == plain.count(VALUE)
    state = selection.state
    expected = build_table(package, results.result, state.language, state.difference, state.intervals)
    assert results.table.headers == expected.headers


def test_table_has_the_difference_when_asked(package):
    selection = Selection()
    results = Results(package, selection)
    populations = availability(package, "fig7").populations
    assert len(populations) == 2  # the figure compares two groups: exactly two columns
    _open(selection, package, "fig7", populations=populations)
    assert DIFF not in [c.kind for c in results.table.columns]
    selection.update(difference=True)
    assert DIFF in [c.kind for c in results.table.columns]


def test_chapter_page_has_no_result(package):
    selection = Selection()
    results = Results(package, selection)
    _open(selection, package, "fig7")
    selection.update(exhibit="", chapter=1)
    assert results.result is None and results.table is None and results.warnings == []


def test_new_package_recomputes_and_says_so(package):
    selection = Selection()
    results = Results(package, selection)
    _open(selection, package, "fig7")
    old = results.result
    heard = []
    results.connect(lambda r, changed: heard.append(changed))
    other = load_package(BUNDLED)
    results.set_package(other)
    assert len(heard) == 1 and PACKAGE in heard[0]
    assert results.package is other and results.result is not old
    assert list(results.result.keys) == list(old.keys)


def test_disconnected_listener_hears_nothing(package):
    selection = Selection()
    results = Results(package, selection)
    heard = []

    def listener(r, changed):
        heard.append(changed)

    results.connect(listener)
    results.disconnect(listener)
    _open(selection, package, "fig7")
    assert heard == []


def test_a_lap_through_every_exhibit_and_back_computes_each_once(package, counted):
    """Going through the whole tree twice: the second lap is served from the kept results (none evicted)."""
    selection = Selection()
    results = Results(package, selection)
    exhibits = package.exhibit_ids()
    for _lap in range(2):
        for ex in exhibits:
            _open(selection, package, ex)
    assert counted == {"query": len(exhibits), "table": len(exhibits)}
    assert results.result.exhibit_id == exhibits[-1]
