"""The wheel carries the data package and the translations: install it in a fresh environment and run it.

Slow (builds a wheel and a virtual environment), so marked; the dependencies come from the test
environment through a .pth file rather than a second download of Qt.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    pytest.importorskip("hatchling")
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(work), str(ROOT)],
                   check=True, capture_output=True, text=True)
    wheel = next(work.glob("hjk_desktop-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # the test environment's packages (Qt, pandas …) come after the fresh site-packages on sys.path
    (Path(purelib) / "zz_test_deps.pth").write_text(f"{sysconfig.get_paths()['purelib']}\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, capture_output=True, text=True)
    return {"python": python, "bin": bin_dir, "purelib": Path(purelib), "cwd": work}


def _env():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    return env


def test_the_installed_package_is_the_wheel_and_carries_its_data(installed):
    code = ("import hjk_desktop, hjk_desktop.core as c; from hjk_desktop.ui import i18n;"
            "p = c.bundled_package_path(); pkg = c.load_package(p);"
            "print(hjk_desktop.__file__); print(p); print(len(pkg.values))")
    out = subprocess.run([str(installed["python"]), "-c", code], cwd=installed["cwd"], env=_env(),
                         check=True, capture_output=True, text=True).stdout.splitlines()
    module, data, count = out[0], out[1], int(out[2])
    assert Path(module).is_relative_to(installed["purelib"])
    assert Path(data).is_relative_to(installed["purelib"])
    assert count > 0
    assert list((installed["purelib"] / "hjk_desktop" / "resources" / "translations").glob("*.qm"))


def test_the_installed_entry_points_validate_and_smoke(installed):
    exe = installed["bin"] / "hjk-desktop-cli"
    listing = subprocess.run([str(exe), "list"], cwd=installed["cwd"], env=_env(), capture_output=True, text=True, timeout=120)
    assert listing.returncode == 0, listing.stderr
    assert "fig7" in listing.stdout
    smoke = subprocess.run([str(installed["bin"] / "hjk-desktop"), "--smoke"], cwd=installed["cwd"], env=_env(),
                           capture_output=True, text=True, timeout=300)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke: OK" in smoke.stdout
