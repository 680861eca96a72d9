#!/usr/bin/env python3
"""Runs a command RUNS times; prints the best wall time and the peak RSS of the child.

The peak comes from GNU time (`time -f %M`): Python starts children with vfork, so the
`ru_maxrss` of RUSAGE_CHILDREN would include this script's own size.

Usage: measure.py RUNS LABEL [--fresh PATH] -- COMMAND...   (stdout of the command is discarded)
--fresh PATH removes PATH before every run, untimed, so each run starts from the same state
(a compile into an existing output folder compares and links instead of writing).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

runs, label = int(sys.argv[1]), sys.argv[2]
separator = sys.argv.index("--")
options, command = sys.argv[3:separator], sys.argv[separator + 1:]
fresh = options[options.index("--fresh") + 1] if "--fresh" in options else None
best = None
peak_mb = 0.0
report = os.path.join(tempfile.mkdtemp(), "peak")
for _ in range(runs):
    if fresh:
        shutil.rmtree(fresh, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report, "--"] + command, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0,):
        sys.exit(f"{label}: command failed with {result.returncode}")
    best = elapsed if best is None else min(best, elapsed)
    with open(report) as handle:
        peak_mb = max(peak_mb, int(handle.read().split()[-1]) / 1024)
shutil.rmtree(os.path.dirname(report))
print(f"{label}: best {best:.3f} s of {runs}, peak RSS {peak_mb:.0f} MB")
