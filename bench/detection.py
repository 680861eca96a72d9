#!/usr/bin/env python3
"""Detection race (issue 16): minutes to fire and to clear of our page and ticket alerts against
Sloth's, measured with the real `promtool test rules` on the same counters.

For each SLO window (30d and 28d against Sloth's generated rules for its 30-day 99.9% example, the
28-day one with `windows/google-28d.yaml`'s factors; 7d against Sloth-style raw-rate rules with
our 7-day windows, i.e. the SRE Workbook maths scaled to 7 days): 6 hours of healthy traffic
(http_requests_total{job="bench",code="500"|"200"}, 1000 requests a minute, a sample a minute),
then errors at 100/50/20/10/5/2% of requests for 2 hours, then healthy for 400 minutes; rules
evaluated every minute. fire = first firing evaluation minus the outage start, clear = first
evaluation without the alert after the last firing one minus the recovery start (minutes). The
ALERTS series promtool writes are read back with deliberately failing promql_expr_tests.

Sloth's recordings and alerts are separate groups; it is measured in its best order (recordings
first): in a real Prometheus the order is not fixed and it can be one evaluation later.

Usage: bench/detection.py [--slo .build/debug/slo] [--anchors ../shared/anchors] [--markdown]
Prints a Markdown table (the one in docs/DETECTION.md). The integration test
Tests/IntegrationTests/DetectionRaceTests.swift checks the same race's claims on every run.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

RATIOS = [1.0, 0.5, 0.2, 0.1, 0.05, 0.02]
PER_MIN = 1000
HISTORY, OUTAGE, RECOVERY = 360, 120, 400
ERRORS = 'http_requests_total{job="bench",code=~"5.."}'
TOTAL = 'http_requests_total{job="bench"}'
SPEC = """version: slo/v1
service: bench
window: {window}
slos:
  - name: availability
    objective: 99.9
    sli:
      errors: {errors}
      total: {total}
"""
# Our tiers per window, for the Workbook rules at 7 days (the same as the compiled rules').
WORKBOOK_7D = [("page", [("5m", "15m", 13.44), ("5m", "1h", 8.4)]),
               ("ticket", [("30m", "6h", 2.8), ("1h", "17h", 0.988235294118)])]


def ours(slo, window, work):
    folder = os.path.join(work, f"spec-{window}")
    os.makedirs(os.path.join(folder, "slo"), exist_ok=True)
    with open(os.path.join(folder, "slo", "bench.yaml"), "w") as f:
        f.write(SPEC.format(window=window, errors=ERRORS, total=TOTAL))
    subprocess.run([slo, "compile", "slo", "-o", "out", "--format", "prometheus"], cwd=folder, check=True,
                   capture_output=True)
    with open(os.path.join(folder, "out", "bench", "rules.yml")) as f:
        return f.read(), "slo_severity"


def sloth(anchors, days):
    with open(os.path.join(anchors, "sloth/examples/_gen/getting-started.yml")) as f:
        text = f.read()
    swaps = [('http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}', ERRORS),
             ('http_request_duration_seconds_count{job="myservice"}', TOTAL)]
    if days == 28:
        swaps += [("(14.4 *", "(13.44 *"), ("(6 *", "(5.6 *"), ("(3 *", "(2.8 *"),
                  ("(1 *", "(0.9333333333333333 *"), ("[30d]", "[28d]")]
    for old, new in swaps:
        if old not in text:
            sys.exit(f"Sloth's rules no longer contain {old}")
        text = text.replace(old, new)
    return text, "sloth_severity"


def workbook():
    windows = sorted({w for _, pairs in WORKBOOK_7D for s, l, _ in pairs for w in (s, l)})
    out = ["groups:", "- name: workbook-recordings", "  rules:"]
    for w in windows:
        out += [f"  - record: workbook:error_ratio_{w}",
                f"    expr: sum(rate({ERRORS}[{w}])) / sum(rate({TOTAL}[{w}]))"]
    out += ["- name: workbook-alerts", "  rules:"]
    for sev, pairs in WORKBOOK_7D:
        cond = " or ".join(f"(workbook:error_ratio_{s} > ({f} * 0.001) and workbook:error_ratio_{l} > ({f} * 0.001))"
                           for s, l, f in pairs)
        out += ["  - alert: WorkbookBurn", f"    expr: {cond}", "    labels:", f"      sloth_severity: {sev}"]
    return "\n".join(out) + "\n", "sloth_severity"


def counter(ratio, kind, horizon):
    values = []
    bad = good = 0
    for minute in range(horizon + 1):
        values.append(str(good if kind == "good" else bad))
        failing = HISTORY <= minute < HISTORY + OUTAGE
        bad += round(PER_MIN * ratio) if failing else 0
        good += PER_MIN - (round(PER_MIN * ratio) if failing else 0)
    return " ".join(values)


def test_file(label):
    horizon = HISTORY + OUTAGE + RECOVERY
    out = ["rule_files: [rules.yml]", "evaluation_interval: 1m", "tests:"]
    for ratio in RATIOS:
        out += ["- interval: 1m", "  input_series:"]
        for code, kind in (("500", "bad"), ("200", "good")):
            out += [f"  - series: 'http_requests_total{{job=\"bench\",code=\"{code}\"}}'",
                    f"    values: '{counter(ratio, kind, horizon)}'"]
        out.append("  promql_expr_test:")
        for sev in ("page", "ticket"):
            sel = f'ALERTS{{alertstate="firing",{label}="{sev}"}}'
            for name, expr in (("first", f"min_over_time((time() * {sel})[{horizon}m:1m])"),
                               ("last", f"max_over_time((time() * {sel})[{horizon}m:1m])")):
                out += [f"  - expr: 'label_replace({expr}, \"probe\", \"{ratio}/{sev}/{name}\", \"\", \"\")'",
                        f"    eval_time: {horizon}m",
                        "    exp_samples: [{labels: '{probe=\"x\"}', value: -1}]"]
    return "\n".join(out) + "\n"


GOT = re.compile(r'probe="([^"]+)"[^}]*\}\s+(\S+)')


def measure(rules, label, work, name):
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "rules.yml"), "w") as f:
        f.write(rules)
    with open(os.path.join(folder, "test.yml"), "w") as f:
        f.write(test_file(label))
    run = subprocess.run(["promtool", "test", "rules", "test.yml"], cwd=folder, capture_output=True, text=True)
    text = run.stdout + run.stderr
    if "exp:" not in text:
        sys.exit(f"{name}: promtool did not run the probes:\n{text[-3000:]}")
    got = {m[1]: float(m[2]) for m in GOT.finditer(text)}
    result = {}
    for ratio in RATIOS:
        for sev in ("page", "ticket"):
            first, last = got.get(f"{ratio}/{sev}/first"), got.get(f"{ratio}/{sev}/last")
            result[(ratio, sev)] = None if first is None else (
                round(first / 60 - HISTORY), round(last / 60 + 1 - (HISTORY + OUTAGE)))
    return result


def cell(value):
    return "never" if value is None else f"{value[0]} / {value[1]}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--slo", default=".build/debug/slo")
    parser.add_argument("--anchors", default=os.environ.get("SLO_ANCHORS", "../shared/anchors"))
    args = parser.parse_args()
    slo = os.path.abspath(args.slo)
    if not os.path.isdir(os.path.join(args.anchors, "sloth")):
        sys.exit(f"bench/detection.py needs Sloth's rules in {args.anchors} (set --anchors)")
    races = [("30d", "Sloth", lambda: sloth(args.anchors, 30)), ("28d", "Sloth (google-28d)",
             lambda: sloth(args.anchors, 28)), ("7d", "Workbook maths at 7d", workbook)]
    with tempfile.TemporaryDirectory() as work:
        jobs = []
        for window, _, rival in races:
            jobs.append((f"ours-{window}",) + ours(slo, window, work))
            jobs.append((f"rival-{window}",) + rival())
        with ThreadPoolExecutor(2) as pool:
            results = dict(zip([j[0] for j in jobs],
                               pool.map(lambda j: measure(j[1], j[2], work, j[0]), jobs)))
    for window, rival_name, _ in races:
        print(f"\n### {window}, 99.9%: ours vs {rival_name} (fire / clear, minutes)\n")
        print(f"| errors | page: ours | page: {rival_name} | ticket: ours | ticket: {rival_name} |")
        print("|---|---|---|---|---|")
        for ratio in RATIOS:
            ours_r, rival_r = results[f"ours-{window}"], results[f"rival-{window}"]
            print(f"| {ratio:.0%} | {cell(ours_r[(ratio, 'page')])} | {cell(rival_r[(ratio, 'page')])} | "
                  f"{cell(ours_r[(ratio, 'ticket')])} | {cell(rival_r[(ratio, 'ticket')])} |")
    late = [(w, r, s) for w, _, _ in races for r in RATIOS for s in ("page", "ticket")
            if results[f"ours-{w}"][(r, s)] and results[f"rival-{w}"][(r, s)]
            and results[f"ours-{w}"][(r, s)][0] > results[f"rival-{w}"][(r, s)][0] + 1]
    print(f"\nours later than the rival by more than one evaluation: {late or 'never'}")
    return 1 if late else 0


if __name__ == "__main__":
    sys.exit(main())
