#!/usr/bin/env python3
"""Writes a synthetic spec tree with the broad mix of issue 16: FILES files of SLOS_PER_FILE SLOs.

Every SLI kind (errors, good, latency histogram at every third SLO, errorRatio, a `{{.window}}`
template, timeslices), `groupBy` on some, objectives spread over 99.0-99.8 with some at 99.9 and
99.95, windows 30d / 28d / 7d / calendar month per file with some SLOs overriding them, explicit
alert names and severity labels on every SLO, and an SLA with credits on every other service.
The same inputs `bench/gen_specs.py` writes for the report benchmark stay untouched.

Usage: gen_specs_broad.py OUT_DIR FILES SLOS_PER_FILE
Deterministic: the same arguments always give the same bytes.
"""
import os
import sys

out, files, per_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
# Latency at every third position; the other kinds in turn.
kinds = ["errors", "good", "latency", "ratio", "template", "latency", "timeslice", "errors", "latency"]
windows = ["30d", "28d", "7d", "month"]
slo_windows = {3: "14d", 7: "quarter"}
for f in range(files):
    service = f"svc-{f:06d}"
    pascal = f"Svc{f:06d}"
    lines = [
        "version: slo/v1",
        f"service: {service}",
        f"description: Synthetic service {f} for benchmarks (broad mix).",
        f"labels: {{team: team-{f % 17}, tier: \"{1 + f % 3}\"}}",
        f"window: {windows[f % len(windows)]}",
        "alerting:",
        f"  annotations: {{runbook_url: \"https://runbooks.example.com/{service}\"}}",
        "slos:",
    ]
    first_objective = None
    for s in range(per_file):
        kind = kinds[(f * per_file + s) % len(kinds)]
        spread = (f * 7 + s * 3) % 11
        objective = {9: "99.9", 10: "99.95"}.get(spread, f"99.{spread}" if spread else "99")
        if kind == "timeslice":
            objective = "99"
        if first_objective is None:
            first_objective = float(objective)
        lines += [f"  - name: slo-{s:03d}", f"    description: {kind} SLO number {s}.", f"    objective: {objective}"]
        if s in slo_windows:
            lines.append(f"    window: {slo_windows[s]}")
        if kind == "timeslice":
            lines.append("    budgeting: timeslices")
        lines += [
            "    alerting:",
            f"      name: {pascal}Slo{s:03d}",
            "      page: {labels: {severity: critical, pager: \"true\"}}",
            "      ticket: {labels: {severity: warning}}",
            "    sli:",
        ]
        job = f'job="{service}",route="/r{s}"'
        if kind == "errors":
            lines += [f"      errors: http_requests_total{{{job},code=~\"5..\"}}", f"      total: http_requests_total{{{job}}}"]
            if s % 2 == 0:
                lines.append("      groupBy: [method]")
        elif kind == "good":
            lines += [f"      good: http_requests_total{{{job},code=~\"2..\"}}", f"      total: http_requests_total{{{job}}}"]
            if s % 2 == 1:
                lines.append("      groupBy: [instance, method]")
        elif kind == "latency":
            lines += ["      latency:", "        metric: http_request_duration_seconds", f"        selector: '{{{job}}}'", f"        threshold: {['100ms', '250ms', '500ms', '1s'][s % 4]}"]
        elif kind == "ratio":
            lines += ["      errorRatio: |", f"        sum(rate(rpc_failed_total{{{job}}}[{{{{.window}}}}]))", "        /", f"        sum(rate(rpc_total{{{job}}}[{{{{.window}}}}]))"]
        elif kind == "template":
            lines += [f"      errors: sum(rate(jobs_failed_total{{{job}}}[{{{{.window}}}}]))", f"      total: sum(rate(jobs_total{{{job}}}[{{{{.window}}}}]))"]
        else:
            lines += ["      timeslice:", f"        query: max(jetstream_consumer_num_pending{{consumer=\"c{s}\"}})", "        good: '< 1000'", "        slice: 1m"]
    if f % 2 == 0:
        lines += [
            "sla:",
            f"  title: {service} Service Level Agreement",
            "  revision: \"2026-11\"",
            "  provider: Example Ltd.",
            "  customer: Benchmark customers",
            f"  scope: The {service} API.",
            "  period: month",
            "  commitments:",
            "    - slo: slo-000",
            f"      objective: {first_objective - 0.5:g}",
            "      description: the share of requests answered as specified",
            "  credits: [{below: 99, credit: 10%}, {below: 95, credit: 100%}]",
            "  exclusions: [Scheduled maintenance announced 72 hours in advance.]",
            "  claims: Send a claim within 30 days of the end of the affected month.",
        ]
    with open(os.path.join(out, f"{service}.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
