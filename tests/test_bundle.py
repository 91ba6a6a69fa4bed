"""The bundle and its desktop files.

The PyInstaller bundle takes minutes to build, so nothing is built here: with HJK_TEST_BUNDLE=1 (after
``bash packaging/build.sh`` or in the CI bundle step) the tests start dist/hjk-desktop; otherwise they skip.
The icon files and desktop metadata are checked always, by parsing them back.
"""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "hjk-desktop"
BINARY = BUNDLE / ("hjk-desktop.exe" if os.name == "nt" else "hjk-desktop")
ICONS = ROOT / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

needs_bundle = pytest.mark.skipif(os.environ.get("HJK_TEST_BUNDLE") != "1", reason="set HJK_TEST_BUNDLE=1 after building the bundle")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    return struct.unpack(">II", data[16:24])


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.run([str(BINARY), *args], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.mark.slow
@needs_bundle
def test_bundle_exists_with_its_data_and_icons():
    assert BINARY.is_file() and os.access(BINARY, os.X_OK)
    internal = BUNDLE / "_internal"
    assert (internal / "data" / "hjemmekontor-2021" / "datapackage.json").is_file()
    assert (internal / "resources" / "icons" / "hjk-desktop.svg").is_file()


@pytest.mark.slow
@needs_bundle
def test_bundle_answers_version_and_list():
    from hjk_desktop import __version__

    version = _run("--version")
    assert version.returncode == 0 and __version__ in version.stdout
    listing = _run("list")
    assert listing.returncode == 0 and "fig1" in listing.stdout


@pytest.mark.slow
@needs_bundle
def test_bundle_smoke_run_exits_0():
    smoke = _run("--smoke")
    assert smoke.returncode == 0, smoke.stdout[-2000:] + smoke.stderr[-2000:]


@pytest.mark.slow
@needs_bundle
def test_bundle_exports_with_its_own_data(tmp_path):
    import openpyxl

    out = tmp_path / "alt.xlsx"
    done = _run("export", "--format", "xlsx", "--all", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Verdier" in openpyxl.load_workbook(out).sheetnames


# ------------------------------------------------------------------------------------------- always


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_pngs_have_their_size(size):
    assert _png_size((ICONS / f"hjk-desktop-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_png_entries_of_the_stated_sizes():
    data = (ICONS / "hjk-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = []
    for i in range(count):
        w, h, _, _, planes, bits, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        png = data[offset: offset + length]
        assert _png_size(png) == ((w or 256), (h or 256))
        assert (planes, bits) == (1, 32)
        sizes.append(w or 256)
    assert {16, 32, 48, 256} <= set(sizes)


def test_icns_chunks_are_pngs_of_their_type_size():
    data = (ICONS / "hjk-desktop.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    want = {b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    pos, seen = 8, {}
    while pos < len(data):
        kind, length = data[pos: pos + 4], struct.unpack(">I", data[pos + 4: pos + 8])[0]
        seen[kind] = _png_size(data[pos + 8: pos + length])
        pos += length
    assert seen == {k: (s, s) for k, s in want.items()}


def test_desktop_entry_and_metainfo_agree():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "packaging" / "hjk-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].split()[0] == "hjk-desktop"
    assert section["Icon"] == "hjk-desktop" and section["Categories"].endswith(";")
    meta = ET.parse(ROOT / "packaging" / "no.fafo.hjk-desktop.metainfo.xml").getroot()
    assert meta.findtext("id") == "no.fafo.hjk-desktop"
    assert meta.findtext("launchable") == "hjk-desktop.desktop"
    assert meta.find("provides/binary").text == section["Exec"].split()[0]
    from hjk_desktop import __version__

    assert meta.find("releases/release").get("version") == __version__
