#!/usr/bin/env python3
"""Runs a command RUNS times; prints the best wall time and the peak RSS of the child.

Usage: measure.py RUNS LABEL -- COMMAND...   (stdout of the command is discarded)
"""
import resource
import subprocess
import sys
import time

runs, label = int(sys.argv[1]), sys.argv[2]
command = sys.argv[sys.argv.index("--") + 1:]
best = None
for _ in range(runs):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0,):
        sys.exit(f"{label}: command failed with {result.returncode}")
    best = elapsed if best is None else min(best, elapsed)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{label}: best {best:.3f} s of {runs}, peak RSS {peak_mb:.0f} MB")
