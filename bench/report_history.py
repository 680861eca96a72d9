#!/usr/bin/env python3
"""OpenMetrics history for the series that bench/gen_specs.py's specs read: DAYS days at 1-minute
resolution ending at END (unix seconds), for FILES services of SLOS_PER_FILE SLOs each.

Usage: report_history.py OUT FILES SLOS_PER_FILE DAYS END
Counters grow at 600 requests a minute with 0.1% errors (0.5% in a 2-hour incident); latency
buckets put 99% under 300 ms; queue gauges sit at 10 with one 30-minute backlog of 5,000.
"""
import sys

out_path, files, per_file, days, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
start = end - days * 86400
times = range(start, end + 1, 60)
incident = (end - 5 * 86400, end - 5 * 86400 + 7200)
backlog = (end - 3 * 86400, end - 3 * 86400 + 1800)


def errors(t):
    return 3 if incident[0] < t <= incident[1] else 0.6


def counter(out, name, labels, per_minute):
    value = 0.0
    for t in times:
        value += per_minute(t)
        out.write(f"{name}{{{labels}}} {value:.1f} {t}\n")


with open(out_path, "w") as out:
    kinds = ["errors", "good", "latency", "template", "timeslice"]
    families = {"http_requests": [], "http_request_duration_seconds": [], "jobs_failed": [], "jobs": [], "pending": set()}
    for f in range(files):
        service = f"svc-{f:06d}"
        for s in range(per_file):
            kind = kinds[(f * per_file + s) % len(kinds)]
            job = f'job="{service}",route="/r{s}"'
            if kind in ("errors", "good"):
                families["http_requests"].append(job)
            elif kind == "latency":
                families["http_request_duration_seconds"].append(job)
            elif kind == "template":
                families["jobs"].append(job)
            else:
                families["pending"].add(f"c{s}")
    out.write("# TYPE http_requests counter\n")
    for job in families["http_requests"]:
        counter(out, "http_requests_total", job + ',code="200"', lambda t: 600 - errors(t))
        counter(out, "http_requests_total", job + ',code="500"', errors)
    out.write("# TYPE http_request_duration_seconds histogram\n")
    for job in families["http_request_duration_seconds"]:
        counter(out, "http_request_duration_seconds_bucket", job + ',le="0.3"', lambda t: 600 - errors(t) * 10)
        counter(out, "http_request_duration_seconds_bucket", job + ',le="+Inf"', lambda t: 600)
        counter(out, "http_request_duration_seconds_count", job, lambda t: 600)
    out.write("# TYPE jobs_failed counter\n")
    for job in families["jobs"]:
        counter(out, "jobs_failed_total", job, errors)
    out.write("# TYPE jobs counter\n")
    for job in families["jobs"]:
        counter(out, "jobs_total", job, lambda t: 600)
    out.write("# TYPE jetstream_consumer_num_pending gauge\n")
    for consumer in sorted(families["pending"]):
        for t in times:
            value = 5000 if backlog[0] < t <= backlog[1] else 10
            out.write(f'jetstream_consumer_num_pending{{consumer="{consumer}"}} {value} {t}\n')
    out.write("# EOF\n")
