#!/usr/bin/env bash
# Issue 3's target: parsing 100,000 typical SLI queries takes under 1 s in a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product slo >/dev/null
for run in 1 2 3; do .build/release/slo benchmark promql --count 100000; done
