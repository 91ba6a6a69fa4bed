"""The one selection state: listeners hear each real change once, with the names of the fields that changed."""

from __future__ import annotations

import pytest

from hjk_desktop.core.selection import Selection, SelectionState


class Recorder:
    def __init__(self, selection: Selection) -> None:
        self.calls: list[tuple[SelectionState, frozenset[str]]] = []
        selection.connect(self)

    def __call__(self, state, changed) -> None:
        self.calls.append((state, changed))


def test_update_notifies_once_with_the_changed_fields():
    selection = Selection()
    heard = Recorder(selection)
    selection.update(exhibit="fig1", segments=["alle", "oslo"])
    assert len(heard.calls) == 1
    state, changed = heard.calls[0]
    assert changed == {"exhibit", "segments"}
    assert state.exhibit == "fig1" and state.segments == ("alle", "oslo")  # lists become tuples
    assert selection.state is state


def test_only_fields_that_really_change_are_named():
    selection = Selection(SelectionState(exhibit="fig1"))
    heard = Recorder(selection)
    selection.update(exhibit="fig1", decimal="point")
    assert [changed for _, changed in heard.calls] == [{"decimal"}]


def test_no_op_update_does_not_notify():
    selection = Selection(SelectionState(exhibit="fig1", segments=("alle",)))
    heard = Recorder(selection)
    selection.update(exhibit="fig1", segments=["alle"])
    selection.update()
    assert heard.calls == []


def test_batch_coalesces():
    selection = Selection()
    heard = Recorder(selection)
    with selection.batch():
        selection.update(exhibit="tab1")
        selection.update(rounds=("2021-02", "2021-06"))
        with selection.batch():  # nested batches still give one notification at the end
            selection.update(difference=True)
        assert heard.calls == []
    assert len(heard.calls) == 1
    state, changed = heard.calls[0]
    assert changed == {"exhibit", "rounds", "difference"}
    assert state.rounds == ("2021-02", "2021-06") and state.difference


def test_batch_without_change_is_silent():
    selection = Selection()
    heard = Recorder(selection)
    with selection.batch():
        selection.update(language="nb")
    assert heard.calls == []


def test_batch_notifies_even_when_the_block_raises():
    selection = Selection()
    heard = Recorder(selection)
    with pytest.raises(RuntimeError), selection.batch():
        selection.update(exhibit="fig2")
        raise RuntimeError("boom")
    assert [changed for _, changed in heard.calls] == [{"exhibit"}]


def test_unknown_field_raises_and_leaves_the_state():
    selection = Selection()
    heard = Recorder(selection)
    before = selection.state
    with pytest.raises(TypeError, match="colour"):
        selection.update(exhibit="fig1", colour="red")
    assert selection.state is before and heard.calls == []


def test_bad_decimal_is_refused():
    selection = Selection()
    with pytest.raises(ValueError):
        selection.update(decimal="semicolon")
    assert selection.state.decimal == "comma"


def test_every_listener_hears_and_disconnect_stops_it():
    selection = Selection()
    first, second = Recorder(selection), Recorder(selection)
    selection.update(chapter=3)
    selection.disconnect(first)
    selection.update(chapter=4)
    assert len(first.calls) == 1 and len(second.calls) == 2
    assert second.calls[-1][0].chapter == 4


def test_listener_may_update_in_turn():
    # a view that corrects the selection when it hears of a change (e.g. drops an unavailable round)
    selection = Selection()
    seen = []

    def corrector(state, changed):
        seen.append(changed)
        if "exhibit" in changed:
            selection.update(rounds=("2021-06",))

    selection.connect(corrector)
    selection.update(exhibit="fig8")
    assert selection.state.rounds == ("2021-06",)
    assert {"rounds"} in seen and {"exhibit"} in seen
