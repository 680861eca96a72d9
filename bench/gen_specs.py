#!/usr/bin/env python3
"""Writes a synthetic spec tree: FILES files of SLOS_PER_FILE SLOs each, mixed SLI kinds.

Usage: gen_specs.py OUT_DIR FILES SLOS_PER_FILE
Deterministic: the same arguments always give the same bytes.
"""
import os
import sys

out, files, per_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
kinds = ["errors", "good", "latency", "template", "timeslice"]
for f in range(files):
    service = f"svc-{f:06d}"
    lines = [
        "version: slo/v1",
        f"service: {service}",
        f"description: Synthetic service {f} for benchmarks.",
        "labels: {team: bench, tier: \"2\"}",
        "window: 30d",
        "alerting:",
        "  page: {labels: {severity: critical}}",
        "  ticket: {labels: {severity: warning}}",
        f"  annotations: {{runbook_url: \"https://runbooks.example.com/{service}\"}}",
        "slos:",
    ]
    for s in range(per_file):
        kind = kinds[(f * per_file + s) % len(kinds)]
        lines += [f"  - name: slo-{s:03d}", f"    description: {kind} SLO number {s}.", "    objective: 99.9", "    sli:"]
        job = f'job="{service}",route="/r{s}"'
        if kind == "errors":
            lines += [f"      errors: http_requests_total{{{job},code=~\"5..\"}}", f"      total: http_requests_total{{{job}}}"]
        elif kind == "good":
            lines += [f"      good: http_requests_total{{{job},code=~\"2..\"}}", f"      total: http_requests_total{{{job}}}"]
        elif kind == "latency":
            lines += ["      latency:", "        metric: http_request_duration_seconds", f"        selector: '{{{job}}}'", "        threshold: 300ms"]
        elif kind == "template":
            lines += [f"      errors: sum(rate(jobs_failed_total{{{job}}}[{{{{.window}}}}]))", f"      total: sum(rate(jobs_total{{{job}}}[{{{{.window}}}}]))"]
        else:
            lines[-2:-1] = ["    objective: 99", "    budgeting: timeslices"]
            lines += ["      timeslice:", f"        query: max(jetstream_consumer_num_pending{{consumer=\"c{s}\"}})", "        good: '< 1000'", "        slice: 1m"]
    with open(os.path.join(out, f"{service}.yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
