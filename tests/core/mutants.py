"""Hostile copies of the bundled package, each described by a recipe: a JSON-able list of operations.

The fuzz test draws recipes from a seeded generator; the regression corpus (tests/fuzz_corpus/*.json)
stores recipes that once broke the loader, so both run through the same ``apply``. A recipe names rows
by position and columns by name, so it still means something when the bundled data changes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
from pathlib import Path

from hjk_desktop.core import bundled_package_path

BUNDLED = bundled_package_path()
CORPUS = Path(__file__).resolve().parents[1] / "fuzz_corpus"

NASTY_CELLS = [
    "", " ", "0", "-1", "+5", "-0", "1e309", "NaN", "inf", "-inf", "9" * 19, "9" * 20, "-" + "9" * 25,
    "1" * 31, "1" * 5000, "0." + "1" * 40, "true", "false", "null", "alle", "\x01", "tab\there", "a\nb",
    "=HYPERLINK(\"http://example.org\",\"x\")", "+1+1", "@SUM(A1)", "<b>fet</b><img src=x>", "\u202eevil",
    "\U0001d7d9", "x" * 300, "'", '"', ";", "a|b", "a+b", "fig1", "k1", "1:p1", "99:p1", "3:tabell1:r1c1",
]
NASTY_JSON = [None, [], {}, "", 0, -1, 1e308, True, "file:///etc/passwd", "javascript:alert(1)", "\x01", "x" * 300,
              "../values.csv", "/etc/passwd", "values.csv\x00", "a" * 300 + ".csv", {"a": [1, {"b": None}]}]
ENUM_COLUMNS = {"exhibits.csv": ["kind", "chart", "coverage"], "values.csv": ["unit", "status"]}


def files() -> list[str]:
    return sorted(p.name for p in BUNDLED.iterdir() if p.is_file())


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _json_set(node, pointer: list, value):
    for key in pointer[:-1]:
        node = node[key]
    node[pointer[-1]] = value


def apply(recipe: list[dict], folder: Path, outside: Path) -> None:
    """Turn ``folder`` (a fresh copy of the bundled package) into the recipe's mutant.

    ``outside`` is a scratch folder next to it, for symlinks that lead out of the package.
    """
    for op in recipe:
        try:
            _apply_one(op, folder, outside)
        except (ValueError, LookupError, csv.Error, OSError, RecursionError):
            pass  # an earlier operation already broke the file beyond this one's reach


def _expand(value):
    """{"repeat": "9", "times": 5000} (with an optional prefix and suffix) keeps a corpus file short."""
    if isinstance(value, dict) and {"repeat", "times"} <= set(value) <= {"repeat", "times", "prefix", "suffix"}:
        return value.get("prefix", "") + value["repeat"] * value["times"] + value.get("suffix", "")
    return value


def _apply_one(op: dict, folder: Path, outside: Path) -> None:
    op = {key: _expand(value) for key, value in op.items()}
    if True:
        kind = op["op"]
        path = folder / op.get("file", "datapackage.json")
        if kind in ("set_cell", "drop_column", "duplicate_row", "drop_rows"):
            rows = _rows(path.read_text(encoding="utf-8", errors="replace"))
            if kind == "set_cell" and len(rows) > 1 and op["column"] in rows[0]:
                row = rows[1 + op["row"] % (len(rows) - 1)]
                col = rows[0].index(op["column"])
                if col < len(row):
                    row[col] = op["value"]
            elif kind == "drop_column" and op["column"] in rows[0]:
                col = rows[0].index(op["column"])
                rows = [r[:col] + r[col + 1:] for r in rows]
            elif kind == "duplicate_row" and len(rows) > 1:
                rows.append(list(rows[1 + op["row"] % (len(rows) - 1)]))
            elif kind == "drop_rows":
                rows = rows[:1]
            _replace(path, _csv(rows).encode("utf-8"))
        elif kind == "flip":
            data = bytearray(path.read_bytes())
            if data:
                data[op["at"] % len(data)] = op["byte"]
            _replace(path, bytes(data))
        elif kind == "insert":
            data = path.read_bytes()
            at = op["at"] % (len(data) + 1)
            _replace(path, data[:at] + op["text"].encode("utf-8") + data[at:])
        elif kind == "truncate":
            data = path.read_bytes()
            _replace(path, data[: op["at"] % (len(data) + 1)])
        elif kind == "empty":
            _replace(path, b"")
        elif kind == "bom_crlf":
            text = path.read_text(encoding="utf-8", errors="replace")
            _replace(path, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
        elif kind == "json_set":
            meta = json.loads(path.read_text(encoding="utf-8", errors="replace"))
            try:
                _json_set(meta, op["pointer"], op["value"])
            except (KeyError, IndexError, TypeError):
                pass
            _replace(path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        elif kind == "json_deep":  # nesting built as text: json.dumps itself would recurse
            depth = op["depth"]
            text = path.read_text(encoding="utf-8", errors="replace").rstrip()
            _replace(path, (text[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}").encode("utf-8"))
        elif kind == "json_text":  # raw text spliced before the closing brace (digits, duplicate keys)
            text = path.read_text(encoding="utf-8", errors="replace").rstrip()
            _replace(path, (text[:-1] + ", " + op["text"] + "}").encode("utf-8"))
        elif kind == "symlink":
            path.unlink(missing_ok=True)
            target = {"self": path.name, "outside": str(outside / "elsewhere.csv"), "loop": "loop-b",
                      "dir": "."}[op["target"]]
            if op["target"] == "outside":
                outside.mkdir(exist_ok=True)
                (outside / "elsewhere.csv").write_bytes((BUNDLED / path.name).read_bytes())
            if op["target"] == "loop":
                (folder / "loop-b").symlink_to(path.name)
            path.symlink_to(target)
        else:
            raise ValueError(f"unknown operation {kind!r}")


def _replace(path: Path, data: bytes) -> None:
    """Write without touching a hard-linked original."""
    if path.is_symlink() or path.exists():
        path.unlink()
    path.write_bytes(data)


def copy_package(folder: Path, source: Path = BUNDLED) -> None:
    """A copy of ``source``, hard-linked where possible: apply never writes through a link, so link only
    from a scratch copy, never from the bundled data itself."""
    folder.mkdir(parents=True)
    for name in sorted(p.name for p in source.iterdir() if p.is_file()):
        if source != BUNDLED:
            try:
                os.link(source / name, folder / name)
                continue
            except OSError:
                pass
        (folder / name).write_bytes((source / name).read_bytes())


def _header(name: str) -> list[str]:
    return _rows((BUNDLED / name).read_text(encoding="utf-8"))[0]


def random_op(rng: random.Random, names: list[str], csv_names: list[str]) -> dict:
    """One operation, drawn from the kinds of damage that broke the loader before."""
    kind = rng.choice(["set_cell"] * 6 + ["flip"] * 3 + ["insert", "truncate", "empty", "bom_crlf", "drop_column",
                       "duplicate_row", "drop_rows", "json_set", "json_set", "json_deep", "json_text", "symlink", "enum"])
    file = rng.choice(csv_names)
    if kind in ("set_cell", "enum"):
        if kind == "enum":
            file = rng.choice(sorted(ENUM_COLUMNS))
            column = rng.choice(ENUM_COLUMNS[file])
            value = rng.choice(["", "Figure", "bar", "percent ", "stated\x01", "x" * 50])
        else:
            column = rng.choice(_header(file))
            value = rng.choice(NASTY_CELLS)
        return {"op": "set_cell", "file": file, "row": rng.randrange(1000), "column": column, "value": value}
    if kind == "flip":
        return {"op": "flip", "file": rng.choice(names), "at": rng.randrange(1 << 20), "byte": rng.randrange(256)}
    if kind == "insert":
        text = rng.choice(["\x00", "\x01", "\r", "\"", ",", "\n", "{", "[" * 70, "9" * 40, "\u00e6", "\ufeff"])
        return {"op": "insert", "file": rng.choice(names), "at": rng.randrange(1 << 20), "text": text}
    if kind == "truncate":
        return {"op": "truncate", "file": rng.choice(names), "at": rng.randrange(1 << 20)}
    if kind in ("empty", "bom_crlf"):
        return {"op": kind, "file": rng.choice(names)}
    if kind == "drop_column":
        return {"op": kind, "file": file, "column": rng.choice(_header(file))}
    if kind == "duplicate_row":
        return {"op": kind, "file": file, "row": rng.randrange(1000)}
    if kind == "drop_rows":
        return {"op": kind, "file": file}
    if kind == "json_set":
        index = rng.randrange(len(csv_names))
        pointer = rng.choice([["homepage"], ["title"], ["citation"], ["sources", 0, "path"], ["resources", index, "path"],
                              ["resources", index, "name"], ["resources", index], ["resources"], ["licenses", 0, "path"]])
        return {"op": "json_set", "pointer": pointer, "value": rng.choice(NASTY_JSON)}
    if kind == "json_deep":
        return {"op": "json_deep", "depth": rng.choice([10, 63, 64, 65, 990, 1000, 5000])}
    if kind == "json_text":
        return {"op": "json_text", "text": rng.choice(['"n": ' + "7" * 5000, '"n": ' + "9" * 25, '"homepage": "ftp://x"',
                                                       '"title": "dup"', '"n": 1e999', '"n": NaN', '"n": -Infinity'])}
    return {"op": "symlink", "file": rng.choice(names), "target": rng.choice(["self", "outside", "loop", "dir"])}


def recipe(seed: int) -> list[dict]:
    rng = random.Random(seed)
    names = files()
    csv_names = [n for n in names if n.endswith(".csv")]
    return [random_op(rng, names, csv_names) for _ in range(rng.choice([1, 1, 1, 2, 3]))]


def corpus() -> list[tuple[str, list[dict], str]]:
    """(name, recipe, expected rule or "loads") for every kept mutant."""
    entries = [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(CORPUS.glob("*.json"))]
    return [(name, entry["recipe"], entry["expect"]) for name, entry in entries]


def load_mutant(recipe_ops: list[dict], scratch: Path, base: Path):
    """Build the mutant in ``scratch`` and load it: (package or None, problems or None, unexpected or None)."""
    import shutil

    from hjk_desktop.core import PackageError, load_package

    if scratch.exists():
        shutil.rmtree(scratch)
    folder = scratch / "pkg"
    copy_package(folder, base)
    apply(recipe_ops, folder, scratch / "outside")
    try:
        return load_package(folder), None, None
    except PackageError as exc:
        internal = [str(p) for p in exc.problems if p.rule == "internal"]
        return None, exc.problems, (f"internal: {internal[0]} ({exc.__cause__!r})" if internal else None)
    except BaseException as exc:  # noqa: BLE001 - exactly what the fuzz test hunts for
        return None, None, f"{type(exc).__name__}: {exc}"[:500]


def run_batch(seeds: list[int], workdir: str) -> tuple[list[int], list[tuple[int, str]]]:
    """Worker for the fuzz test: (seeds whose mutant loaded, [(seed, what went wrong)])."""
    work = Path(workdir)
    base = work / "base"
    if not base.exists():
        copy_package(base)
    loaded, failures = [], []
    for seed in seeds:
        package, _problems, unexpected = load_mutant(recipe(seed), work / f"m{os.getpid()}", base)
        if unexpected:
            failures.append((seed, unexpected))
        elif package is not None:
            loaded.append(seed)
    return loaded, failures
