#!/usr/bin/env bash
# Every test: lint, a build without warnings, the fast tier (unit, snippet, golden), the integration
# tier (promtool, Prometheus, Chromium, the built binary; own fire-tests included), generated/
# freshness and a short fuzz run of each target. Prints each phase's wall time and CPU use.
#   SLO_REQUIRE_ANCHORS=1 (set by .ci/run): fail, rather than skip, without ../shared/anchors.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
logs=.build/test-logs
mkdir -p "$logs"
rm -f "$logs"/*.log

anchors=""
for candidate in "${SLO_ANCHORS:-}" ../shared/anchors ../../shared/anchors; do
  if [[ -n "$candidate" && -d "$candidate" ]]; then anchors=$candidate && break; fi
done
if [[ -z "$anchors" && "${SLO_REQUIRE_ANCHORS:-}" == 1 ]]; then
  echo "SLO_REQUIRE_ANCHORS=1 but ../shared/anchors is missing: the Sloth and OpenSLO interop tests" >&2
  echo "cannot run (set SLO_ANCHORS=DIR if the folder is elsewhere)" >&2
  exit 1
fi
echo "anchors: ${anchors:-none; the tests that read them are skipped and listed at the end}"

# Wall and CPU time of each phase: CPU time over wall time is the cores it kept busy (the machine
# has two, so anything above 2 would be oversubscribed).
summary=()
started=$(date +%s.%N)
cpu_seconds() { # the children's CPU time so far, from `times` (which must run in this shell)
  awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); printf "%.2f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"
}
phase() {
  local name=$1 wall0
  shift
  echo "== $name"
  wall0=$(date +%s.%N)
  times >"$logs/times-before"
  "$@"
  times >"$logs/times-after"
  summary+=("$(awk -v n="$name" -v w0="$wall0" -v w1="$(date +%s.%N)" -v c0="$(cpu_seconds "$logs/times-before")" \
    -v c1="$(cpu_seconds "$logs/times-after")" \
    'BEGIN { w = w1 - w0; c = c1 - c0; printf "%-34s %6.1f s wall %7.1f s CPU %5.2f cores", n, w, c, c / w }')")
}
report() {
  local status=$?
  echo "== summary"
  printf '%s\n' "${summary[@]}"
  awk -v w0="$started" -v w1="$(date +%s.%N)" 'BEGIN { printf "whole test command: %.0f s (%d min %d s)\n", w1 - w0, (w1 - w0) / 60, (w1 - w0) % 60 }'
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ -n "${fuzz_build:-}" ]] && kill -0 "$fuzz_build" 2>/dev/null; then kill -- -"$fuzz_build" 2>/dev/null || true; fi
  if grep -h "skipped" "$logs"/*-tier.log >/dev/null 2>&1; then
    echo "skipped tests:"
    grep -h "skipped" "$logs"/*-tier.log | sed 's/^/  /'
  fi
  exit "$status"
}
trap report EXIT

build() {
  swift build --build-tests 2>&1 | tee "$logs/build.log"
  if grep -q "warning:" "$logs/build.log"; then
    echo "the build has warnings" >&2
    return 1
  fi
}
fast() { swift test --skip-build --filter SLOKitTests 2>&1 | tee "$logs/fast-tier.log"; }
# The runner holds 500 MB on purpose: every peak-memory limit must hold whatever its size.
integration() {
  SLO_TEST_BALLAST_MB=500 swift test --skip-build --skip SLOKitTests 2>&1 | tee "$logs/integration-tier.log"
}

# The fuzz build (debug, sanitizers, its own .build-fuzz: about 45 s of CPU, where the release
# build `scripts/fuzz.sh` uses for real fuzzing took 120-200 s, half the build phase) starts
# first, in the background beside lint and the debug build. Its own session, so that an early
# failure stops it (and its compilers) too. Its CPU time counts in its phase.
setsid bash scripts/fuzz.sh --build-only --debug >"$logs/fuzz-build.log" 2>&1 &
fuzz_build=$!
fuzz_build_wait() {
  local status=0
  wait "$fuzz_build" || status=$?
  fuzz_build=""
  tail -n 3 "$logs/fuzz-build.log"
  return "$status"
}

phase "lint" swift format lint --strict --recursive Package.swift Sources Tests Fuzz
phase "architecture: stages only reference forward" python3 scripts/check-architecture.py --self-test
phase "build (debug, tests)" build
phase "fast tier" fast
phase "integration tier" integration
# slo.yaml names the specs, the output folder, the formats and the PrometheusRule metadata.
phase "generated/ is current" .build/debug/slo compile --check
phase "fuzz: build (rest of; started first)" fuzz_build_wait
phase "fuzz: 4 targets at once for 10 s" bash scripts/fuzz.sh --no-build --debug --jobs 4 10
