"""Split the report's extracted text into locator-addressable blocks.

The locator syntax is documented in data/README.md. This module reads the report text that lives
outside the project (../shared/source) and is used only by the tests that check every stated value
against the place its locator names.
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "fafo-notat-2021-20.txt"

_HEADING = re.compile(r"^\s?(\d{1,2}) (\S.*)$")
_CAPTION = re.compile(r"^\s*(Figur|Tabell) ?(\d+)\.?\s")
_FOOTNOTE = re.compile(r"^\s*\d+ Brev ")
_TABLE_ROW = re.compile(r"^(?P<label>\D+?) (?P<a>\d+) (?P<b>\d+)\s*$")


def chapters(text: str) -> dict[int, list[str]]:
    """Return the body lines of each numbered chapter (headings removed, back cover dropped)."""
    out: dict[int, list[str]] = {}
    current = 0
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("##"):
            break  # template placeholders and the back-cover blurb close the text
        m = _HEADING.match(line)
        if m and int(m.group(1)) == current + 1:
            current += 1
            out[current] = []
            # a heading may run on to a second line ("... når / pandemien er over?"); the run-on starts lowercase
            if i + 1 < len(lines) and lines[i + 1][:1].islower():
                i += 1
            i += 1
            continue
        if current:
            out[current].append(line)
        i += 1
    return out


def blocks(lines: list[str]) -> dict[str, str]:
    """Address a chapter's blocks: p1.., bullet1.., figurN / tabellN (captions), tabellN:rRcC cells."""
    found: dict[str, str] = {}
    counters = {"p": 0, "bullet": 0}
    kind = None
    buf: list[str] = []
    table: str | None = None
    row = 0

    def flush() -> None:
        nonlocal buf, kind
        if buf and kind:
            text = " ".join(s.strip() for s in buf)
            text = re.sub(r"-\s+(?=[a-zæøå])", "", text)  # join words hyphenated across lines
            if kind in ("p", "bullet"):
                counters[kind] += 1
                found[f"{kind}{counters[kind]}"] = text
            else:
                found[kind] = text
        buf, kind = [], None

    caption_open = False
    for line in lines:
        stripped = line.strip()
        if caption_open:
            buf.append(line)
            if "N=" in line:
                caption_open = False
                flush()
            continue
        if not stripped:
            flush()
            continue
        if _FOOTNOTE.match(line):
            flush()
            continue
        cap = _CAPTION.match(line)
        if cap:
            flush()
            kind = f"{cap.group(1).lower()}{cap.group(2)}"
            table = kind if cap.group(1) == "Tabell" else None
            row = 0
            buf = [line]
            caption_open = "N=" not in line
            if not caption_open:
                flush()
            continue
        if table:
            cell = _TABLE_ROW.match(stripped)
            if cell:
                row += 1
                found[f"{table}:r{row}"] = cell.group("label").strip()
                found[f"{table}:r{row}c1"] = cell.group("a")
                found[f"{table}:r{row}c2"] = cell.group("b")
                continue
            if stripped == "Inngått avtale Drøftet":
                continue
            table = None
        if stripped.startswith("•"):
            flush()
            kind = "bullet"
            buf = [stripped.lstrip("• ")]
            continue
        if kind is None:
            kind = "p"
        buf.append(line)
    flush()
    return found


def locate(text: str) -> dict[str, str]:
    """Map every locator ("3:p2", "9:bullet4", "5:tabell1:r2c1", "3:figur1") to its text."""
    out: dict[str, str] = {}
    for number, lines in chapters(text).items():
        for key, value in blocks(lines).items():
            out[f"{number}:{key}"] = value
    return out


if __name__ == "__main__":  # print the addressable blocks, for authoring locators
    for key, value in locate(SOURCE.read_text(encoding="utf-8")).items():
        print(f"{key:18} {value[:150]}")
