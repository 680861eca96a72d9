#!/usr/bin/env bash
# The rule-cost target (issues 11, 16): one evaluation of our rules for an SLO over 100 series with 30 days of
# history reads at most 10% of the samples Sloth's rules read (issue 16; issue 11 asked for 20%) on the same data, in a real Prometheus
# (backfilled), and the alert fire-tests still pass. Prints Sloth's and Pyrra's figures beside ours.
# Needs ../shared/anchors (Sloth's and Pyrra's generated rules, read at run time, never copied).
# SLO_BIN=/path/to/slo skips the release build; ANCHORS=DIR (or SLO_ANCHORS=DIR, as for the tests)
# overrides ../shared/anchors; without them it stops at once with exit 2.
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=${ANCHORS:-${SLO_ANCHORS:-../shared/anchors}}
if [[ ! -d "$anchors/sloth" || ! -d "$anchors/pyrra" ]]; then
  echo "bench/rule-cost.sh needs Sloth's and Pyrra's rules in $anchors (../shared/anchors, not part of" >&2
  echo "this repository); set ANCHORS=DIR where they are" >&2
  exit 2
fi
if [[ -n "${SLO_BIN:-}" ]]; then
  slo=$SLO_BIN
else
  bash scripts/install-deps.sh --test
  swift build -c release --product slo >/dev/null
  slo=.build/release/slo
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rule-cost.XXXXXX")
py=""
cleanup() {
  if [[ -n "$py" ]]; then kill -TERM "$py" 2>/dev/null || true; wait "$py" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start=$SECONDS
# In the background so that a signal reaches it: it stops its Prometheus servers on SIGTERM.
python3 bench/rule_cost.py --slo "$slo" --anchors "$anchors" --work "$work" &
py=$!
status=0
wait "$py" || status=$?
py=""
echo "rule-cost.sh: $((SECONDS - start)) s"
exit "$status"
