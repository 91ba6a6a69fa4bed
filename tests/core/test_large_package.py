"""The scale benchmarks' generator makes a valid package of the bundled shape (a small size here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hjk_desktop.core import load_package
from hjk_desktop.core.codes import is_missing
from hjk_desktop.core.query import default_selection, query

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "make_large_package.py"


def _generator():
    spec = importlib.util.spec_from_file_location("make_large_package", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_package_loads_and_answers_queries(tmp_path):
    counts = _generator().make_package(tmp_path / "pkg", chapters=6, per_chapter=4, items=5, seed=3)
    assert counts["exhibits"] == 24 and counts["items"] == 120
    package = load_package(tmp_path / "pkg")
    assert len(package.exhibit_ids()) == 24
    assert len(package.values) == counts["values"]
    result = query(package, "g7", **default_selection(package, "g7"))
    values = [v for key in result.keys for v in result.columns[key]]
    assert len(result.frame) == 5
    assert any(not is_missing(v) for v in values)


def test_generator_is_seeded(tmp_path):
    make = _generator().make_package
    make(tmp_path / "a", chapters=2, per_chapter=2, items=3, seed=9)
    make(tmp_path / "b", chapters=2, per_chapter=2, items=3, seed=9)
    assert (tmp_path / "a" / "values.csv").read_bytes() == (tmp_path / "b" / "values.csv").read_bytes()
