"""Side controls: each segment, round and population box changes the table's columns, and nothing else."""

from __future__ import annotations

from hjk_desktop.core.query import availability, query
from tests.ui.helpers import parse_shown, same, value_columns


def _open(window, exhibit):
    window.tree.setCurrentItem(window.tree.item_for("exhibit", exhibit))


def _columns(window):
    return list(value_columns(window.table.source_model))


def _check_numbers(window, package):
    state = window.selection.state
    result = query(package, state.exhibit, state.segments, state.rounds, state.populations)
    model = window.table.source_model
    for key, column in value_columns(model).items():
        for row in range(model.rowCount()):
            assert same(parse_shown(model.index(row, column).data()), float(result.frame.at[row, key]))


def test_every_segment_box_adds_and_removes_its_column(window, package):
    for exhibit in package.exhibit_ids():
        _open(window, exhibit)
        if package.exhibit(exhibit)["chart"] == "facts":
            continue
        avail = availability(package, exhibit)
        for code, check in window.controls.segment_checks.items():
            assert check.isEnabled() == (code in avail.segments)
            if not check.isEnabled():
                assert check.toolTip().endswith("ingen tall for dette utvalget i rapportens tekst")
                continue
            was = check.isChecked()
            check.click()
            if was and len(window.selection.state.segments) == 0:
                raise AssertionError("no segment left")
            shown_segments = {key.split("|")[1] for key in _columns(window)}
            assert shown_segments == set(window.selection.state.segments)
            assert (code in shown_segments) != was or window.selection.state.segments == (code,)
            _check_numbers(window, package)


def test_the_last_segment_stays_ticked(window):
    _open(window, "fig4")
    only = window.controls.segment_checks["alle"]
    assert only.isChecked()
    only.click()
    assert only.isChecked() and window.selection.state.segments == ("alle",)
    assert len(_columns(window)) == 1


def test_round_buttons_follow_the_data_and_show_both_side_by_side(window, package):
    _open(window, "tab1")
    buttons = window.controls.round_buttons
    assert set(buttons) == {"2021-02", "2021-06", "both"}
    assert all(b.isEnabled() for b in buttons.values())
    buttons["both"].click()
    assert {key.split("|")[2] for key in _columns(window)} == {"2021-02", "2021-06"}
    _check_numbers(window, package)
    buttons["2021-06"].click()
    assert {key.split("|")[2] for key in _columns(window)} == {"2021-06"}
    assert buttons["2021-06"].isChecked() and not buttons["both"].isChecked()
    _open(window, "fig4")  # one round only: the others are off with a reason
    buttons = window.controls.round_buttons
    assert not buttons["2021-02"].isEnabled() and buttons["2021-02"].toolTip()
    assert not buttons["both"].isEnabled()


def test_other_rounds_are_listed_as_the_exhibit_has_them(window, package):
    _open(window, "k2")
    buttons = window.controls.round_buttons
    assert set(buttons) == set(availability(package, "k2").rounds)
    rows_before = window.table.model().rowCount()
    buttons["2019"].click()
    assert "2019" not in window.selection.state.rounds
    assert window.table.model().rowCount() < rows_before
    assert window.table.model().rowCount() == len(query(package, "k2", *(
        getattr(window.selection.state, f) for f in ("segments", "rounds", "populations"))).rows)


def test_population_boxes_only_when_there_are_several(window):
    _open(window, "fig4")
    assert not window.controls.population_box.isVisible()
    _open(window, "fig7")
    assert window.controls.population_box.isVisible()
    checks = window.controls.population_checks
    first, second = availability(window.package, "fig7").populations  # the two groups the figure compares
    assert list(checks) == [first, second]
    checks[second].click()
    assert [key.split("|")[0] for key in _columns(window)] == [first]
    checks[second].click()
    assert [key.split("|")[0] for key in _columns(window)] == [first, second]


def test_controls_show_short_labels_and_the_whole_label_in_the_tooltip(window, package):
    _open(window, "fig7")
    for lang in ("nb", "en"):
        window.selection.update(language=lang)
        checks = window.controls.population_checks
        for code, check in checks.items():
            whole, short = package.label("populations", code, lang), package.short_label("populations", code, lang)
            assert check.text() == short or (check.text().endswith("…") and short.startswith(check.text()[:-1]))
            assert check.accessibleName() == whole
            assert (whole in check.toolTip()) == (whole != check.text())
        asked = checks["hjemmekontor_oppfordret"]
        assert asked.text() == {"nb": "Bedt om hjemmekontor", "en": "Asked to work from home"}[lang]
        assert package.label("populations", "hjemmekontor_oppfordret", lang) in asked.toolTip()
        large = window.controls.segment_checks["over_500"]
        assert large.text() == package.short_label("segments", "over_500", lang)
        assert package.label("segments", "over_500", lang) in large.toolTip()


def test_difference_only_with_exactly_two_columns(window, package):
    _open(window, "fig7")
    diff = window.controls.difference
    assert diff.isEnabled()
    diff.click()
    kinds = [c.kind for c in window.table.source_model.table.columns]
    assert kinds.count("diff") == 1
    column = kinds.index("diff")
    result = window.results.result
    a, b = result.keys
    for row in range(window.table.source_model.rowCount()):
        shown = window.table.source_model.index(row, column).data()
        assert same(parse_shown(shown), float(result.frame.at[row, b] - result.frame.at[row, a]))
    window.controls.population_checks["forening_forbund"].click()
    assert not diff.isEnabled()
    assert "diff" not in [c.kind for c in window.table.source_model.table.columns]


def test_decimal_radio_changes_the_mark_everywhere_in_the_table(window):
    _open(window, "fig7")
    window.controls.difference.click()
    window.controls.decimal_point.click()
    assert window.selection.state.decimal == "point"
    texts = [window.table.source_model.index(r, c).data() for r in range(window.table.source_model.rowCount())
             for c in range(1, window.table.source_model.columnCount())]
    assert not any("," in t for t in texts)
    window.controls.decimal_comma.click()
    assert window.selection.state.decimal == "comma"
    assert window.controls.decimal_comma.isChecked() and not window.controls.decimal_point.isChecked()


def test_controls_redraw_from_the_state_without_feeding_back(window):
    _open(window, "tab1")
    notes = []
    window.selection.connect(lambda state, changed: notes.append(changed))
    window.selection.update(segments=("alle", "statlig"), rounds=("2021-02", "2021-06"))
    assert len(notes) == 1
    assert window.controls.segment_checks["statlig"].isChecked()
    assert window.controls.round_buttons["both"].isChecked()


def test_rounds_without_data_are_disabled_with_a_reason(window, package):
    reasons = {"ingen tall fra denne runden i rapportens tekst", "rapportens tekst gir tall fra bare én runde"}
    for exhibit in package.exhibit_ids():
        _open(window, exhibit)
        if package.exhibit(exhibit)["chart"] == "facts":
            continue
        rounds = set(availability(package, exhibit).rounds)
        for mode, button in window.controls.round_buttons.items():
            wanted = {"2021-02", "2021-06"} if mode == "both" else {mode}
            has_data = wanted <= rounds
            assert button.isEnabled() == has_data, (exhibit, mode)
            assert (button.toolTip() in reasons) != has_data, (exhibit, mode)
    # side by side only where both rounds have values: Tabell 1 and Figur 3, through each other
    for exhibit in package.exhibit_ids():
        if package.exhibit(exhibit)["chart"] == "facts":  # key-figure pages list their facts from any round
            continue
        _open(window, exhibit)
        both = window.controls.round_buttons.get("both")
        assert (both is not None and both.isEnabled()) == (exhibit in {"tab1", "fig3"}), exhibit


def test_side_by_side_shows_the_columns_with_values(window, package):
    _open(window, "tab1")
    window.controls.round_buttons["both"].click()
    state = window.selection.state
    assert state.rounds == ("2021-02", "2021-06")
    assert {"alle", "statlig", "privat_tjeneste"} <= set(state.segments)  # the June values are the sectors'
    result = window.results.result
    for round_ in state.rounds:
        keys = [s.key for s in result.series if s.round == round_]
        assert keys and all(result.frame[k].notna().any() for k in keys), round_
    _check_numbers(window, package)
    facts = window.header.facts.text()
    assert "Februar 2021" in facts and "Juni 2021" in facts and "N = 1598" in facts
    window.controls.round_buttons["2021-06"].click()
    facts = window.header.facts.text()
    assert "Juni 2021" in facts and "Februar" not in facts and "1598" not in facts


def test_no_checked_difference_is_left_where_it_cannot_be_drawn(window):
    _open(window, "fig7")
    window.controls.difference.click()
    assert window.selection.state.difference and window.controls.difference.isChecked()
    _open(window, "fig8")  # one column: no difference to draw
    assert not window.controls.difference.isEnabled()
    assert not window.controls.difference.isChecked() and not window.selection.state.difference
    _open(window, "fig7")
    assert not window.controls.difference.isChecked()  # off until asked for again


def test_header_names_each_group_with_its_n(window):
    _open(window, "fig7")
    facts = window.header.facts.text()
    assert "N = 947" in facts and "N = 320" in facts
    assert facts.count("N = ") == 2
    _open(window, "fig3")
    facts = window.header.facts.text()
    assert "954" not in facts  # the figure's N is the whole group's; the sectors shown have none
    assert facts.count("N ikke oppgitt") == 2
    _open(window, "n")  # its values are the Ns: no "N not given" for the page itself
    assert "N ikke oppgitt" not in window.header.facts.text()


def test_pair_link_opens_the_other_exhibit(window):
    _open(window, "tab1")
    link = window.header.pair_link
    assert link.isVisible() and "Figur 3" in link.text() and "juni 2021" in link.text()
    link.linkActivated.emit("exhibit:fig3")
    state = window.selection.state
    assert state.exhibit == "fig3" and state.segments == ("statlig", "privat_tjeneste")
    assert "Tabell 1" in window.header.pair_link.text()
    _open(window, "fig7")
    assert not window.header.pair_link.isVisible()


def _disabled_controls(window):
    from PySide6.QtWidgets import QAbstractButton

    return [b for b in window.controls.findChildren(QAbstractButton) if b.isVisibleTo(window.controls) and not b.isEnabled()]


def test_every_disabled_control_says_why(window, package):
    seen = 0
    for exhibit in package.exhibit_ids():
        _open(window, exhibit)
        for button in _disabled_controls(window):
            assert button.toolTip().strip(), f"{exhibit}: {button.objectName()} is disabled without a reason"
            seen += 1
    assert seen > 0  # some exhibit has a control it cannot offer


def test_a_click_on_disabled_difference_puts_the_reason_in_the_status_bar(window, qtbot):
    from PySide6.QtCore import Qt

    _open(window, "fig7")
    window.controls.population_checks["forening_forbund"].click()  # three or more columns now
    diff = window.controls.difference
    assert not diff.isEnabled()
    reason = diff.toolTip()
    assert reason
    with qtbot.waitSignal(window.controls.reasonShown) as blocker:
        qtbot.mouseClick(diff, Qt.MouseButton.LeftButton)
    assert blocker.args == [reason]
    assert window.statusBar().currentMessage() == reason
    assert not window.selection.state.difference


def test_long_group_labels_are_shortened_or_elided_with_the_full_text_in_the_tooltip(window, package):
    _open(window, "fig7")
    for code, check in window.controls.population_checks.items():
        full = package.label("populations", code, "nb")
        assert check.accessibleName() == full
        shown = package.short_label("populations", code, "nb")
        if check.text() != shown:
            assert check.text().endswith("…") and shown.startswith(check.text()[:-1])
        if check.text() != full:
            assert full in check.toolTip()
    assert window.controls.minimumSizeHint().width() <= 300


def _buttons(window):
    from PySide6.QtWidgets import QAbstractButton

    return set(window.controls.findChildren(QAbstractButton))


def test_switching_keeps_the_group_and_round_controls(window, package):
    """A switch shows and hides the controls it keeps, never deletes and makes them again (that lays out and
    paints the panel twice): after one pass over every exhibit, the next pass makes and deletes no control."""
    _open(window, "tab1")
    radios = dict(window.controls.round_buttons)
    _open(window, "fig4")  # the same rounds offered, one of them without values: the same buttons
    assert all(window.controls.round_buttons[mode] is button for mode, button in radios.items())
    _open(window, "k2")  # other rounds: check boxes, the radio buttons hidden
    assert not any(button.isVisibleTo(window.controls) for button in radios.values())
    assert set(window.controls.round_buttons) == set(availability(package, "k2").rounds)
    _open(window, "tab1")
    assert window.controls.round_buttons == radios
    assert all(button.isVisibleTo(window.controls) for button in radios.values())
    for exhibit in package.exhibit_ids():
        _open(window, exhibit)
    kept = _buttons(window)
    for exhibit in package.exhibit_ids():
        _open(window, exhibit)
        avail = availability(package, exhibit)
        box = window.controls.population_box
        shown = {b for b in _buttons(window) if b.parentWidget() is box and b.isVisibleTo(box)}
        assert shown == set(window.controls.population_checks.values())
        assert list(window.controls.population_checks) == list(avail.populations)
        assert box.isVisible() == (len(avail.populations) > 1)
        box = window.controls.round_box
        shown = {b for b in _buttons(window) if b.parentWidget() is box and b.isVisibleTo(box)}
        assert shown == set(window.controls.round_buttons.values())
    assert _buttons(window) == kept


def test_an_unchanged_reason_is_not_set_again(window, package):
    """A switch between exhibits whose segments have values in the same way leaves each segment box's tooltip
    alone: the panel compares before it sets (a tooltip change is an event for every control on every switch)."""
    from PySide6.QtCore import QEvent, QObject

    by_segments: dict = {}
    for exhibit in package.exhibit_ids():
        by_segments.setdefault(availability(package, exhibit).segments, []).append(exhibit)
    first, second = next(ids for ids in by_segments.values() if len(ids) > 1)[:2]
    _open(window, first)

    class Count(QObject):
        changes = 0

        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() in (QEvent.Type.ToolTipChange, QEvent.Type.EnabledChange):
                Count.changes += 1
            return False

    counter = Count()
    checks = list(window.controls.segment_checks.values())
    tips = [check.toolTip() for check in checks]
    for check in checks:
        check.installEventFilter(counter)
    _open(window, second)
    _open(window, first)
    assert Count.changes == 0
    assert [check.toolTip() for check in checks] == tips
    assert any(not check.isEnabled() and check.toolTip() for check in checks) or all(c.isEnabled() for c in checks)


def test_a_click_on_a_disabled_round_says_why_and_an_enabled_one_chooses(window, qtbot):
    from PySide6.QtCore import Qt

    _open(window, "fig4")  # one round only
    february = window.controls.round_buttons["2021-02"]
    assert not february.isEnabled()
    with qtbot.waitSignal(window.controls.reasonShown) as blocker:
        qtbot.mouseClick(february, Qt.MouseButton.LeftButton)
    assert blocker.args == [february.toolTip()]
    _open(window, "tab1")  # the same button, now with values: a click chooses it and says nothing
    assert window.controls.round_buttons["2021-02"] is february and february.isEnabled()
    reasons = []
    window.controls.reasonShown.connect(reasons.append)
    qtbot.mouseClick(february, Qt.MouseButton.LeftButton)
    assert window.selection.state.rounds == ("2021-02",) and reasons == []


def test_group_boxes_come_back_after_a_chapter_page(window):
    _open(window, "fig7")
    assert window.controls.population_box.isVisible()
    chapter = int(window.package.exhibit("fig7")["chapter"])
    window.tree.setCurrentItem(window.tree.item_for("chapter", chapter))
    assert window.selection.state.exhibit in ("", None) and not window.controls.population_box.isVisible()
    _open(window, "fig7")
    assert window.controls.population_box.isVisible()
    assert len(window.controls.population_checks) == 2
