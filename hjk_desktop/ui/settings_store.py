"""What the window remembers between runs: geometry, dock layout, the last exhibit, the display choices and
the folder of the last export.

Anything unreadable (a wrong type, an unknown exhibit, a damaged file) is ignored and the default used;
a user never sees an error for a settings file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from hjk_desktop.core.codes import COMMA, DECIMALS, Round

KEYS = {
    "geometry": "window/geometry",
    "state": "window/state",
    "exhibit": "view/exhibit",
    "chapter": "view/chapter",
    "decimal": "view/decimal",
    "difference": "view/difference",
    "round_mode": "view/round_mode",
    "export_folder": "export/folder",
}
STATE_VERSION = 1


@dataclass
class Remembered:
    geometry: QByteArray | None = None
    state: QByteArray | None = None
    exhibit: str | None = None
    chapter: int | None = None
    decimal: str = COMMA
    difference: bool = False
    round_mode: str | None = None


def remembered_now(window, state, round_mode: str | None) -> Remembered:
    """What to keep of a window showing ``state``; round_mode is kept from before when the state has none."""
    from hjk_desktop.ui.navigation import round_mode as mode_of

    mode = mode_of(state.rounds) if state.exhibit else None
    return Remembered(geometry=window.saveGeometry(), state=window.saveState(STATE_VERSION), exhibit=state.exhibit or None,
                      chapter=None if state.exhibit else state.chapter, decimal=state.decimal, difference=state.difference,
                      round_mode=mode or round_mode)


def _bool(value) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    if isinstance(value, int):
        return bool(value)
    return None


def _bytes(value) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


class SettingsStore:
    """Reads and writes the window's settings in a QSettings (the platform's, or one a test gives)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings()

    def _get(self, name: str):
        try:
            return self.settings.value(KEYS[name])
        except Exception:  # noqa: BLE001 - a damaged value must never stop the window
            return None

    def load(self, known_exhibits, known_chapters) -> Remembered:
        out = Remembered()
        try:
            if self.settings.status() != QSettings.Status.NoError:
                return out
        except Exception:  # noqa: BLE001
            return out
        out.geometry = _bytes(self._get("geometry"))
        out.state = _bytes(self._get("state"))
        exhibit = self._get("exhibit")
        if isinstance(exhibit, str) and exhibit in set(known_exhibits):
            out.exhibit = exhibit
        chapter = self._get("chapter")
        try:
            number = int(chapter) if chapter is not None and not isinstance(chapter, bool) else None
        except (TypeError, ValueError):
            number = None
        if number in set(int(c) for c in known_chapters):
            out.chapter = number
        decimal = self._get("decimal")
        if decimal in DECIMALS:
            out.decimal = decimal
        difference = _bool(self._get("difference"))
        if difference is not None:
            out.difference = difference
        mode = self._get("round_mode")
        if mode in Round.MODES:
            out.round_mode = mode
        return out

    def save(self, remembered: Remembered) -> None:
        s = self.settings
        if remembered.geometry is not None:
            s.setValue(KEYS["geometry"], remembered.geometry)
        if remembered.state is not None:
            s.setValue(KEYS["state"], remembered.state)
        s.setValue(KEYS["exhibit"], remembered.exhibit or "")
        s.setValue(KEYS["chapter"], "" if remembered.chapter is None else int(remembered.chapter))
        s.setValue(KEYS["decimal"], remembered.decimal)
        s.setValue(KEYS["difference"], bool(remembered.difference))
        if remembered.round_mode:
            s.setValue(KEYS["round_mode"], remembered.round_mode)
        s.sync()

    def export_folder(self) -> Path | None:
        """The folder of the last export, when it is still there."""
        value = self._get("export_folder")
        if not isinstance(value, str) or not value:
            return None
        folder = Path(value)
        return folder if folder.is_dir() else None

    def save_export_folder(self, folder: str | Path) -> None:
        self.settings.setValue(KEYS["export_folder"], str(Path(folder)))
        self.settings.sync()

    def clear_layout(self) -> None:
        self.settings.remove(KEYS["geometry"])
        self.settings.remove(KEYS["state"])
        self.settings.sync()
