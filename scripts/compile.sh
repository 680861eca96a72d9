#!/usr/bin/env bash
# The main job: compile the specs in slo/ into generated/ as slo.yaml says (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product slo
.build/release/slo compile "$@"
