"""What the benchmarks share: the machine they ran on and a percentile. Imported by the bench_*.py scripts, which
run from this folder."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def percentile(samples: list[float], q: float) -> float:
    """The q-quantile (0–1) of samples, interpolated between the two nearest."""
    ordered = sorted(samples)
    pos = (len(ordered) - 1) * q
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def machine(qt: str = "") -> str:
    """One line: system, CPU, cores, Python and the GUI libraries' versions (and where Qt drew, when given)."""
    import pandas
    import pyqtgraph
    import PySide6

    return (f"{platform.system()} {platform.release()}, {cpu_model()}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}, PySide6 {PySide6.__version__}, pyqtgraph {pyqtgraph.__version__}, "
            f"pandas {pandas.__version__}" + (f"; Qt {qt}" if qt else ""))
