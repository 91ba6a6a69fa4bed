"""What copy copies: the selected cells (or the whole table) as TSV, HTML and Markdown.

TSV carries plain numbers in the chosen decimal mark so a spreadsheet reads them as numbers; the HTML
and Markdown carry the caption, the ≈ marks and the source, for Word and for text.

Calc and Excel take the HTML flavour on paste, so every number there carries its value apart from the text
shown: LibreOffice's ``sdval``/``sdnum`` (the format in language 1033, whose decimal mark is the point, so the
value never depends on the pasting suite's locale) and Excel's ``x:num``/``mso-number-format``. "≈ 60" then
pastes as the number 60 shown with ≈; a missing value is an empty cell. The caption is a paragraph of its
own (a ``<caption>`` lands merged into the first header cell in Calc). For Word and Writer the table takes
the text width and its headers wrap. One copied cell is just that value, in both flavours.

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


def single_cell(cells: Iterable[tuple[int, int]] | None) -> tuple[int, int] | None:
    """The one cell of a one-cell selection, else None."""
    cells = list(cells or ())
    return cells[0] if len(cells) == 1 else None


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
    """Header row, then one line per row; empty cells for missing values; no thousands separators.
    One cell: just its value, no header, no line end, so it pastes into one spreadsheet cell."""
    one = single_cell(cells)
    if one is not None:
        return _plain(table.rows[one[0]][one[1]], decimal)
    rows, cols = _grid(table, cells)
    lines = ["\t".join(_tsv_field(spreadsheet_text(table.columns[c].header)) for c in cols)]
    for r in rows:
        lines.append("\t".join(_tsv_field(_plain(table.rows[r][c], decimal)) for c in cols))
    return "\n".join(lines) + "\n"


# In the HTML a missing value is an empty cell, not a dash: its legend says so once the catalogue has the words
MISSING_EMPTY = "clipboard.missing_empty"


def _footnotes(table: TableData, rows: list[int], cols: list[int], empty: bool = False) -> list[str]:
    lang = table.meta.get("lang", NB)
    used = [table.rows[r][c] for r in rows for c in cols]
    notes = []
    if any(c.approx and not c.missing for c in used):
        notes.append(text("clipboard.approx", lang))
    if any(c.status == Status.DERIVED and not c.missing for c in used):
        notes.append(text("clipboard.derived", lang))
    if any(c.missing for c in used):
        notes.append(text(MISSING_EMPTY if empty else "clipboard.missing", lang))
    return notes


# Number formats in the syntax of language 1033 (decimal point), for LibreOffice's sdnum and, escaped, Excel's
# mso-number-format. Signed kinds show their sign; approximate values carry the ≈ as a literal.
SDNUM_LANGUAGE = "1033"
EXCEL_NS = "urn:schemas-microsoft-com:office:excel"


def number_format(cell: TableCell) -> str:
    """The spreadsheet number format that shows a cell as the table does (decimals, sign, ≈); '' for text."""
    value = float(cell.raw)
    body = "0" if value == int(value) else "0.0"
    if cell.kind in SIGNED_KINDS:
        body = f"+{body};-{body};{body}"
    if cell.approx:
        body = ";".join(f'"{APPROX} "{part}' for part in body.split(";"))
    return body


def _excel_format(code: str) -> str:
    # Excel reads mso-number-format as CSS: a quote is written as the escape \0022 (with the space ending the escape)
    return code.replace('"', "\\0022 ")


def _is_number(cell: TableCell) -> bool:
    return cell.kind != LABEL and not isinstance(cell.raw, str) and not cell.missing


def _td(cell: TableCell, decimal: str) -> str:
    """One data cell: its value for the spreadsheet in attributes, its text for the reader."""
    esc = html.escape
    style = "text-align:right"
    if cell.status == Status.DERIVED and not cell.missing:
        style += ";font-style:italic"
    if cell.missing:
        return f'<td style="{style}"></td>'
    if not _is_number(cell):  # the reading of a difference: text
        return f'<td style="{style}">{esc(_pretty(cell, decimal))}</td>'
    value = repr(float(cell.raw)).removesuffix(".0")
    code = number_format(cell)
    style += f";mso-number-format:'{_excel_format(code)}'"
    return (f'<td sdval="{value}" sdnum="{esc(f"{SDNUM_LANGUAGE};0;{code}")}" x:num="{value}" '
            f'style="{esc(style)}">{esc(_pretty(cell, decimal))}</td>')


def _document(body: list[str]) -> str:
    return (f'<html xmlns:x="{EXCEL_NS}"><head><meta charset="utf-8"></head><body>' + "".join(body)
            + "</body></html>")


def to_html(table: TableData, cells=None, decimal: str = COMMA, footnote: str = "") -> str:
    esc = html.escape
    one = single_cell(cells)
    if one is not None:  # one value: one cell, no caption or headers to spill into the neighbours
        cell = table.rows[one[0]][one[1]]
        inner = (f"<th>{esc(_pretty(cell, decimal))}</th>" if cell.kind == LABEL else _td(cell, decimal))
        out = [f"<table><tr>{inner}</tr></table>"]
        if footnote:
            out.append(f"<p><small>{esc(footnote)}</small></p>")
        return _document(out)
    rows, cols = _grid(table, cells)
    out = [f"<p><b>{esc(spreadsheet_text(table.caption))}</b></p>",
           '<table border="1" cellspacing="0" cellpadding="3" width="100%" '
           'style="width:100%;border-collapse:collapse;table-layout:auto">',
           "<thead><tr>"]
    out += [f'<th style="white-space:normal;word-wrap:break-word;vertical-align:bottom">'
            f"{esc(spreadsheet_text(table.columns[c].header))}</th>" for c in cols]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>")
        for c in cols:
            cell = table.rows[r][c]
            if cell.kind == LABEL:
                out.append(f"<th scope=\"row\" style=\"text-align:left;font-weight:normal\">{esc(_pretty(cell, decimal))}</th>")
            else:
                out.append(_td(cell, decimal))
        out.append("</tr>")
    out.append("</tbody></table>")
    for note in _footnotes(table, rows, cols, empty=True):
        out.append(f"<p><small>{esc(note)}</small></p>")
    if footnote:
        out.append(f"<p><small>{esc(footnote)}</small></p>")
    out.append(f"<p><small>{esc(table.source)}</small></p>")
    return _document(out)


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
