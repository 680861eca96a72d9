#!/usr/bin/env python3
"""Issue 11, rule cost: what one evaluation of an SLO's rules reads in a real Prometheus.

One SLO (99.9% of `http_requests_total{job="bench"}` without a 5xx `code`, 30 days) over 100 series
(10 instances x 10 codes) with 31 days of 1-minute history, backfilled into Prometheus. Three rule
sets for that SLO: ours (`slo compile`), Sloth's (its getting-started example's generated rules with
our selectors put in) and Pyrra's (its ratio SLO's rules, windows rescaled from 4w to 30d the way
Pyrra's Windows() does). For each tool, on a copy of the same TSDB:

1. recordings backfilled with `promtool tsdb create-blocks-from rules` at a 1m interval, dependency
   level by level: 30 days for recordings some rule reads over a range (and what they read), the last
   15 minutes for the rest (they are only read at an instant);
2. every rule's expression (recordings and alerts) queried once at the end time with `stats=all`:
   the sum of `totalQueryableSamples` is "the samples one evaluation of all its rules reads";
3. the rules loaded into a live server (every group at a 10 s interval) on data that runs on past
   "now": the median `evaluationTime` of each group over 5 evaluations, from /api/v1/rules.

A fourth set is ours for the same SLO with a monthly SLA commitment, which adds the calendar group
(issue 23: period-to-date events, SLA at risk); its tiles are backfilled at the group's 5-minute
interval, and its samples and evaluation time are printed on their own line, beside the rolling rules.

Then `promtool test rules` on our generated fire-tests. Exit 1 when ours read more than 10% of
Sloth's samples or the fire-tests fail.

Usage: rule_cost.py --slo BIN --anchors ../shared/anchors --work DIR
"""
import argparse
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

INSTANCES = 10
# Requests per minute per instance and code: 10,000 a minute, 0.05% of them 5xx (half the budget).
RATES = {"200": 6005, "201": 1000, "204": 500, "301": 200, "304": 1000,
         "400": 300, "404": 800, "429": 190, "500": 4, "503": 1}
INCIDENT_500 = 1000  # 500s a minute per instance in the last 30 minutes (~9% errors): page alerts fire
ERRORS = 'http_requests_total{job="bench",code=~"5.."}'
TOTAL = 'http_requests_total{job="bench"}'
OBJECTIVE = 99.9
DAY = 86400
HISTORY = 31 * DAY          # raw history before the measuring time
FUTURE = 90 * 60            # raw data past the measuring time, for the live evaluations
FULL_BACKFILL = 30 * DAY + 15 * 60
SHORT_BACKFILL = 15 * 60
EVAL_INTERVAL = 60          # backfill interval of every tool's recordings
LIVE_INTERVAL = 10          # live evaluation interval of every group
LIVE_EVALUATIONS = 6        # the first is dropped, the median of the other 5 is reported
TARGET = 0.10  # issue 16 (issue 11 asked for 20%)
# The 30-day error ratio each tool records, read at the end time: the three agree on the same data.
RATIO_30D = {
    "ours": "slo:sli_error:ratio_rate30d",
    "sloth": "slo:sli_error:ratio_rate30d",
    "pyrra": 'sum(http_requests:increase30d{code=~"5.."}) / sum(http_requests:increase30d)',
    "ours-sla": "slo:sli_error:ratio_rate30d",
}

OUR_SPEC = f"""\
version: slo/v1
service: bench
description: Synthetic service of the rule-cost benchmark (bench/rule-cost.sh).
window: 30d
alerting:
  page: {{labels: {{severity: critical}}}}
  ticket: {{labels: {{severity: warning}}}}
slos:
  - name: requests-availability
    description: Requests answered without a server error (5xx).
    objective: {OBJECTIVE}
    sli:
      errors: {ERRORS}
      total: {TOTAL}
"""

# The same SLO with a monthly SLA commitment: its rules add the calendar group (issue 23), whose
# cost is reported beside the rolling rules (not counted against Sloth's).
OUR_SLA_SPEC = OUR_SPEC + f"""\
sla:
  title: Bench SLA
  period: month
  commitments: [{{slo: requests-availability, objective: 99.5}}]
  credits: [{{below: 99.5, credit: 10%}}]
"""
CALENDAR_INTERVAL = 300     # the calendar group's own interval: its day and hour tiles depend on it

running = []  # Prometheus servers to stop on the way out


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


# ---------------------------------------------------------------------------------------------
# Prometheus


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Prometheus:
    def __init__(self, data_dir, config, name):
        self.data_dir, self.config, self.name = data_dir, config, name
        self.proc = None

    def __enter__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(f"{self.data_dir}.{self.name}.log", "a")
        self.proc = subprocess.Popen(
            ["prometheus", f"--config.file={self.config}", f"--storage.tsdb.path={self.data_dir}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--storage.tsdb.retention.time=400d",
             "--query.lookback-delta=5m"],
            stdout=self.log, stderr=subprocess.STDOUT)
        running.append(self)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"prometheus exited with {self.proc.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"prometheus not ready after 120 s; see {self.log.name}")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self in running:
            running.remove(self)
        self.log.close()

    def get(self, path, **params):
        url = f"{self.url}{path}?{urllib.parse.urlencode(params)}" if params else f"{self.url}{path}"
        with urllib.request.urlopen(url, timeout=600) as r:
            body = json.load(r)
        if body.get("status") != "success":
            sys.exit(f"{path} {params}: {body}")
        return body["data"]


def write_config(path, rule_files=(), ooo=False, interval="1h"):
    lines = [f"global: {{evaluation_interval: {interval}}}"]
    if rule_files:
        lines.append("rule_files: [" + ", ".join(json.dumps(f) for f in rule_files) + "]")
    if ooo:
        # The raw data runs past "now" (so the live rules have fresh data however long the backfill
        # took); without an out-of-order window the head refuses the live recordings as older than
        # the newest block ("out of bounds").
        lines.append("storage: {tsdb: {out_of_order_time_window: 3h}}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# Data


def write_openmetrics(path, start, end, incident_start):
    minutes = (end - start) // 60
    with open(path, "w") as f:
        for instance in range(INSTANCES):
            for code, per_minute in RATES.items():
                prefix = f'http_requests_total{{job="bench",instance="i-{instance:02d}",code="{code}"}} '
                value, lines = 0, []
                for minute in range(minutes + 1):
                    t = start + 60 * minute
                    lines.append(f"{prefix}{value} {t}\n")
                    value += INCIDENT_500 if code == "500" and t >= incident_start else per_minute
                f.writelines(lines)
        f.write("# EOF\n")
    return INSTANCES * len(RATES) * (minutes + 1)


# ---------------------------------------------------------------------------------------------
# The three rule sets


def our_rules(slo_bin, work, spec=OUR_SPEC, name="ours"):
    spec_dir, out_dir = f"{work}/spec-{name}", f"{work}/{name}"
    os.makedirs(spec_dir)
    with open(f"{spec_dir}/bench.yaml", "w") as f:
        f.write(spec)
    run([slo_bin, "compile", spec_dir, "-o", out_dir, "--format", "prometheus"])
    return f"{out_dir}/bench/rules.yml", f"{out_dir}/bench/rules.test.yml"


def substitute(text, replacements, source):
    for old, new in replacements:
        if old not in text:
            sys.exit(f"{source}: expected {old!r} in the template; has the anchor changed?")
        text = text.replace(old, new)
    return text


def sloth_rules(anchors, work):
    """Sloth's getting-started example (99.9%, 30d, like ours) with our selectors put in."""
    source = f"{anchors}/sloth/examples/_gen/getting-started.yml"
    text = open(source).read()
    for fact in ('sloth_objective: "99.9"', "expr: vector(30)", "[30d]"):
        if fact not in text:
            sys.exit(f"{source}: expected {fact!r} (a 99.9% / 30d SLO) in the template")
    text = substitute(text, [
        ('http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}', ERRORS),
        ('http_request_duration_seconds_count{job="myservice"}', TOTAL),
        ("MyServiceHighErrorRate", "BenchHighErrorRate"),
        ("myservice", "bench"),
    ], source)
    path = f"{work}/sloth.rules.yml"
    with open(path, "w") as f:
        f.write(text)
    return path


def model_duration(seconds):
    """prometheus/common model.Duration.String(): weeks and years only when exact."""
    if seconds == 0:
        return "0s"
    out = ""
    for unit, size, exact in (("y", 365 * DAY, True), ("w", 7 * DAY, True), ("d", DAY, False),
                              ("h", 3600, False), ("m", 60, False), ("s", 1, False)):
        if exact and seconds % size:
            continue
        if seconds >= size:
            out += f"{seconds // size}{unit}"
            seconds %= size
    return out


def go_duration(seconds):
    """Go time.Duration.String() for whole seconds: 2m0s, 1h4m0s."""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m}m{s}s" if h else f"{m}m{s}s" if m else f"{s}s"


def pyrra_windows(window):
    """Pyrra's slo/rules.go Windows(): the 28-day windows scaled to the SLO window, to the minute."""
    def r(x):
        return int(math.floor(x / 60 + 0.5)) * 60
    return [  # (for, long, short, factor)
        (r(window / (28 * 24 * 30)), r(window / (28 * 24)), r(window / (28 * 24 * 12)), 14),
        (r(window / (28 * 24 * 4)), r(window / (28 * 4)), r(window / (28 * 24 * 2)), 7),
        (r(window / (28 * 24)), r(window / 28), r(window / (28 * 12)), 2),
        (r(window / (28 * 8)), r(window / 7), r(window / (28 * 4)), 1),
    ]


def pyrra_rules(anchors, work):
    """Pyrra's rules for its ratio SLO (4w, 99%), rewritten for our SLO (30d, 99.9%)."""
    source = f"{anchors}/pyrra/http-ratio.rules.yaml"
    text = open(source).read()
    old, new = pyrra_windows(28 * DAY), pyrra_windows(30 * DAY)
    names, fors, exhaustion = {"4w": "30d"}, {}, {}
    for (f0, l0, s0, factor), (f1, l1, s1, _) in zip(old, new):
        names[model_duration(l0)] = model_duration(l1)
        names[model_duration(s0)] = model_duration(s1)
        fors[go_duration(f0)] = go_duration(f1)
        exhaustion[model_duration(int(28 * DAY / factor))] = model_duration(int(30 * DAY / factor))
    for name in names:
        if f"burnrate{name}" not in text and name != "4w":
            sys.exit(f"{source}: expected a burnrate{name} rule (Pyrra's 4w windows)")
    text = substitute(text, [
        ('http_requests_total{job="thanos-receive-default"}', TOTAL),
        ('http_requests_total{code=~"5..",job="thanos-receive-default"}',
         'http_requests_total{code=~"5..",job="bench"}'),
        ("thanos-receive-default", "bench"),
        ("monitoring-http-errors", "bench-http-errors"),
        ("(1-0.99)", "(1-0.999)"),
        ("interval: 2m30s", "interval: 2m30s"),  # Pyrra's increaseInterval() for 28d..35d windows
    ], source)
    text = re.sub(r"(burnrate|increase)([0-9a-z]+)", lambda m: m[1] + names[m[2]], text)
    text = re.sub(r"\[([0-9a-z]+)\]", lambda m: f"[{names[m[1]]}]", text)
    text = re.sub(r"^(\s+)(short|long): (\S+)$", lambda m: f"{m[1]}{m[2]}: {names[m[3]]}", text, flags=re.M)
    text = re.sub(r"^(\s+)for: (\S+)$",
                  lambda m: f"{m[1]}for: {fors.get(m[2], m[2])}", text, flags=re.M)  # absent: 10m stays
    text = re.sub(r"^(\s+)exhaustion: (\S+)$",
                  lambda m: f"{m[1]}exhaustion: {exhaustion[m[2]]}", text, flags=re.M)
    path = f"{work}/pyrra.rules.yml"
    with open(path, "w") as f:
        f.write(text)
    return path


def load_rules(path, work, name):
    """The rule file as Prometheus parses it: groups and rules from /api/v1/rules."""
    data_dir = f"{work}/parse-{name}"
    os.makedirs(data_dir)
    config = f"{work}/parse-{name}.yml"
    write_config(config, [path], interval="24h")
    with Prometheus(data_dir, config, "parse") as prom:
        groups = prom.get("/api/v1/rules")["groups"]
    shutil.rmtree(data_dir)
    rules = []
    for group in groups:
        for rule in group["rules"]:
            rules.append({"group": group["name"], "type": rule["type"], "name": rule["name"],
                          "query": rule["query"], "labels": rule.get("labels") or {},
                          "annotations": rule.get("annotations") or {},
                          "for": rule.get("duration", 0)})
    if not rules:
        sys.exit(f"{path}: no rules loaded")
    return rules


def rules_file(path, rules, interval=None):
    """Writes rules as a rule file (JSON, which is YAML), one group per original group."""
    groups = {}
    for rule in rules:
        if rule["type"] == "recording":
            out = {"record": rule["name"], "expr": rule["query"]}
        else:
            out = {"alert": rule["name"], "expr": rule["query"]}
            if rule["for"]:
                out["for"] = f"{int(rule['for'])}s"
            if rule["annotations"]:
                out["annotations"] = rule["annotations"]
        if rule["labels"]:
            out["labels"] = rule["labels"]
        groups.setdefault(rule["group"], []).append(out)
    doc = {"groups": [dict({"name": g, "rules": r}, **({"interval": interval} if interval else {}))
                      for g, r in groups.items()]}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)


def token(name):
    return re.compile(r"(?<![\w:])" + re.escape(name) + r"(?![\w:])")


def plan_backfill(rules):
    """Recording rules by dependency level, and which of them need 30 days of history (read over a
    range or at an offset)."""
    records = {r["name"] for r in rules if r["type"] == "recording"}
    deps = {}
    for rule in rules:
        if rule["type"] == "recording":
            deps.setdefault(rule["name"], set()).update(
                n for n in records if n != rule["name"] and token(n).search(rule["query"]))
    # Read over a range, or at an `offset` (the tiled windows read recorded levels up to 29 days
    # back): either needs the recording's whole history, level by level.
    ranged = {n for n in records for r in rules
              if re.search(r"(?<![\w:])" + re.escape(n) + r"(\{[^}]*\})?(\[| offset )", r["query"])}
    full, todo = set(), list(ranged)
    while todo:
        n = todo.pop()
        if n not in full:
            full.add(n)
            todo.extend(deps[n])
    level = {}

    def depth(n, seen=()):
        if n not in level:
            if n in seen:
                sys.exit(f"recording rules depend on each other in a cycle: {n}")
            level[n] = 1 + max((depth(d, seen + (n,)) for d in deps[n]), default=-1)
        return level[n]
    for n in records:
        depth(n)
    return level, full


# ---------------------------------------------------------------------------------------------
# Measuring


def backfill(tool, rules, raw_dir, work, t_end):
    data_dir = f"{work}/{tool}-data"
    shutil.copytree(raw_dir, data_dir)
    config = f"{work}/{tool}-empty.yml"
    write_config(config)
    level, full = plan_backfill(rules)
    recordings = [r for r in rules if r["type"] == "recording"]
    for depth in range(max(level.values()) + 1):
        at_depth = [r for r in recordings if level[r["name"]] == depth]
        # A calendar group's tiles are recorded in the first minutes of a day or hour, so they are
        # backfilled at the group's own 5-minute interval (as many samples as a live server writes).
        batches = [(kind, start, interval, [r for r in at_depth if (r["name"] in full) == (kind == "full")
                                            and r["group"].endswith("-calendar") == (interval != EVAL_INTERVAL)])
                   for kind, start in (("full", t_end - FULL_BACKFILL), ("short", t_end - SHORT_BACKFILL))
                   for interval in (EVAL_INTERVAL, CALENDAR_INTERVAL)]
        with Prometheus(data_dir, config, "backfill") as prom:
            for kind, start, interval, batch in batches:
                if not batch:
                    continue
                path = f"{work}/{tool}-L{depth}-{kind}-{interval}.json"
                out = f"{work}/{tool}-L{depth}-{kind}-{interval}-blocks"
                rules_file(path, batch)
                t0 = time.time()
                # 1m interval: query_range answers at most 11,000 points, so blocks of at most 7 days.
                run(["promtool", "tsdb", "create-blocks-from", "rules", "--quiet",
                     f"--start={start}", f"--end={t_end}", f"--url={prom.url}", f"--output-dir={out}",
                     f"--eval-interval={interval}s", "--max-block-duration=168h", path])
                log(f"{tool}: backfilled level {depth}, {len(batch)} recordings, "
                    f"{(t_end - start) / DAY:.2f} days, in {time.time() - t0:.1f} s")
                for block in os.listdir(out):
                    shutil.move(f"{out}/{block}", f"{data_dir}/{block}")
                shutil.rmtree(out)
    return data_dir, full


def samples_read(tool, rules, data_dir, work, t_end):
    config = f"{work}/{tool}-empty.yml"
    per_rule = []
    with Prometheus(data_dir, config, "measure") as prom:
        for rule in rules:
            data = prom.get("/api/v1/query", query=rule["query"], time=t_end, stats="all")
            samples = data["stats"]["samples"]["totalQueryableSamples"]
            label = rule["name"]
            if rule["type"] == "alerting":
                label += f" ({rule['labels'].get('severity', '')})"
            per_rule.append((samples, label, rule["type"] == "recording" and not data["result"]))
        result = prom.get("/api/v1/query", query=RATIO_30D[tool], time=t_end)["result"]
        ratio_30d = float(result[0]["value"][1]) if result else float("nan")
    return per_rule, ratio_30d


def evaluation_time(tool, rules, data_dir, work):
    path = f"{work}/{tool}-live.json"
    rules_file(path, rules)  # no group interval: every group runs at the global LIVE_INTERVAL
    config = f"{work}/{tool}-live.yml"
    write_config(config, [path], ooo=True, interval=f"{LIVE_INTERVAL}s")
    seen = {}
    with Prometheus(data_dir, config, "live") as prom:
        deadline = time.time() + LIVE_INTERVAL * (LIVE_EVALUATIONS + 6)
        while time.time() < deadline:
            groups = prom.get("/api/v1/rules")["groups"]
            for g in groups:
                if not g["lastEvaluation"].startswith("0001"):
                    seen.setdefault(g["name"], {})[g["lastEvaluation"]] = g["evaluationTime"]
            if len(seen) == len(groups) and all(len(v) >= LIVE_EVALUATIONS for v in seen.values()):
                break
            time.sleep(1)
        firing = sorted({f"{r['labels'].get('severity', '')} {r['state']}" for g in groups for r in g["rules"]
                         if r["type"] == "alerting" and r["state"] in ("firing", "pending")})
        health = [f"{r['name']}: {r.get('lastError')}" for g in groups for r in g["rules"] if r["health"] != "ok"]
    if health:
        sys.exit(f"{tool}: rules failed in the live server: {health}")
    medians = {}
    for group, evaluations in seen.items():
        times = [t for _, t in sorted(evaluations.items())]
        medians[group] = statistics.median(times[1:] or times)  # the first evaluation starts cold
    return medians, firing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slo", required=True, help="the slo binary")
    parser.add_argument("--anchors", required=True, help="../shared/anchors")
    parser.add_argument("--work", required=True, help="an empty scratch folder")
    args = parser.parse_args()
    work, began = os.path.abspath(args.work), time.time()

    ours, ours_test = our_rules(args.slo, work)
    ours_sla, _ = our_rules(args.slo, work, OUR_SLA_SPEC, "ours-sla")
    tools = {"slo (ours)": ours, "Sloth": sloth_rules(args.anchors, work), "Pyrra": pyrra_rules(args.anchors, work),
             "slo (ours) + monthly SLA": ours_sla}
    rules = {tool: load_rules(path, work, str(i)) for i, (tool, path) in enumerate(tools.items())}

    t_end = int(time.time()) // 60 * 60 - 60
    start, end = t_end - HISTORY, t_end + FUTURE
    t0 = time.time()
    count = write_openmetrics(f"{work}/raw.om", start, end, incident_start=t_end - 30 * 60)
    size = os.path.getsize(f"{work}/raw.om")
    log(f"wrote {count:,} samples ({size / 1e6:.0f} MB OpenMetrics) in {time.time() - t0:.1f} s")
    t0 = time.time()
    run(["promtool", "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=744h",
         f"{work}/raw.om", f"{work}/raw"])
    os.remove(f"{work}/raw.om")
    log(f"backfilled the raw series in {time.time() - t0:.1f} s")

    results = {}
    for i, (tool, tool_rules) in enumerate(rules.items()):
        key = ["ours", "sloth", "pyrra", "ours-sla"][i]
        data_dir, full = backfill(key, tool_rules, f"{work}/raw", work, t_end)
        per_rule, ratio_30d = samples_read(key, tool_rules, data_dir, work, t_end)
        medians, firing = evaluation_time(key, tool_rules, data_dir, work)
        shutil.rmtree(data_dir)
        results[tool] = (tool_rules, per_rule, medians, firing, ratio_30d, full)
        log(f"{tool}: {sum(s for s, _, _ in per_rule):,} samples, {sum(medians.values()) * 1000:.1f} ms")

    t0 = time.time()
    test = subprocess.run(["promtool", "test", "rules", ours_test], capture_output=True, text=True)
    test_took = time.time() - t0

    print(f"\nRule cost of one SLO (99.9%, 30d) over {INSTANCES * len(RATES)} series with 31 days of "
          f"1-minute history; recordings backfilled at {EVAL_INTERVAL}s;")
    print(f"samples: instant queries at {time.strftime('%Y-%m-%d %H:%M:%SZ', time.gmtime(t_end))} with "
          f"stats=all; evaluation time: median of {LIVE_EVALUATIONS - 1} evaluations at {LIVE_INTERVAL}s.\n")
    print("| tool | rules (recording + alert) | samples read per evaluation | group evaluation time "
          "| 30d error ratio | alerts (live) |")
    print("|---|---|---|---|---|---|")
    totals = {}
    for tool, (tool_rules, per_rule, medians, firing, ratio_30d, _) in results.items():
        total = sum(s for s, _, _ in per_rule)
        totals[tool] = total
        n_rec = sum(r["type"] == "recording" for r in tool_rules)
        groups = " + ".join(f"{t * 1000:.1f}" for t in medians.values())
        eval_ms = sum(medians.values()) * 1000
        print(f"| {tool} | {len(tool_rules)} ({n_rec} + {len(tool_rules) - n_rec}) | {total:,} | "
              f"{eval_ms:.1f} ms" + (f" ({groups})" if len(medians) > 1 else "") +
              f" | {ratio_30d:.6f} | {', '.join(firing) or 'none'} |")
    print()
    for tool, (_, per_rule, _, _, _, full) in results.items():
        top = sorted(per_rule, reverse=True)[:4]
        total = totals[tool]
        print(f"{tool} largest: " + "; ".join(f"{name} {s:,} ({s / total:.0%})" for s, name, _ in top))
        print(f"  backfilled 30 days: {', '.join(sorted(full)) or 'none'}")
    # The calendar group on its own: what it adds to the SLO's rules, per evaluation (every 5 minutes).
    sla_rules, sla_per_rule, sla_medians = results["slo (ours) + monthly SLA"][:3]
    calendar = [(s, name) for rule, (s, name, _) in zip(sla_rules, sla_per_rule) if rule["group"].endswith("-calendar")]
    calendar_ms = sum(t for g, t in sla_medians.items() if g.endswith("-calendar")) * 1000
    print(f"\ncalendar group (month + SLA month): {len(calendar)} rules, {sum(s for s, _ in calendar):,} samples "
          f"per evaluation, {calendar_ms:.1f} ms, every 5 minutes; largest: "
          + "; ".join(f"{name} {s:,}" for s, name in sorted(calendar, reverse=True)[:4]))
    ours_total, sloth_total, pyrra_total = totals["slo (ours)"], totals["Sloth"], totals["Pyrra"]
    ratio_sloth, ratio_pyrra = ours_total / sloth_total, ours_total / pyrra_total
    print(f"\nours / Sloth = {ratio_sloth:.2%} of the samples (target <= {TARGET:.0%}); "
          f"ours / Pyrra = {ratio_pyrra:.2%}")
    print(f"fire-tests (promtool test rules {os.path.basename(ours_test)}): "
          f"{'pass' if test.returncode == 0 else 'FAIL'} in {test_took:.1f} s")
    print(f"whole run: {time.time() - began:.0f} s")
    failed = False
    if test.returncode != 0:
        print(test.stdout + test.stderr, file=sys.stderr)
        failed = True
    if ratio_sloth > TARGET:
        print(f"TARGET MISSED: ours read {ratio_sloth:.1%} of Sloth's samples", file=sys.stderr)
        failed = True
    for tool, (_, per_rule, _, _, _, _) in results.items():
        # The calendar group's day and hour tiles exist only in the first minutes of a day or hour.
        empty = [name for _, name, missing in per_rule if missing and not re.search(r":utc_(day|hour)$", name)]
        if empty:
            print(f"{tool}: recordings with no result at the end time: {empty}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def stop_all(*_):
    sys.exit(143)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_all)
    try:
        sys.exit(main())
    finally:
        for prom in list(running):
            prom.stop()
