#!/usr/bin/env python3
"""Data for the README's dashboard picture: what three panels of generated/orders-api's dashboard
show, read from a real Prometheus that evaluated the generated rules over a synthetic week.

Prometheus evaluates rules only at "now", so the recorded history the panels read is made with
`promtool tsdb create-blocks-from rules`, one dependency layer at a time (the 5-minute rates first,
then the template and levels that read them, ...): each layer's blocks are loaded (Prometheus
restarted) before the next layer is evaluated, so every recording reads real recordings below it,
exactly as the live rule group does. The panel queries are taken from the dashboard JSON as is.

Writes docs/dashboard-picture.json (points); `SLO_RECORD_GOLDEN=1 swift test --filter
DashboardPictureTests` draws docs/dashboard-*.svg from it with the report's chart code.
Needs prometheus and promtool (Debian package); ~20 s of CPU.
"""
import json, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVICE, SLO = "orders-api", "availability"
STEP = 300  # evaluation interval of the backfill: divides 5m, so the tiles stay exact
DAYS = 7
END = 1_795_000_000 // 3600 * 3600  # a fixed hour, so the data does not change between runs
START = END - DAYS * 86400
REQUESTS_PER_MINUTE = 1000.0
# (start offset h, duration h, error share): a bad deploy (page) and a slow burn (ticket)
INCIDENTS = [(4 * 24 + 10, 1, 0.10), (5 * 24 + 20, 6, 0.006)]
BASELINE = 0.0002


def error_share(t):
    hours = (t - START) / 3600
    for begin, length, share in INCIDENTS:
        if begin <= hours < begin + length:
            return share
    return BASELINE


def history():
    lines = ["# TYPE http_request_duration_seconds histogram"]
    labels = 'service="orders-api",handler="/orders",method="GET"'
    for code in ("200", "500"):
        value = 0.0
        for t in range(START - 3600, END + 1, 60):
            errors = REQUESTS_PER_MINUTE * error_share(t)
            value += errors if code == "500" else REQUESTS_PER_MINUTE - errors
            lines.append(f'http_request_duration_seconds_count{{{labels},code="{code}"}} {value:.0f} {t}')
    return "\n".join(lines) + "\n# EOF\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Prometheus:
    def __init__(self, data, work):
        self.port = free_port()
        config = os.path.join(work, "prometheus.yml")
        with open(config, "w") as f:
            f.write("global: {evaluation_interval: 1m}\n")
        self.process = subprocess.Popen(
            ["prometheus", f"--config.file={config}", f"--storage.tsdb.path={data}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--storage.tsdb.retention.time=100y",
             "--log.level=error"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(self.url + "/-/ready", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("prometheus did not start")

    def query_range(self, expr, start, end, step):
        query = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
        with urllib.request.urlopen(f"{self.url}/api/v1/query_range?{query}") as response:
            body = json.load(response)
        assert body["status"] == "success", body
        return body["data"]["result"]

    def stop(self):
        self.process.terminate()
        self.process.wait()


def layers(rules):
    """Recording rules grouped by depth: a rule's layer is one more than the deepest it reads."""
    names = {rule["record"] for rule in rules}
    depth = {}
    for rule in rules:  # a group lists every recording after the ones it reads
        reads = set(re.findall(r"slo:[a-z_0-9:]+", rule["expr"])) & names
        depth[rule["record"]] = 1 + max((depth[name] for name in reads), default=0)
    by_layer = {}
    for rule in rules:
        by_layer.setdefault(depth[rule["record"]], []).append(rule)
    return [by_layer[layer] for layer in sorted(by_layer)]


def main():
    with open(os.path.join(ROOT, f"generated/{SERVICE}/rules.yml")) as f:
        groups = yaml.safe_load(f)["groups"]
    group = next(g for g in groups if g["name"] == f"slo-{SERVICE}-{SLO}")
    recordings = [rule for rule in group["rules"] if "record" in rule]
    with open(os.path.join(ROOT, f"generated/{SERVICE}/dashboards/{SERVICE}.json")) as f:
        dashboard = json.load(f)

    work = tempfile.mkdtemp(prefix="slo-picture-")
    try:
        data = os.path.join(work, "data")
        raw = os.path.join(work, "history.om")
        with open(raw, "w") as f:
            f.write(history())
        subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=744h",
                        raw, data], check=True, stdout=subprocess.DEVNULL)
        for number, layer in enumerate(layers(recordings), 1):
            server = Prometheus(data, work)
            layer_file = os.path.join(work, f"layer{number}.yml")
            with open(layer_file, "w") as f:
                yaml.safe_dump({"groups": [{"name": group["name"], "interval": f"{STEP}s", "rules": layer}]}, f)
            out = os.path.join(work, f"blocks{number}")
            # Blocks of at most 11,000 evaluations (PROMETHEUS.md): a week at 5m is 2,016.
            subprocess.run(["promtool", "tsdb", "create-blocks-from", "rules", f"--start={START}", f"--end={END}",
                            f"--url={server.url}", f"--eval-interval={STEP}s", f"--output-dir={out}", layer_file],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            server.stop()
            for block in os.listdir(out):
                shutil.move(os.path.join(out, block), os.path.join(data, block))
            print(f"layer {number}: {', '.join(sorted({r['record'] for r in layer}))}", file=sys.stderr)

        server = Prometheus(data, work)
        row = next(i for i, p in enumerate(dashboard["panels"]) if p["type"] == "row" and p["title"].startswith(SLO + ":"))
        panels = {}
        for panel in dashboard["panels"][row + 1:]:
            if panel["type"] == "row":
                break
            panels[panel["title"]] = panel
        wanted = [("Budget left over 30d", 0), ("Page burn rate: 5m and 1h", 1), ("Ticket burn rate: 6h and 3d", 0)]
        charts = []
        for title, target in wanted:
            panel = panels[title]
            expr = panel["targets"][target]["expr"]
            result = server.query_range(expr, START + 86400, END, STEP)
            assert len(result) == 1, (expr, result)
            steps = panel["fieldConfig"]["defaults"]["thresholds"]["steps"]
            charts.append({
                "title": f"{SERVICE} {SLO}: {title} ({panel['targets'][target]['legendFormat']})",
                "panel": title, "expr": expr,
                "lines": [s["value"] for s in steps if s["value"] is not None],
                "start": START + 86400, "end": END,
                "points": [[int(t), float(v)] for t, v in result[0]["values"]],
            })
        server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(os.path.join(ROOT, "docs/dashboard-picture.json"), "w") as f:
        json.dump({"source": "scripts/dashboard-picture.py", "charts": charts}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
