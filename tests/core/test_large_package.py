"""Large packages: the scale benchmarks' generator makes a valid package of the bundled shape, and the column
reader that large files go through reads exactly what the row reader of small files reads, good file or broken."""

from __future__ import annotations

import csv
import io
import random
import shutil

import pandas as pd
import pytest

import hjk_desktop.core.package as package_module
from hjk_desktop.core import PackageError, bundled_package_path, load_package, package_files
from hjk_desktop.core.codes import is_missing
from hjk_desktop.core.query import default_selection, query
from tests.generated import generator

from . import mutants


def _generator():
    module = generator()
    return module


def test_generated_package_loads_and_answers_queries(tmp_path):
    counts = _generator().make_package(tmp_path / "pkg", chapters=6, per_chapter=4, items=5, seed=3)
    assert counts["exhibits"] == 24 and counts["items"] == 120
    package = load_package(tmp_path / "pkg")
    assert len(package.exhibit_ids()) == 24
    assert len(package.values) == counts["values"]
    result = query(package, "g7", **default_selection(package, "g7"))
    values = [v for key in result.keys for v in result.columns[key]]
    assert len(result.frame) == 5
    assert any(not is_missing(v) for v in values)


def test_generator_is_seeded(tmp_path):
    make = _generator().make_package
    make(tmp_path / "a", chapters=2, per_chapter=2, items=3, seed=9)
    make(tmp_path / "b", chapters=2, per_chapter=2, items=3, seed=9)
    assert (tmp_path / "a" / "values.csv").read_bytes() == (tmp_path / "b" / "values.csv").read_bytes()


# ---------------------------------------------------------------------------------------------
# the column reader (large files) and the row reader agree on every file, good or broken

VALUES = (bundled_package_path() / "values.csv").read_text(encoding="utf-8")


def _read_both(name: str, text: str, monkeypatch):
    """(problems, table) from the column reader and from the row reader, asserted equal; the problems."""
    results = []
    for limit in (0, 10**12):
        monkeypatch.setattr(package_module, "FAST_MIN_CHARS", limit)
        problems: list = []
        results.append((problems, package_module._table(name, text, problems)))
    (fast_problems, fast), (row_problems, rows) = results
    assert fast_problems == row_problems
    assert (fast is None) == (rows is None)
    if fast is not None:
        pd.testing.assert_frame_equal(fast.frame, rows.frame)
        assert list(fast.lines) == list(rows.lines)
    return fast_problems


def _lines() -> list[str]:
    return VALUES.split("\n")


def _with_line(at: int, line: str) -> str:
    lines = _lines()
    return "\n".join(lines[:at] + [line] + lines[at:])


def _set(row: int, column: str, value: str, text: str = VALUES) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


WIDTH = len(_lines()[0].split(","))
CASES = {
    "as it is": (VALUES, True),
    "crlf": (VALUES.replace("\n", "\r\n"), True),
    "lone carriage return": (VALUES.replace("\n", "\r", 3), False),
    "empty lines inside and at the end": (_with_line(3, "") + "\n\n\n", True),
    "row of commas": (_with_line(5, "," * (WIDTH - 1)), False),
    "row of spaces": (_with_line(5, "   "), False),
    "row of no-break spaces": (_with_line(5, ",".join(["\u00a0"] * WIDTH)), False),
    "row of quoted blanks": (_with_line(5, ",".join(['""'] * WIDTH)), False),
    "quoted line break": (_set(4, "note", "to\nlinjer"), True),
    "quoted empty line and blank-looking lines": (_set(4, "note", "to\n\n  ,\n\"linjer\""), True),
    "quoted line breaks in two rows": (_set(4, "note", "a\nb", text=_set(9, "note_en", "c,\nd\n")), True),
    "quoted line break in the last row": (_set(-1, "note_en", "a\nb"), True),
    "quoted line break with crlf": (_set(4, "note", "to\nlinjer").replace("\n", "\r\n"), False),
    "quote left open": (VALUES.rstrip("\n") + ',"open\n', False),
    "text after a closing quote": (_with_line(6, _lines()[6].replace(",", ',"a"b,', 1)), False),
    "quote inside a field": (_set(4, "note", 'a"b'), True),
    "comma and quotes in a field": (_set(4, "note", 'a, "b", c'), True),
    "one field too many": (_with_line(6, _lines()[6] + ",x"), False),
    "one field too few": (_with_line(6, _lines()[6].rsplit(",", 1)[0]), False),
    "too many and too few": (_with_line(6, _lines()[6] + ",x") + "\n" + _lines()[7].rsplit(",", 1)[0], False),
    "byte-order mark inside": (_with_line(4, "\ufeff" + _lines()[4]), False),
    "nul": (_set(3, "note", "a\x00b"), False),
    "control character": (_set(3, "note", "a\x01b"), True),
    "vertical tab and form feed": (_set(3, "note", "a\x0bb\x0c"), True),
    "line separator": (_set(3, "note", "a\u2028b\x85"), True),
    "spaces around a number": (_set(3, "value", " 5 "), True),
    "spaces only in a required text": (_set(3, "unit", "  "), True),
    "trailing space in an id": (_set(3, "id", "fig4-x "), True),
    "cell over the limit": (_set(3, "note", "x" * 140_000), True),
    "odd numbers": (_set(3, "value", "1e5") + "", True),
    "plus sign": (_set(3, "value", "+5"), True),
    "minus zero": (_set(3, "n", "-0"), True),
    "trailing point": (_set(3, "value", "5."), True),
    "leading point": (_set(3, "value", ".5"), True),
    "thirteen digits": (_set(3, "value", "1" * 13), True),
    "other digits": (_set(3, "n", "\u0661\u0662"), True),
    "quoted header": ('"' + _lines()[0].replace(",", '","') + '"\n' + "\n".join(_lines()[1:]), True),
    "duplicate header column": (VALUES.replace(",note_en", ",note", 1), True),
    "header only": (_lines()[0] + "\n", False),
    "empty line after the header": (_with_line(1, ""), True),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_column_reader_and_row_reader_agree(case, monkeypatch):
    text, columnar = CASES[case]
    assert (package_files.fast_columns(text) is not None) == columnar, "which reader reads this file"
    _read_both("values", text, monkeypatch)


def test_many_distinct_numbers_convert_alike(tmp_path, monkeypatch):
    make = _generator().make_package
    make(tmp_path / "pkg", chapters=4, per_chapter=5, items=5, seed=2)
    rows = list(csv.reader(io.StringIO((tmp_path / "pkg" / "values.csv").read_text(encoding="utf-8"), newline="")))
    value, n = rows[0].index("value"), rows[0].index("n")
    for i, row in enumerate(rows[1:], start=1):
        row[value] = f"{i % 97}.{i:04d}"
        row[n] = str(1000 + i)
    text = "\n".join(",".join(r) for r in rows) + "\n"
    assert not _read_both("values", text, monkeypatch)
    for bad in ("-3.5", "1.2.3", "", "7" * 40, " 4", "1\x002", "3\x00"):
        rows[9][value] = bad
        rows[11][n] = bad
        problems = _read_both("values", "\n".join(",".join(r) for r in rows) + "\n", monkeypatch)
        assert {p.line for p in problems} <= {10, 12}
        assert bool(problems) == (bad != " 4")  # spaces around a number are trimmed, as in a small file


def test_generated_package_is_read_by_columns(tmp_path):
    _generator().make_package(tmp_path / "pkg", chapters=6, per_chapter=4, items=5, seed=3)
    text = (tmp_path / "pkg" / "values.csv").read_text(encoding="utf-8")
    header, columns, lines, longest = package_files.fast_columns(text)
    assert header[0] == "id" and len(columns) == len(header)
    assert list(lines) == list(range(2, 2 + len(columns[0])))
    assert longest == max(len(line.encode()) for line in text.split("\n")[1:])


def test_a_fault_in_a_large_file_is_placed_exactly(tmp_path):
    _generator().make_package(tmp_path / "pkg", chapters=12, per_chapter=10, items=7, seed=4)
    path = tmp_path / "pkg" / "values.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert len("\n".join(lines)) > package_module.FAST_MIN_CHARS
    fields = lines[4000].split(",")
    fields[8] = "130"  # value: over 100 for a percentage
    lines[4000] = ",".join(fields)
    fields = lines[5000].split(",")
    fields[0] = "Bad Id"
    lines[5000] = ",".join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(PackageError) as info:
        load_package(tmp_path / "pkg")
    assert [(p.file, p.line, p.column, p.rule) for p in info.value.problems] == [
        ("values.csv", 5001, "id", "constraint"),
        ("values.csv", 4001, "value", "percent-range"),
    ]


MUTANT_SEEDS = range(77_000, 77_050)  # a sample: the fuzz test runs 2,000 mutants through the usual reader


def test_mutants_give_the_same_result_with_either_reader(tmp_path, monkeypatch):
    """Fuzzed copies of the bundled package, each read with the column reader forced and with the row reader."""
    base = tmp_path / "base"
    mutants.copy_package(base)
    for seed in MUTANT_SEEDS:
        outcomes = []
        for limit in (0, 10**12):
            monkeypatch.setattr(package_module, "FAST_MIN_CHARS", limit)
            package, problems, unexpected = mutants.load_mutant(mutants.recipe(seed), tmp_path / "m", base)
            assert unexpected is None, (seed, unexpected)
            outcomes.append((package, problems))
        (fast, fast_problems), (rows, row_problems) = outcomes
        assert fast_problems == row_problems, seed
        if fast is not None:
            for name in ("chapters", "exhibits", "items", "values", "findings"):
                pd.testing.assert_frame_equal(getattr(fast, name), getattr(rows, name))
    shutil.rmtree(tmp_path / "m", ignore_errors=True)


_TOKENS = ["x", "yy", "", " ", '"q"', '"a,b"', '"l1\nl2"', '"d""q"', 'a"b', '"', ",", "\n", "\r", "\r\n", "\u00a0",
           "\ufeff", "\t", '"\n"', '""', "æøå", "\x0b", "\x1c", "\u2028", '"x"y', ' "z"']


def _random_csv(rng) -> str:
    width = rng.choice([1, 2, 3, 4])
    lines = [",".join(f"h{i}" for i in range(width))]
    for _ in range(rng.randint(0, 8)):
        kind = rng.random()
        if kind < 0.6:
            lines.append(",".join(rng.choice(_TOKENS[:10]) if rng.random() < 0.5 else f"v{rng.randint(0, 9)}" for _ in range(width)))
        elif kind < 0.8:
            lines.append("".join(rng.choice(_TOKENS) for _ in range(rng.randint(0, 5))))
        else:
            lines.append(",".join(rng.choice(_TOKENS) for _ in range(width + rng.choice([-1, 0, 0, 1]))))
    text = "\n".join(lines) + rng.choice(["", "\n", "\n\n", "\r\n"])
    return text.replace("\n", "\r\n") if rng.random() < 0.2 else text


def test_column_reader_reads_random_text_as_the_csv_module_does():
    """Where the column reader takes a file at all, it gives csv.reader's cells and lines, and a bound on cell size."""
    rng = random.Random(13)
    taken = 0
    for _ in range(4000):
        text = _random_csv(rng)
        read = package_files.fast_columns(text)
        if read is None:
            continue
        taken += 1
        header, columns, lines, longest = read
        problems: list = []
        parsed = package_module._read_csv(text, "t.csv", problems)
        assert parsed is not None and not problems, repr(text)
        want_columns, want_lines, wrong = package_module._columns_of(*parsed)
        assert not wrong, repr(text)
        assert header == parsed[0], repr(text)
        assert [c.tolist() for c in columns] == [c.tolist() for c in want_columns], repr(text)
        assert list(lines) == list(want_lines), repr(text)
        assert max((len(cell) for c in columns for cell in c), default=0) <= longest, repr(text)
    assert taken > 400, "the generator should give the column reader plenty of files it takes"
