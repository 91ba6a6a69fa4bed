"""What copy copies: the selected cells (or the whole table) as TSV, HTML and Markdown.

TSV carries plain numbers in the chosen decimal mark so a spreadsheet reads them as numbers; the HTML
and Markdown carry the caption, the ≈ marks and the source, for Word and for text.

Package texts are untrusted: in the TSV a text that a spreadsheet would take for a formula (it starts with
=, +, -, @, tab or CR) gets a leading apostrophe (formatting.spreadsheet_text); numbers are never touched.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from hjk_desktop.core.codes import COMMA, NB, Status
from hjk_desktop.core.formatting import APPROX, MISSING, format_number, spreadsheet_text
from hjk_desktop.core.messages import text
from hjk_desktop.core.table import LABEL, SIGNED_KINDS, TableCell, TableData


def _grid(table: TableData, cells: Iterable[tuple[int, int]] | None) -> tuple[list[int], list[int]]:
    """Rows and columns to copy: those touched by the selection, the label column always first."""
    if not cells:
        return list(range(len(table.rows))), list(range(len(table.columns)))
    cells = list(cells)
    rows = sorted({r for r, _ in cells})
    cols = sorted({c for _, c in cells})
    if 0 not in cols:
        cols = [0, *cols]
    return rows, cols


def _plain(cell: TableCell, decimal: str) -> str:
    if cell.missing:
        return ""
    if cell.kind == LABEL or isinstance(cell.raw, str):  # a label or a reading: text
        return spreadsheet_text(cell.raw)
    return format_number(cell.raw, decimal)


def _pretty(cell: TableCell, decimal: str) -> str:
    if cell.kind == LABEL or isinstance(cell.raw, str):  # Calc evaluates a pasted HTML cell that reads "=…"
        return spreadsheet_text(cell.raw)
    if cell.missing:
        return MISSING
    text = format_number(cell.raw, decimal, signed=cell.kind in SIGNED_KINDS)
    return f"{APPROX} {text}" if cell.approx else text


def _tsv_field(text: str) -> str:
    if any(ch in text for ch in '\t\n\r"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_tsv(table: TableData, cells=None, decimal: str = COMMA) -> str:
    """Header row, then one line per row; empty cells for missing values; no thousands separators."""
    rows, cols = _grid(table, cells)
    lines = ["\t".join(_tsv_field(spreadsheet_text(table.columns[c].header)) for c in cols)]
    for r in rows:
        lines.append("\t".join(_tsv_field(_plain(table.rows[r][c], decimal)) for c in cols))
    return "\n".join(lines) + "\n"


def _footnotes(table: TableData, rows: list[int], cols: list[int]) -> list[str]:
    lang = table.meta.get("lang", NB)
    used = [table.rows[r][c] for r in rows for c in cols]
    notes = []
    if any(c.approx and not c.missing for c in used):
        notes.append(text("clipboard.approx", lang))
    if any(c.status == Status.DERIVED and not c.missing for c in used):
        notes.append(text("clipboard.derived", lang))
    if any(c.missing for c in used):
        notes.append(text("clipboard.missing", lang))
    return notes


def to_html(table: TableData, cells=None, decimal: str = COMMA, footnote: str = "") -> str:
    rows, cols = _grid(table, cells)
    esc = html.escape
    out = ["<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">", f"<caption>{esc(spreadsheet_text(table.caption))}</caption>", "<thead><tr>"]
    out += [f"<th>{esc(spreadsheet_text(table.columns[c].header))}</th>" for c in cols]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>")
        for c in cols:
            cell = table.rows[r][c]
            if cell.kind == LABEL:
                out.append(f"<th scope=\"row\" style=\"text-align:left\">{esc(_pretty(cell, decimal))}</th>")
            else:
                style = "text-align:right"
                if cell.status == Status.DERIVED and not cell.missing:
                    style += ";font-style:italic"
                out.append(f"<td style=\"{style}\">{esc(_pretty(cell, decimal))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    for note in _footnotes(table, rows, cols):
        out.append(f"<p><small>{esc(note)}</small></p>")
    if footnote:
        out.append(f"<p><small>{esc(footnote)}</small></p>")
    out.append(f"<p><small>{esc(table.source)}</small></p>")
    return "<html><body>" + "".join(out) + "</body></html>"


def to_markdown(table: TableData, cells=None, decimal: str = COMMA, footnote: str = "") -> str:
    rows, cols = _grid(table, cells)

    def md(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"**{md(table.caption)}**", ""]
    lines.append("| " + " | ".join(md(table.columns[c].header) for c in cols) + " |")
    lines.append("|" + "|".join(":---" if table.columns[c].kind == LABEL else "---:" for c in cols) + "|")
    for r in rows:
        lines.append("| " + " | ".join(md(_pretty(table.rows[r][c], decimal)) for c in cols) + " |")
    lines.append("")
    for note in _footnotes(table, rows, cols):
        lines.append(f"_{md(note)}_  ")
    if footnote:
        lines.append(f"_{md(footnote)}_  ")
    lines.append(md(table.source))
    return "\n".join(lines) + "\n"


def mime_payload(table: TableData, cells=None, decimal: str = COMMA, footnote: str = "") -> dict[str, str]:
    """Both formats a copy puts on the clipboard at once."""
    return {
        "text/plain": to_tsv(table, cells, decimal),
        "text/html": to_html(table, cells, decimal, footnote),
    }
