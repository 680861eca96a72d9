#!/usr/bin/env python3
"""Hostile inputs and misbehaving servers against one slo binary: wall time and peak RSS of each.

Usage: hostile.py SLO_BIN WORK_DIR

The inputs are those of the end-to-end tests (HostileInputTests, every file of
Tests/SLOKitTests/Fixtures/invalid, ReportFailureTests' fake Prometheus modes). Each validate
runs three times (best wall time, largest peak); peak RSS comes from GNU time (`time -f %M`),
whose fork-started child reports its own peak, not this script's. Prints a Markdown table and
exits 1 when a figure misses its target (validate: 2 s and 200 MB; report: 200 MB).
"""
import os
import subprocess
import sys
import time

slo, work = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.makedirs(work, exist_ok=True)


def measure(command):
    """Wall seconds and peak MB of one run (exit status ignored: these runs are meant to fail)."""
    report = os.path.join(work, "time.out")
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report, "--"] + command,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    with open(report) as handle:
        return elapsed, int(handle.read().split()[-1]) / 1024


def write(name, data):
    path = os.path.join(work, name)
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def laughs():
    text = 'version: slo/v1\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(1, 10):
        previous = "a" if level == 1 else f"l{level - 1}"
        text += f"l{level}: &l{level} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    return text.encode()


inputs = [
    ("million levels of flow nesting", write("flow.yaml", b"[" * 1_000_000)),
    ("million levels of block nesting", write("block.yaml", b"a:\n" + b"- " * 1_000_000)),
    ("billion laughs", write("laughs.yaml", laughs())),
    ("50 MB file", write("big.yaml", b'version: slo/v1\ndescription: "' + b"x" * (50 << 20) + b'"\n')),
    ("invalid UTF-8", write("utf8.yaml", b"version: slo/v1\nservice: \xc3\x28\n")),
    ("NUL byte", write("nul.yaml", b"version: slo/v1\nservice: a\x00\n")),
]
invalid = os.path.join(root, "Tests/SLOKitTests/Fixtures/invalid")
rows, failed = [], False
for label, path in inputs:
    runs = [measure([slo, "validate", path]) for _ in range(3)]
    rows.append((f"validate: {label}", min(r[0] for r in runs), max(r[1] for r in runs), 2.0, 200))
fixtures = sorted(f for f in os.listdir(invalid) if f.endswith(".yaml"))
worst_time = worst_memory = (0, 0, "")
for name in fixtures:
    seconds, megabytes = measure([slo, "validate", os.path.join(invalid, name)])
    worst_time = max(worst_time, (seconds, megabytes, name))
    worst_memory = max(worst_memory, (megabytes, seconds, name))
rows.append((f"validate: slowest of {len(fixtures)} invalid fixtures ({worst_time[2]})", worst_time[0],
             worst_time[1], 2.0, 200))
rows.append((f"validate: largest of {len(fixtures)} invalid fixtures ({worst_memory[2]})", worst_memory[1],
             worst_memory[0], 2.0, 200))

fake = os.path.join(root, "Tests/EndToEndTests/Fixtures/tools/fake_prometheus.py")
spec = os.path.join(root, "Tests/EndToEndTests/Fixtures/report/checkout.yaml")
for mode in ["stall", "slow", "error500", "huge", "garbage"]:
    port_file = os.path.join(work, f"{mode}.port")
    server = subprocess.Popen([sys.executable, fake, mode, port_file],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(500):
            if os.path.exists(port_file):
                break
            time.sleep(0.02)
        with open(port_file) as handle:
            port = handle.read().strip()
        seconds, megabytes = measure([slo, "report", "--prometheus", f"http://127.0.0.1:{port}", spec,
                                      "--at", "2026-03-03T00:00:00Z", "-o", os.path.join(work, "reports"),
                                      "--timeout", "2s"])
    finally:
        server.kill()
        server.wait()
    rows.append((f"report --timeout 2s: {mode} server", seconds, megabytes, None, 200))

print("| case | wall | peak RSS | target |")
print("|---|---|---|---|")
for label, seconds, megabytes, time_target, memory_target in rows:
    target = (f"< {time_target:g} s, " if time_target else "") + f"< {memory_target} MB"
    missed = (time_target and seconds >= time_target) or megabytes >= memory_target
    failed = failed or missed
    print(f"| {label} | {seconds:.3f} s | {megabytes:.1f} MB | {target}{' MISSED' if missed else ''} |")
sys.exit(1 if failed else 0)
