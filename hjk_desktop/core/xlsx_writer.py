"""A small streaming XLSX writer: each row goes straight into the zip as it is made, one sheet at a time.

Why not openpyxl: its write-only mode streams too, but serialises every cell through a pure-Python XML writer
(et_xmlfile, about 20 µs a cell here, with or without lxml); the whole-package workbook of a large package has
over three million cells. This writer makes the same SpreadsheetML as text (about 1 µs a cell), with no temporary
files and memory that does not grow with the number of rows. openpyxl still reads every file back in the tests.

What it writes and promises:

* Numbers as numbers (``t="n"``), booleans as booleans; a non-finite float is left out (an empty cell).
* Every text is an inline string (``t="inlineStr"``): never a formula, whatever it starts with. Control
  characters that XML refuses are removed (formatting.clean_text), and a text that would start a formula when
  typed also gets Excel's quote prefix, so it stays text when edited. Texts longer than Excel's cell limit
  (32,767 characters) are cut there, because Excel refuses the whole file otherwise.
* Styles are ``Style`` records (font, alignment, number format, quote prefix), deduplicated into styles.xml.
* A sheet's column widths, frozen panes and row heights are given when it starts (they precede the rows in
  the file); hyperlinks and an auto filter over the written rows are added at its end.
* Sheets appear in the workbook in the order their names were reserved (``reserve``), whatever order they are
  written in, so a contents sheet can come first yet be written last. Names are made unique as Excel wants
  (case-insensitively, at most 31 characters).
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from math import isfinite
from typing import BinaryIO, NamedTuple

from hjk_desktop.core.formatting import clean_text, looks_like_formula

MAX_TEXT = 32767  # Excel's limit of characters in a cell
FLUSH_ROWS = 512  # rows gathered before they are compressed into the zip
TEXT_CACHE_SIZE, TEXT_CACHE_LENGTH = 20000, 200  # texts remembered as XML, and the longest one remembered
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}


class Style(NamedTuple):
    """How a cell looks. A NamedTuple rather than a dataclass: it is hashed for every styled cell written."""

    bold: bool = False
    italic: bool = False
    size: float = 11
    color: str = ""  # RGB hex, "0563C1"
    underline: bool = False
    wrap: bool = False
    horizontal: str = ""  # "", "left", "right"
    vertical: str = ""  # "", "top", "bottom"
    number_format: str = "General"
    quote_prefix: bool = False


PLAIN = Style()


class Cell(NamedTuple):
    """A value with a style; a plain value in a row is a cell of the default style. The style is a ``Style``, or
    the number ``XlsxWriter.style_id`` gave for one (quicker for a style used on many cells)."""

    value: object
    style: Style | int


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS = [column_letter(j) for j in range(1, 257)]


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")  # a bare CR would become a newline when read
    return text


def _attr(text: str) -> str:
    return _escape(str(text)).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def unique_name(title: str, taken: set[str]) -> str:
    """A sheet name whose lower case is not in ``taken`` (Excel compares names ignoring case), at most 31
    characters: the title, else the title with 1, 2 … appended. Adds it (in lower case) to ``taken``."""
    name = title[:31] or "Ark"
    k = 1
    while name.lower() in taken:
        suffix = str(k)
        name = title[: 31 - len(suffix)] + suffix
        k += 1
    taken.add(name.lower())
    return name


def sheet_reference(name: str) -> str:
    """A sheet name as a formula or link refers to it: quoted, inner quotes doubled."""
    return "'" + name.replace("'", "''") + "'"


class SheetWriter:
    """One sheet being written: ``row`` appends a row, ``link`` adds a hyperlink. Made by ``XlsxWriter.sheet``."""

    def __init__(self, book: XlsxWriter, index: int, name: str, widths: dict[int, float] | None, freeze: str,
                 heights: dict[int, float] | None, auto_filter: bool, zip64: bool = False):
        self.book, self.index, self.name = book, index, name
        self.rows = 0
        self.columns = 0
        self._heights = heights or {}
        self._auto_filter = auto_filter
        self._links: list[tuple[str, str, str]] = []  # (cell, url, location in this workbook)
        self._buffer: list[str] = []
        # Zip64 only when asked: Excel reads it, but older readers do not, and a sheet past 2 GiB is rare
        self._out = book._zip.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=zip64)
        self._write(self._top(widths or {}, freeze))

    def _top(self, widths: dict[int, float], freeze: str) -> str:
        selected = ' tabSelected="1"' if self.index == 1 else ""
        view = f'<sheetView workbookViewId="0"{selected}>'
        if freeze:
            col, row = _split_reference(freeze)
            x, y = col - 1, row - 1
            pane = "bottomRight" if x and y else ("bottomLeft" if y else "topRight")
            split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
            view += (f'<pane{split} topLeftCell="{freeze}" activePane="{pane}" state="frozen"/>'
                     f'<selection pane="{pane}" activeCell="{freeze}" sqref="{freeze}"/>')
        view += "</sheetView>"
        cols = "".join(f'<col min="{j}" max="{j}" width="{w:g}" customWidth="1"/>' for j, w in sorted(widths.items()))
        return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetViews>{view}</sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}<sheetData>')

    def _write(self, text: str) -> None:
        self._out.write(text.encode("utf-8"))

    def row(self, cells: Sequence) -> int:
        """Append one row of values or ``Cell``s (None or "": an empty cell); returns its number (1-based)."""
        self.rows = r = self.rows + 1
        rs = str(r)
        book = self.book
        texts = book._texts
        height = self._heights.get(r)
        parts = [f'<row r="{rs}" ht="{height:g}" customHeight="1">' if height else f'<row r="{rs}">']
        last = 0
        for j, value in enumerate(cells):
            if value is None:
                continue
            kind = type(value)
            s = 0
            if kind is Cell:
                value, style = value
                if value is None:
                    continue
                kind = type(value)
                s = style if type(style) is int else book.style_id(style)
            if kind is str:
                known = texts[value] if value in texts else book.text_xml(value)
                if known is None:
                    continue
                body, formula_like = known
                if formula_like:
                    s = book.quoted_style_id(s)
            elif kind is float:
                if not isfinite(value):
                    continue
                body = f"><v>{value!r}</v></c>"
            elif kind is int:
                body = f"><v>{value}</v></c>"
            elif kind is bool:
                body = f' t="b"><v>{int(value)}</v></c>'
            elif isinstance(value, str):
                known = book.text_xml(str(value))
                if known is None:
                    continue
                body, formula_like = known
                if formula_like:
                    s = book.quoted_style_id(s)
            else:  # other numbers (NumPy's, Decimal)
                number = float(value)
                if not isfinite(number):
                    continue
                body = f"><v>{number!r}</v></c>"
            ref = _LETTERS[j] if j < 256 else column_letter(j + 1)
            parts.append(f'<c r="{ref}{rs}" s="{s}"{body}' if s else f'<c r="{ref}{rs}"{body}')
            last = j + 1
        parts.append("</row>")
        if last > self.columns:
            self.columns = last
        self._buffer.append("".join(parts))
        if len(self._buffer) >= FLUSH_ROWS:
            self._flush()
        return r

    def skip(self, rows: int = 1) -> None:
        """Leave ``rows`` empty rows."""
        self.rows += rows

    def link(self, row: int, column: int, url: str = "", location: str = "") -> None:
        """A hyperlink on a cell: to a web address (``url``) or to a place in this workbook (``location``)."""
        self._links.append((f"{column_letter(column)}{row}", url, location))

    def _flush(self) -> None:
        if self._buffer:
            self._write("".join(self._buffer))
            self._buffer.clear()

    def close(self) -> None:
        self._flush()
        tail = ["</sheetData>"]
        if self._auto_filter and self.rows and self.columns:
            ref = f"A1:{column_letter(self.columns)}{self.rows}"
            tail.append(f'<autoFilter ref="{ref}"/>')
            self.book._filters.append((self.index, f"{sheet_reference(self.name)}!$A$1:${column_letter(self.columns)}${self.rows}"))
        rels = []
        if self._links:
            tail.append("<hyperlinks>")
            for ref, url, location in self._links:
                if url:
                    rels.append(url)
                    tail.append(f'<hyperlink ref="{ref}" r:id="rId{len(rels)}"/>')
                else:
                    tail.append(f'<hyperlink ref="{ref}" location="{_attr(location)}"/>')
            tail.append("</hyperlinks>")
        tail.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>')
        self._write("".join(tail))
        self._out.close()
        self.book._current = None
        if rels:
            body = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/hyperlink" Target="{_attr(url)}" TargetMode="External"/>'
                           for i, url in enumerate(rels, start=1))
            self.book._zip.writestr(f"xl/worksheets/_rels/sheet{self.index}.xml.rels",
                                    f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{body}</Relationships>')

    def __enter__(self) -> SheetWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.close()
        else:  # the zip is abandoned anyway; only release the entry
            self.book._abandon(self)


def _split_reference(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col, int(ref[len(letters):])


class XlsxWriter:
    """Write a workbook into an open binary file. Reserve names, write each sheet, then ``close``."""

    def __init__(self, handle: BinaryIO, compresslevel: int = 1, creator: str = "hjk-desktop"):
        self._zip = zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self.creator = creator
        self.names: list[str] = []
        self._taken: set[str] = set()
        self._index: dict[str, int] = {}
        self._texts: dict[str, tuple[str, bool] | None] = {}  # text -> (its XML, looks like a formula)
        self._written: set[int] = set()
        self._styles: dict[Style, int] = {PLAIN: 0}
        self._quoted: dict[int, int] = {}
        self._filters: list[tuple[int, str]] = []
        self._current: SheetWriter | None = None

    def reserve(self, title: str) -> str:
        """Give the next place in the workbook to a sheet; returns its name, made unique if it was taken."""
        name = unique_name(title, self._taken)
        self._index[name] = len(self.names)
        self.names.append(name)
        return name

    def sheet(self, name: str, widths: dict[int, float] | None = None, freeze: str = "",
              heights: dict[int, float] | None = None, auto_filter: bool = False, zip64: bool = False) -> SheetWriter:
        """Start writing the sheet ``name`` (reserved now if it was not). Close the one before first. ``widths`` and
        ``heights`` by column and row number (1-based); ``freeze`` the first cell that scrolls ("C3"); ``zip64``
        for a sheet that may pass 2 GiB of XML."""
        if self._current is not None:
            raise RuntimeError("close the sheet being written before starting another")
        if name not in self._index:
            name = self.reserve(name)
        index = self._index[name] + 1
        if index in self._written:
            raise RuntimeError(f"sheet {name!r} was written already")
        self._written.add(index)
        self._current = SheetWriter(self, index, name, widths, freeze, heights, auto_filter, zip64)
        return self._current

    def _abandon(self, sheet: SheetWriter) -> None:
        self._current = None
        sheet._out.close()

    def text_xml(self, value: str) -> tuple[str, bool] | None:
        """A text cell's XML after its style (None when nothing is left of it), and whether it looks like a
        formula (then it gets the quote prefix). Short texts are remembered: most repeat (labels, codes)."""
        text = clean_text(value)[:MAX_TEXT]
        if not text:
            found = None
        else:
            space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
            found = (f' t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>', looks_like_formula(text))
        if len(value) <= TEXT_CACHE_LENGTH:
            if len(self._texts) >= TEXT_CACHE_SIZE:  # unique texts (ids) would fill it: start again
                self._texts.clear()
            self._texts[value] = found
        return found

    def style_id(self, style: Style) -> int:
        found = self._styles.get(style)
        if found is None:
            found = self._styles[style] = len(self._styles)
        return found

    def quoted_style_id(self, style_index: int) -> int:
        """The style of a text that looks like a formula: the same one with Excel's quote prefix."""
        found = self._quoted.get(style_index)
        if found is None:
            style = next(s for s, i in self._styles.items() if i == style_index)
            found = self._quoted[style_index] = self.style_id(style._replace(quote_prefix=True))
        return found

    def close(self) -> None:
        """Write every reserved sheet not written yet (empty), the workbook, its styles and parts; close the zip."""
        for i, name in enumerate(self.names, start=1):
            if i not in self._written:
                self.sheet(name).close()
        n = len(self.names)
        sheets = "".join(f'<sheet name="{_attr(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(self.names, 1))
        names = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i - 1}" hidden="1">{_escape(ref)}</definedName>'
                        for i, ref in self._filters)
        self._zip.writestr("xl/workbook.xml", (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets>{sheets}</sheets>{f"<definedNames>{names}</definedNames>" if names else ""}</workbook>'))
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
        rels += f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        self._zip.writestr("xl/_rels/workbook.xml.rels", f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>')
        self._zip.writestr("xl/styles.xml", self._styles_xml())
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._zip.writestr("docProps/core.xml", (
            f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:creator>{_escape(self.creator)}</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>'))
        self._zip.writestr("_rels/.rels", (
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>'))
        office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{office}.worksheet+xml"/>'
                            for i in range(1, n + 1))
        self._zip.writestr("[Content_Types].xml", (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{office}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{office}.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'{overrides}</Types>'))
        self._zip.close()

    def abandon(self) -> None:
        """Stop without finishing (a cancelled or failed export): release the zip; the caller drops the file."""
        with contextlib.suppress(Exception):
            if self._current is not None:
                self._abandon(self._current)
        with contextlib.suppress(Exception):
            self._zip.close()

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self.abandon()
            return
        try:
            self.close()
        except BaseException:
            self.abandon()
            raise

    def _styles_xml(self) -> str:
        formats: dict[str, int] = {}
        fonts: dict[tuple, int] = {}
        xfs = []
        for style in sorted(self._styles, key=self._styles.__getitem__):
            fmt = _BUILTIN_FORMATS.get(style.number_format)
            if fmt is None:
                fmt = formats.setdefault(style.number_format, 164 + len(formats))
            font = fonts.setdefault((style.bold, style.italic, style.underline, style.size, style.color), len(fonts))
            align = ""
            if style.wrap or style.horizontal or style.vertical:
                align = ("<alignment" + (f' horizontal="{style.horizontal}"' if style.horizontal else "")
                         + (f' vertical="{style.vertical}"' if style.vertical else "")
                         + (' wrapText="1"' if style.wrap else "") + "/>")
            xfs.append(f'<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="0" xfId="0"'
                       + (' applyNumberFormat="1"' if fmt else "") + (' applyFont="1"' if font else "")
                       + (' applyAlignment="1"' if align else "") + (' quotePrefix="1"' if style.quote_prefix else "")
                       + (f">{align}</xf>" if align else "/>"))
        num_fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>' for code, i in formats.items())
        font_xml = "".join(
            "<font>" + ("<b/>" if bold else "") + ("<i/>" if italic else "") + ('<u val="single"/>' if underline else "")
            + f'<sz val="{size:g}"/>' + (f'<color rgb="FF{color.upper()}"/>' if color else "")
            + '<name val="Calibri"/><family val="2"/></font>'
            for bold, italic, underline, size, color in fonts)
        return (f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
                + (f'<numFmts count="{len(formats)}">{num_fmts}</numFmts>' if formats else "")
                + f'<fonts count="{len(fonts)}">{font_xml}</fonts>'
                '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
