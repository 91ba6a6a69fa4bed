"""Make a large, schema-valid data package of the bundled package's shape, for scale benchmarks and tests.

    python benchmarks/make_large_package.py OUT_DIR [--chapters 500] [--per-chapter 10] [--items 7] [--seed 1]

The default size is the one users reach with a series of panel reports: 500 chapters, 5,000 exhibits and
about 208,000 values (7 items × 3 segments × 2 rounds per exhibit, with about 1 % left out so that missing
cells occur). The dimension tables (segments, populations, rounds, responses) and the descriptor's schemas
are copied from the bundled package, so the generated package is valid exactly when the bundled one is.
Labels are made up and numbered; the numbers are seeded random percentages, not survey results.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "hjemmekontor-2021"
SEGMENTS = ("alle", "statlig", "privat_tjeneste")
ROUNDS = ("2021-02", "2021-06")
COPIED = ("segments.csv", "populations.csv", "rounds.csv", "responses.csv")


def _write(path: Path, header: list[str], rows) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def make_package(out: Path, chapters: int = 500, per_chapter: int = 10, items: int = 7, seed: int = 1) -> dict[str, int]:
    """Write the package into out (created; must not hold another package) and return row counts."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copyfile(BUNDLED / name, out / name)
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    keep = {"chapters", "exhibits", "items", "values", "segments", "populations", "rounds", "responses"}
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in keep]
    descriptor["name"] = "large-generated"
    descriptor["title"] = f"Generated package: {chapters} chapters, {chapters * per_chapter} exhibits"
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")

    exhibit_header = ["id", "chapter", "order", "kind", "number", "title_nb", "title_en", "n", "round", "population",
                      "scale", "headline", "chart", "coverage", "ranking", "pair", "compiled", "note_nb", "note_en"]
    counts = {"chapters": _write(out / "chapters.csv", ["number", "title_en", "title_nb", "summary_nb", "summary_en"], (
        [c, f"Generated chapter {c}", f"Generert kapittel {c}", f"Oppsummering av kapittel {c}.", f"Summary of chapter {c}."]
        for c in range(1, chapters + 1)))}

    def exhibits():
        for c in range(1, chapters + 1):
            for k in range(1, per_chapter + 1):
                number = (c - 1) * per_chapter + k
                yield [f"g{number}", c, k, "figure", number, f"Generert spørsmål {number}", f"Generated question {number}",
                       rng.randint(300, 1600), "2021-06", "alle", "ja", "ja", "bars", "some", "", "", "false", "", ""]

    counts["exhibits"] = _write(out / "exhibits.csv", exhibit_header, exhibits())

    def item_rows():
        for number in range(1, chapters * per_chapter + 1):
            for i in range(1, items + 1):
                yield [f"g{number}", f"p{i}", f"Påstand {i} i spørsmål {number}", f"Statement {i} of question {number}", i]

    counts["items"] = _write(out / "items.csv", ["exhibit", "code", "label_nb", "label_en", "order"], item_rows())

    def value_rows():
        for number in range(1, chapters * per_chapter + 1):
            chapter = (number - 1) // per_chapter + 1
            for i in range(1, items + 1):
                for segment in SEGMENTS:
                    for round_ in ROUNDS:
                        if rng.random() < 0.01:
                            continue  # left out: the app must show it as missing
                        n = rng.randint(200, 1600) if segment == "alle" else ""
                        yield [f"g{number}-p{i}-{segment}-{round_}", chapter, f"g{number}", round_, "alle", segment, f"p{i}",
                               "ja", rng.randint(1, 99), "percent", "false", n, "stated", "", f"{chapter}:p{1 + i % 4}", "", ""]

    counts["values"] = _write(out / "values.csv", ["id", "chapter", "exhibit", "round", "population", "segment", "item",
                                                   "response", "value", "unit", "approx", "n", "status", "formula", "locator",
                                                   "note", "note_en"], value_rows())
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--chapters", type=int, default=500)
    parser.add_argument("--per-chapter", type=int, default=10)
    parser.add_argument("--items", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = make_package(args.out, args.chapters, args.per_chapter, args.items, args.seed)
    print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
