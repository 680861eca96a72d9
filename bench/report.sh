#!/usr/bin/env bash
# Issue 6's target: `slo report` for 100 SLOs against a local Prometheus finishes in under 5 s.
# 10 services x 10 SLOs (mixed SLI kinds, bench/gen_specs.py) over 31 days of 1-minute history
# (bench/report_history.py), backfilled into a Prometheus started here on 127.0.0.1.
# SLO_BIN=path skips the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
if [[ -z "${SLO_BIN:-}" ]]; then
  swift build -c release --product slo >/dev/null
  SLO_BIN=.build/release/slo
fi
work=$(mktemp -d)
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
end=$(( $(date +%s) / 60 * 60 - 600 ))
python3 bench/gen_specs.py "$work/specs" 10 10
started=$(date +%s)
python3 bench/report_history.py "$work/history.om" 10 10 31 "$end"
promtool tsdb create-blocks-from openmetrics --max-block-duration=744h "$work/history.om" "$work/tsdb" >/dev/null
rm "$work/history.om"
echo "history: $(( $(date +%s) - started )) s to write and backfill 31 days"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'global:\n  scrape_interval: 1m\n' >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$port" --storage.tsdb.retention.time=400d --log.level=warn &
server=$!
for _ in $(seq 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/-/ready')" 2>/dev/null && break
  sleep 0.2
done
at=$(date -u -d "@$end" +%Y-%m-%dT%H:%M:%SZ)
"$SLO_BIN" report --prometheus "http://127.0.0.1:$port" "$work/specs" --at "$at" -o "$work/reports"
python3 bench/measure.py 5 "report 100 SLOs from 31 days of history (target < 5 s)" -- \
  "$SLO_BIN" report --prometheus "http://127.0.0.1:$port" "$work/specs" --at "$at" -o "$work/reports"
