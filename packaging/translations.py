"""Update the English catalogue from the UI sources and compile every catalogue.

    python packaging/translations.py            # lupdate hjk_desktop/ui/*.py -> resources/translations/hjk_desktop_en.ts,
                                                # then lrelease every .ts -> .qm
    python packaging/translations.py --check    # also fail (exit 1) when a message has no finished translation
    python packaging/translations.py --release  # only compile the .ts files that are there

Bokmål is the source language, so the program's own text needs no bokmål catalogue; hjk_desktop_nb.ts
holds only Qt's standard button texts (Lukk, Avbryt …), written by hand and never touched by lupdate.
The tools are the PySide6 ones next to the running Python (pyside6-lupdate, pyside6-lrelease).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "hjk_desktop" / "ui"
OUT = ROOT / "resources" / "translations"
UPDATED = ("en",)  # catalogues lupdate keeps in step with the source


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"translations: {name} not found (install PySide6 in this environment)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in SOURCES.glob("*.py") if p.name != "__init__.py")


def lupdate(lang: str) -> None:
    ts = OUT / f"hjk_desktop_{lang}.ts"
    files = [str(p.relative_to(ROOT)) for p in sources()]
    subprocess.run([tool("pyside6-lupdate"), *files, "-source-language", "nb_NO", "-target-language", lang,
                    "-locations", "none", "-no-obsolete", "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)


def lrelease(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)
    return qm


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            forms = [f.text for f in tr.iter("numerusform")] if tr is not None else []
            text = tr.text if tr is not None else None
            empty = not (forms and all(forms)) if message.get("numerus") == "yes" else not text
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or empty:
                out.append((name, message.findtext("source") or ""))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when any message lacks a finished translation")
    parser.add_argument("--release", action="store_true", help="only compile, do not run lupdate")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.release:
        for lang in UPDATED:
            lupdate(lang)
    missing = 0
    for ts in sorted(OUT.glob("*.ts")):
        qm = lrelease(ts)
        gaps = unfinished(ts)
        missing += len(gaps)
        print(f"{ts.relative_to(ROOT)} -> {qm.name}: {len(gaps)} unfinished")
        for context, source in gaps[:40]:
            print(f"    [{context}] {source!r}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
