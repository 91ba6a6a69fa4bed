"""Settings survive a restart; anything damaged or stale falls back to the defaults without a word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from hjk_desktop.ui.settings_store import KEYS


def test_round_trip_restores_exhibit_choices_and_layout(make_window, settings_file):
    first = make_window()
    first.tree.setCurrentItem(first.tree.item_for("exhibit", "tab1"))
    first.controls.round_buttons["both"].click()
    first.controls.decimal_point.click()
    first.controls.segment_checks["statlig"].click()
    first.docks["controls"].hide()
    first.close()
    assert settings_file.exists()

    second = make_window()
    state = second.selection.state
    assert state.exhibit == "tab1"
    assert state.decimal == "point"
    assert set(state.rounds) == {"2021-02", "2021-06"}  # the round mode is remembered
    from hjk_desktop.core.query import segments_with_data

    # segments are per exhibit: not remembered, but those the text gives values for in the remembered rounds
    assert state.segments == segments_with_data(second.package, "tab1", state.rounds, state.populations)
    assert second.controls.decimal_point.isChecked()
    assert not second.docks["controls"].isVisible()  # the dock layout is restored
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat).value(KEYS["geometry"])
    assert stored is not None and len(bytes(stored)) > 0  # (the offscreen screen is too small to check sizes)


def test_chapter_overview_is_remembered(make_window):
    first = make_window()
    first.tree.setCurrentItem(first.tree.item_for("chapter", 4))
    first.close()
    second = make_window()
    assert second.selection.state.exhibit == "" and second.selection.state.chapter == 4


def test_corrupted_settings_file_falls_back_to_defaults(make_window, settings_file, package):
    settings_file.write_bytes(b"\x00\xff[view\nexhibit=\x01\x02\n=====\n[[[\ngeometry=@ByteArray(\\xzz)\n")
    window = make_window()
    state = window.selection.state
    assert state.exhibit == package.exhibit_ids()[0]
    assert state.decimal == "comma" and state.difference is False
    assert window.docks["tree"].isVisible() and window.docks["controls"].isVisible()


def test_wrong_types_and_unknown_exhibit_are_ignored(make_window, settings_file, package):
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue(KEYS["exhibit"], "fig99")
    settings.setValue(KEYS["chapter"], "not a number")
    settings.setValue(KEYS["decimal"], "semicolon")
    settings.setValue(KEYS["difference"], "perhaps")
    settings.setValue(KEYS["round_mode"], 17)
    settings.setValue(KEYS["geometry"], "not bytes")
    settings.setValue(KEYS["state"], 3.5)
    settings.sync()
    window = make_window()
    state = window.selection.state
    assert state.exhibit == package.exhibit_ids()[0]
    assert state.decimal == "comma" and state.difference is False


def test_explicit_start_wins_over_the_remembered_exhibit(make_window):
    first = make_window()
    first.tree.setCurrentItem(first.tree.item_for("exhibit", "fig8"))
    first.close()
    assert make_window(exhibit="fig2").selection.state.exhibit == "fig2"
    assert make_window(chapter=6).selection.state.chapter == 6


# -- the export dialog: its last folder and readable names ------------------------------------------


def _dialog(qtbot, package, exhibit, store, lang="nb"):
    from hjk_desktop.core.query import query
    from hjk_desktop.core.selection import SelectionState
    from hjk_desktop.ui.export_dialog import ExportDialog

    state = SelectionState(exhibit=exhibit, chapter=int(package.exhibit(exhibit)["chapter"]), language=lang)
    dialog = ExportDialog(package, query(package, exhibit), state, None, store=store)
    qtbot.addWidget(dialog)
    return dialog


def test_export_dialog_remembers_its_last_folder(qtbot, package, tmp_path):
    from pathlib import Path

    from PySide6.QtCore import Qt

    from hjk_desktop.ui.settings_store import SettingsStore

    store = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    first = _dialog(qtbot, package, "fig7", store)
    folder = tmp_path / "rapporter"
    folder.mkdir()
    first.set_format("xlsx")
    first.path_edit.setText(str(folder / "mitt-navn.xlsx"))
    qtbot.mouseClick(first.export_button, Qt.MouseButton.LeftButton)
    assert (folder / "mitt-navn.xlsx").exists()

    reopened = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))  # as after a restart
    assert reopened.export_folder() == folder
    second = _dialog(qtbot, package, "tab1", reopened)
    assert Path(second.path_edit.text()).parent == folder
    (folder / "mitt-navn.xlsx").unlink()
    folder.rmdir()
    assert reopened.export_folder() is None  # a folder that is gone is forgotten: Documents again
    third = _dialog(qtbot, package, "tab1", reopened)
    assert Path(third.path_edit.text()).parent != folder


@pytest.mark.parametrize(("exhibit", "lang", "fmt", "expected"), [
    ("tab1", "nb", "csv", "tabell-1"), ("fig7", "nb", "xlsx", "figur-7"), ("k2", "nb", "csv", "nokkeltall-omfang.csv"),
    ("fig7", "en", "png", "figure-7"), ("k2", "en", "csv", "key-figures-extent.csv"),
])
def test_export_dialog_proposes_readable_names(qtbot, package, tmp_path, exhibit, lang, fmt, expected):
    from pathlib import Path

    from hjk_desktop.ui.settings_store import SettingsStore

    store = SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = _dialog(qtbot, package, exhibit, store, lang)
    dialog.set_format(fmt)
    name = Path(dialog.path_edit.text()).name
    assert name.startswith(expected) and name.endswith(f".{fmt}")
    assert exhibit not in name.split(".")[0].split("-") or exhibit in ("n",)  # never the internal id
    assert name.isascii() and " " not in name


def test_readable_names_for_every_exhibit_are_ascii_and_distinct(package):
    from hjk_desktop.ui.export_dialog import readable_stem

    for lang in ("nb", "en"):
        stems = [readable_stem(package, e, lang) for e in package.exhibit_ids()]
        assert len(set(stems)) == len(stems)
        assert all(s.isascii() and s == s.lower() and "--" not in s for s in stems)


def test_slug_spells_norwegian_letters_in_ascii():
    from hjk_desktop.core.formatting import slug

    assert slug("Nøkkeltall: Omfang") == "nokkeltall-omfang"
    assert slug("Æreskjær på Ås") == "aereskjaer-pa-as"
    assert slug("Figur 7. Konsekvenser etter pandemien", 3) == "figur-7-konsekvenser"
    assert slug("Café ¿qué?") == "cafe-que"
