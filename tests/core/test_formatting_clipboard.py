"""Numbers as text, and copies that read back to the same numbers: TSV for spreadsheets, HTML for Word."""

from __future__ import annotations

import csv
import io
import math
from html.parser import HTMLParser

import pandas as pd
import pytest

from hjk_desktop.core.clipboard import mime_payload, number_format, to_html, to_markdown, to_tsv
from hjk_desktop.core.codes import Reason
from hjk_desktop.core.formatting import APPROX, MISSING, colon_join, format_number, format_value, in_sentence, reason_text
from hjk_desktop.core.query import query
from hjk_desktop.core.table import DIFF, LABEL, READING, VALUE, N, TableCell, TableColumn, TableData, build_table

# ---------------------------------------------------------------------------------------------
# formatting


@pytest.mark.parametrize(
    ("value", "decimal", "expected"),
    [(12.5, "comma", "12,5"), (12.5, "point", "12.5"), (2900, "comma", "2900"), (0.5, "comma", "0,5"), (60.0, "point", "60")],
)
def test_format_number(value, decimal, expected):
    assert format_number(value, decimal) == expected


def test_format_number_signed_uses_a_real_minus():
    assert format_number(8, "comma", signed=True) == "+8"
    assert format_number(-3.5, "comma", signed=True) == "−3,5"
    assert format_number(-0.04, "point", signed=True) == "0.0"  # rounds to zero: no "−0.0"
    assert format_number(-0.04, "comma") == "0,0"
    assert format_number(0, "comma", signed=True) == "0"
    assert format_number(-3.5, "point") == "-3.5"  # unsigned text keeps the ASCII minus for spreadsheets


def test_missing_and_approximate():
    assert format_number(float("nan")) == "" and format_number(None) == ""
    assert format_value(float("nan")) == MISSING == "–"
    assert format_value(None, "count") == "–"
    assert format_value(60, approx=True) == f"{APPROX} 60" == "≈ 60"
    assert format_value(12.5, decimal="point", approx=True) == "≈ 12.5"
    assert format_value(0) == "0"  # a real zero is a number, not a gap


def test_reason_texts():
    for lang in ("nb", "en"):
        texts = [reason_text(r, lang) for r in Reason.ALL]
        assert len(set(texts)) == len(Reason.ALL) and all(texts)
        assert all(t != r for t, r in zip(texts, Reason.ALL))
    assert reason_text("not_stated", "nb") != reason_text("not_stated", "en")
    assert reason_text("something_else") == "something_else"


# ---------------------------------------------------------------------------------------------
# helpers to read copies back


def _number(text: str) -> float:
    text = text.replace(APPROX, "").strip()
    if text in ("", MISSING):
        return math.nan
    return float(text.replace("−", "-").replace(",", ".").replace("+", ""))


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.caption = ""
        self.head: list[str] = []
        self.body: list[list[tuple[str, str]]] = []
        self.attrs: list[list[dict]] = []  # per body row, the attributes of each cell
        self.table_style = ""
        self.paragraphs: list[str] = []
        self._where: list[str] = []
        self._text = ""

    def handle_starttag(self, tag, attrs):
        self._where.append(tag)
        if tag == "tr" and "tbody" in self._where:
            self.body.append([])
            self.attrs.append([])
        if tag in ("th", "td") and "tbody" in self._where:
            self.attrs[-1].append(dict(attrs))
        if tag == "table":
            self.table_style = dict(attrs).get("style", "")
        if tag in ("th", "td", "caption", "p"):
            self._text = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and "thead" in self._where:
            self.head.append(self._text)
        elif tag in ("th", "td") and "tbody" in self._where:
            self.body[-1].append((tag, self._text))
        elif tag == "caption":
            self.caption = self._text
        elif tag == "p":
            self.paragraphs.append(self._text)
            if not self.head:  # a paragraph before the table is the caption
                self.caption = self._text
        while self._where and self._where.pop() != tag:
            pass

    def handle_data(self, data):
        self._text += data


def _read_html(text: str) -> _TableReader:
    reader = _TableReader()
    reader.feed(text)
    reader.close()
    return reader


@pytest.fixture(scope="module")
def fig7_table(package):
    # two groups, numbers for some rows in each, N per group and a difference: every kind of cell
    result = query(package, "fig7", populations=["hjemmekontor_oppfordret", "forening_forbund"])
    return build_table(package, result, "nb", difference=True)


def _raw(table: TableData, r: int, c: int) -> float:
    raw = table.rows[r][c].raw
    return math.nan if raw is None else float(raw)


# ---------------------------------------------------------------------------------------------
# TSV


@pytest.mark.parametrize("decimal", ["comma", "point"])
def test_tsv_reads_back_with_csv(fig7_table, decimal):
    text = to_tsv(fig7_table, decimal=decimal)
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows[0] == fig7_table.headers
    assert len(rows) == len(fig7_table.rows) + 1
    for r, line in enumerate(rows[1:]):
        assert line[0] == fig7_table.rows[r][0].raw
        for c in range(1, len(line)):
            if fig7_table.columns[c].kind == READING:  # the difference's plain reading is text
                assert line[c] == (fig7_table.rows[r][c].raw or "")
                continue
            assert "≈" not in line[c] and "–" not in line[c]  # plain numbers only, gaps empty
            assert _same(_number(line[c]), _raw(fig7_table, r, c)), (r, c, line[c])


@pytest.mark.parametrize(("decimal", "mark"), [("comma", ","), ("point", ".")])
def test_tsv_reads_back_with_pandas(decimal, mark):
    table = _handmade()
    frame = pd.read_csv(io.StringIO(to_tsv(table, decimal=decimal)), sep="\t", decimal=mark)
    assert list(frame.columns) == table.headers
    assert list(frame.iloc[:, 0]) == [row[0].raw for row in table.rows]  # tabs, newlines and quotes survive
    for c in range(1, len(table.columns)):
        assert frame.iloc[:, c].dtype == "float64"
        for r in range(len(table.rows)):
            assert _same(float(frame.iat[r, c]), _raw(table, r, c))


def test_tsv_quotes_tabs_and_newlines():
    text = to_tsv(_handmade())
    lines = text.split("\n")
    assert '"Arbeidstid\tper uke"' in text and '"Hjemme\neller borte <b>fet</b>"' in text
    assert '"Sitat ""hjemme"""' in text
    assert lines[0].count("\t") == 3


def test_tsv_selection_subset(fig7_table):
    cells = [(0, 1), (7, 3), (2, 1)]
    rows = list(csv.reader(io.StringIO(to_tsv(fig7_table, cells=cells)), delimiter="\t"))
    assert rows[0] == [fig7_table.headers[0], fig7_table.headers[1], fig7_table.headers[3]]
    assert [line[0] for line in rows[1:]] == [fig7_table.rows[r][0].raw for r in (0, 2, 7)]
    assert _same(_number(rows[3][2]), _raw(fig7_table, 7, 3))


# ---------------------------------------------------------------------------------------------
# HTML and Markdown


@pytest.mark.parametrize("decimal", ["comma", "point"])
def test_html_reads_back(fig7_table, decimal):
    parsed = _read_html(to_html(fig7_table, decimal=decimal))
    assert parsed.caption == fig7_table.caption
    assert parsed.head == fig7_table.headers
    assert len(parsed.body) == len(fig7_table.rows)
    for r, row in enumerate(parsed.body):
        assert row[0] == ("th", fig7_table.rows[r][0].raw)  # the row label is a header cell
        for c, (tag, text) in enumerate(row[1:], start=1):
            assert tag == "td"
            if fig7_table.columns[c].kind == READING:  # text: the reading, or nothing where a value is missing
                assert text == (fig7_table.rows[r][c].raw or "")
                continue
            assert _same(_number(text), _raw(fig7_table, r, c)), (r, c, text)
            if fig7_table.rows[r][c].missing:
                assert text == ""  # an empty cell, so a spreadsheet holds no text where a number is missing
    assert fig7_table.source in parsed.paragraphs
    assert any("ikke oppgitt" in p for p in parsed.paragraphs)  # a legend for the dashes
    assert any("beregnet" in p for p in parsed.paragraphs)  # and for the derived values


def test_html_marks_approximate_values(package):
    table = build_table(package, query(package, "fig8"), "nb")
    parsed = _read_html(to_html(table))
    texts = {row[0][1]: row[1][1] for row in parsed.body}
    approx_rows = [r for r, row in enumerate(table.rows) if row[1].approx]
    assert approx_rows
    for r, row in enumerate(table.rows):
        shown = texts[row[0].raw]
        assert shown.startswith("≈ ") == row[1].approx
        assert _same(_number(shown), _raw(table, r, 1))
    assert any(p.startswith("≈") for p in parsed.paragraphs)


def test_html_escapes_and_subsets():
    table = _handmade()
    html_text = to_html(table, cells=[(1, 2), (2, 1)], decimal="point")
    assert "<b>fet</b>" not in html_text and "&lt;b&gt;fet&lt;/b&gt;" in html_text
    parsed = _read_html(html_text)
    assert parsed.head == [table.headers[0], table.headers[1], table.headers[2]]
    assert [row[0][1] for row in parsed.body] == [table.rows[1][0].raw, table.rows[2][0].raw]
    assert parsed.body[0][2] == ("td", "≈ 0.5")
    assert parsed.caption == table.caption


@pytest.mark.parametrize("decimal", ["comma", "point"])
def test_html_numbers_carry_their_value_for_calc_and_excel(fig7_table, decimal):
    html_text = to_html(fig7_table, decimal=decimal)
    assert 'xmlns:x="urn:schemas-microsoft-com:office:excel"' in html_text
    parsed = _read_html(html_text)
    assert "width:100%" in parsed.table_style  # Word and Writer fit the table to the text width
    assert "<caption" not in html_text  # Calc would merge a caption into the first header cell
    numbers = 0
    for r, row in enumerate(fig7_table.rows):
        for c, cell in enumerate(row):
            attrs = parsed.attrs[r][c]
            if cell.kind == LABEL or isinstance(cell.raw, str) or cell.missing:
                assert "sdval" not in attrs and "x:num" not in attrs, (r, c)
                continue
            numbers += 1
            assert float(attrs["sdval"]) == float(attrs["x:num"]) == float(cell.raw)  # the full value, point mark
            language, _, code = attrs["sdnum"].split(";", 2)
            assert language == "1033"  # a format in en-US syntax: the value never depends on the pasting locale
            assert code == number_format(cell) and (APPROX in code) == cell.approx
            assert "mso-number-format:" in attrs["style"]
    assert numbers > 10


def test_html_approximate_values_are_numbers_with_a_format(package):
    table = build_table(package, query(package, "fig8"), "nb")
    parsed = _read_html(to_html(table))
    approx = [(r, row) for r, row in enumerate(table.rows) if row[1].approx]
    assert approx
    for r, row in approx:
        attrs = parsed.attrs[r][1]
        assert float(attrs["sdval"]) == float(row[1].raw) and APPROX in attrs["sdnum"]
        assert "\\0022" in attrs["style"]  # Excel's CSS escape of the quotes around the ≈ literal


def test_number_formats():
    assert number_format(TableCell(60.0, VALUE)) == "0"
    assert number_format(TableCell(22.3, VALUE)) == "0.0"
    assert number_format(TableCell(60.0, VALUE, approx=True)) == '"≈ "0'
    assert number_format(TableCell(-3.5, DIFF)) == "+0.0;-0.0;0.0"


def test_one_cell_copies_just_that_value():
    table = _handmade()
    assert to_tsv(table, cells=[(0, 1)], decimal="comma") == "12,5"
    assert to_tsv(table, cells=[(0, 1)], decimal="point") == "12.5"
    assert to_tsv(table, cells=[(1, 1)]) == ""  # a missing value: nothing
    assert to_tsv(table, cells=[(2, 0)]) == 'Sitat "hjemme"'  # a label: its text, unquoted
    parsed = _read_html(to_html(table, cells=[(1, 2)], decimal="point"))
    assert parsed.head == [] and parsed.caption == "" and parsed.paragraphs == []
    html_text = to_html(table, cells=[(1, 2)], decimal="point")
    assert html_text.count("<td") == 1 and "<th" not in html_text and 'sdval="0.5"' in html_text
    with_note = to_html(table, cells=[(1, 2)], footnote="Kilde: s. 4")
    assert with_note.count("<td") == 1 and "Kilde: s. 4" in with_note
    assert mime_payload(table, cells=[(3, 2)], decimal="point")["text/plain"] == "70"


def test_markdown(fig7_table):
    text = to_markdown(fig7_table, cells=[(0, 1), (2, 3)])
    lines = text.split("\n")
    assert lines[0] == f"**{fig7_table.caption}**"
    table_lines = [line for line in lines if line.startswith("|")]
    assert len(table_lines) == 2 + 2  # header, rule, two rows
    cells = [c.strip() for c in table_lines[2].strip("|").split("|")]
    assert cells[0] == fig7_table.rows[0][0].raw
    assert _same(_number(cells[1]), _raw(fig7_table, 0, 1)) and cells[2] == MISSING
    assert fig7_table.source in text


def test_mime_payload_carries_both(fig7_table):
    cells = [(0, 1), (1, 1)]
    payload = mime_payload(fig7_table, cells=cells, decimal="point")
    assert payload == {"text/plain": to_tsv(fig7_table, cells, "point"), "text/html": to_html(fig7_table, cells, "point")}


def test_english_table(package):
    table = build_table(package, query(package, "fig8"), "en")
    parsed = _read_html(to_html(table, decimal="point"))
    assert parsed.head[0] == "Question / response"
    assert parsed.caption.startswith("Figure 8.")
    assert any(p.startswith("Source:") for p in parsed.paragraphs)


# ---------------------------------------------------------------------------------------------


def _handmade() -> TableData:
    """Awkward labels and decimals the report itself never needs, to exercise quoting and decimal marks."""
    columns = (TableColumn(LABEL, "Spørsmål"), TableColumn(VALUE, "Februar", "a"), TableColumn(VALUE, "Juni", "b"), TableColumn(DIFF, "Differanse"))

    def row(label, a, b, approx=False):
        diff = b - a if not (math.isnan(a) or math.isnan(b)) else math.nan
        return (
            TableCell(label, LABEL),
            TableCell(a, VALUE, approx=approx, status="stated" if not math.isnan(a) else "missing"),
            TableCell(b, VALUE, approx=approx, status="stated" if not math.isnan(b) else "missing"),
            TableCell(diff, DIFF, status="derived"),
        )

    rows = (
        row("Arbeidstid\tper uke", 12.5, 10.0),
        row("Hjemme\neller borte <b>fet</b>", math.nan, 0.5, approx=True),
        row('Sitat "hjemme"', 3.5, math.nan),
        row("Med komma, og punktum.", 60.0, 70.0),
    )
    return TableData(columns=columns, rows=rows, caption="Prøvetabell", source="Kilde: prøve", meta={"lang": "nb"})


def test_n_columns_are_counts(fig7_table):
    n_columns = [c for c, col in enumerate(fig7_table.columns) if col.kind == N]
    assert len(n_columns) == 2
    for c in n_columns:
        shown = {_raw(fig7_table, r, c) for r in range(len(fig7_table.rows))}
        assert {n for n in shown if not math.isnan(n)} <= {947.0, 320.0}


# ---------------------------------------------------------------------------------------------
# words


@pytest.mark.parametrize(("label", "lang", "expected"), [
    ("Juni 2021", "nb", "juni 2021"), ("Februar 2021", "nb", "februar 2021"), ("Desember", "nb", "desember"),
    ("Juni 2021", "en", "Juni 2021"), ("June 2021", "en", "June 2021"), ("Junior", "nb", "Junior"),
    ("LKU 2019", "nb", "LKU 2019"), ("Mai", "nb", "mai"), ("Maihaugen", "nb", "Maihaugen"),
])
def test_in_sentence_lowers_a_leading_month_in_bokmal(label, lang, expected):
    assert in_sentence(label, lang) == expected


def test_round_labels_read_right_mid_sentence(package):
    rounds = package.rounds if hasattr(package, "rounds") else None
    labels = [package.label("rounds", code, "nb") for code in ("2021-02", "2021-06")]
    assert [in_sentence(label, "nb") for label in labels] == [label[0].lower() + label[1:] for label in labels]
    assert rounds is None or len(rounds) >= 2


def test_colon_join_never_writes_a_question_mark_and_a_colon():
    assert colon_join("Har arbeidsgiver kartlagt hjemmekontoret?", "ja") == "Har arbeidsgiver kartlagt hjemmekontoret? ja"
    assert colon_join("Spørsmål", "svar") == "Spørsmål: svar"
    assert "?:" not in colon_join("Hvorfor? ", "fordi")
