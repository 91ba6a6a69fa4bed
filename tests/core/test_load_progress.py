"""Loading reports its progress and can be cancelled: load_package(path, progress=callback)."""

from __future__ import annotations

from pathlib import Path

import pytest

import hjk_desktop.core.package as package_module
import hjk_desktop.core.package_files as package_files
from hjk_desktop.core.package import LoadCancelled, PackageError, load_package
from tests.generated import generator

from .conftest import BUNDLED


def _make_package(out: Path, **size) -> Path:
    module = generator()
    module.make_package(out, **size)
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A package large enough for the column reader (values.csv of some 6,000 rows)."""
    return _make_package(tmp_path_factory.mktemp("gen") / "pkg", chapters=15, per_chapter=10, items=7, seed=5)


class Recorder:
    def __init__(self, stop_at: float | None = None, answer=None):
        self.calls: list[tuple[int, int]] = []
        self.stop_at = stop_at
        self.answer = answer

    def __call__(self, done: int, total: int):
        self.calls.append((done, total))
        if self.stop_at is not None and done >= self.stop_at * total:
            return False
        return self.answer


def _check_counting(calls: list[tuple[int, int]]) -> None:
    assert calls, "the callback was never called"
    totals = {total for _done, total in calls}
    assert len(totals) == 1 and totals.pop() > 0, "the total stays the same throughout"
    dones = [done for done, _total in calls]
    assert dones == sorted(dones), "progress never goes back"
    assert dones[0] >= 0 and dones[-1] == calls[-1][1], "progress ends at done == total"


def test_counting_callback_on_the_bundled_package_ends_at_total():
    seen = Recorder()
    package = load_package(BUNDLED, progress=seen)
    _check_counting(seen.calls)
    assert len(seen.calls) >= 8, "at least once per file"
    assert len(seen.calls) < 100, "not once per row"
    assert len(package.values) > 0


@pytest.mark.parametrize("reader", ["columns", "rows"])
def test_a_large_file_reports_between_chunks_of_rows(generated, monkeypatch, reader):
    monkeypatch.setattr(package_files, "CHUNK_ROWS", 1000)
    if reader == "rows":
        monkeypatch.setattr(package_module, "FAST_MIN_CHARS", 10**12)
    seen = Recorder()
    package = load_package(generated, progress=seen)
    _check_counting(seen.calls)
    # values.csv alone has some 6,000 rows: several reports while it is read, not only one per file
    assert len(seen.calls) >= 8 + len(package.values) // 1000 - 1
    assert len({done for done, _ in seen.calls}) > 8


@pytest.mark.parametrize("reader", ["columns", "rows"])
def test_cancelling_halfway_raises_load_cancelled_and_stops(generated, monkeypatch, reader):
    monkeypatch.setattr(package_files, "CHUNK_ROWS", 1000)
    if reader == "rows":
        monkeypatch.setattr(package_module, "FAST_MIN_CHARS", 10**12)
    seen = Recorder(stop_at=0.5)
    with pytest.raises(LoadCancelled):
        load_package(generated, progress=seen)
    done, total = seen.calls[-1]
    assert total / 2 <= done < total, "stopped halfway, not at the end"
    assert sum(1 for d, _ in seen.calls if d >= total / 2) == 1, "no call after the one that said stop"
    # nothing was kept: the same folder loads in full afterwards
    again = Recorder()
    assert len(load_package(generated, progress=again).values) > 0
    _check_counting(again.calls)


def test_cancelling_at_the_first_call_reads_nothing(monkeypatch):
    read: list[str] = []
    real = package_files.read_text
    monkeypatch.setattr(package_files, "read_text", lambda path, *a, **k: read.append(path.name) or real(path, *a, **k))
    with pytest.raises(LoadCancelled):
        load_package(BUNDLED, progress=lambda done, total: False)
    assert [name for name in read if name.endswith(".csv")] == [], "cancelled before any CSV file was read"


def test_load_cancelled_is_not_a_package_error():
    assert not issubclass(LoadCancelled, PackageError)
    assert issubclass(LoadCancelled, Exception)


def test_true_and_none_answers_go_on():
    for answer in (True, None):
        seen = Recorder(answer=answer)
        assert len(load_package(BUNDLED, progress=seen).exhibits) > 0
        _check_counting(seen.calls)


def test_an_exception_in_the_callback_is_passed_on_unchanged():
    class Oops(RuntimeError):
        pass

    def broken(done, total):
        raise Oops("from the callback")

    with pytest.raises(Oops, match="from the callback"):
        load_package(BUNDLED, progress=broken)


def test_a_broken_package_still_raises_package_error_with_progress(package_copy):
    (package_copy / "values.csv").write_text("id,chapter\n", encoding="utf-8")
    seen = Recorder()
    with pytest.raises(PackageError) as info:
        load_package(package_copy, progress=seen)
    assert any(p.rule == "column-missing" for p in info.value.problems)
    dones = [done for done, _ in seen.calls]
    assert dones == sorted(dones)
