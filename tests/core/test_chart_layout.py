"""The chart layout, without Qt: every value drawn as a bar of its own length, every missing value a ring (never
a bar of length 0), ≈ and hatching where the data say so, Wilson and Newcombe intervals exactly where the Ns are
known, and a text description naming the numbers shown and the ones missing, in both languages.

Expected values come from the core query and core.stats for the same selection, never typed in here.
"""

from __future__ import annotations

import math

import pytest

from hjk_desktop.core import chart_layout as cl
from hjk_desktop.core import stats
from hjk_desktop.core.chart_layout import ChapterPage, ChartLayout, Kind, RankingPage, Role
from hjk_desktop.core.codes import ALL, LANGUAGES, Chart, IntervalReason, Status, Unit, View, field_key, is_missing
from hjk_desktop.core.formatting import format_number
from hjk_desktop.core.messages import text
from hjk_desktop.core.query import availability, default_selection, query
from hjk_desktop.core.selection import SelectionState


def make(package, exhibit_id, **options):
    """The layout and query result of an exhibit with its default choices, overridden by any option given."""
    selection = default_selection(package, exhibit_id)
    for name in ("segments", "rounds", "populations"):
        if name in options:
            selection[name] = tuple(options.pop(name))
    result = query(package, exhibit_id, **selection)
    state = SelectionState(exhibit=exhibit_id, **selection, **options)
    return cl.layout_chart(package, result, state), result


def two_groups(package, exhibit_id) -> tuple[str, str]:
    own = package.exhibit(exhibit_id)["population"]
    return own, next(p for p in availability(package, exhibit_id).populations if p != own)


def plotted_rows(package, result) -> list[int]:
    units = list(result.frame["unit"])
    if package.exhibit(result.exhibit_id)["chart"] == Chart.FACTS and len(set(units)) > 1:
        return [i for i, u in enumerate(units) if u == Unit.PERCENT]
    return list(range(len(units)))


def test_every_value_is_a_bar_of_its_length_and_every_missing_cell_a_mark(package):
    checked_missing = 0
    for exhibit_id in package.exhibit_ids():
        layout, result = make(package, exhibit_id)
        if package.exhibit(exhibit_id)["chart"] == Chart.RANKING:
            assert isinstance(layout, RankingPage) and layout.marks == ()
            continue
        assert isinstance(layout, ChartLayout) and layout.view == View.VALUES
        by_cell = {(m.row, m.key): m for m in layout.marks}
        assert len(by_cell) == len(layout.marks), "a cell is listed twice"
        assert set(by_cell) == {(i, k) for i in plotted_rows(package, result) for k in result.keys}
        bars = {(b.row, b.key): b for b in layout.bars}
        for (i, k), mark in by_cell.items():
            value = result.frame.at[i, k]
            if is_missing(value):
                checked_missing += 1
                assert mark.kind == Kind.MISSING and math.isnan(mark.value)
                assert (i, k) not in bars, "a missing value must not be drawn as a bar"
            else:
                assert mark.value == value
                assert mark.approx == bool(result.frame.at[i, field_key(k, "approx")])
                assert mark.status == result.frame.at[i, field_key(k, "status")]
                if mark.kind in (Kind.BAR, Kind.STACK):
                    assert bars[(i, k)].x1 - bars[(i, k)].x0 == pytest.approx(value)
        for bar in layout.bars:
            assert bar.x1 - bar.x0 > 0, "no bar of length 0"
    assert checked_missing > 10


def test_missing_values_get_a_ring_and_words_at_the_start_of_the_axis(package):
    layout, _result = make(package, "fig1")
    rings = [m for m in layout.marks if m.kind == Kind.MISSING and m.shown == Kind.MARKER]
    assert rings and len(layout.markers) >= 1
    for marker in layout.markers:
        assert layout.axis.xmin <= marker.x < layout.axis.xmin + layout.axis.span * 0.05
        words = [label for label in layout.labels if label.y == marker.y and label.text == text("chart.not_given", "nb")]
        assert words and words[0].colour.role == Role.MUTED and words[0].italic
    assert text("chart.note.missing", "nb") in layout.notes


def test_stacked_parts_follow_each_other_and_totals_are_named_not_stacked(package):
    layout, result = make(package, "fig7", populations=two_groups(package, "fig7"))
    stacks = [b for b in layout.bars if any(m.kind == Kind.STACK for m in layout.marks_at(b.row, b.key))]
    assert len(stacks) >= 2
    by_y: dict[float, list] = {}
    for bar in stacks:
        by_y.setdefault(bar.y, []).append(bar)
    for parts in by_y.values():
        assert parts[0].x0 == 0
        for before, after in zip(parts, parts[1:]):
            assert after.x0 == pytest.approx(before.x1)
    totals = [m for m in layout.marks if m.kind == Kind.TOTAL]
    assert totals
    for m in totals:
        assert not any(b.row == m.row and b.key == m.key for b in layout.bars)
        assert any(text("chart.in_total", "nb") in label.text for label in layout.labels if label.y == m.y)


def test_approximate_values_carry_the_sign_and_derived_ones_are_hatched(package):
    layout, result = make(package, "k2")
    approx = [m for m in layout.marks if m.approx]
    assert approx
    assert len([label for label in layout.labels if label.text.startswith("≈")]) == len(approx)
    layout, result = make(package, "k1", populations=(ALL,))
    derived = [b for b in layout.bars if b.status == Status.DERIVED]
    assert derived and all(b.derived for b in derived)
    assert any(e.hatched and e.colour.role == Role.DERIVED for e in layout.legend)
    for bar in derived:
        formula = result.cell(bar.row, bar.key)["formula"]
        assert formula and formula in cl.tooltip(package, result, bar.row, bar.key, "nb", "comma")
        assert formula in cl.describe(layout, "nb")


def test_wilson_intervals_exactly_where_n_is_known(package):
    layout, result = make(package, "fig4", intervals=True)
    drawn = {(iv.row, iv.key): iv for iv in layout.intervals}
    assert drawn
    for m in layout.marks:
        n = result.cell(m.row, m.key)["n"]
        if m.kind == Kind.BAR and not is_missing(n):
            lo, hi = stats.wilson(m.value, n)
            assert drawn[(m.row, m.key)].lo == pytest.approx(lo) and drawn[(m.row, m.key)].hi == pytest.approx(hi)
        else:
            assert (m.row, m.key) not in drawn
    assert stats.nominal_note("nb") in layout.notes
    layout, _result = make(package, "fig4", intervals=False)
    assert layout.intervals == () and stats.nominal_note("nb") not in layout.notes


def test_difference_view_has_newcombe_where_both_ns_are_known_and_says_n_unknown_elsewhere(package):
    own = package.exhibit("fig7")["population"]
    layout, result = make(package, "fig7", difference=True, populations=two_groups(package, "fig7"))
    assert layout.view == View.DIFFERENCE
    a, b = result.keys
    cols = result.columns
    both = {i for i in range(len(cols[a]))
            if all(not is_missing(cols[k][i]) and not is_missing(cols[field_key(k, "n")][i]) for k in (a, b))}
    assert both and {iv.row for iv in layout.intervals} == both
    for iv in layout.intervals:
        d, lo, hi = stats.newcombe_percent(cols[b][iv.row], cols[field_key(b, "n")][iv.row], cols[a][iv.row],
                                           cols[field_key(a, "n")][iv.row])
        assert (iv.lo, iv.hi) == (pytest.approx(lo), pytest.approx(hi)) and iv.key == Kind.DIFF
    for x in layout.differences:
        if is_missing(cols[a][x.row]) or is_missing(cols[b][x.row]):
            assert math.isnan(x.d) and any(m.kind == Kind.MISSING for m in layout.marks_at(x.row, Kind.DIFF))
        else:
            assert x.d == pytest.approx(cols[b][x.row] - cols[a][x.row])
    # one group with a segment whose N the text does not give: a difference, no interval, a visible note
    layout, result = make(package, "fig7", difference=True, populations=(own,), segments=(ALL, "privat_tjeneste"))
    unknown = [x for x in layout.differences if x.reason == IntervalReason.N_UNKNOWN]
    assert unknown and layout.intervals == ()
    note = text("chart.diff.n_unknown", "nb")
    for x in unknown:
        assert not math.isnan(x.d) and math.isnan(x.lo) and x.note == note
    assert [label.text for label in layout.labels].count(note) == len(unknown)
    assert note in cl.describe(layout, "nb") and text("chart.diff.n_unknown", "en") in cl.describe(layout, "en")


def test_difference_only_with_two_series(package):
    layout, _result = make(package, "fig7", difference=True, populations=(package.exhibit("fig7")["population"],))
    assert layout.view == View.VALUES and layout.differences == ()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_description_names_the_numbers_shown_and_the_missing(package, lang):
    layout, result = make(package, "fig7", populations=two_groups(package, "fig7"))
    words = cl.describe(layout, lang)
    lines = words.splitlines()
    assert lines[0] == layout.captions[lang]
    missing = [m for m in layout.marks if m.kind == Kind.MISSING]
    assert missing
    assert words.count(text("chart.describe.missing", lang)) == len(missing)
    for m in layout.marks:
        label = f"- {result.row_label(m.row, lang)} ({result.series[result.keys.index(m.key)].label(lang)}): "
        line = next(x for x in lines if x.startswith(label))
        if m.kind != Kind.MISSING:
            assert format_number(m.value, "comma") in line
    assert lines[-1] == text("chart.describe.counts", lang, shown=len(layout.marks) - len(missing), missing=len(missing))


def test_english_layout_uses_english_texts_and_the_point(package):
    layout, _result = make(package, "fig1", language="en", decimal="point")
    assert layout.axis.label == text("chart.axis.percent", "en")
    assert text("chart.not_given", "en") in [label.text for label in layout.labels]
    assert layout.title == layout.captions["en"]


def test_ranking_and_chapter_pages(package):
    layout, result = make(package, "fig2")
    assert isinstance(layout, RankingPage)
    assert [(rank, name) for rank, name, _shared in layout.entries] == cl.ranking_entries(package, result, "nb")
    for _rank, name in cl.ranking_entries(package, result, "nb"):
        assert name in cl.describe(layout)
    page = cl.chapter_page(package, 9, "nb")
    assert isinstance(page, ChapterPage) and str(package.chapter(9)["title_nb"]) in cl.describe(page)


def test_the_mark_under_a_point_prefers_a_bar_to_a_total_and_both_to_a_missing_ring(package):
    layout, _result = make(package, "fig7")
    for mark in layout.marks:
        x, y = (mark.x0 + mark.x1) / 2, mark.y
        found = layout.mark_under(x, y)
        assert found is not None and found.contains(x, y)
        if mark.kind in Kind.DRAWN:  # a bar is found as itself, whatever else lies there
            assert found == mark
        elif found.kind not in Kind.DRAWN and mark.kind == Kind.TOTAL:
            assert found.kind == Kind.TOTAL
    kinds = {m.kind for m in layout.marks}
    assert Kind.MISSING in kinds and kinds & set(Kind.DRAWN)  # Figur 7 has bars and missing values
    assert layout.mark_under(layout.axis.xmax * 10, 0) is None  # far right of every mark
    assert layout.mark_under(0, len(layout.categories) + 5) is None  # below the last row


def test_each_category_is_as_tall_as_its_label_needs_and_its_bars_stay_inside_it(package):
    """Category heights follow the wrapped names: a one-line name gets less height than a three-line one, the
    rows follow each other without gaps or overlaps, and every bar lies inside its own category's band."""
    seen_unequal = False
    for exhibit_id in package.exhibit_ids():
        layout, _result = make(package, exhibit_id)
        if not isinstance(layout, ChartLayout) or not layout.categories:
            continue
        lines = [label.count("\n") + 1 for _y, label in layout.categories]
        spans = [layout.span(c) for c in range(len(layout.categories))]
        assert min(spans) == pytest.approx(1.0)
        for c in range(len(spans)):
            for d in range(len(spans)):
                if lines[c] < lines[d]:
                    assert spans[c] <= spans[d], exhibit_id
        seen_unequal |= len(set(spans)) > 1
        ys = [y for y, _label in layout.categories]
        for c in range(1, len(ys)):
            assert ys[c] - ys[c - 1] == pytest.approx((spans[c - 1] + spans[c]) / 2)
        y0, y1 = layout.y_range
        assert y0 == pytest.approx(ys[0] - spans[0] / 2) and y1 >= ys[-1] + spans[-1] / 2 - 1e-9
        for bar in layout.bars:
            c = min(range(len(ys)), key=lambda k: abs(ys[k] - bar.y))
            assert ys[c] - spans[c] / 2 <= bar.y - bar.height / 2 and bar.y + bar.height / 2 <= ys[c] + spans[c] / 2
    assert seen_unequal  # some exhibit mixes short and long names


def test_category_rows_share_out_height_by_lines_unless_the_bars_need_more():
    ys, spans = cl.category_rows(["a", "b\nb", "c\nc\nc"], bars=1)
    assert spans[0] == 1.0 and spans[0] < spans[1] < spans[2]
    assert ys == pytest.approx((0.0, (spans[0] + spans[1]) / 2, (spans[0] + spans[1]) / 2 + (spans[1] + spans[2]) / 2))
    _ys, many = cl.category_rows(["a", "b\nb"], bars=3)  # three bars need more than two lines: equal heights
    assert many == (1.0, 1.0)
    assert cl.category_rows([], bars=1) == ((), ())
