#!/usr/bin/env bash
# Issues 11 and 16's compiler targets: `slo compile` of synthetic trees (10 SLOs a file, the broad
# mix of bench/gen_specs_broad.py: every SLI kind, groupBy, timeslices, SLAs, varied objectives and
# windows, explicit alert names) against a floor, a C program that parses the same input with
# libyaml and writes as many bytes with libyaml's emitter. Targets: 10,000 SLOs within 2x the floor
# and under 300 MB peak RSS; 100,000 SLOs under 500 MB and within 11x the 10,000 time (linear).
# Usage: bench/compile.sh [SLOS...]   (default: 100 1000 10000 100000; runs: best of 3, 1 at 100,000)
source "$(dirname "$0")/setup.sh"
cc -O2 -o "$work/yaml_floor" bench/floor/yaml_floor.c $(pkg-config --cflags --libs yaml-0.1)
sizes=("$@")
if ((${#sizes[@]} == 0)); then sizes=(100 1000 10000 100000); fi

# "LABEL: best 1.234 s of 3, peak RSS 56 MB" -> "1.234 56"
figures() { sed -E 's/.*best ([0-9.]+) s of [0-9]+, peak RSS ([0-9]+) MB/\1 \2/'; }

rows=()
declare -A wall rss
for slos in "${sizes[@]}"; do
  runs=3
  if ((slos >= 100000)); then runs=1; fi
  specs="$work/specs-$slos" out="$work/out-$slos"
  python3 bench/gen_specs_broad.py "$specs" $((slos / 10)) 10
  read -r time peak < <(python3 bench/measure.py "$runs" "compile $slos" --fresh "$out" -- \
    .build/release/slo compile "$specs" -o "$out" --format prometheus --format prometheus-operator | figures)
  bytes=$(find "$out" -type f -printf '%s\n' | awk '{ sum += $1 } END { printf "%.0f\n", sum }')
  files=$(find "$out" -type f | wc -l)
  rm -rf "$out"
  read -r floor floor_peak < <(python3 bench/measure.py "$runs" "floor $slos" -- \
    "$work/yaml_floor" "$specs" "$work/floor.yaml" "$bytes" | figures)
  rm -rf "$specs" "$work/floor.yaml"
  wall[$slos]=$time rss[$slos]=$peak
  ratio=$(awk -v a="$time" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
  rows+=("$(printf '| %s | %s s | %s MB | %s (%s files) | %s s (%s MB) | %s× |' \
    "$slos" "$time" "$peak" "$bytes" "$files" "$floor" "$floor_peak" "$ratio")")
  echo "compiled $slos SLOs: $time s, $peak MB, $bytes bytes in $files files; floor $floor s; ratio $ratio" >&2
  if ((slos == 10000)); then ratio10k=$ratio; fi
done

echo
echo "| SLOs | slo compile (wall) | peak RSS | output bytes | libyaml floor (wall, RSS) | ratio |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
status=0
check() { # LABEL CONDITION
  if awk "BEGIN { exit !($2) }"; then echo "ok:   $1"; else echo "FAIL: $1"; status=1; fi
}
if [[ -n "${ratio10k:-}" ]]; then
  check "10,000 SLOs within 2x the floor (${ratio10k}x)" "$ratio10k <= 2"
  check "10,000 SLOs under 300 MB peak RSS (${rss[10000]} MB)" "${rss[10000]} < 300"
fi
if [[ -n "${rss[100000]:-}" ]]; then
  check "100,000 SLOs under 500 MB peak RSS (${rss[100000]} MB)" "${rss[100000]} < 500"
fi
if [[ -n "${wall[10000]:-}" && -n "${wall[100000]:-}" ]]; then
  scale=$(awk -v a="${wall[100000]}" -v b="${wall[10000]}" 'BEGIN { printf "%.1f", a / b }')
  check "100,000 SLOs within 11x the 10,000 time (${scale}x)" "$scale <= 11"
fi
exit $status
