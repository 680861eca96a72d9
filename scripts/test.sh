#!/usr/bin/env bash
# Every test: unit, snippet, golden and end-to-end suites, formatting, the committed output's freshness, and
# a short fuzz run of each target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
echo "== lint"
swift format lint --strict --recursive Package.swift Sources Tests Fuzz

python3 scripts/check-architecture.py --self-test  # stages only reference forward (issue 19)

echo "== build"
swift build --build-tests 2>&1 | tee .build-warnings.log
if grep -q "warning:" .build-warnings.log; then echo "build has warnings" >&2; rm -f .build-warnings.log; exit 1; fi
rm -f .build-warnings.log
echo "== tests"
swift test
echo "== own specs: generated/ must be current (slo.yaml says how) and load in Prometheus"
.build/debug/slo compile --check
promtool check rules generated/*/rules.yml
echo "== own fire-tests (promtool test rules generated/*/rules.test.yml, two at a time)"
start=$(date +%s)
ls generated/*/rules.test.yml | xargs -P2 -n1 promtool test rules
echo "own fire-tests took $(( $(date +%s) - start )) s"
echo "== fuzz: 15 s a target, 60 s in all (the 10-minute run is bash scripts/fuzz.sh 600)"
bash scripts/fuzz.sh 15
