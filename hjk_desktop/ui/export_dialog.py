"""Fil → Eksporter… and Fil → Eksporter alt…: choose format and file, confirm overwriting, report failures.

The writing itself is hjk_desktop.core.export (tables) and ``chart_bytes`` below (charts, through the
ChartView the user sees or an offscreen one). Every file is written atomically, so a failed export never
damages a file that was there. Run this file to preview the dialog: ``python -m hjk_desktop.ui.export_dialog``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
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
from hjk_desktop.core.package import Package
from hjk_desktop.core.query import ExhibitResult
from hjk_desktop.core.table import build_table
from hjk_desktop.ui.accessibility import name_controls

PNG_SCALE = 2.0  # twice the on-screen size: sharp on high-density screens and in print
DPI = 96


def chart_size(result: ExhibitResult) -> tuple[int, int]:
    """A size for an offscreen chart that gives every bar room: grows with rows × series."""
    bars = max(1, len(result.frame)) * max(1, len(result.series))
    return 960, max(480, min(1800, 220 + 30 * bars))


def _offscreen_view(package: Package, result: ExhibitResult, state):
    from hjk_desktop.ui.chart_view import ChartView

    view = ChartView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)  # laid out like a shown window, never on screen
    view.resize(*chart_size(result))
    view.render(package, result, state)
    view.show()
    QApplication.processEvents()
    return view


def scene_svg_bytes(view, title: str = "") -> bytes:
    """The plot painted through QSvgGenerator: the fallback when the view's own SVG export fails."""
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    widget = view.plot_widget
    width, height = widget.width(), widget.height()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(title)
    painter = QPainter(generator)
    try:
        widget.render(painter, QRectF(0, 0, width, height), widget.viewport().rect())
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def image_png_bytes(image, scale: float = PNG_SCALE) -> bytes:
    """A QImage as PNG bytes, with its physical size recorded so it prints at the on-screen size."""
    dots = round(DPI * scale / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ex.ExportError("<png>", "failed", "Qt could not encode the image as PNG")
    buffer.close()
    return bytes(data.data())


def chart_bytes(package: Package, result: ExhibitResult, state, fmt: str, view=None) -> bytes:
    """The chart as PNG (at twice the widget's size) or SVG; drawn offscreen unless a ChartView is given."""
    if QApplication.instance() is None:
        _ensure_app()
    own = view is None
    if own:
        view = _offscreen_view(package, result, state)
    try:
        if fmt == "png":
            return image_png_bytes(view.image(PNG_SCALE))
        if fmt == "svg":
            try:
                return view.svg_bytes()
            except Exception:  # pyqtgraph's SVG exporter and Qt 6.12 disagree on path syntax; paint the scene instead
                if view.current_page() != "plot":
                    raise
                return scene_svg_bytes(view, result.exhibit_id)
        raise ValueError(f"not a chart format: {fmt!r}")
    finally:
        if own:
            view.deleteLater()


_APP = None


def _ensure_app():
    global _APP
    if QApplication.instance() is None:
        _APP = QApplication([])
    return QApplication.instance()


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


def show_error(parent: QWidget | None, error: ex.ExportError) -> None:
    QMessageBox.critical(parent, QCoreApplication.translate("ExportDialog", "Eksporten mislyktes"), error_text(error))


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


class ExportDialog(QDialog):
    """Export the current exhibit: table as CSV/XLSX or chart as PNG/SVG."""

    FORMATS = (("csv", "CSV (tabell)"), ("xlsx", "Excel-arbeidsbok (tabell)"), ("png", "PNG-bilde (figur)"), ("svg", "SVG-vektor (figur)"))

    def __init__(self, package: Package, result: ExhibitResult, state, chart_view=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Eksporter"))
        self.setMinimumWidth(560)
        self.package, self.exhibit_result, self.state, self.chart_view = package, result, state, chart_view
        self.written: list[Path] = []
        lang = getattr(state, "language", "nb") or "nb"
        self.lang = lang if lang in ("nb", "en") else "nb"

        layout = QVBoxLayout(self)
        self.caption_label = QLabel(build_table(package, result, self.lang).caption, self)
        self.caption_label.setWordWrap(True)
        self.caption_label.setObjectName("exportCaption")
        layout.addWidget(self.caption_label)

        form = QFormLayout()
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("exportFormat")
        names = {"csv": self.tr("CSV (tabell)"), "xlsx": self.tr("Excel-arbeidsbok (tabell)"),
                 "png": self.tr("PNG-bilde (figur)"), "svg": self.tr("SVG-vektor (figur)")}
        for code, _ in self.FORMATS:
            self.format_box.addItem(names[code], code)
        form.addRow(self.tr("&Format:"), self.format_box)

        self.separator_box = QComboBox(self)
        self.separator_box.setObjectName("exportSeparator")
        self.separator_box.addItem(self.tr("Semikolon ( ; )"), "semicolon")
        self.separator_box.addItem(self.tr("Komma ( , )"), "comma")
        form.addRow(self.tr("&Skilletegn:"), self.separator_box)

        self.decimal_box = QComboBox(self)
        self.decimal_box.setObjectName("exportDecimal")
        self.decimal_box.addItem(self.tr("Komma (12,5)"), "comma")
        self.decimal_box.addItem(self.tr("Punktum (12.5)"), "point")
        if getattr(state, "decimal", "comma") == "point":
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
        self.path_edit.setText(str(_documents() / f"{result.exhibit_id}.csv"))
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
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            if path.suffix.lower() in (".csv", ".xlsx", ".png", ".svg", ""):
                self.path_edit.setText(str(path.with_suffix(f".{fmt}")))
        self._options_changed()

    def _options_changed(self) -> None:
        problem = ""
        if self.format == "csv" and self.separator_box.currentData() == "comma" and self.decimal_box.currentData() == "comma":
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

    def browse(self) -> None:
        filters = {"csv": self.tr("CSV-filer (*.csv)"), "xlsx": self.tr("Excel-arbeidsbøker (*.xlsx)"),
                   "png": self.tr("PNG-bilder (*.png)"), "svg": self.tr("SVG-bilder (*.svg)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Eksporter til fil"), self.path_edit.text(), filters[self.format],
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            if not Path(path).suffix:
                path += f".{self.format}"
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
        targets = self.targets()
        if not confirm_overwrite(self, targets):
            return
        try:
            self.written = self.export(overwrite=True)
        except ex.ExportError as error:
            show_error(self, error)
            return
        super().accept()

    def export(self, overwrite: bool = False) -> list[Path]:
        """Write the chosen format to the chosen path; raises ExportError."""
        path = self.targets()[0]
        fmt = self.format
        if fmt in ("csv", "xlsx"):
            table = build_table(self.package, self.exhibit_result, self.lang, bool(getattr(self.state, "difference", False)))
            if fmt == "csv":
                return ex.write_csv(table, path, self.separator_box.currentData(), self.decimal_box.currentData(),
                                    overwrite=overwrite, note=self.note_check.isChecked(), package=self.package)
            return [ex.write_xlsx(table, path, overwrite=overwrite, package=self.package)]
        ex.check_target(path, overwrite)
        payload = chart_bytes(self.package, self.exhibit_result, self.state, fmt, view=self.chart_view)
        return [ex.atomic_write(path, payload, overwrite=overwrite)]


def export_all(parent: QWidget | None, package: Package, lang: str = "nb", path: str | os.PathLike | None = None) -> Path | None:
    """Fil → Eksporter alt…: one workbook with every exhibit, the Verdier sheet and Om. Returns the path, or None."""
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("ExportDialog", "Eksporter alt"), str(_documents() / "hjemmekontor-2021.xlsx"),
            QCoreApplication.translate("ExportDialog", "Excel-arbeidsbøker (*.xlsx)"), options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return None
        path = chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx"
    path = Path(path)
    if not confirm_overwrite(parent, [path]):
        return None
    try:
        return ex.write_all_xlsx(package, path, lang=lang, overwrite=True)
    except ex.ExportError as error:
        show_error(parent, error)
        return None


def main() -> int:  # preview: python -m hjk_desktop.ui.export_dialog [exhibit]
    import sys

    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.query import query
    from hjk_desktop.core.selection import SelectionState

    app = _ensure_app()
    package = load_package(bundled_package_path())
    exhibit = sys.argv[1] if len(sys.argv) > 1 else "fig7"
    result = query(package, exhibit)
    dialog = ExportDialog(package, result, SelectionState(exhibit=exhibit))
    dialog.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
