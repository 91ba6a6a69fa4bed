"""Hostile package texts and hostile moments in export: no formulas out, no control characters, no foreign
links, every failure an ExportError with one line, and no temporary files left from a killed export."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import shutil
import subprocess
import time

import openpyxl
import pytest

from hjk_desktop.core import export, load_package
from hjk_desktop.core.clipboard import to_tsv
from hjk_desktop.core.codes import Unit
from hjk_desktop.core.export import ExportError
from hjk_desktop.core.formatting import FORMULA_START, spreadsheet_text
from hjk_desktop.core.query import query
from hjk_desktop.core.table import DIFF, LABEL, VALUE, TableCell, TableColumn, TableData, build_table

HOSTILE = ('=HYPERLINK("http://example.invalid/x","klikk")', "+1+2", "-3+4", "@SUM(A1:A2)")


def _edit_csv(path, column: str, change) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for i, row in enumerate(rows):
        row[column] = change(i, row[column])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def hostile_package(package_copy):
    """The bundled package with every item label and exhibit title starting like a formula."""
    _edit_csv(package_copy / "items.csv", "label_nb", lambda i, label: HOSTILE[i % len(HOSTILE)] + label)
    _edit_csv(package_copy / "exhibits.csv", "title_nb", lambda i, title: HOSTILE[i % len(HOSTILE)])
    return load_package(package_copy)


def _cells(path):
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            yield from row


def test_xlsx_export_of_formula_labels_has_no_formula_cells(hostile_package, tmp_path):
    path = export.write_all_xlsx(hostile_package, tmp_path / "alt.xlsx")
    cells = list(_cells(path))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    hostile = [c for c in cells if isinstance(c.value, str) and c.value.startswith(tuple(h[:2] for h in HOSTILE))]
    assert len(hostile) > 30  # labels, captions and titles in every sheet
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)
    labels = {str(label) for label in hostile_package.items["label_nb"]}
    assert labels & {c.value for c in hostile}  # the text itself is kept, without a visible apostrophe
    assert any(c.data_type == "n" and isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
               for c in cells)  # numbers stay numbers


def test_one_exhibit_xlsx_keeps_labels_as_text_and_values_as_numbers(hostile_package, tmp_path):
    result = query(hostile_package, "fig7")
    table = build_table(hostile_package, result)
    path = export.write_xlsx(table, tmp_path / "fig7.xlsx", package=hostile_package)
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].data_type == "s" and ws["A1"].value.startswith("Figur 7. ")  # the hostile title follows
    for i, row in enumerate(table.rows):
        label = ws.cell(i + 3, 1)
        assert label.value == row[0].raw and label.data_type == "s"
        for j, cell in enumerate(row[1:], start=3):
            if cell.kind == VALUE and not cell.missing:
                assert ws.cell(i + 3, j).data_type == "n" and ws.cell(i + 3, j).value == cell.raw
    assert not [c.coordinate for c in _cells(path) if c.data_type == "f"]


def test_csv_prefixes_formula_texts_and_leaves_numbers_alone(hostile_package):
    result = query(hostile_package, "fig7")
    table = build_table(hostile_package, result)
    body = export.csv_text(table, "comma", "point", hostile_package)
    rows = list(csv.reader(io.StringIO(body)))
    labels = [row[0] for row in rows[1:]]
    assert labels and all(label.startswith("'") and label[1:] == row[0].raw for label, row in zip(labels, table.rows))
    assert not any(field.startswith(FORMULA_START) for row in rows for field in row if not _is_number(field))
    values = [float(row[2]) for row in rows[1:] if row[2]]
    assert values == [cell.raw for cell in (r[1] for r in table.rows) if not cell.missing]


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def test_clipboard_tsv_prefixes_formula_texts_but_not_negative_numbers(hostile_package):
    table = build_table(hostile_package, query(hostile_package, "fig7"))
    fields = list(csv.reader(io.StringIO(to_tsv(table, decimal="point")), delimiter="\t"))
    assert all(row[0].startswith("'") and row[0][1:] == cells[0].raw for row, cells in zip(fields[1:], table.rows))
    columns = (TableColumn(LABEL, "-Spørsmål"), TableColumn(DIFF, "Differanse"))
    rows = ((TableCell("@navn", LABEL), TableCell(-4.5, DIFF, status="derived")),)
    fields = list(csv.reader(io.StringIO(to_tsv(TableData(columns, rows), decimal="point")), delimiter="\t"))
    assert fields == [["'-Spørsmål", "Differanse"], ["'@navn", "-4.5"]]  # a negative number is still a number


def test_spreadsheet_text_follows_owasp():
    for start in FORMULA_START:
        assert spreadsheet_text(f"{start}x") == f"'{start}x"
    assert spreadsheet_text("Ja, helt") == "Ja, helt"
    assert spreadsheet_text("a – b") == "a – b"
    assert spreadsheet_text("\x01=1+1") == "'=1+1"  # a control character cannot hide a formula


def _table(label: str, header: str = "Verdi") -> TableData:
    columns = (TableColumn(LABEL, "Spørsmål"), TableColumn(VALUE, header, "k"))
    rows = ((TableCell(label, LABEL, Unit.PERCENT), TableCell(12.0, VALUE, Unit.PERCENT, status="stated")),)
    return TableData(columns=columns, rows=rows, caption=f"Tittel {label}", source="Kilde", meta={"lang": "nb"})


def test_control_characters_are_stripped_not_fatal(tmp_path):
    table = _table("Ja\x01 nei\x1b\x7f", header="Verdi\x02")
    path = export.write_xlsx(table, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws["A3"].value == "Ja nei" and ws["C2"].value == "Verdi" and ws["C3"].value == 12
    written = export.write_csv(table, tmp_path / "t.csv")
    body = written[0].read_text(encoding="utf-8-sig")
    assert "\x01" not in body and "\x02" not in body and "Ja nei" in body
    assert "\x01" not in to_tsv(table)


def test_homepage_is_linked_only_when_http(package, tmp_path):
    def links(pkg, name):
        wb = export.workbook_all(pkg, "nb")
        wb.save(tmp_path / name)
        about = openpyxl.load_workbook(tmp_path / name)["Om"]
        found = [c.hyperlink.target for row in about.iter_rows() for c in row if c.hyperlink and c.hyperlink.target]
        return [link for link in found if not link.startswith("#")]  # "#'fig7'!A1": a sheet of this workbook

    web = dataclasses.replace(package, meta={**package.meta, "homepage": "https://example.org/rapport"})
    assert "https://example.org/rapport" in links(web, "web.xlsx")
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x"):
        foreign = dataclasses.replace(package, meta={**package.meta, "homepage": bad})
        assert links(foreign, "bad.xlsx") == []


# -- failures -----------------------------------------------------------------------------------------------


def test_an_unexpected_failure_is_an_export_error_with_one_line(monkeypatch, tmp_path, package):
    from hjk_desktop.core.xlsx_writer import XlsxWriter

    def broken(self):
        raise ValueError("the library\nsaid something\nlong")

    monkeypatch.setattr(XlsxWriter, "close", broken)
    table = build_table(package, query(package, "fig7"))
    target = tmp_path / "f.xlsx"
    with pytest.raises(ExportError) as caught:
        export.write_xlsx(table, target)
    assert caught.value.reason == "failed" and "\n" not in str(caught.value)
    assert "ValueError: the library said something long" in str(caught.value)
    assert os.listdir(tmp_path) == []  # no target, no temporary file
    with pytest.raises(ExportError):
        export.write_all_xlsx(package, target)


def test_a_failure_while_building_the_workbook_is_an_export_error(monkeypatch, tmp_path, package):
    monkeypatch.setattr(export, "_table_sheet", lambda *a, **k: (_ for _ in ()).throw(KeyError("gone")))
    with pytest.raises(ExportError) as caught:
        export.write_xlsx(build_table(package, query(package, "fig7")), tmp_path / "f.xlsx")
    assert "KeyError" in caught.value.cause


# -- temporary files ----------------------------------------------------------------------------------------


def test_stale_temporaries_of_a_killed_export_are_removed_on_the_next_one(tmp_path, package):
    old = time.time() - 3600
    stale = [tmp_path / ".fig7.csv.k2j4_9xa.tmp", tmp_path / ".alt.xlsx.abcdefgh.tmp"]
    fresh = tmp_path / ".fig7.csv.zzzzzzzz.tmp"  # an export still running, perhaps
    foreign = [tmp_path / ".notes.tmp", tmp_path / "fig7.csv.abcdefgh.tmp", tmp_path / ".x.ABCDEFGH.tmp"]
    folder_like = tmp_path / ".dir.abcdefgh.tmp"
    for path in [*stale, fresh, *foreign]:
        path.write_bytes(b"partial")
    folder_like.mkdir()
    for path in [*stale, *foreign, folder_like]:
        os.utime(path, (old, old))

    export.write_csv(build_table(package, query(package, "fig7")), tmp_path / "fig7.csv")
    for path in stale:
        assert not path.exists()
    for path in [fresh, *foreign, folder_like]:
        assert path.exists()
    assert (tmp_path / "fig7.csv").exists()


def test_the_sweep_never_fails(tmp_path):
    assert export.remove_stale_temporaries(tmp_path / "no-such-folder") == []


def test_difference_limits_keep_their_sign_in_xlsx_as_on_screen(tmp_path):
    from hjk_desktop.core.table import DIFF_HI, DIFF_LO

    columns = (TableColumn(LABEL, "Spørsmål"), TableColumn(DIFF, "Differanse"), TableColumn(DIFF_LO, "nedre"),
               TableColumn(DIFF_HI, "øvre"))
    rows = ((TableCell("a", LABEL), TableCell(4.0, DIFF, status="derived"), TableCell(-2.5, DIFF_LO, status="derived"),
             TableCell(10.5, DIFF_HI, status="derived")),)
    ws = openpyxl.load_workbook(export.write_xlsx(TableData(columns, rows), tmp_path / "d.xlsx")).active
    assert [ws.cell(3, j).value for j in (3, 4, 5)] == [4, -2.5, 10.5]
    assert [ws.cell(3, j).number_format for j in (3, 4, 5)] == ["+0;-0;0", "+0.0;-0.0;0", "+0.0;-0.0;0"]


def test_an_exhibit_id_is_made_a_plain_file_name():
    for hostile in ("../../etc/passwd", ".hidden", "a\\b:c*?", "x\x01y", "..."):
        stem = export.file_stem(hostile)
        assert stem and not stem.startswith(".") and not set(stem) & set('/\\:*?"<>|\x01')
    assert export.file_stem("fig7") == "fig7"


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("flavour", ["text/html", "text/plain"])
def test_libreoffice_pastes_no_formula_from_the_clipboard(hostile_package, tmp_path, flavour):
    """A real office suite reads what Ctrl+C puts on the clipboard: Calc's HTML and text import filters."""
    from hjk_desktop.core.clipboard import mime_payload

    result = query(hostile_package, "fig7")
    table = build_table(hostile_package, result, "nb")
    payload = mime_payload(table, None, "comma")[flavour]
    name, infilter = ("paste.html", "HTML (StarCalc)") if flavour == "text/html" else ("paste.csv", "Text - txt - csv (StarCalc):9,34,76")
    source = tmp_path / name
    source.write_text(payload, encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--infilter=" + infilter,
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=180)
    cells = list(_cells(tmp_path / "out" / (source.stem + ".xlsx")))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert any(t.lstrip("'").startswith('=HYPERLINK') for t in texts)  # the label arrived, as text


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_streamed_workbook(package, tmp_path):
    """The whole-package workbook (written by core/xlsx_writer, not openpyxl) opens in a real office suite: Calc
    converts it and every sheet, text and number comes back (booleans Calc writes as =TRUE() and =FALSE(), as it does anyway)."""
    path = export.write_all_xlsx(package, tmp_path / "alt.xlsx")
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(path)], check=True, capture_output=True,
                   timeout=240)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "back"), str(tmp_path / "ods" / "alt.ods")],
                   check=True, capture_output=True, timeout=240)
    ours, back = openpyxl.load_workbook(path), openpyxl.load_workbook(tmp_path / "back" / "alt.xlsx")
    assert back.sheetnames == ours.sheetnames
    for name in ours.sheetnames:
        for mine, theirs in zip(ours[name].iter_rows(values_only=True), back[name].iter_rows(values_only=True)):
            theirs = [{"=TRUE()": True, "=FALSE()": False}.get(v, v) if isinstance(v, str) else v for v in theirs]
            assert [v for v in mine if v not in (None, "")] == [v for v in theirs if v not in (None, "")], name
