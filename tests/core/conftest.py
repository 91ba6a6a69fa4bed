"""Shared fixtures for the core tests: the bundled package, loaded once, and throwaway copies of it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from hjk_desktop.core import bundled_package_path, load_package

BUNDLED = bundled_package_path()


@pytest.fixture(scope="session")
def package():
    return load_package(BUNDLED)


@pytest.fixture(scope="session")
def raw_values() -> list[dict[str, str]]:
    """values.csv read with the csv module only, so tests can check the loader against it."""
    with (BUNDLED / "values.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def raw_exhibits() -> list[dict[str, str]]:
    with (BUNDLED / "exhibits.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A fresh copy of the bundled package that a test may break."""
    target = tmp_path / "pkg"
    shutil.copytree(BUNDLED, target)
    return target
