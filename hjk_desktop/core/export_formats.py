"""The one list of export formats: the CLI's ``--format`` choices, the export dialog's list and its file filters.

A new format is one record here (with its two catalogue entries in ``messages/export.py``) and one branch
where the bytes are made: ``core/export.py`` for a table, ``ui/chart_export.py`` for a chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from hjk_desktop.core.codes import NB
from hjk_desktop.core.messages import text

TABLE, CHART = "table", "chart"  # what a format writes: the table shown, or the chart drawn


@dataclass(frozen=True)
class ExportFormat:
    id: str
    extension: str  # without the dot
    target: str  # TABLE or CHART
    label: str  # message id of the name in the dialog's list
    files: str  # message id of the file-dialog filter's name ("CSV-filer")

    def name(self, lang: str = NB) -> str:
        return text(self.label, lang)

    def file_filter(self, lang: str = NB) -> str:
        """A Qt file-dialog filter: 'CSV-filer (*.csv)'."""
        return f"{text(self.files, lang)} (*.{self.extension})"


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("csv", "csv", TABLE, "format.csv", "format.csv.files"),
    ExportFormat("xlsx", "xlsx", TABLE, "format.xlsx", "format.xlsx.files"),
    ExportFormat("png", "png", CHART, "format.png", "format.png.files"),
    ExportFormat("svg", "svg", CHART, "format.svg", "format.svg.files"),
)
_BY_ID = {f.id: f for f in FORMATS}


def by_id(format_id: str) -> ExportFormat:
    """The format with this id; KeyError names the known ones."""
    try:
        return _BY_ID[format_id]
    except KeyError:
        raise KeyError(f"unknown export format {format_id!r}; known: {', '.join(_BY_ID)}") from None


def ids(target: str | None = None) -> tuple[str, ...]:
    """Format ids in list order, all of them or those of one target (TABLE or CHART)."""
    return tuple(f.id for f in FORMATS if target is None or f.target == target)


def extensions() -> tuple[str, ...]:
    """Every extension a format writes, with the dot: the suffixes the dialog swaps when the format changes."""
    return tuple(f".{f.extension}" for f in FORMATS)
