#!/usr/bin/env bash
# Builds the libFuzzer binary (address sanitizer, leak detection) and runs each target for SECONDS
# on a working copy of its seed corpus (Fuzz/seeds.py). Usage:
#   bash scripts/fuzz.sh [--build-only | --no-build] [--debug] [--jobs N] [SECONDS_PER_TARGET] [TARGET...]
#   targets: yaml promql compile response (default: all); --jobs N fuzzes N targets at a time
#   (each libFuzzer process uses one core; default 1).
# A crash, hang (-timeout), leak or out-of-memory stops that target; its input is kept under
# .build-fuzz/findings/TARGET/ and the script exits 1 after running the other targets.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 run=1 jobs=1 config=release
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --build-only) run=0 ;;
    # A debug build (about 45 s of CPU instead of 120-200 s) for the test command's short run: the
    # same sanitizers and coverage, but the `compile` target runs about 60x slower, so use the
    # release build (the default) for real fuzzing.
    --debug) config=debug ;;
    --no-build) build=0 ;;
    --jobs) jobs=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(yaml promql compile response); fi
bash scripts/install-deps.sh

scratch=.build-fuzz
binary="$scratch/$config/SLOFuzz"
if ((build)); then
  mkdir -p "$scratch"
  # lld honours SwiftPM's `--defsym main=SLOFuzz_main` over libFuzzer's own main; gold fails on it.
  cat >"$scratch/toolset.json" <<JSON
{"schemaVersion": "1.0", "linker": {"path": "$(dirname "$(readlink -f "$(command -v swiftc)")")/ld.lld"}}
JSON
  echo "== build ($config, -sanitize=fuzzer,address)"
  start=$(date +%s)
  SLO_FUZZ=1 swift build --scratch-path "$scratch" -c "$config" --toolset "$scratch/toolset.json" \
    -Xswiftc -sanitize=fuzzer,address --product SLOFuzz
  echo "fuzz build took $(($(date +%s) - start)) s"
fi
if ((!run)); then exit 0; fi
[[ -x "$binary" ]] || { echo "no fuzz binary at $binary: run without --no-build" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Fuzzes one target; its report goes to $work/TARGET.out, libFuzzer's exit status to $work/TARGET.status.
fuzz() {
  local target=$1 max_len timeout dict
  case "$target" in
    yaml) max_len=16384 timeout=10 dict=Fuzz/spec.dict ;;
    promql) max_len=2048 timeout=10 dict=Fuzz/promql.dict ;;
    compile) max_len=8192 timeout=30 dict=Fuzz/spec.dict ;;
    response) max_len=16384 timeout=10 dict=Fuzz/json.dict ;;
  esac
  local corpus="$work/$target" findings="$scratch/findings/$target" status=0
  mkdir -p "$findings"
  python3 Fuzz/seeds.py "$target" "$corpus"
  # The Swift runtime's own crash handler would hide the report from libFuzzer and ASan.
  SWIFT_BACKTRACE=enable=no SLO_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
    "$binary" "$corpus" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
    -max_len="$max_len" -dict="$dict" -detect_leaks=1 -artifact_prefix="$findings/" -print_final_stats=1 \
    >"$work/$target.log" 2>&1 || status=$?
  {
    echo "== fuzz $target for $seconds s"
    grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|^INFO:.*[Ll]eak|^stat::|ERROR|SUMMARY|Test unit written|Fatal error|==[0-9]+==" \
      "$work/$target.log" || true
    if ((status != 0)); then
      tail -n 60 "$work/$target.log"
      echo "FAIL $target: libFuzzer exited $status; the input is in $findings/"
    fi
  } >"$work/$target.out"
  echo "$status" >"$work/$target.status"
}

for target in "${targets[@]}"; do
  case "$target" in
    yaml | promql | compile | response) ;;
    *) echo "unknown target $target (yaml, promql, compile, response)" >&2; exit 64 ;;
  esac
done
for target in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n; done
  fuzz "$target" &
done
wait
failed=()
for target in "${targets[@]}"; do
  cat "$work/$target.out"
  [[ "$(cat "$work/$target.status")" == 0 ]] || failed+=("$target")
done
if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: no crash, hang or leak in ${targets[*]} ($seconds s each, $jobs at a time)"
