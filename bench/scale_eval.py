#!/usr/bin/env python3
"""Evaluation cost per 1,000 SLOs: Prometheus with the chained rules (`--format prometheus`) and
vmalert + VictoriaMetrics with the flat rules (`--format vmalert`), on this machine.

Usage: python3 bench/scale_eval.py SLO_BIN ENGINE [N=100] [MEASURE_SECONDS=180] [MIX=same]
  ENGINE: prometheus | vmalert | vmalert-chained (one engine per run, so no run holds the build
  lock for long). vmalert-chained loads the Prometheus rules (`rules.yml`) into vmalert: not a
  correct setup (vmalert writes a round's recordings after the round), but it separates what the
  engine costs from what the flat layout costs.
  MIX: same | broad. `same`: N copies of a 99.9% availability SLO (30-day window, Workbook tiers),
  each with its own two raw counters. `broad`: bench/gen_specs_broad.py's mix (N/10 services of
  10 SLOs: errors, good, latency histograms, errorRatio, `{{.window}}` templates, timeslices,
  groupBy on some, windows from 7 days to a quarter), each SLO with its own raw series.

The raw series are served live by an exporter in this script and scraped every 15 s; every SLO
group is evaluated every minute (`interval: 1m`). After a warm-up, the CPU seconds of the engine's
processes (Prometheus; VictoriaMetrics + vmalert) over MEASURE_SECONDS are divided by the group
evaluations the engine reports in that time (`prometheus_rule_group_iterations_total`,
`vmalert_iteration_total`), which gives CPU per SLO per round even when the engine falls behind;
scraping alone (the same run's idle phase before the rules load) is subtracted. History is short
(the run itself): the tiled windows read one sample per term whether or not it holds a value,
so their cost does not grow with history (docs/DETECTION.md, Cost).
"""
import glob, http.server, json, os, re, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.parse, urllib.request

SLO_BIN, ENGINE = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 100
MEASURE = int(sys.argv[4]) if len(sys.argv) > 4 else 180
MIX = sys.argv[5] if len(sys.argv) > 5 else "same"
# Idle (scraping only) and warm-up (rules on, not measured) seconds; shorter only for a smoke run.
IDLE, WARM = (int(os.environ.get(name, default)) for name, default in (("SCALE_EVAL_IDLE", 60), ("SCALE_EVAL_WARM", 120)))
assert ENGINE in ("prometheus", "vmalert", "vmalert-chained") and MIX in ("same", "broad"), __doc__
# The broad mix's SLOs: (service, route, kind) from the generated specs' descriptions.
BROAD = []
TICK = os.sysconf("SC_CLK_TCK")
START = time.time()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        elapsed = time.time() - START
        lines = []
        if MIX == "broad":
            lines = broad_series(elapsed)
        for i in range(N if MIX == "same" else 0):
            for code, per_minute in (("200", 6000 - i % 7), ("500", 6 + i % 5)):
                value = int(1_000_000 + elapsed * per_minute / 60)
                lines.append(f'http_requests_total{{code="{code}",service="svc-{i:04d}"}} {value}')
        body = ("\n".join(lines) + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # vmalert's notifier
        self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_):
        pass


BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]


def broad_series(elapsed):
    """The raw series every SLO of the broad mix reads, counters growing at a steady rate with a
    small share of errors (no alert fires: the cost of quiet rounds, the common case)."""
    lines = []
    pending = set()
    for n, (service, route, kind) in enumerate(BROAD):
        job = f'job="{service}",route="{route}"'
        grow = lambda per_minute: int(1_000_000 + elapsed * per_minute / 60)
        if kind in ("errors", "good"):
            for method in ("GET", "POST"):
                for code, per_minute in (("200", 3000 - n % 7), ("500", 3 + n % 5)):
                    lines.append(f'http_requests_total{{{job},code="{code}",method="{method}",instance="a"}} {grow(per_minute)}')
        elif kind == "latency":
            total = 6000 - n % 7
            for le in BUCKETS:
                share = min(1.0, 0.5 + le / 2) if le < 10 else 1.0
                lines.append(f'http_request_duration_seconds_bucket{{{job},le="{le:g}"}} {grow(total * share)}')
            lines.append(f'http_request_duration_seconds_bucket{{{job},le="+Inf"}} {grow(total)}')
            lines.append(f'http_request_duration_seconds_count{{{job}}} {grow(total)}')
            lines.append(f'http_request_duration_seconds_sum{{{job}}} {grow(total * 0.05)}')
        elif kind in ("ratio", "template"):
            prefix = "rpc" if kind == "ratio" else "jobs"
            lines.append(f'{prefix}_failed_total{{{job}}} {grow(2 + n % 3)}')
            lines.append(f'{prefix}_total{{{job}}} {grow(6000 - n % 7)}')
        else:
            pending.add(route)
    for route in sorted(pending):  # timeslices: one gauge per consumer, shared by the services
        lines.append(f'jetstream_consumer_num_pending{{consumer="c{route[2:]}"}} 10')
    return lines


def cpu(pids):
    total = 0.0
    for pid in pids:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def metric_sum(url, name):
    text = urllib.request.urlopen(url + "/metrics", timeout=30).read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name + "{") or line.startswith(name + " "))


def wait(url):
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not become ready")


def main():
    work = tempfile.mkdtemp(prefix="scale-eval.")
    procs = []
    try:
        spec = os.path.join(work, "bench.yaml")
        if MIX == "broad":
            spec = os.path.join(work, "specs")
            subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_specs_broad.py"), spec,
                            str(N // 10), "10"], check=True)
            for name in sorted(os.listdir(spec)):
                text = open(os.path.join(spec, name)).read()
                service = re.search(r"^service: (\S+)", text, re.M).group(1)
                for kind, number in re.findall(r"description: (\w+) SLO number (\d+)\.", text):
                    BROAD.append((service, f"/r{number}", kind))
            assert len(BROAD) == N // 10 * 10, len(BROAD)
        else:
            with open(spec, "w") as out:
                out.write("version: slo/v1\nservice: bench\nslos:\n")
                for i in range(N):
                    out.write(
                        f"  - name: avail-{i:04d}\n    objective: 99.9\n    sli:\n"
                        f'      errors: http_requests_total{{service="svc-{i:04d}",code=~"5.."}}\n'
                        f'      total: http_requests_total{{service="svc-{i:04d}"}}\n')
        fmt = "vmalert" if ENGINE == "vmalert" else "prometheus"
        subprocess.run([SLO_BIN, "compile", spec, "-o", os.path.join(work, "out"), "--format", fmt],
                       check=True, stdout=subprocess.DEVNULL)
        rules = os.path.join(work, "out", "*", "rules.yml" if fmt == "prometheus" else "vmalert.yml")
        files = glob.glob(rules)
        rule_bytes = sum(os.path.getsize(f) for f in files)
        rule_count = sum(len(re.findall(r"\n  - (?:record|alert): ", open(f).read())) for f in files)
        exporter = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=exporter.serve_forever, daemon=True).start()
        # honor_labels: the broad mix's series carry `job` and `instance` of their own.
        scrape = (f"scrape_configs:\n- job_name: bench\n  scrape_interval: 15s\n  honor_labels: true\n  static_configs:\n"
                  f"  - targets: ['127.0.0.1:{exporter.server_address[1]}']\n")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(os.path.join(work, "engine.log"), "w")
        if ENGINE == "prometheus":
            config = os.path.join(work, "prometheus.yml")
            open(config, "w").write("global:\n  evaluation_interval: 1m\n" + scrape)
            prom = subprocess.Popen(["prometheus", f"--config.file={config}", f"--storage.tsdb.path={work}/tsdb",
                                     f"--web.listen-address=127.0.0.1:{port}", "--web.enable-lifecycle"],
                                    stdout=log, stderr=log)
            procs.append(prom)
            wait(url + "/-/ready")
            pids = [prom.pid]
        else:
            config = os.path.join(work, "scrape.yml")
            open(config, "w").write(scrape)
            vm = subprocess.Popen(["victoria-metrics", f"-storageDataPath={work}/vm", f"-httpListenAddr=127.0.0.1:{port}",
                                   f"-promscrape.config={config}", "-search.maxQueryLen=65536"], stdout=log, stderr=log)
            procs.append(vm)
            wait(url + "/health")
            pids = [vm.pid]
        # Idle: scraping only.
        time.sleep(30)
        c0, t0 = cpu(pids), time.time()
        time.sleep(IDLE)
        idle_per_second = (cpu(pids) - c0) / (time.time() - t0)
        # Rules on.
        if ENGINE == "prometheus":
            open(config, "a").write("rule_files:\n" + "".join(f"- {f}\n" for f in files))
            urllib.request.urlopen(urllib.request.Request(url + "/-/reload", method="POST"), timeout=120)
            counter, metrics_url = "prometheus_rule_group_iterations_total", url
            missed = "prometheus_rule_group_iterations_missed_total"
        else:
            vport = free_port()
            vmalert = subprocess.Popen(["vmalert", f"-rule={rules}", f"-datasource.url={url}", f"-remoteWrite.url={url}",
                                        f"-httpListenAddr=127.0.0.1:{vport}",
                                        f"-notifier.url=http://127.0.0.1:{exporter.server_address[1]}"],
                                       stdout=log, stderr=log)
            procs.append(vmalert)
            wait(f"http://127.0.0.1:{vport}/health")
            pids.append(vmalert.pid)
            counter, metrics_url = "vmalert_iteration_total", f"http://127.0.0.1:{vport}"
            missed = None  # vmalert counts only the evaluations it ran
        time.sleep(WARM)  # every group evaluated at least once, caches warm
        def ran():  # Prometheus counts missed evaluations among its iterations
            return metric_sum(metrics_url, counter) - (metric_sum(metrics_url, missed) if missed else 0)
        c0, t0, i0 = cpu(pids), time.time(), ran()
        split0 = [cpu([pid]) for pid in pids]
        time.sleep(MEASURE)
        c1, t1, i1 = cpu(pids), time.time(), ran()
        split = [round(cpu([pid]) - before, 2) for pid, before in zip(pids, split0)]
        evaluations = i1 - i0
        # A check that the rules read the served series: SLOs with a burn rate over their whole period.
        query = urllib.parse.quote('count by (slo_service, slo_name) (slo:period_burn_rate:ratio >= 0)')
        answer = json.load(urllib.request.urlopen(f"{url}/api/v1/query?query={query}", timeout=60))
        with_data = len(answer["data"]["result"])
        if os.environ.get("SCALE_EVAL_DEBUG"):
            print(sorted((r["metric"]["slo_service"], r["metric"]["slo_name"]) for r in answer["data"]["result"]))
        rule_cpu = (c1 - c0) - idle_per_second * (t1 - t0)
        per_slo_round = rule_cpu / evaluations if evaluations else float("nan")
        print(json.dumps({
            "engine": ENGINE, "mix": MIX, "slos": N, "measured_s": round(t1 - t0),
            "group_evaluations": evaluations, "rounds_per_group": round(evaluations / N, 2),
            "cpu_s": round(c1 - c0, 2), "cpu_s_per_process": split,
            "idle_cpu_s": round(idle_per_second * (t1 - t0), 2),
            "cpu_s_per_1000_slos_per_round": round(per_slo_round * 1000, 2),
            "slos_with_data": with_data, "rules": rule_count, "rules_file_bytes": rule_bytes,
        }))
    except BaseException:
        log_file = os.path.join(work, "engine.log")
        if os.path.exists(log_file):
            sys.stderr.write(open(log_file).read()[-3000:])
        raise
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)


main()
