"""A package of any size from benchmarks/make_large_package.py (seeded, schema-valid), for scale tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "make_large_package.py"


def generator():
    """The generator module (benchmarks/ is not a package, so it is loaded from its file)."""
    spec = importlib.util.spec_from_file_location("make_large_package", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

