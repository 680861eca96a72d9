#!/usr/bin/env python3
"""Runs a command RUNS times; prints the best wall time and the peak RSS of the child.

Usage: measure.py RUNS LABEL [--fresh PATH] -- COMMAND...   (stdout of the command is discarded)
--fresh PATH removes PATH before every run, untimed, so each run starts from the same state
(a compile into an existing output folder compares and links instead of writing).
"""
import resource
import shutil
import subprocess
import sys
import time

runs, label = int(sys.argv[1]), sys.argv[2]
separator = sys.argv.index("--")
options, command = sys.argv[3:separator], sys.argv[separator + 1:]
fresh = options[options.index("--fresh") + 1] if "--fresh" in options else None
best = None
for _ in range(runs):
    if fresh:
        shutil.rmtree(fresh, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0,):
        sys.exit(f"{label}: command failed with {result.returncode}")
    best = elapsed if best is None else min(best, elapsed)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{label}: best {best:.3f} s of {runs}, peak RSS {peak_mb:.0f} MB")
