"""CSV and XLSX export, read back with pandas and openpyxl; atomic writes that never damage an existing file."""

from __future__ import annotations

import dataclasses
import errno
import io
import math

import openpyxl
import pandas as pd
import pytest

from hjk_desktop.core import export
from hjk_desktop.core.export import ExportError
from hjk_desktop.core.query import query
from hjk_desktop.core.table import VALUE, N, build_table
from hjk_desktop.core.xlsx_writer import XlsxWriter


def _table(package, exhibit="fig7", lang="nb", **sel):
    return build_table(package, query(package, exhibit, **sel), lang)


def _value_columns(table):
    return [(j, c) for j, c in enumerate(table.columns) if c.kind == VALUE]


# ------------------------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(("separator", "decimal"), [("semicolon", "comma"), ("semicolon", "point"), ("comma", "point")])
def test_csv_reads_back_with_pandas_and_matches_the_table(package, tmp_path, separator, decimal):
    for exhibit in ("k2", "fig7", "k1"):
        table = _table(package, exhibit)
        path = tmp_path / f"{exhibit}-{separator}-{decimal}.csv"
        written = export.write_csv(table, path, separator=separator, decimal=decimal, package=package)
        assert written[0] == path
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "Excel on Windows needs the BOM"
        frame = pd.read_csv(path, sep=export.SEPARATORS[separator], decimal="," if decimal == "comma" else ".", encoding="utf-8-sig")
        assert list(frame.columns[:2]) == [table.columns[0].header, "Enhet"]
        assert frame.columns[-1] == "Merknad"
        assert len(frame) == len(table.rows)
        for j, col in _value_columns(table):
            got = frame[col.header].tolist()
            for i, row in enumerate(table.rows):
                cell = row[j]
                if cell.missing:
                    assert math.isnan(got[i]), f"{exhibit} row {i}: missing must stay empty, not 0"
                else:
                    assert got[i] == pytest.approx(cell.raw)
        assert frame[table.columns[0].header].tolist() == [str(r[0].raw) for r in table.rows]


def test_csv_with_decimals_uses_the_chosen_mark(package):
    # the package's values are whole numbers; give one cell a decimal to see the mark chosen
    table = _table(package, "k1")
    row = list(table.rows[0])
    row[1] = dataclasses.replace(row[1], raw=12.5)
    table = dataclasses.replace(table, rows=(tuple(row), *table.rows[1:]))
    comma = pd.read_csv(io.StringIO(export.csv_text(table, "semicolon", "comma")), sep=";", decimal=",")
    point = pd.read_csv(io.StringIO(export.csv_text(table, "comma", "point")), sep=",", decimal=".")
    assert comma["Verdi"][0] == point["Verdi"][0] == 12.5
    assert ";12,5;" in export.csv_text(table, "semicolon", "comma")
    assert ",12.5," in export.csv_text(table, "comma", "point")


def test_comma_as_both_separator_and_decimal_is_refused(package, tmp_path):
    table = _table(package)
    with pytest.raises(ExportError) as info:
        export.write_csv(table, tmp_path / "x.csv", separator="comma", decimal="comma")
    assert info.value.reason == "options"
    assert not (tmp_path / "x.csv").exists()


def test_csv_note_column_names_approximate_derived_and_missing(package):
    table = _table(package, "fig7")
    frame = pd.read_csv(io.StringIO(export.csv_text(table, package=package)), sep=";", decimal=",")
    notes = frame["Merknad"].fillna("").tolist()
    for i, row in enumerate(table.rows):
        for j, col in _value_columns(table):
            cell = row[j]
            if cell.status == "derived":
                assert cell.formula in notes[i]
            if cell.missing:
                assert f"{col.header}: –" in notes[i]
    approx_table = _table(package, "fig8")
    approx_rows = [i for i, r in enumerate(approx_table.rows) if r[1].approx]
    assert approx_rows, "fig8 has an approximate value"
    text = export.csv_text(approx_table)
    frame = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    for i in approx_rows:
        assert "≈" in frame["Merknad"][i]
        assert frame["Alle"][i] == approx_table.rows[i][1].raw, "the number itself stays plain, without ≈"


def test_csv_sibling_note_holds_caption_and_source(package, tmp_path):
    table = _table(package, "fig1")
    export.write_csv(table, tmp_path / "fig1.csv")
    note = (tmp_path / "fig1_kilde.txt").read_text(encoding="utf-8")
    assert table.caption in note
    assert table.source in note
    assert table.caption not in (tmp_path / "fig1.csv").read_text(encoding="utf-8-sig")


def test_ranking_exhibit_exports_the_ranks_of_the_text(package):
    table = _table(package, "fig2")
    frame = pd.read_csv(io.StringIO(export.csv_text(table, package=package)), sep=";")
    ranking = package.exhibit("fig2")["ranking"].split("|")
    labels = {package.item_label("fig2", code): place for place, group in enumerate(ranking, 1) for code in group.split("+")}
    for label, rank in zip(frame[table.columns[0].header], frame["Rang i teksten"]):
        assert labels[label] == rank
    assert frame["Alle"].isna().all(), "the ranking gives no numbers, and none are made up"


# ------------------------------------------------------------------------------------------- XLSX


def test_xlsx_stores_numbers_with_formats_caption_source_and_notes(package, tmp_path):
    table = _table(package, "fig7")
    path = export.write_xlsx(table, tmp_path / "fig7.xlsx", package=package)
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == table.caption
    header = [c.value for c in ws[2]]
    assert header[0] == table.columns[0].header and header[1] == "Enhet" and header[-1] == "Merknad"
    assert ws.freeze_panes == "C3"
    for i, row in enumerate(table.rows):
        r = i + 3
        assert ws.cell(r, 1).value == row[0].raw
        assert ws.cell(r, 2).value == "prosent"
        for j, cell in enumerate(row[1:], start=3):
            got = ws.cell(r, j)
            if cell.missing:
                assert got.value == "–"
                continue
            assert got.data_type == "n"
            assert got.value == pytest.approx(cell.raw)
            if cell.kind == N:
                assert got.number_format == "0"
            else:
                assert got.number_format.endswith("0.0" if cell.raw != int(cell.raw) else "0")
            assert got.font.i == (cell.status == "derived")
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert table.source in texts
    derived_row = next(i for i, row in enumerate(table.rows) if any(c.status == "derived" for c in row))
    assert "fig7-syk-helt + fig7-syk-delvis" in ws.cell(derived_row + 3, len(header)).value


def test_xlsx_marks_approximate_values_in_the_number_format(package, tmp_path):
    table = _table(package, "fig8")
    ws = openpyxl.load_workbook(export.write_xlsx(table, tmp_path / "f8.xlsx")).active
    assert any(row[1].missing for row in table.rows)  # "Enklere" is a row the text gives no number for
    for i, row in enumerate(table.rows):
        cell = ws.cell(i + 3, 3)
        if row[1].missing:
            assert cell.value in (None, "–")
            continue
        assert cell.data_type == "n"
        assert ("≈" in cell.number_format) == row[1].approx


def test_all_workbook_has_a_sheet_per_exhibit_values_and_about(package, tmp_path):
    path = export.write_all_xlsx(package, tmp_path / "alt.xlsx")
    wb = openpyxl.load_workbook(path)
    ids = package.exhibit_ids()
    assert wb.sheetnames == ["Om", *ids, "Verdier", "Funn"]
    values = wb["Verdier"]
    assert values.max_row - 1 == len(package.values)
    header = [c.value for c in values[1]]
    by_id = {row[0]: dict(zip(header, row)) for row in values.iter_rows(min_row=2, values_only=True)}
    for rec in package.values.to_dict("records"):
        got = by_id[rec["id"]]
        assert got["value"] == pytest.approx(rec["value"])
        assert got["locator"] == rec["locator"]
        assert got["status"] == rec["status"]
        assert bool(got["approx"]) == bool(rec["approx"])
        assert (got["formula"] or "") == (rec["formula"] or "")
    about = [c.value for row in wb["Om"].iter_rows() for c in row if c.value]
    assert package.citation in about and package.homepage in about
    for ex_id in ids:
        ws = wb[ex_id]
        table = _table(package, ex_id)
        assert ws["A1"].value == table.caption
        assert ws.freeze_panes == "C3"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_all_workbook_has_the_findings_with_their_places(package, tmp_path, lang):
    from hjk_desktop.core.provenance import describe_locator

    wb = openpyxl.load_workbook(export.write_all_xlsx(package, tmp_path / "alt.xlsx", lang=lang))
    sheet = wb[wb.sheetnames[-1]]
    assert sheet.title == ("Funn" if lang == "nb" else "Findings")
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == len(package.findings)
    for got, rec in zip(rows[1:], package.findings.to_dict("records")):  # reading order
        fid, chapter, exhibit, kind, sentence, locator, places, values, status, note = got
        assert (fid, chapter, exhibit or "", kind, status) == (rec["id"], rec["chapter"], rec["exhibit"], rec["kind"], rec["status"])
        assert sentence == rec[f"text_{lang}"]
        assert locator.split("; ") == list(rec["locators"])
        assert places.split("; ") == [describe_locator(loc, lang) for loc in rec["locators"]]
        assert (values or "") == "; ".join(rec["value_ids"]) and (note or "") == rec["note"]
    about = [c.value for row in wb[wb.sheetnames[0]].iter_rows() for c in row if c.value]
    assert sheet.title in about


def test_findings_sheet_keeps_formula_looking_text_as_text(package, tmp_path):
    findings = package.findings.copy()
    findings.loc[0, "text_nb"] = "=HYPERLINK(\"http://x\",\"klikk\")"
    findings.loc[0, "note"] = "+1+2"
    hostile = dataclasses.replace(package, findings=findings)
    wb = openpyxl.load_workbook(export.write_all_xlsx(hostile, tmp_path / "alt.xlsx"))
    cells = {c.value: c for row in wb["Funn"].iter_rows(min_row=2, max_row=2) for c in row}
    text_cell, note_cell = cells[findings.loc[0, "text_nb"]], cells["+1+2"]
    assert text_cell.data_type == "s" and note_cell.data_type == "s"
    assert text_cell.quotePrefix and note_cell.quotePrefix


def test_package_without_findings_has_no_findings_sheet(package):
    bare = dataclasses.replace(package, findings=package.findings.iloc[0:0])
    assert export.workbook_all(bare, "nb").sheetnames[-1] == "Verdier"


def test_all_csv_writes_one_file_per_exhibit(package, tmp_path):
    folder = tmp_path / "alle"
    written = export.write_all_csv(package, folder)
    assert sorted(p.name for p in folder.glob("*.csv")) == sorted(f"{e}.csv" for e in package.exhibit_ids())
    assert set(written) == set(folder.iterdir())
    with pytest.raises(ExportError) as info:
        export.write_all_csv(package, folder)
    assert info.value.reason == "exists"


# ------------------------------------------------------------------------------------------- safety


def test_existing_file_is_not_replaced_without_overwrite(package, tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"mine")
    with pytest.raises(ExportError) as info:
        export.write_xlsx(_table(package), path)
    assert info.value.reason == "exists" and str(path) in str(info.value)
    assert path.read_bytes() == b"mine"
    export.write_xlsx(_table(package), path, overwrite=True)
    assert openpyxl.load_workbook(path).active["A1"].value == _table(package).caption


def test_write_that_fails_partway_leaves_the_previous_file_intact(package, tmp_path, monkeypatch):
    path = tmp_path / "alt.xlsx"
    export.write_all_xlsx(package, path)
    before = path.read_bytes()

    def full_disk(self):  # the sheets are in the temporary file already; the disk fills before the last parts
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(XlsxWriter, "close", full_disk)
    with pytest.raises(ExportError) as info:
        export.write_all_xlsx(package, path, overwrite=True)
    assert info.value.reason == "disk_full"
    assert str(path) in str(info.value) and "No space left" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alt.xlsx"], "no temporary file left behind"


def test_csv_write_failing_partway_keeps_the_old_csv(package, tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_bytes(b"old;content\r\n")
    real_fsync = export.os.fsync
    monkeypatch.setattr(export.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    with pytest.raises(ExportError) as info:
        export.write_csv(_table(package), path, overwrite=True, note=False)
    monkeypatch.setattr(export.os, "fsync", real_fsync)
    assert "I/O error" in str(info.value)
    assert path.read_bytes() == b"old;content\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


@pytest.mark.parametrize("where", ["missing_parent", "under_a_file", "a_folder"])
def test_bad_paths_raise_clear_errors(package, tmp_path, where):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    target = {
        "missing_parent": tmp_path / "nope" / "t.csv",
        "under_a_file": blocker / "t.csv",
        "a_folder": tmp_path,
    }[where]
    with pytest.raises(ExportError) as info:
        export.write_csv(_table(package), target)
    assert str(target) in str(info.value)
    assert info.value.reason in ("no_folder", "is_folder")
    assert blocker.read_text() == "x"


def test_new_files_get_ordinary_permissions(package, tmp_path):
    path = export.write_xlsx(_table(package), tmp_path / "p.xlsx")
    assert path.stat().st_mode & 0o077, "not left private like a temporary file"
