"""The table's nominal intervals: a Newcombe interval and a plain reading for the difference of two series,
Wilson limits per series when intervals are on. Intervals appear exactly where both values are percentages
with a known N, and the numbers survive a copy as numbers.

Expected values come from the query (which rows have both Ns) and from core.stats (the formulas), never
typed in here.
"""

from __future__ import annotations

import csv
import io
import math

import pytest

from hjk_desktop.core import stats
from hjk_desktop.core.clipboard import to_tsv
from hjk_desktop.core.codes import IntervalReason
from hjk_desktop.core.query import query
from hjk_desktop.core.table import (
    CI_HI,
    CI_LO,
    DIFF,
    DIFF_HI,
    DIFF_LO,
    LABEL,
    READING,
    VALUE,
    N,
    build_table,
)

BOTH_GROUPS = {"populations": ["hjemmekontor_oppfordret", "forening_forbund"]}
# one group, two segments: the second segment's N is not given in the report
N_MISSING = {"populations": ["hjemmekontor_oppfordret"], "segments": ["alle", "privat_tjeneste"]}


def _kinds(table) -> list[str]:
    return [c.kind for c in table.columns]


def _column(table, kind: str) -> int:
    return _kinds(table).index(kind)


def _known(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


@pytest.fixture(scope="module")
def fig7(package):
    result = query(package, "fig7", **BOTH_GROUPS)
    return result, build_table(package, result, "nb", difference=True)


def test_difference_interval_and_reading_follow_the_difference_column(fig7):
    _result, table = fig7
    kinds = _kinds(table)
    at = kinds.index(DIFF)
    assert kinds[at:at + 4] == [DIFF, DIFF_LO, DIFF_HI, READING]
    assert [table.columns[at + 1].header, table.columns[at + 2].header] == [
        "95 % KI (nominelt), nedre", "95 % KI (nominelt), øvre"]
    assert table.columns[at + 3].header == "Lesning"


def test_difference_interval_exactly_where_both_ns_are_known(fig7):
    result, table = fig7
    a, b = result.keys
    cols = result.columns
    lo_col, hi_col, read_col = _column(table, DIFF_LO), _column(table, DIFF_HI), _column(table, READING)
    with_both = set()
    for i, row in enumerate(table.rows):
        both = all(_known(cols[k][i]) and _known(cols[f"{k}|n"][i]) for k in (a, b))
        lo, hi = row[lo_col].raw, row[hi_col].raw
        if both:
            with_both.add(cols["item"][i])
            d, exp_lo, exp_hi = stats.newcombe_percent(cols[b][i], cols[f"{b}|n"][i], cols[a][i], cols[f"{a}|n"][i])
            assert lo == pytest.approx(exp_lo, abs=0.05) and hi == pytest.approx(exp_hi, abs=0.05)
            assert lo < row[_column(table, DIFF)].raw < hi
            assert row[read_col].raw == stats.reading(exp_lo, exp_hi, "nb")
            assert row[lo_col].status == "derived" and "Newcombe" in row[lo_col].formula
        else:
            assert math.isnan(lo) and math.isnan(hi)
            assert row[lo_col].missing and row[hi_col].missing
    # the report gives both groups' N for these two statements only
    assert with_both == {"syk", "spare_lokaler"}


def test_reading_is_missing_where_a_value_is_missing(fig7):
    result, table = fig7
    a, b = result.keys
    read_col = _column(table, READING)
    for i, row in enumerate(table.rows):
        if not (_known(result.columns[a][i]) and _known(result.columns[b][i])):
            assert row[read_col].raw is None and row[read_col].missing


def test_unknown_n_is_said_in_words_in_the_reading_column(package):
    result = query(package, "fig7", **N_MISSING)
    table = build_table(package, result, "nb", difference=True)
    a, b = result.keys
    cols = result.columns
    lo_col, read_col = _column(table, DIFF_LO), _column(table, READING)
    unknown = [i for i in range(len(table.rows))
               if _known(cols[a][i]) and _known(cols[b][i]) and not (_known(cols[f"{a}|n"][i]) and _known(cols[f"{b}|n"][i]))]
    assert unknown, "the selection must have a difference without both Ns"
    for i in unknown:
        cell = table.rows[i][read_col]
        # visible text, not only a tooltip; a segment against the whole also says its samples overlap
        assert cell.raw == "N ukjent; overlappende utvalg – intervall gjelder ikke" and not cell.missing
        assert cell.reason == IntervalReason.N_UNKNOWN
        assert math.isnan(table.rows[i][lo_col].raw) and table.rows[i][lo_col].reason == IntervalReason.N_UNKNOWN
        assert _known(table.rows[i][_column(table, DIFF)].raw)  # the difference itself is still given


def test_series_intervals_only_for_series_with_an_n(package):
    result = query(package, "fig7", **N_MISSING)
    table = build_table(package, result, "nb", intervals=True)
    cols = result.columns
    with_n = [k for k in result.keys if any(_known(n) for n in cols[f"{k}|n"])]
    assert 0 < len(with_n) < len(result.keys)  # one series has an N, the other none: a real test of "only where"
    assert sorted(c.key for c in table.columns if c.kind == CI_LO) == sorted(with_n)
    assert sorted(c.key for c in table.columns if c.kind == CI_HI) == sorted(with_n)
    for j, col in enumerate(table.columns):
        if col.kind not in (CI_LO, CI_HI):
            continue
        for i, row in enumerate(table.rows):
            value, n = cols[col.key][i], cols[f"{col.key}|n"][i]
            if _known(value) and _known(n) and cols["unit"][i] == "percent":
                lo, hi = stats.wilson(value, n)
                assert row[j].raw == pytest.approx(lo if col.kind == CI_LO else hi, abs=0.05)
            else:
                assert math.isnan(row[j].raw)


def test_no_interval_columns_unless_asked(package, fig7):
    result, _table = fig7
    plain = build_table(package, result, "nb")
    assert not {CI_LO, CI_HI, DIFF_LO, DIFF_HI, READING} & set(_kinds(plain))
    assert _kinds(plain) == [LABEL, VALUE, N, VALUE, N]


def test_interval_columns_parse_back_as_numbers(fig7):
    _result, table = fig7
    text = to_tsv(table, decimal="comma")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows[0] == table.headers
    for r, line in enumerate(rows[1:]):
        for c, kind in enumerate(_kinds(table)):
            raw = table.rows[r][c].raw
            if kind == READING:
                assert line[c] == (raw or "")
            elif kind in (DIFF_LO, DIFF_HI):
                if math.isnan(raw):
                    assert line[c] == ""
                else:
                    assert float(line[c].replace(",", ".")) == pytest.approx(raw)
    frame = table.numeric_frame()
    for c, kind in enumerate(_kinds(table)):
        if kind in (DIFF_LO, DIFF_HI):
            assert frame.iloc[:, c].dtype == "float64"


def test_english_headers_and_reading(package):
    result = query(package, "fig7", **N_MISSING)
    table = build_table(package, result, "en", difference=True, intervals=True)
    heads = table.headers
    assert "95% CI (nominal), lower" in heads and "95% CI (nominal), upper" in heads and "Reading" in heads
    read_col = _column(table, READING)
    shown = {row[read_col].raw for row in table.rows if _known(row[read_col].raw)}
    assert shown == {"N unknown; overlapping samples – no interval applies"}  # N_MISSING is a segment against the whole
    both = query(package, "fig7", **BOTH_GROUPS)
    table = build_table(package, both, "en", difference=True)
    read_col = _column(table, READING)
    lo_col, hi_col = _column(table, DIFF_LO), _column(table, DIFF_HI)
    for row in table.rows:
        if not math.isnan(row[lo_col].raw):
            assert row[read_col].raw == stats.reading(row[lo_col].raw, row[hi_col].raw, "en")


def test_copied_difference_limits_carry_their_sign_as_on_screen():
    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.clipboard import to_markdown
    from hjk_desktop.core.query import query
    from hjk_desktop.core.table import DIFF_LO, build_table

    package = load_package(bundled_package_path())
    result = query(package, "fig7", populations=("hjemmekontor_oppfordret", "forening_forbund"))
    table = build_table(package, result, "nb", difference=True)
    lo_col = next(j for j, c in enumerate(table.columns) if c.kind == DIFF_LO)
    row = next(i for i, r in enumerate(table.rows) if r[lo_col].raw == r[lo_col].raw)  # first limit that is a number
    text = to_markdown(table, [(row, lo_col)])
    shown = text.split("\n")[4].split("|")[2].strip()
    assert shown[0] in "+−" or shown == "0"
