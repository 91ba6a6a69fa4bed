"""Notes come in both languages, and an optional column a package leaves out reads as blank."""

from __future__ import annotations

import csv
import shutil

from hjk_desktop.core import bundled_package_path, load_package
from hjk_desktop.core.provenance import provenance
from hjk_desktop.core.query import query


def test_every_note_has_an_english_twin(package):
    values = package.values
    has_nb = values["note"] != ""
    assert has_nb.any()
    assert (values.loc[has_nb, "note_en"] != "").all()
    assert (values.loc[~has_nb, "note_en"] == "").all()


def test_provenance_gives_the_note_in_the_reader_language(package):
    result = query(package, "fig4")
    key = result.series[0].key
    row = int(result.frame.index[result.frame[f"{key}|id"] == "fig4-en-dag"][0])
    english = provenance(package, result, row, key, "en")
    norwegian = provenance(package, result, row, key, "nb")
    assert english.note == package.values.set_index("id").at["fig4-en-dag", "note_en"]
    assert norwegian.note == package.values.set_index("id").at["fig4-en-dag", "note"]
    assert english.note != norwegian.note


def test_a_package_without_the_optional_english_notes_loads(tmp_path):
    copy = tmp_path / "pkg"
    shutil.copytree(bundled_package_path(), copy)
    path = copy / "values.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fields = [f for f in rows[0] if f != "note_en"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    loaded = load_package(copy)
    assert (loaded.values["note_en"] == "").all()
    assert len(loaded.values) == len(rows)


def test_the_table_carries_the_note_in_its_language(package):
    from hjk_desktop.core.table import VALUE, build_table

    result = query(package, "fig4")
    by_id = package.values.set_index("id")
    for lang, column in (("nb", "note"), ("en", "note_en")):
        table = build_table(package, result, lang)
        cells = [c for row in table.rows for c in row if c.kind == VALUE and c.id]
        assert cells
        for cell in cells:
            assert cell.note == by_id.at[cell.id, column]
