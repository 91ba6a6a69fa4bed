"""Settings survive a restart; anything damaged or stale falls back to the defaults without a word."""

from __future__ import annotations

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
    assert state.segments == ("alle",)  # segments are per exhibit and start from the defaults
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
