"""Hjelp → Hurtigtaster: every action with a shortcut, read from the window's action table (ui/actions.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from hjk_desktop.ui.accessibility import name_controls
from hjk_desktop.ui.actions import shortcut_rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: dict[str, QAction], extra: list[tuple[str, str]] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Hurtigtaster"))
        self.resize(460, 380)
        rows = shortcut_rows(actions) + list(extra or [])
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([self.tr("Handling"), self.tr("Tast")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for i, (what, key) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(what))
            item = QTableWidgetItem(key)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(i, 1, item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.setAccessibleName(self.tr("Hurtigtaster"))
        name_controls(self)
