"""A seeded mutation fuzzer over the bundled package: every mutant either loads or raises PackageError.

2,000 mutants per run (set HJK_FUZZ_COUNT for more, HJK_FUZZ_SEED to move the window of seeds). A mutant
that loads must also be usable: a sample of them runs every exhibit's query and table and the CSV and
XLSX exports. A mutant that ever fails is kept as a recipe in tests/fuzz_corpus/, replayed below; the
failure message prints the recipe to copy there.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from hjk_desktop.core import PackageError, export
from hjk_desktop.core.query import query
from hjk_desktop.core.table import build_table

from . import mutants

COUNT = int(os.environ.get("HJK_FUZZ_COUNT", "2000"))
FIRST_SEED = int(os.environ.get("HJK_FUZZ_SEED", "20260"))
SAMPLE_EVERY = 50


def exercise(package, out) -> int:
    """Query, tabulate and export every exhibit of a loaded package, as the window and the CLI would."""
    out.mkdir(parents=True, exist_ok=True)
    for number, ex_id in enumerate(package.exhibit_ids()):
        for lang in ("nb", "en"):
            table = build_table(package, query(package, ex_id), lang=lang)
            assert table.rows is not None
        export.write_csv(table, out / f"{number}.csv", package=package, overwrite=True)
        export.write_xlsx(table, out / f"{number}.xlsx", package=package, overwrite=True)
    export.write_all_xlsx(package, out / "all.xlsx", overwrite=True)
    return len(package.exhibit_ids())


def _describe(seed: int, what: str) -> str:
    recipe = {"finding": what, "expect": "?", "recipe": mutants.recipe(seed)}
    return f"seed {seed}: {what}\n  keep as tests/fuzz_corpus/seed-{seed}.json:\n  {json.dumps(recipe, ensure_ascii=True)[:2000]}"


def test_mutants_load_or_raise_package_error(tmp_path):
    base = tmp_path / "base"
    mutants.copy_package(base)
    seeds = list(range(FIRST_SEED, FIRST_SEED + COUNT))
    started = time.perf_counter()
    workers = min(2, os.cpu_count() or 1)
    # two processes: the machines this runs on have two cores, and loading is CPU-bound
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = list(pool.map(mutants.run_batch, [seeds[i::workers] for i in range(workers)], [str(tmp_path)] * workers))
    loaded = sorted(seed for part in parts for seed in part[0])
    failures = [_describe(seed, what) for part in parts for seed, what in part[1]]
    assert not failures, "\n".join(failures[:10])

    sample = loaded[::SAMPLE_EVERY]
    for seed in sample:
        package, _problems, unexpected = mutants.load_mutant(mutants.recipe(seed), tmp_path / "sample", base)
        assert unexpected is None and package is not None
        try:
            exercise(package, tmp_path / "out")
        except Exception as exc:  # noqa: BLE001 - the message carries the recipe to keep
            pytest.fail(_describe(seed, f"loaded but failed to export: {type(exc).__name__}: {exc}"))
    print(f"\nfuzz: {COUNT} mutants, {len(loaded)} loaded, {len(sample)} exported, "
          f"{time.perf_counter() - started:.1f} s with {workers} processes")
    assert COUNT - len(loaded) > COUNT // 2, "the mutator hardly breaks anything: it is not testing the validator"


@pytest.mark.parametrize("name, recipe, expect", [pytest.param(*entry, id=entry[0]) for entry in mutants.corpus()])
def test_regression_corpus(tmp_path, name, recipe, expect):
    base = tmp_path / "base"
    mutants.copy_package(base)
    package, problems, unexpected = mutants.load_mutant(recipe, tmp_path / "m", base)
    assert unexpected is None, f"{name}: {unexpected}"
    if expect == "loads":
        assert package is not None, f"{name}: {[str(p) for p in problems]}"
        assert exercise(package, tmp_path / "out") == len(package.exhibits)
    else:
        assert package is None, f"{name} loaded, expected [{expect}]"
        rules = {p.rule for p in problems}
        assert expect in rules, f"{name}: expected [{expect}], got {sorted(rules)}"


def test_corpus_is_not_empty_and_states_its_findings():
    entries = list(mutants.CORPUS.glob("*.json"))
    assert len(entries) >= 13
    for path in entries:
        entry = json.loads(path.read_text(encoding="utf-8"))
        assert entry["finding"] and entry["recipe"] and entry["expect"], path.name


def test_an_unforeseen_error_becomes_an_internal_problem(monkeypatch):
    """The catch-all turns a cause nobody foresaw into one Problem naming the file, never a traceback."""
    import hjk_desktop.core.package as package_module

    def broken(*_args):
        raise KeyError("surprise")

    monkeypatch.setattr(package_module, "_check_unique", broken)
    with pytest.raises(PackageError) as info:
        package_module.load_package(mutants.BUNDLED)
    [problem] = info.value.problems
    assert problem.rule == "internal" and problem.file == "chapters.csv" and "KeyError" in problem.message


def test_a_path_with_nul_is_a_missing_package():
    with pytest.raises(PackageError) as info:
        package_module_load("\x00bad")
    assert [p.rule for p in info.value.problems] == ["package-missing"]


def package_module_load(path):
    from hjk_desktop.core import load_package

    return load_package(path)

