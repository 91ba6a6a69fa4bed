"""Fil → Eksporter… and Fil → Eksporter alt…: choose format and file, confirm overwriting, report failures.

The writing itself is hjk_desktop.core.export (tables) and ui/chart_export.chart_bytes (charts, through the
ChartView the user sees or an offscreen one). The formats, their names and file filters come from
core/export_formats. Every file is written atomically, so a failed export never damages a file that was
there, and every failure, foreseen or not, ends in one dialog with a one-line reason.
Run this file to preview the dialog: ``python -m hjk_desktop.ui.export_dialog``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hjk_desktop.core import export as ex
from hjk_desktop.core import export_formats
from hjk_desktop.core.codes import COMMA, NB, POINT, ExhibitKind, exhibit_name, is_missing, language
from hjk_desktop.core.formatting import slug
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult
from hjk_desktop.core.table import TableData, build_table
from hjk_desktop.ui.accessibility import name_controls
from hjk_desktop.ui.chart_export import chart_bytes, ensure_app
from hjk_desktop.ui.export_progress import ExportProgress
from hjk_desktop.ui.settings_store import SettingsStore

SHORT_WORDS = 3  # words of a short title in a proposed file name
ALL_STEM = "hjemmekontor-2021"


def error_text(error: ex.ExportError) -> str:
    """A failed export in the user's language: what went wrong, the path, and the system's words."""
    reasons = {
        "exists": QCoreApplication.translate("ExportDialog", "Filen finnes allerede."),
        "permission": QCoreApplication.translate("ExportDialog", "Du har ikke skrivetilgang til denne mappen eller filen."),
        "disk_full": QCoreApplication.translate("ExportDialog", "Det er ikke plass på disken."),
        "no_folder": QCoreApplication.translate("ExportDialog", "Mappen finnes ikke."),
        "is_folder": QCoreApplication.translate("ExportDialog", "Stien er en mappe, ikke en fil."),
        "options": QCoreApplication.translate("ExportDialog", "Komma kan ikke være både skilletegn og desimaltegn."),
        "failed": QCoreApplication.translate("ExportDialog", "Skrivingen mislyktes."),
    }
    lines = [reasons.get(error.reason, reasons["failed"]), "", str(error.path)]
    if error.cause:
        lines.append(error.cause)
    if error.reason != "exists" and error.path.exists():
        lines += ["", QCoreApplication.translate("ExportDialog", "Filen som lå der fra før, er ikke endret.")]
    return "\n".join(lines)


def confirm_overwrite(parent: QWidget | None, paths: list[Path]) -> bool:
    existing = [p for p in paths if p.exists()]
    if not existing:
        return True
    names = "\n".join(str(p) for p in existing)
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("ExportDialog", "Erstatte fil?"),
        QCoreApplication.translate("ExportDialog", "Disse filene finnes allerede og blir erstattet:") + "\n\n" + names,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, error: BaseException, path: str | os.PathLike = "") -> None:
    """The failure in a dialog; an error that is not an ExportError is first made one (with a one-line reason)."""
    if not isinstance(error, ex.ExportError):
        error = ex.unexpected(path, error)
    QMessageBox.critical(parent, QCoreApplication.translate("ExportDialog", "Eksporten mislyktes"), error_text(error))


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def _store(parent, store: SettingsStore | None) -> SettingsStore | None:
    """The settings to remember the export folder in: the one given, else the window's."""
    if store is not None:
        return store
    found = getattr(parent, "store", None)
    return found if isinstance(found, SettingsStore) else None


def start_folder(store: SettingsStore | None) -> Path:
    """Where an export dialog starts: the folder of the last export, else Documents."""
    folder = store.export_folder() if store is not None else None
    return folder or _documents()


def _field(row, column: str) -> str:
    value = row[column] if column in row else None
    return "" if value is None or is_missing(value) or str(value) == "<NA>" else str(value).strip()


def readable_stem(package: Package, exhibit_id: str, lang: str = NB) -> str:
    """A file name a reader recognises, never an internal id: the exhibit's name and the first words of its short
    title in ASCII ('figur-7-konsekvenser', 'tabell-1', 'nokkeltall-omfang'). A numbered figure or table without a
    short title is its name alone; an unnumbered one adds the first word of its title that says something."""
    row = package.exhibit(exhibit_id)
    name = slug(exhibit_name(row["kind"], row["number"], lang))
    numbered = row["kind"] in (ExhibitKind.FIGURE, ExhibitKind.TABLE) and _field(row, "number") != ""
    short = _field(row, f"short_{lang}") or _field(row, "short_nb")
    if short:
        words = slug(short, SHORT_WORDS)
    elif numbered:
        words = ""
    else:  # skip the short words a title opens with ("Har", "Antall av"): the first of four letters or more
        title = slug(_field(row, f"title_{lang}") or _field(row, "title_nb")).split("-")
        words = next((w for w in title if len(w) >= 4), title[0] if title else "")
    return "-".join(part for part in (name, words) if part) or ex.file_stem(exhibit_id)


class ExportDialog(QDialog):
    """Export the current exhibit: the table shown (intervals and difference included) or the chart drawn."""

    def __init__(self, package: Package, result: ExhibitResult, state, table: TableData | None = None, chart_view=None,
                 parent=None, store: SettingsStore | None = None) -> None:
        super().__init__(parent)
        self.store = _store(parent, store)  # remembers the folder of the last export
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Eksporter"))
        self.setMinimumWidth(560)
        self.package, self.exhibit_result, self.state, self.chart_view = package, result, state, chart_view
        self.written: list[Path] = []
        self.lang = language(getattr(state, "language", NB))
        self.table = table if table is not None else build_table(
            package, result, self.lang, bool(getattr(state, "difference", False)), bool(getattr(state, "intervals", False)))

        layout = QVBoxLayout(self)
        self.caption_label = QLabel(self.table.caption, self)
        self.caption_label.setTextFormat(Qt.TextFormat.PlainText)  # the caption is package text
        self.caption_label.setWordWrap(True)
        self.caption_label.setObjectName("exportCaption")
        layout.addWidget(self.caption_label)

        form = QFormLayout()
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("exportFormat")
        for fmt in export_formats.FORMATS:
            self.format_box.addItem(fmt.name(self.lang), fmt.id)
        form.addRow(self.tr("&Format:"), self.format_box)

        self.separator_box = QComboBox(self)
        self.separator_box.setObjectName("exportSeparator")
        self.separator_box.addItem(self.tr("Semikolon ( ; )"), ex.SEMICOLON)
        self.separator_box.addItem(self.tr("Komma ( , )"), COMMA)
        form.addRow(self.tr("&Skilletegn:"), self.separator_box)

        self.decimal_box = QComboBox(self)
        self.decimal_box.setObjectName("exportDecimal")
        self.decimal_box.addItem(self.tr("Komma (12,5)"), COMMA)
        self.decimal_box.addItem(self.tr("Punktum (12.5)"), POINT)
        if getattr(state, "decimal", COMMA) == POINT:
            self.decimal_box.setCurrentIndex(1)
        form.addRow(self.tr("&Desimaltegn:"), self.decimal_box)

        self.note_check = QCheckBox(self.tr("Skriv tittel og kilde i en egen tekstfil ved siden av"), self)
        self.note_check.setObjectName("exportNote")
        self.note_check.setChecked(True)
        form.addRow("", self.note_check)

        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        self.browse_button = QPushButton(self.tr("&Velg …"), self)
        self.browse_button.setObjectName("exportBrowse")
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        path_label = QLabel(self.tr("&Fil:"), self)
        path_label.setBuddy(self.path_edit)
        form.addRow(path_label, row)
        layout.addLayout(form)

        self.hint = QLabel(self)
        self.hint.setObjectName("exportHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.tr("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button = self.buttons.addButton(self.tr("&Eksporter"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.separator_box.currentIndexChanged.connect(self._options_changed)
        self.decimal_box.currentIndexChanged.connect(self._options_changed)
        self.path_edit.textChanged.connect(self._options_changed)
        self.browse_button.clicked.connect(self.browse)
        for widget, name in ((self.format_box, self.tr("Format")), (self.separator_box, self.tr("Skilletegn")),
                             (self.decimal_box, self.tr("Desimaltegn")), (self.path_edit, self.tr("Fil")),
                             (self.browse_button, self.tr("Velg fil"))):
            widget.setAccessibleName(name)
        name_controls(self)  # the rest (the note box, Avbryt, Eksporter) are named by their text
        self.path_edit.setText(str(start_folder(self.store) / f"{readable_stem(package, result.exhibit_id, self.lang)}.csv"))
        self._format_changed()

    # ------------------------------------------------------------------------------------------

    @property
    def format(self) -> str:
        return self.format_box.currentData()

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def _format_changed(self) -> None:
        fmt = self.format
        csv = fmt == "csv"
        for widget in (self.separator_box, self.decimal_box, self.note_check):
            widget.setEnabled(csv)
        typed = self.path_edit.text().strip()
        if typed:
            path = Path(typed)
            if path.suffix.lower() in (*export_formats.extensions(), ""):
                self.path_edit.setText(str(path.with_suffix(f".{export_formats.by_id(fmt).extension}")))
        self._options_changed()

    def _options_changed(self) -> None:
        problem = ""
        if self.format == "csv" and self.separator_box.currentData() == COMMA and self.decimal_box.currentData() == COMMA:
            problem = self.tr("Komma kan ikke være både skilletegn og desimaltegn. Velg semikolon eller punktum.")
        elif not self.path_edit.text().strip():
            problem = self.tr("Velg en fil.")
        hints = {
            "csv": self.tr("Tallene skrives uten ≈ og uten tusenskille; manglende verdier blir tomme celler, aldri 0. "
                           "Kolonnen Merknad forklarer omtrentlige, beregnede og manglende verdier."),
            "xlsx": self.tr("Tall lagres som tall (prosent fra 0 til 100). Tittel og kilde står over og under tabellen."),
            "png": self.tr("Figuren slik den vises, i dobbel oppløsning."),
            "svg": self.tr("Figuren som vektorgrafikk, én form per stolpe."),
        }
        self.hint.setText(problem or hints[self.format])
        self.hint.setProperty("problem", bool(problem))
        self.export_button.setEnabled(not problem)

    def file_filter(self) -> str:
        return export_formats.by_id(self.format).file_filter(self.lang)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Eksporter til fil"), self.path_edit.text(), self.file_filter(),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            if not Path(path).suffix:
                path += f".{export_formats.by_id(self.format).extension}"
            self.path_edit.setText(path)

    def targets(self) -> list[Path]:
        path = Path(self.path_edit.text().strip()).expanduser()
        out = [path]
        if self.format == "csv" and self.note_check.isChecked():
            out.append(ex.note_path(path))
        return out

    def accept(self) -> None:
        if not self.export_button.isEnabled():
            return
        path = self.path_edit.text().strip()
        try:
            if not confirm_overwrite(self, self.targets()):
                return
            self.written = self.export(overwrite=True)
        except Exception as error:  # every failure, foreseen or not (a bad path too), is told in the dialog
            show_error(self, error, path)
            return
        if self.store is not None and self.written:
            self.store.save_export_folder(self.written[0].parent)
        super().accept()

    def export(self, overwrite: bool = False) -> list[Path]:
        """Write the chosen format to the chosen path: the table as shown, or the chart. Raises ExportError only."""
        path = self.targets()[0]
        fmt = self.format
        with ex.failures_as_export_errors(path):
            if export_formats.by_id(fmt).target == export_formats.TABLE:
                if fmt == "csv":
                    return ex.write_csv(self.table, path, self.separator_box.currentData(), self.decimal_box.currentData(),
                                        overwrite=overwrite, note=self.note_check.isChecked(), package=self.package)
                return [ex.write_xlsx(self.table, path, overwrite=overwrite, package=self.package)]
            ex.check_target(path, overwrite)
            payload = chart_bytes(self.package, self.exhibit_result, self.state, fmt, view=self.chart_view)
            return [ex.atomic_write(path, payload, overwrite=overwrite)]


def export_all(parent: QWidget | None, package: Package, lang: str = NB, path: str | os.PathLike | None = None,
               store: SettingsStore | None = None) -> Path | None:
    """Fil → Eksporter alt…: one workbook with every exhibit, the Verdier sheet and Om, with a progress dialog that
    can cancel. Returns the path, or None (no file chosen, not replaced, cancelled or failed)."""
    lang = language(lang)
    store = _store(parent, store)
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("ExportDialog", "Eksporter alt"), str(start_folder(store) / f"{ALL_STEM}.xlsx"),
            export_formats.by_id("xlsx").file_filter(lang), options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return None
        path = chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx"
    path = Path(path)
    try:
        if not confirm_overwrite(parent, [path]):
            return None
        with ExportProgress(parent) as progress:  # Avbryt stops the export and leaves no file
            written = ex.write_all_xlsx(package, path, lang=lang, overwrite=True, progress=progress)
        if store is not None:
            store.save_export_folder(Path(written).parent)
        return written
    except ex.ExportCancelled:
        return None
    except Exception as error:  # every failure is told in a dialog, never a traceback
        show_error(parent, error, path)
        return None


def main() -> int:  # preview: python -m hjk_desktop.ui.export_dialog [exhibit]
    import sys

    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.query import query
    from hjk_desktop.core.selection import SelectionState

    app = ensure_app()
    package = load_package(bundled_package_path())
    exhibit = sys.argv[1] if len(sys.argv) > 1 else "fig7"
    result = query(package, exhibit)
    dialog = ExportDialog(package, result, SelectionState(exhibit=exhibit))
    dialog.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
