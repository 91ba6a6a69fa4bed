"""Export-all at scale, with progress and cancelling: a generated package of 100 exhibits exports and reads back
(openpyxl, pandas); a cancel, an interrupt or a failure at any step leaves no file, no temporary file and, for the
CSV folder, none of its files; an existing target stays byte-for-byte as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from hjk_desktop.core import export, export_all, load_package
from hjk_desktop.core.export import LEGEND, ExportCancelled, ExportError
from hjk_desktop.core.xlsx_writer import Cell, Style, XlsxWriter, unique_name
from tests.generated import generator


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """100 exhibits in 20 chapters (about 4,200 values): made by the scale benchmarks' generator."""
    module = generator()
    folder = tmp_path_factory.mktemp("generated") / "pkg"
    module.make_package(folder, chapters=20, per_chapter=5)
    return load_package(folder)


@pytest.fixture(scope="module")
def tables(generated):
    return {t.exhibit: t.table for t in export_all.iter_default_tables(generated)}


def _everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


class Stop:
    """A progress callback that records the calls and answers False (or raises) at one of them."""

    def __init__(self, at: int | None = None, raise_: BaseException | None = None):
        self.at, self.raise_, self.calls = at, raise_, []

    def __call__(self, done, total):
        self.calls.append((done, total))
        if self.at is not None and len(self.calls) > self.at:
            if self.raise_ is not None:
                raise self.raise_
            return False
        return None


# ------------------------------------------------------------------------------------------- at scale


def test_all_xlsx_of_a_generated_package_reads_back(generated, tables, tmp_path):
    progress = Stop()
    path = export.write_all_xlsx(generated, tmp_path / "alt.xlsx", progress=progress)
    wb = openpyxl.load_workbook(path)
    ids = generated.exhibit_ids()
    assert len(ids) == 100
    assert wb.sheetnames == ["Om", *ids, "Verdier"]  # the generated package has no findings
    for ex_id in ids:
        ws, table = wb[ex_id], tables[ex_id]
        assert ws["A1"].value == table.caption
        assert ws.max_row == len(table.rows) + 4 + len(LEGEND)  # caption, header, rows, a blank, source, legend
        assert [ws.cell(r + 3, 1).value for r in range(len(table.rows))] == [str(row[0].raw) for row in table.rows]
    values = wb["Verdier"]
    assert values.max_row == len(generated.values) + 1
    assert values.auto_filter.ref == f"A1:Q{len(generated.values) + 1}"
    frame = pd.read_excel(path, sheet_name="Verdier")
    assert frame["id"].tolist() == generated.values["id"].tolist()
    assert frame["value"].tolist() == pytest.approx(generated.values["value"].tolist(), nan_ok=True)
    # progress: from 0 to the end, never backwards
    dones = [d for d, _ in progress.calls]
    assert dones[0] == 0 and dones == sorted(dones)
    assert progress.calls[-1][0] == progress.calls[-1][1] > len(ids)
    assert _everything(tmp_path) == ["alt.xlsx"]


def test_all_csv_of_a_generated_package_reads_back(generated, tables, tmp_path):
    progress = Stop()
    written = export.write_all_csv(generated, tmp_path / "csv", progress=progress)
    ids = generated.exhibit_ids()
    assert len(written) == 2 * len(ids)
    assert _everything(tmp_path / "csv") == sorted([f"{e}.csv" for e in ids] + [f"{e}_kilde.txt" for e in ids])
    for ex_id in ids[::9]:
        frame = pd.read_csv(tmp_path / "csv" / f"{ex_id}.csv", sep=";", decimal=",", encoding="utf-8-sig")
        assert len(frame) == len(tables[ex_id].rows)
        assert frame.columns[0] == tables[ex_id].columns[0].header
    assert progress.calls[0] == (0, len(ids)) and progress.calls[-1] == (len(ids), len(ids))


# ------------------------------------------------------------------------------------------- cancel


def _xlsx_steps(package) -> int:
    return export_all.AllWorkbook(package).steps


@pytest.mark.parametrize("where", ["start", "exhibits", "values", "last"])
def test_cancelled_xlsx_leaves_no_file_and_keeps_the_old_one(generated, tmp_path, where):
    steps = _xlsx_steps(generated)
    at = {"start": 0, "exhibits": 7, "values": len(generated.exhibit_ids()) + 1, "last": steps}[where]
    target = tmp_path / "alt.xlsx"
    with pytest.raises(ExportCancelled) as info:
        export.write_all_xlsx(generated, target, progress=Stop(at))
    assert info.value.path == target
    assert _everything(tmp_path) == [], "no workbook, no temporary file"
    target.write_bytes(b"the user's own file")
    with pytest.raises(ExportCancelled):
        export.write_all_xlsx(generated, target, overwrite=True, progress=Stop(at))
    assert target.read_bytes() == b"the user's own file"
    assert _everything(tmp_path) == ["alt.xlsx"]


@pytest.mark.parametrize("where", ["start", "exhibits", "last"])
def test_cancelled_csv_folder_leaves_none_of_its_files(generated, tmp_path, where):
    n = len(generated.exhibit_ids())
    at = {"start": 0, "exhibits": 13, "last": n}[where]
    folder = tmp_path / "alle"
    with pytest.raises(ExportCancelled):
        export.write_all_csv(generated, folder, progress=Stop(at))
    assert _everything(tmp_path) == [], "the folder it made is gone with every file"
    # a folder that was there keeps what it had, and gets nothing
    folder.mkdir()
    (folder / "g1.csv").write_bytes(b"old;csv\r\n")
    (folder / "mine.txt").write_bytes(b"unrelated")
    with pytest.raises(ExportCancelled):
        export.write_all_csv(generated, folder, overwrite=True, progress=Stop(at))
    assert _everything(tmp_path) == ["alle", "alle/g1.csv", "alle/mine.txt"]
    assert (folder / "g1.csv").read_bytes() == b"old;csv\r\n"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_interrupt_cleans_up_like_a_cancel(generated, tmp_path, fmt):
    stop = Stop(5, raise_=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        if fmt == "xlsx":
            export.write_all_xlsx(generated, tmp_path / "alt.xlsx", progress=stop)
        else:
            export.write_all_csv(generated, tmp_path / "alle", progress=stop)
    assert _everything(tmp_path) == []


def test_a_failed_csv_write_midway_leaves_none_of_the_files(generated, tmp_path, monkeypatch):
    real, calls = export_all.write_temporary, []

    def full_after_ten(path, data):
        calls.append(path)
        if len(calls) > 10:
            raise ExportError(path, "disk_full", "No space left on device")
        return real(path, data)

    monkeypatch.setattr(export_all, "write_temporary", full_after_ten)
    with pytest.raises(ExportError) as info:
        export.write_all_csv(generated, tmp_path / "alle")
    assert info.value.reason == "disk_full"
    assert len(calls) < 2 * len(generated.exhibit_ids()), "the export stops soon after the failure"
    assert _everything(tmp_path) == []


def test_a_failed_move_into_place_keeps_the_files_not_moved_out(package, tmp_path, monkeypatch):
    real, moved = os.replace, []

    def fail_third(src, dst):
        if len(moved) == 2:
            raise OSError(errno.EIO, "I/O error")
        moved.append(dst)
        return real(src, dst)

    monkeypatch.setattr(export.os, "replace", fail_third)
    with pytest.raises(ExportError) as info:
        export.write_all_csv(package, tmp_path / "alle")
    assert "I/O error" in str(info.value)
    names = _everything(tmp_path / "alle")
    assert names == sorted(Path(p).name for p in moved), "only the two files moved in; no temporary file"


def test_csv_names_two_ids_would_share_are_kept_apart(tmp_path):
    targets = export_all._csv_targets(tmp_path, ["a/b", "a_b", "A_B", "c"])
    assert [t.name for t in targets] == ["a_b.csv", "a_b-2.csv", "A_B-3.csv", "c.csv"]


# ------------------------------------------------------------------------------------------- the writer


def test_sheet_names_are_unique_ignoring_case_and_short():
    taken: set[str] = set()
    names = [unique_name(t, taken) for t in ["Om", "om", "OM", "x" * 40, "x" * 40, ""]]
    assert names == ["Om", "om1", "OM2", "x" * 31, "x" * 30 + "1", "Ark"]


def test_writer_output_reads_back_with_styles_links_and_layout(tmp_path):
    path = tmp_path / "w.xlsx"
    wrap = Style(wrap=True, vertical="top", horizontal="right")
    with path.open("wb") as handle, XlsxWriter(handle) as book:
        first = book.reserve("Første")
        with book.sheet("Data & <mer>", widths={1: 24, 3: 60}, freeze="C3", heights={2: 32}, auto_filter=True) as ws:
            ws.row(["tekst", 12.5, 3, True, None, float("nan"), ""])
            ws.row([Cell("=1+1", Style(bold=True)), Cell(-4.0, Style(number_format='"≈ "+0.0;-0.0;0', italic=True)),
                    Cell("  mellomrom \r\n", wrap), "kontroll\x01tegn"])
            ws.link(2, 1, location="'Første'!A1")
            ws.link(1, 1, url="https://example.org/a?b=1&c=2")
        with book.sheet(first) as ws:
            ws.skip(2)
            ws.row([Cell("lenke", Style(color="0563C1", underline=True, size=9))])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Første", "Data & <mer>"]
    ws = wb["Data & <mer>"]
    assert [c.value for c in ws[1]][:4] == ["tekst", 12.5, 3, True]
    assert ws["E1"].value is None and ws["F1"].value is None and ws["G1"].value is None
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s" and ws["A2"].quotePrefix and ws["A2"].font.b
    assert ws["B2"].value == -4 and ws["B2"].number_format == '"≈ "+0.0;-0.0;0' and ws["B2"].font.i
    assert ws["C2"].value == "  mellomrom \r\n" and ws["C2"].alignment.wrap_text and ws["C2"].alignment.horizontal == "right"
    assert ws["D2"].value == "kontrolltegn"
    assert ws.freeze_panes == "C3" and ws.auto_filter.ref == "A1:D2"  # the last column with a value
    assert ws.column_dimensions["A"].width == 24 and ws.column_dimensions["C"].width == 60
    assert ws.row_dimensions[2].height == 32
    assert ws["A1"].hyperlink.target == "https://example.org/a?b=1&c=2"
    assert ws["A2"].hyperlink.location == "'Første'!A1" and not ws["A2"].hyperlink.target
    cell = wb["Første"]["A3"]
    assert cell.value == "lenke" and cell.font.u == "single" and cell.font.sz == 9 and cell.font.color.rgb.endswith("0563C1")
