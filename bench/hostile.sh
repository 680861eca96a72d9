#!/usr/bin/env bash
# Hostile inputs (validate) and misbehaving servers (report) against the release binary: wall time
# and peak RSS of each, with targets (2 s and 200 MB per input, 200 MB per failing report). The
# end-to-end tests only catch hangs and explosions, at ten times these figures.
# SLO_BIN=path skips the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
if [[ -z "${SLO_BIN:-}" ]]; then
  swift build -c release --product slo >/dev/null
  SLO_BIN=.build/release/slo
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/hostile.py "$SLO_BIN" "$work"
