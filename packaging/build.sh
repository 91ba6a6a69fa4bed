#!/usr/bin/env bash
# Build the one-folder bundle dist/hjk-desktop/ with PyInstaller (Linux, Windows under Git Bash, macOS).
# Usage: bash packaging/build.sh        (uses .venv/bin/python unless PYTHON is set)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "build.sh: PyInstaller is missing; install it with: $PY -m pip install -e '.[bundle]'" >&2
  exit 1
fi
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/hjk-desktop.spec
end=$(date +%s)
size=$(du -sm dist/hjk-desktop | cut -f1)
echo "build.sh: dist/hjk-desktop built in $((end - start)) s, ${size} MB on disk"
