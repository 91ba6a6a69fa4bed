"""The package is a valid Frictionless tabular data package, so other tools can read it too."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hjk_desktop.core.spec import OPTIONAL_RESOURCES, REQUIRED_RESOURCES

from .conftest import BUNDLED

frictionless = pytest.importorskip("frictionless")


def _errors(report) -> list[str]:
    return [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors] + [
        f"package: {error.type}: {error.message}" for error in report.errors
    ]


def test_frictionless_api_validates_the_package():
    report = frictionless.validate(str(BUNDLED / "datapackage.json"))
    assert report.valid, "\n".join(_errors(report))
    declared = {r["name"] for r in json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    # every resource was read, not just the descriptor
    assert {task.name for task in report.tasks} == set(REQUIRED_RESOURCES) | (set(OPTIONAL_RESOURCES) & declared)
    assert all(task.stats["rows"] > 0 for task in report.tasks)


def test_frictionless_cli_validates_the_package():
    exe = Path(sys.executable).with_name("frictionless")
    if not exe.exists():
        found = shutil.which("frictionless")
        if not found:
            pytest.skip("frictionless command not installed")
        exe = Path(found)
    done = subprocess.run([str(exe), "validate", "datapackage.json"], cwd=BUNDLED, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_frictionless_sees_a_fault(package_copy):
    # the same validator does notice a broken file, so the passing run above means something
    path = package_copy / "values.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace(",count,", ",several,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    report = frictionless.validate(str(package_copy / "datapackage.json"))
    assert not report.valid
    assert any(error.type == "constraint-error" for task in report.tasks for error in task.errors)
