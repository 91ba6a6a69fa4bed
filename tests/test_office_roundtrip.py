"""A real office suite reads the clipboard: LibreOffice Calc (headless) imports the exact HTML and TSV that a copy
puts on the clipboard, in a Norwegian and an English Calc, and every value comes back as a number cell.

Calc takes the HTML flavour on paste; its HTML import filter is the one that reads it. The locale of each
conversion comes from a user profile of its own (ooSetupSystemLocale), so the test needs no system locale.
Skips where `soffice` is missing; `.ci/run` installs LibreOffice's headless Calc.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import pytest

from hjk_desktop.core.clipboard import mime_payload
from hjk_desktop.core.codes import COMMA, EN, NB, POINT, Status
from hjk_desktop.core.query import query
from hjk_desktop.core.table import LABEL, READING, build_table

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None:
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)
openpyxl = pytest.importorskip("openpyxl")

LOCALES = {"nb": "nb-NO", "en": "en-US"}
LANGUAGE_IDS = {"nb": "1044", "en": "1033"}  # the Text import filter's language token
# (name, exhibit, query arguments, difference, intervals): the report's values are whole numbers, so the interval
# limits (one decimal) and the differences carry the decimal marks and signs
EXHIBITS = [
    ("fig7", "fig7", {"populations": ["hjemmekontor_oppfordret", "forening_forbund"]}, True, True),
    ("tab1", "tab1", {}, False, True),
    ("k2", "k2", {}, False, False),
    ("fig1", "fig1", {}, False, False),
]
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{0}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{0}</value></prop></item>
</oor:items>
"""


def _convert(files: list[Path], infilter: str, locale: str, root: Path) -> dict[str, Path]:
    profile = root / f"profile-{locale}"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE.format(locale), encoding="utf-8")
    out = root / f"out-{locale}-{abs(hash(infilter))}"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", f"--infilter={infilter}",
         "--convert-to", "xlsx", "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=240,
    )
    return {f.stem: out / f"{f.stem}.xlsx" for f in files}


def _tables(package):
    tables = {}
    for lang in (NB, EN):
        for name, exhibit, kwargs, difference, intervals in EXHIBITS:
            tables[(name, lang)] = build_table(package, query(package, exhibit, **kwargs), lang, difference=difference,
                                               intervals=intervals)
    return tables


@pytest.fixture(scope="module")
def converted(package, tmp_path_factory):
    """Every table copied in both languages and decimal marks, imported by Calc in both locales."""
    root = tmp_path_factory.mktemp("office")
    tables = _tables(package)
    html_files, tsv_files = [], {NB: [], EN: []}
    for (name, lang), table in tables.items():
        for decimal in (COMMA, POINT):
            payload = mime_payload(table, None, decimal)
            stem = f"{name}-{lang}-{decimal}"
            html_file = root / f"{stem}.html"
            html_file.write_text(payload["text/html"], encoding="utf-8")
            html_files.append(html_file)
            if (lang, decimal) in ((NB, COMMA), (EN, POINT)):
                tsv_file = root / f"{stem}.csv"
                tsv_file.write_text(payload["text/plain"], encoding="utf-8")
                tsv_files[lang].append(tsv_file)
    books = {}
    for lang, locale in LOCALES.items():
        for stem, path in _convert(html_files, "HTML (StarCalc)", locale, root).items():
            books[("html", locale, stem)] = path
        text_filter = f"Text - txt - csv (StarCalc):9,34,76,1,,{LANGUAGE_IDS[lang]}"
        for stem, path in _convert(tsv_files[lang], text_filter, locale, root).items():
            books[("tsv", locale, stem)] = path
    return tables, books


def _sheet(path: Path) -> list[list]:
    return [list(row) for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def _check_body(table, rows: list[list], name: str) -> int:
    """Every value of the table in its cell: numbers as numbers, gaps empty, labels and readings as text."""
    numbers = 0
    assert len(rows) >= len(table.rows), name
    for r, row in enumerate(table.rows):
        got_row = rows[r] + [None] * (len(row) - len(rows[r]))
        for c, cell in enumerate(row):
            got = got_row[c]
            if cell.kind == LABEL:
                assert got == cell.raw, (name, r, c, got)
            elif table.columns[c].kind == READING or isinstance(cell.raw, str):
                assert got == cell.raw, (name, r, c, got)
            elif cell.missing:
                assert got is None, (name, r, c, got)
            else:
                assert isinstance(got, (int, float)) and not isinstance(got, bool), (name, r, c, got)
                assert math.isclose(got, float(cell.raw), abs_tol=1e-9), (name, r, c, got, cell.raw)
                numbers += 1
    return numbers


def test_the_exhibits_have_every_kind_of_value(package):
    tables = _tables(package)
    cells = [cell for (_name, lang), t in tables.items() if lang == NB for row in t.rows for cell in row]
    assert any(c.approx and not c.missing for c in cells)
    assert any(c.status == Status.DERIVED and not c.missing for c in cells)
    assert any(c.missing for c in cells)
    k2 = tables[("k2", NB)]
    assert any(cell.approx and not cell.missing for row in k2.rows for cell in row)
    fractions = [c.raw for c in cells if isinstance(c.raw, float) and not c.missing and c.raw != int(c.raw)]
    assert fractions  # decimals, so the decimal marks are tried


@pytest.mark.parametrize("locale", LOCALES.values())
@pytest.mark.parametrize("decimal", [COMMA, POINT])
@pytest.mark.parametrize("lang", [NB, EN])
@pytest.mark.parametrize("name", [e[0] for e in EXHIBITS])
def test_html_pastes_as_numbers(converted, name, lang, decimal, locale):
    tables, books = converted
    table = tables[(name, lang)]
    rows = _sheet(books[("html", locale, f"{name}-{lang}-{decimal}")])
    assert rows[0][0] == table.caption  # the caption has its own row, not merged into the first header
    header = next(i for i, row in enumerate(rows) if row[0] == table.headers[0])
    assert rows[header][: len(table.headers)] == table.headers
    assert _check_body(table, rows[header + 1:], name) > 0
    assert any(row[0] == table.source for row in rows[header + 1 + len(table.rows):])


@pytest.mark.parametrize("name", [e[0] for e in EXHIBITS])
@pytest.mark.parametrize(("lang", "decimal"), [(NB, COMMA), (EN, POINT)])
def test_tsv_pastes_as_numbers(converted, name, lang, decimal):
    tables, books = converted
    table = tables[(name, lang)]
    rows = _sheet(books[("tsv", LOCALES[lang], f"{name}-{lang}-{decimal}")])
    assert rows[0][: len(table.headers)] == table.headers
    assert _check_body(table, rows[1:], name) > 0
