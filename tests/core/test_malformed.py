"""Broken packages: each copy of the bundled package has one fault and must give one precise Problem.

A fault is named by its rule code and placed by file, line and column, so a user editing a package can go
straight to it. The validator collects every problem before it gives up; nothing is loaded half-way.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import hjk_desktop.core.package as package_module
import hjk_desktop.core.package_files as package_files
from hjk_desktop.core import PackageError, load_package

from .conftest import BUNDLED

REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------------------------
# helpers that break one thing


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def line_of(path: Path, key: str) -> int:
    """Physical line (1-based) of the row whose first field is ``key``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.split(",", 1)[0] == key:
            return number
    raise AssertionError(f"{key} not in {path.name}")


def set_cell(pkg: Path, file: str, key: str, column: str, value: str) -> int:
    """Change one cell of the row whose first field is ``key``; return that row's line."""
    path = pkg / file
    line = line_of(path, key)
    rows = _rows(path)
    col = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[col] = value
            break
    else:
        raise AssertionError(f"{key} not in {file}")
    _write_rows(path, rows)
    return line


def descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def set_resource_path(pkg: Path, name: str, new_path: str) -> str:
    meta = descriptor(pkg)
    index = next(i for i, r in enumerate(meta["resources"]) if r["name"] == name)
    meta["resources"][index]["path"] = new_path
    (pkg / "datapackage.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return f"resources[{index}].path"


def problems_of(pkg: Path) -> list[tuple]:
    with pytest.raises(PackageError) as info:
        load_package(pkg)
    return [(p.file, p.line, p.column, p.rule) for p in info.value.problems]


# ---------------------------------------------------------------------------------------------
# one fault each: (file, line, column, rule) expected, and nothing else


def missing_file(pkg):
    (pkg / "segments.csv").unlink()
    return ("segments.csv", None, None, "file-missing")


def missing_column(pkg):
    rows = _rows(pkg / "values.csv")
    col = rows[0].index("unit")
    _write_rows(pkg / "values.csv", [r[:col] + r[col + 1:] for r in rows])
    return ("values.csv", 1, "unit", "column-missing")


def wrong_type(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "k3-kartlagt-ja", "value", "fjorten"), "value", "type-number")


def decimal_comma(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "k3-kartlagt-ja", "value", "14,0"), "value", "type-number")


def wrong_integer(pkg):
    return ("exhibits.csv", set_cell(pkg, "exhibits.csv", "fig4", "n", "963.5"), "n", "type-integer")


def wrong_boolean(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "approx", "ja"), "approx", "type-boolean")


def percentage_130(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "value", "130"), "value", "percent-range")


def negative_count(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "n-fig4", "value", "-963"), "value", "count-negative")


def negative_n(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "n", "-1"), "n", "constraint")


def unknown_unit(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "unit", "promille"), "unit", "enum")


def required_blank(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "locator", ""), "locator", "constraint")


def bad_id_pattern(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "id", "Fig4 to dager"), "id", "constraint")


def unknown_segment(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "segment", "nord-norge"), "segment", "unknown-code")


def unknown_population(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "population", "ledere"), "population", "unknown-code")


def unknown_round(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "round", "2022-01"), "round", "unknown-code")


def unknown_response(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "response", "kanskje"), "response", "unknown-code")


def unknown_exhibit(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "exhibit", "fig99"), "exhibit", "unknown-code")


def unknown_item(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "item", "tre_dager"), "item", "unknown-code")


def unknown_chapter(pkg):
    return ("exhibits.csv", set_cell(pkg, "exhibits.csv", "fig4", "chapter", "12"), "chapter", "unknown-code")


def unknown_pair(pkg):
    return ("exhibits.csv", set_cell(pkg, "exhibits.csv", "tab1", "pair", "fig33"), "pair", "unknown-code")


def unknown_scale_response(pkg):
    return ("exhibits.csv", set_cell(pkg, "exhibits.csv", "fig2", "scale", "andel|kanskje"), "scale", "unknown-code")


def headline_outside_scale(pkg):
    return ("exhibits.csv", set_cell(pkg, "exhibits.csv", "fig8", "headline", "andel"), "headline", "constraint")


def ranking_unknown_item(pkg):
    return ("exhibits.csv", set_cell(pkg, "exhibits.csv", "fig2", "ranking", "hms|kostnader+parkering"), "ranking", "unknown-code")


def item_of_unknown_exhibit(pkg):
    rows = _rows(pkg / "items.csv")
    rows.append(["fig99", "noe", "Noe", "Something", "1"])
    _write_rows(pkg / "items.csv", rows)
    return ("items.csv", len(rows), "exhibit", "unknown-code")


def duplicate_id(pkg):
    path = pkg / "values.csv"
    rows = _rows(path)
    copy = list(next(r for r in rows if r[0] == "fig4-en-dag"))
    copy[rows[0].index("segment")] = "oslo"  # same id, another cell
    rows.append(copy)
    _write_rows(path, rows)
    return ("values.csv", len(rows), "id", "duplicate-key")


def duplicate_cell(pkg):
    path = pkg / "values.csv"
    rows = _rows(path)
    copy = list(next(r for r in rows if r[0] == "fig4-en-dag"))
    copy[0] = "fig4-en-dag-igjen"  # another id, the same exhibit, group, round, item and response
    rows.append(copy)
    _write_rows(path, rows)
    return ("values.csv", len(rows), "exhibit+population+segment+round+item+response", "duplicate-key")


def duplicate_dimension_code(pkg):
    rows = _rows(pkg / "segments.csv")
    rows.append(["oslo", "Oslo igjen", "Oslo again", "", "", "9"])
    _write_rows(pkg / "segments.csv", rows)
    return ("segments.csv", len(rows), "code", "duplicate-key")


def duplicate_column(pkg):
    rows = _rows(pkg / "rounds.csv")
    _write_rows(pkg / "rounds.csv", [r + [r[1]] for r in rows])
    return ("rounds.csv", 1, "label_nb", "duplicate-column")


def bad_locator(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "locator", "6:avsnitt2"), "locator", "locator-syntax")


def locator_unknown_chapter(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "locator", "11:p2"), "locator", "locator-chapter")


def locator_other_chapter(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "locator", "7:p2"), "locator", "locator-chapter")


def parent_path(pkg):
    return ("datapackage.json", None, set_resource_path(pkg, "values", "../values.csv"), "path-parent")


def absolute_path(pkg):
    return ("datapackage.json", None, set_resource_path(pkg, "values", str((pkg / "values.csv").resolve())), "path-absolute")


def windows_absolute_path(pkg):
    return ("datapackage.json", None, set_resource_path(pkg, "values", "C:\\data\\values.csv"), "path-absolute")


def url_path(pkg):
    return ("datapackage.json", None, set_resource_path(pkg, "values", "https://example.org/values.csv"), "path-url")


def symlink_outside(pkg):
    outside = pkg.parent / "elsewhere.csv"
    outside.write_text((pkg / "values.csv").read_text(encoding="utf-8"), encoding="utf-8")
    try:
        (pkg / "linked.csv").symlink_to(outside)
    except OSError:
        pytest.skip("symlinks not available")
    return ("datapackage.json", None, set_resource_path(pkg, "values", "linked.csv"), "path-outside")


def resource_missing(pkg):
    meta = descriptor(pkg)
    meta["resources"] = [r for r in meta["resources"] if r["name"] != "rounds"]
    (pkg / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    return ("datapackage.json", None, "resources", "resource-missing")


def oversize_file(pkg, monkeypatch):
    # the largest file stays within a limit set just above it; segments.csv is padded past it with blank lines
    largest = max(p.stat().st_size for p in pkg.iterdir())
    monkeypatch.setattr(package_files, "MAX_FILE_BYTES", largest)
    with (pkg / "segments.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n" * (largest + 1))
    return ("segments.csv", None, None, "file-too-large")


def not_utf8(pkg):
    path = pkg / "populations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1"))  # "foreninger/forbund" keeps ASCII; the first non-ASCII byte is placed
    first = next(i for i, line in enumerate(text.split("\n"), start=1) if not line.isascii())
    return ("populations.csv", first, None, "encoding")


def empty_file(pkg):
    (pkg / "rounds.csv").write_text("", encoding="utf-8")
    return ("rounds.csv", None, None, "file-empty")


def too_many_columns(pkg):
    rows = _rows(pkg / "responses.csv")
    extra = [f"x{i}" for i in range(201 - len(rows[0]))]
    _write_rows(pkg / "responses.csv", [rows[0] + extra] + [r + [""] * len(extra) for r in rows[1:]])
    return ("responses.csv", 1, None, "too-many-columns")


def field_count(pkg):
    path = pkg / "values.csv"
    rows = _rows(path)
    row = next(r for r in rows if r[0] == "fig4-to-dager")
    row.pop()
    _write_rows(path, rows)
    return ("values.csv", line_of(path, "fig4-to-dager"), None, "field-count")


def csv_syntax(pkg):
    path = pkg / "segments.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace(",", ',"Statlig" sektor,', 1)  # text after a closing quote
    path.write_text("\n".join(lines), encoding="utf-8")
    return ("segments.csv", 3, None, "csv-syntax")


def bad_json(pkg):
    path = pkg / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"name": "hjemmekontor-2021",', '"name": "hjemmekontor-2021"', 1), encoding="utf-8")
    line = text.split("\n").index('  "title": "LOs tillitsvalgtpanel om hjemmekontor. Resultater fra juni 2021",') + 1
    return ("datapackage.json", line, "3", "json-syntax")


def descriptor_without_resources(pkg):
    meta = descriptor(pkg)
    del meta["resources"]
    (pkg / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    return ("datapackage.json", None, "resources", "descriptor")


def formula_mismatch(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig7-syk-helt-delvis", "value", "68"), "value", "formula-mismatch")


def formula_unknown_id(pkg):
    line = set_cell(pkg, "values.csv", "fig7-syk-helt-delvis", "formula", "fig7-syk-helt + fig7-syk-halvt")
    return ("values.csv", line, "formula", "formula-invalid")


def formula_as_code(pkg):
    line = set_cell(pkg, "values.csv", "fig7-syk-helt-delvis", "formula", "__import__('os')")
    return ("values.csv", line, "formula", "formula-invalid")


def stated_with_formula(pkg):
    line = set_cell(pkg, "values.csv", "fig7-syk-helt", "formula", "fig7-syk-delvis + fig7-syk-delvis")
    return ("values.csv", line, "formula", "formula-on-stated")


def missing_folder(pkg):
    import shutil

    shutil.rmtree(pkg)
    return (str(pkg), None, None, "package-missing")


def integer_beyond_int64(pkg):
    return ("exhibits.csv", set_cell(pkg, "exhibits.csv", "fig4", "n", "9" * 20), "n", "integer-range")


def integer_negative_chapter(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "chapter", "-4"), "chapter", "integer-range")


def number_with_4301_digits(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "n-fig4", "value", "9" * 4301), "value", "number-digits")


def number_out_of_range(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "n-fig4", "value", "1" + "0" * 13), "value", "number-range")


def enum_garbage(pkg):
    return ("exhibits.csv", set_cell(pkg, "exhibits.csv", "fig4", "chart", "<b>bars</b>"), "chart", "enum")


def control_character(pkg):
    return ("segments.csv", set_cell(pkg, "segments.csv", "oslo", "label_en", "Oslo\x01"), "label_en", "control-character")


def escape_sequence_in_text(pkg):
    return ("items.csv", set_cell(pkg, "items.csv", "fig4", "label_nb", "to \x1b[31mdager"), "label_nb", "control-character")


def nul_in_path(pkg):
    return ("datapackage.json", None, set_resource_path(pkg, "values", "values.csv\x00"), "path-invalid")


def path_300_characters(pkg):
    return ("datapackage.json", None, set_resource_path(pkg, "values", "v" * 296 + ".csv"), "path-too-long")


def symlink_to_itself(pkg):
    (pkg / "values.csv").unlink()
    try:
        (pkg / "values.csv").symlink_to("values.csv")
    except OSError:
        pytest.skip("symlinks not available")
    return ("datapackage.json", None, "resources[3].path", "path-loop")


def descriptor_symlink_outside(pkg):
    outside = pkg.parent / "elsewhere.json"
    outside.write_bytes((pkg / "datapackage.json").read_bytes())
    (pkg / "datapackage.json").unlink()
    try:
        (pkg / "datapackage.json").symlink_to(outside)
    except OSError:
        pytest.skip("symlinks not available")
    return ("datapackage.json", None, None, "path-outside")


def json_1000_deep(pkg):
    text = (pkg / "datapackage.json").read_text(encoding="utf-8").rstrip()
    (pkg / "datapackage.json").write_text(text[:-1] + ', "x": ' + "[" * 1000 + "]" * 1000 + "}", encoding="utf-8")
    return ("datapackage.json", None, None, "json-depth")


def json_number_5000_digits(pkg):
    text = (pkg / "datapackage.json").read_text(encoding="utf-8").rstrip()
    (pkg / "datapackage.json").write_text(text[:-1] + ', "x": ' + "7" * 5000 + "}", encoding="utf-8")
    return ("datapackage.json", None, None, "number-digits")


def descriptor_over_1_mib(pkg):
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    (pkg / "datapackage.json").write_text(text + " " * (1024 * 1024), encoding="utf-8")
    return ("datapackage.json", None, None, "file-too-large")


def homepage_file_url(pkg):
    meta = descriptor(pkg)
    meta["homepage"] = "file:///etc/passwd"
    (pkg / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    return ("datapackage.json", None, "homepage", "url-scheme")


def source_not_http(pkg):
    meta = descriptor(pkg)
    meta["sources"][0]["path"] = "ftp://example.org/report.pdf"
    (pkg / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    return ("datapackage.json", None, "sources[0].path", "url-scheme")


def no_exhibits(pkg):
    for name in ("exhibits.csv", "items.csv", "values.csv"):
        _write_rows(pkg / name, _rows(pkg / name)[:1])
    return ("exhibits.csv", None, None, "no-exhibits")


def nul_in_an_id(pkg):
    # a code column is checked in one pass over its distinct cells: a NUL there must still be found
    return ("values.csv", set_cell(pkg, "values.csv", "k1-panel-alle", "id", "k1-panel-alle\x00"), "id", "control-character")


def nul_in_a_number(pkg):
    return ("values.csv", set_cell(pkg, "values.csv", "fig4-to-dager", "n", "1\x002"), "n", "control-character")


def cell_over_field_limit(pkg):
    return ("chapters.csv", set_cell(pkg, "chapters.csv", "2", "summary_nb", "x" * 140_000), "summary_nb", "cell-too-large")


FAULTS = [
    missing_file, missing_column, wrong_type, decimal_comma, wrong_integer, wrong_boolean, percentage_130,
    negative_count, negative_n, unknown_unit, required_blank, bad_id_pattern, unknown_segment, unknown_population,
    unknown_round, unknown_response, unknown_exhibit, unknown_item, unknown_chapter, unknown_pair,
    unknown_scale_response, headline_outside_scale, ranking_unknown_item, item_of_unknown_exhibit, duplicate_id,
    duplicate_cell, duplicate_dimension_code, duplicate_column, bad_locator, locator_unknown_chapter, locator_other_chapter, parent_path, absolute_path,
    windows_absolute_path, url_path, symlink_outside, resource_missing, not_utf8, empty_file, too_many_columns,
    field_count, csv_syntax, bad_json, descriptor_without_resources, formula_mismatch, formula_unknown_id,
    formula_as_code, stated_with_formula, missing_folder, integer_beyond_int64, integer_negative_chapter,
    number_with_4301_digits, number_out_of_range, enum_garbage, control_character, escape_sequence_in_text, nul_in_path,
    path_300_characters, symlink_to_itself, descriptor_symlink_outside, json_1000_deep, json_number_5000_digits,
    descriptor_over_1_mib, homepage_file_url, source_not_http, no_exhibits, cell_over_field_limit, nul_in_an_id,
    nul_in_a_number,
]


@pytest.fixture(params=["rows", "columns"])
def reader(request, monkeypatch):
    """Each fault is found alike by the row reader (small files) and the column reader (large files)."""
    if request.param == "columns":
        monkeypatch.setattr(package_module, "FAST_MIN_CHARS", 0)
    return request.param


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_one_fault_one_problem(package_copy, fault, reader):
    expected = fault(package_copy)
    assert problems_of(package_copy) == [expected]


def test_oversize_file(package_copy, monkeypatch):
    expected = oversize_file(package_copy, monkeypatch)
    assert problems_of(package_copy) == [expected]


def test_problem_text_names_file_and_line(package_copy):
    line = set_cell(package_copy, "values.csv", "fig4-to-dager", "value", "130")
    with pytest.raises(PackageError) as info:
        load_package(package_copy)
    text = str(info.value.problems[0])
    assert text.startswith(f"values.csv:{line}, column value: [percent-range]")
    assert "130" in text


def test_all_problems_are_collected(package_copy):
    faults = [percentage_130(package_copy), unknown_pair(package_copy), empty_file(package_copy)]
    found = problems_of(package_copy)
    assert sorted(found, key=str) == sorted(faults, key=str)


def test_several_faults_in_one_file_are_all_reported(package_copy, reader):
    a = set_cell(package_copy, "values.csv", "fig4-en-dag", "value", "101")
    b = set_cell(package_copy, "values.csv", "fig4-to-dager", "segment", "nord")
    c = set_cell(package_copy, "values.csv", "fig4-en-dag-statlig", "locator", "p3")
    assert problems_of(package_copy) == [
        ("values.csv", b, "segment", "unknown-code"),
        ("values.csv", a, "value", "percent-range"),
        ("values.csv", c, "locator", "locator-syntax"),
    ]


def test_bom_and_crlf_load_the_same(package_copy, package, reader):
    for path in package_copy.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    loaded = load_package(package_copy)
    for name in ("chapters", "exhibits", "items", "values", "segments", "populations", "rounds", "responses"):
        mine, theirs = getattr(loaded, name), getattr(package, name)
        assert list(mine.columns) == list(theirs.columns), name
        assert mine.astype(str).equals(theirs.astype(str)), name


def test_datapackage_json_may_be_named_directly(package_copy):
    assert len(load_package(package_copy / "datapackage.json").values) == len(load_package(package_copy).values)


# ---------------------------------------------------------------------------------------------
# the validate command


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "hjk_desktop", *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=120)


def test_validate_command_reports_problems(package_copy):
    a = set_cell(package_copy, "values.csv", "fig4-en-dag", "value", "101")
    empty_file(package_copy)
    done = _cli("validate", str(package_copy))
    assert done.returncode == 1
    lines = done.stdout.strip().split("\n")
    assert any(line.startswith(f"values.csv:{a}, column value: [percent-range]") for line in lines), done.stdout
    assert any(line.startswith("rounds.csv: [file-empty]") for line in lines), done.stdout
    assert "2 problem(s)" in done.stderr


def test_validate_command_accepts_the_bundled_package(raw_values):
    done = _cli("validate", str(BUNDLED))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("OK:")
    assert f"{len(raw_values)} values" in lines[0]
