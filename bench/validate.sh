#!/usr/bin/env bash
# Issue 2's target: validating 1,000 spec files of 10 SLOs each takes under 1 s in a release build.
source "$(dirname "$0")/setup.sh"
python3 bench/gen_specs.py "$work/specs" 1000 10
python3 bench/measure.py 5 "validate 1,000 files x 10 SLOs (target < 1 s)" -- .build/release/slo validate "$work/specs"
