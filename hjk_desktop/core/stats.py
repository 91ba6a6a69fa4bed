"""Nominal uncertainty for percentages with a known N: Wilson score intervals and Newcombe's hybrid score
interval for a difference between two independent percentages.

Choices made here:

* The report gives percentages and N, not counts. ``wilson`` puts p = percent / 100 straight into the score
  formula instead of first rounding back to a count (round(p · N)). The two agree to well within the
  rounding of the published percentage, and using p directly keeps the interval centred on the number the
  report printed. ``wilson_counts`` is the textbook form for a count x of n.
* The difference interval is method 10 of Newcombe (1998), "Interval estimation for the difference between
  independent proportions: comparison of eleven methods", Statistics in Medicine 17:873–890: the Wilson
  limits (l1, u1) and (l2, u2) of the two proportions are combined as
      L = d − sqrt((p1 − l1)² + (u2 − p2)²),   U = d + sqrt((u1 − p1)² + (p2 − l2)²),   d = p1 − p2.
* Everything is *nominal*: the panel is not a probability sample (see nominal_note), so the intervals say
  how much a number could move by chance alone if it were one, not how far it is from the truth.
* No interval where it cannot be given: n unknown, n = 0, or the value missing gives NaN, never 0.
* No interval where the two samples are not independent (``dependence``). Newcombe's method assumes two
  separate samples. A segment against "Alle" compares a part with the whole it belongs to, and February
  against June compares largely the same panel twice; in both the overlap is unknown, so no honest interval
  can be formed from the published numbers. We therefore give the difference itself but no interval and no
  reading, with the reason ``IntervalReason.DEPENDENT`` saying why (table, tooltip, description and a header
  warning). Two groups of different people (workplace vs association representatives) or two disjoint
  segments (state sector vs private services) keep their interval.

Pure Python and pandas; no Qt, no scipy.
"""

from __future__ import annotations

import math

import pandas as pd

from hjk_desktop.core.codes import ALL, NB, IntervalReason, Reading, Unit, field_key, is_missing
from hjk_desktop.core.messages import CATALOGUE, text

Z95 = 1.959963984540054  # two-sided 95 %, the normal quantile at 0.975


def nominal_note(lang: str = NB) -> str:
    """Why the intervals are nominal only (the panel is not a probability sample)."""
    return text("stats.nominal_note", lang)


def method_note(lang: str = NB) -> str:
    return text("stats.method_note", lang)


_NAN = float("nan")


def _bad(*numbers) -> bool:
    """True when any of numbers is missing or is not a number at all."""
    for x in numbers:
        if is_missing(x):
            return True
        try:
            float(x)
        except (TypeError, ValueError):
            return True
    return False


def _wilson_p(p: float, n: float, z: float) -> tuple[float, float]:
    """Wilson score limits for a proportion p (0..1) observed in n; (NaN, NaN) when there is none."""
    if _bad(p, n, z) or n <= 0 or not 0.0 <= p <= 1.0:
        return _NAN, _NAN
    p, n = float(p), float(n)
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denom
    half = z * math.sqrt(max(p * (1.0 - p) / n + z2 / (4.0 * n * n), 0.0)) / denom
    lo, hi = centre - half, centre + half
    # at p = 0 the lower limit is 0 and at p = 1 the upper is 1 exactly; floating point may stray a hair
    if p == 0.0:
        lo = 0.0
    if p == 1.0:
        hi = 1.0
    return max(lo, 0.0), min(hi, 1.0)


def wilson_counts(x: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval (no continuity correction) for x of n, as proportions 0..1."""
    if _bad(x, n) or n <= 0 or x < 0 or x > n:
        return _NAN, _NAN
    return _wilson_p(float(x) / float(n), n, z)


def wilson(percent: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval in percent for a percentage with known N (p = percent / 100, not re-rounded)."""
    if _bad(percent, n):
        return _NAN, _NAN
    lo, hi = _wilson_p(float(percent) / 100.0, n, z)
    return lo * 100.0, hi * 100.0


def newcombe_difference(p1: float, n1: float, p2: float, n2: float, z: float = Z95) -> tuple[float, float, float]:
    """p1 − p2 with Newcombe's hybrid score interval (method 10); proportions 0..1. NaN where it cannot be given."""
    if _bad(p1, n1, p2, n2):
        return _NAN, _NAN, _NAN
    d = float(p1) - float(p2)
    l1, u1 = _wilson_p(p1, n1, z)
    l2, u2 = _wilson_p(p2, n2, z)
    if _bad(l1, u1, l2, u2):
        return d, _NAN, _NAN
    lo = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, max(lo, -1.0), min(hi, 1.0)


def newcombe_difference_counts(x1: float, n1: float, x2: float, n2: float, z: float = Z95) -> tuple[float, float, float]:
    """x1/n1 − x2/n2 with Newcombe's hybrid score interval; proportions 0..1."""
    if _bad(x1, n1, x2, n2) or n1 <= 0 or n2 <= 0:
        return _NAN, _NAN, _NAN
    return newcombe_difference(float(x1) / float(n1), n1, float(x2) / float(n2), n2, z)


def newcombe_percent(percent1: float, n1: float, percent2: float, n2: float, z: float = Z95) -> tuple[float, float, float]:
    """percent1 − percent2 in percentage points, with Newcombe's hybrid score interval in percentage points."""
    if _bad(percent1, percent2):
        return _NAN, _NAN, _NAN
    d, lo, hi = newcombe_difference(float(percent1) / 100.0, n1, float(percent2) / 100.0, n2, z)
    return d * 100.0, lo * 100.0, hi * 100.0


def reading_code(d_lo: float, d_hi: float) -> str:
    """codes.Reading.CLEAR when the difference interval leaves out 0, CHANCE when not; "" without an interval."""
    if _bad(d_lo, d_hi):
        return ""
    return Reading.CLEAR if d_lo > 0 or d_hi < 0 else Reading.CHANCE


def reading(d_lo: float, d_hi: float, lang: str = NB) -> str:
    """A plain reading of a difference interval: does it leave out 0? Empty when there is no interval."""
    code = reading_code(d_lo, d_hi)
    return text(f"reading.{code}", lang) if code else ""


def ci_reason_text(reason: str, lang: str = NB) -> str:
    """Why no interval is given (a codes.IntervalReason), in words; an unknown code comes back as it is."""
    msg_id = f"interval.{reason}"
    return text(msg_id, lang) if msg_id in CATALOGUE else reason


def _cell_reason(value: float, n: float, unit: str) -> str:
    if _bad(value):
        return IntervalReason.MISSING
    if unit != Unit.PERCENT:
        return IntervalReason.NOT_PERCENT
    if _bad(n) or n <= 0:
        return IntervalReason.N_UNKNOWN
    return ""


def dependence(first, second) -> str:
    """IntervalReason.DEPENDENT when two series (SeriesSpec-like: segment, round) are not independent samples:
    different rounds (the same panel asked twice) or a segment against the whole ("alle") it is part of."""
    if first.round and second.round and first.round != second.round:
        return IntervalReason.DEPENDENT
    if first.segment != second.segment and ALL in (first.segment, second.segment):
        return IntervalReason.DEPENDENT
    return ""


def interval_frame(result) -> pd.DataFrame:
    """Per table row and series: ``<key>|lo``, ``<key>|hi`` (percent) and ``<key>|ci_reason``.

    An interval is given exactly where the value is a percentage with a known N; elsewhere lo/hi are NaN and
    the reason says why (missing, n_unknown, not_percent).
    """
    frame = result.frame
    units = list(frame["unit"]) if "unit" in frame else [Unit.PERCENT] * len(frame)
    out: dict[str, list] = {}
    for key in result.keys:
        values = frame[key].to_numpy(dtype=float)
        ns = frame[field_key(key, "n")].to_numpy(dtype=float)
        lo, hi, why = [], [], []
        for value, n, unit in zip(values, ns, units):
            reason = _cell_reason(value, n, unit)
            if reason:
                lo.append(_NAN)
                hi.append(_NAN)
            else:
                a, b = wilson(value, n)
                lo.append(a)
                hi.append(b)
            why.append(reason)
        out[field_key(key, "lo")] = lo
        out[field_key(key, "hi")] = hi
        out[field_key(key, "ci_reason")] = why
    return pd.DataFrame(out, index=frame.index)


def difference_frame(result, key_a: str, key_b: str, lang: str = NB) -> pd.DataFrame:
    """Per row: d = value(key_b) − value(key_a) in percentage points (as the table's difference column), with
    Newcombe's interval ``lo``/``hi``, a ``reading`` and a ``reason`` where no interval can be given.

    d itself is given wherever both values are there; the interval only where both are percentages with a
    known N and the two series are independent samples (see ``dependence``; otherwise the reason is
    ``dependent`` and lo/hi/reading are empty).
    """
    specs = {s.key: s for s in result.series}
    dependent = dependence(specs[key_a], specs[key_b]) if key_a in specs and key_b in specs else ""
    frame = result.frame
    units = list(frame["unit"]) if "unit" in frame else [Unit.PERCENT] * len(frame)
    va = frame[key_a].to_numpy(dtype=float)
    vb = frame[key_b].to_numpy(dtype=float)
    na = frame[field_key(key_a, "n")].to_numpy(dtype=float)
    nb = frame[field_key(key_b, "n")].to_numpy(dtype=float)
    rows = {"d": [], "lo": [], "hi": [], "reading": [], "reason": []}
    for a, b, n_a, n_b, unit in zip(va, vb, na, nb, units):
        reason = _cell_reason(a, n_a, unit) or _cell_reason(b, n_b, unit)
        if not reason:
            reason = dependent  # N unknown says enough where it applies; the header warning says the rest
        if reason == IntervalReason.MISSING:
            d = lo = hi = _NAN
        elif reason:
            d, lo, hi = b - a, _NAN, _NAN
        else:
            d, lo, hi = newcombe_percent(b, n_b, a, n_a)
        rows["d"].append(d)
        rows["lo"].append(lo)
        rows["hi"].append(hi)
        rows["reading"].append(reading(lo, hi, lang))
        rows["reason"].append(reason)
    out = pd.DataFrame(rows, index=frame.index)
    out["d"] = out["d"].astype(float)
    return out

