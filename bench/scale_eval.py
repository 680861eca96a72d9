#!/usr/bin/env python3
"""Evaluation cost per 1,000 SLOs: Prometheus with the chained rules (`--format prometheus`) and
vmalert + VictoriaMetrics with the flat rules (`--format vmalert`), on this machine.

Usage: python3 bench/scale_eval.py SLO_BIN ENGINE [N=100] [MEASURE_SECONDS=180]
  ENGINE: prometheus | vmalert (one engine per run, so no run holds the build lock for long).

N copies of a 99.9% availability SLO (30-day window, Workbook tiers), each with its own two raw
counters, served live by an exporter in this script and scraped every 15 s; every SLO group is
evaluated every minute (`interval: 1m`). After a warm-up, the CPU seconds of the engine's
processes (Prometheus; VictoriaMetrics + vmalert) over MEASURE_SECONDS are divided by the group
evaluations the engine reports in that time (`prometheus_rule_group_iterations_total`,
`vmalert_iteration_total`), which gives CPU per SLO per round even when the engine falls behind;
scraping alone (the same run's idle phase before the rules load) is subtracted. History is short
(the run itself): the tiled windows read one sample per term whether or not it holds a value,
so their cost does not grow with history (docs/DETECTION.md, Cost).
"""
import http.server, json, os, re, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.request

SLO_BIN, ENGINE = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 100
MEASURE = int(sys.argv[4]) if len(sys.argv) > 4 else 180
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
        for i in range(N):
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
        with open(spec, "w") as out:
            out.write("version: slo/v1\nservice: bench\nslos:\n")
            for i in range(N):
                out.write(
                    f"  - name: avail-{i:04d}\n    objective: 99.9\n    sli:\n"
                    f'      errors: http_requests_total{{service="svc-{i:04d}",code=~"5.."}}\n'
                    f'      total: http_requests_total{{service="svc-{i:04d}"}}\n')
        fmt = "prometheus" if ENGINE == "prometheus" else "vmalert"
        subprocess.run([SLO_BIN, "compile", spec, "-o", os.path.join(work, "out"), "--format", fmt],
                       check=True, stdout=subprocess.DEVNULL)
        rules = os.path.join(work, "out", "bench", "rules.yml" if fmt == "prometheus" else "vmalert.yml")
        exporter = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=exporter.serve_forever, daemon=True).start()
        scrape = (f"scrape_configs:\n- job_name: bench\n  scrape_interval: 15s\n  static_configs:\n"
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
        time.sleep(60)
        idle_per_second = (cpu(pids) - c0) / (time.time() - t0)
        # Rules on.
        if ENGINE == "prometheus":
            open(config, "a").write(f"rule_files: [{rules}]\n")
            urllib.request.urlopen(urllib.request.Request(url + "/-/reload", method="POST"), timeout=120)
            counter, metrics_url = "prometheus_rule_group_iterations_total", url
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
        time.sleep(120)  # every group evaluated at least once, caches warm
        c0, t0, i0 = cpu(pids), time.time(), metric_sum(metrics_url, counter)
        time.sleep(MEASURE)
        c1, t1, i1 = cpu(pids), time.time(), metric_sum(metrics_url, counter)
        evaluations = i1 - i0
        rule_cpu = (c1 - c0) - idle_per_second * (t1 - t0)
        per_slo_round = rule_cpu / evaluations if evaluations else float("nan")
        print(json.dumps({
            "engine": ENGINE, "slos": N, "measured_s": round(t1 - t0), "group_evaluations": evaluations,
            "cpu_s": round(c1 - c0, 2), "idle_cpu_s": round(idle_per_second * (t1 - t0), 2),
            "cpu_s_per_1000_slos_per_round": round(per_slo_round * 1000, 2),
            "rules_file_bytes": os.path.getsize(rules),
        }))
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)


main()
