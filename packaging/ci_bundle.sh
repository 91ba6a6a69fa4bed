#!/usr/bin/env bash
# CI bundle step: build dist/hjk-desktop with PyInstaller, then start the bundle headless and check it.
# Prints the build time, the bundle size and how long each check took. Exit status: 0 when all pass.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
secs() { echo "$(( ($2 - $1) / 1000000000 )).$(printf '%03d' $(( ($2 - $1) / 1000000 % 1000 )))"; }
t0=$(date +%s%N)
bash packaging/build.sh
t1=$(date +%s%N)
echo "ci_bundle: build took $(secs "$t0" "$t1") s"
BIN=dist/hjk-desktop/hjk-desktop
[ -x "$BIN" ] || { echo "ci_bundle: $BIN is missing" >&2; exit 1; }

check() {  # check NAME COMMAND...: run it, print the elapsed seconds, fail on a non-zero exit
  local name=$1; shift
  local s e
  s=$(date +%s%N)
  if ! "$@" >/tmp/hjk-bundle-$name.log 2>&1; then
    echo "ci_bundle: '$name' failed:" >&2
    tail -20 /tmp/hjk-bundle-$name.log >&2
    exit 1
  fi
  e=$(date +%s%N)
  echo "ci_bundle: $name ok in $(secs "$s" "$e") s"
}

check version "$BIN" --version
check list "$BIN" list
out=$(mktemp -d)
check export-xlsx "$BIN" export --format xlsx --all --out "$out/alt.xlsx"
check export-png "$BIN" export --format png --exhibit fig1 --out "$out/fig1.png"
rm -rf "$out"
check smoke timeout 300 "$BIN" --smoke
echo "ci_bundle: dist/hjk-desktop is $(du -sm dist/hjk-desktop | cut -f1) MB"
