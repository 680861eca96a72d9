// tier: integration
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A monitoring stack on 127.0.0.1 for `slo doctor` and the fire drill: an exporter the test
/// controls (a Python script whose counters grow with time at a rate and error share read from a
/// control file), Prometheus scraping it every second with rule files evaluated every second, and
/// optionally a real Alertmanager. Servers mostly wait, so the stack costs little CPU.
final class LiveStack {
    let folder: URL
    let exporterPort = PrometheusServer.freePort()
    let prometheusPort = PrometheusServer.freePort()
    let alertmanagerPort = PrometheusServer.freePort()
    private var processes: [Process] = []

    var prometheusURL: String { "http://127.0.0.1:\(prometheusPort)" }
    var alertmanagerURL: String { "http://127.0.0.1:\(alertmanagerPort)" }

    /// The exporter: `control.json` holds {"metric": base name, "errorShare": 0…1, "buckets": [le…],
    /// "rate": requests a second per method, "stall": seconds}. Counters grow by what each interval
    /// since the last scrape served at the current rate and error share (so an outage adds errors
    /// from its start on, and no counter ever goes down); 99.5% of requests are faster than every
    /// finite bucket. `POST /read` is a remote-read endpoint that answers after `stall` seconds (0:
    /// at once; it gives up early when `stall` is lowered), so that rules selecting
    /// `{drill="stall"}` evaluate slowly while nothing else does.
    static let exporter = #"""
        import http.server, json, sys, time, os
        control = sys.argv[2]
        state = {"last": time.time(), "ok": 0.0, "err": 0.0}
        def read():
            with open(control) as f: return json.load(f)
        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a): pass
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                begun = time.time()
                while time.time() - begun < read().get("stall", 0): time.sleep(0.2)
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
            def do_GET(self):
                c = read()
                now = time.time()
                served = c.get("rate", 100.0) * (now - state["last"])
                state["last"] = now
                state["err"] += served * c["errorShare"]
                state["ok"] += served * (1 - c["errorShare"])
                m = c["metric"]
                out = ["# TYPE %s histogram" % m]
                for method in ["GET", "POST"]:
                    for code, n in [("200", state["ok"]), ("500", state["err"])]:
                        base = 'service="orders-api",method="%s",handler="/orders",code="%s"' % (method, code)
                        for le in c["buckets"]:
                            out.append('%s_bucket{%s,le="%s"} %f' % (m, base, le, n * (0.995 if le != "+Inf" else 1.0)))
                        out.append('%s_count{%s} %f' % (m, base, n))
                        out.append('%s_sum{%s} %f' % (m, base, n * 0.05))
                body = ("\n".join(out) + "\n").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; version=0.0.4")
                self.end_headers()
                self.wfile.write(body)
        http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
        """#

    init() throws {
        folder = try LiveTools.scratch()
        try setExporter(metric: "http_request_duration_seconds", errorShare: 0)
        try Self.exporter.write(to: folder.appendingPathComponent("exporter.py"), atomically: true, encoding: .utf8)
        try start("/usr/bin/python3", [folder.appendingPathComponent("exporter.py").path, "\(exporterPort)", control])
    }

    deinit {
        // SIGKILL, not terminate(): the test runner blocks SIGTERM on its threads and children
        // started through Foundation inherit that mask, so they would ignore SIGTERM and the wait
        // would never end.
        for process in processes where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private var control: String { folder.appendingPathComponent("control.json").path }

    func setExporter(
        metric: String = "http_request_duration_seconds", errorShare: Double, rate: Double = 100,
        buckets: [String] = ["0.1", "0.25", "0.5", "1", "+Inf"], stall: Double = 0
    ) throws {
        let list = buckets.map { "\"\($0)\"" }.joined(separator: ",")
        let text =
            "{\"metric\": \"\(metric)\", \"errorShare\": \(errorShare), \"rate\": \(rate), \"buckets\": [\(list)], \"stall\": \(stall)}"
        try text.write(toFile: control + ".new", atomically: true, encoding: .utf8)
        _ = rename(control + ".new", control)
    }

    /// Prometheus with `rules` (file contents) loaded; scrape and evaluation every second (rule
    /// groups keep their own `interval`). With `stallingReads`, selectors with `drill="stall"`
    /// also read the exporter's stalling remote-read endpoint.
    func startPrometheus(rules: [String], alerting: Bool, stallingReads: Bool = false) async throws {
        var config = """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            scrape_configs:
            - job_name: exporter
              static_configs: [{targets: ['127.0.0.1:\(exporterPort)']}]
            rule_files:

            """
        for (index, text) in rules.enumerated() {
            try text.write(to: folder.appendingPathComponent("rules-\(index).yml"), atomically: true, encoding: .utf8)
            config += "- rules-\(index).yml\n"
        }
        if alerting {
            config +=
                "alerting:\n  alertmanagers:\n  - static_configs: [{targets: ['127.0.0.1:\(alertmanagerPort)']}]\n"
        }
        if stallingReads {
            config += """
                remote_read:
                - url: http://127.0.0.1:\(exporterPort)/read
                  read_recent: true
                  remote_timeout: 2m
                  required_matchers: {drill: stall}

                """
        }
        try config.write(to: folder.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        try start(
            try PrometheusServer.tool("prometheus"),
            [
                "--config.file=\(folder.path)/prometheus.yml", "--storage.tsdb.path=\(folder.path)/data",
                "--web.listen-address=127.0.0.1:\(prometheusPort)", "--log.level=warn",
            ])
        try await waitReady(prometheusPort)
    }

    /// Rewrites a rule file Prometheus loaded and makes it reload (SIGHUP).
    func replaceRules(_ index: Int, with text: String) throws {
        try text.write(to: folder.appendingPathComponent("rules-\(index).yml"), atomically: true, encoding: .utf8)
        kill(processes[1].processIdentifier, SIGHUP)
    }

    /// Alertmanager with `config`; `reload` swaps the config of the running one (SIGHUP).
    func startAlertmanager(config: String) async throws {
        try config.write(to: folder.appendingPathComponent("alertmanager.yml"), atomically: true, encoding: .utf8)
        try start(
            "/usr/bin/prometheus-alertmanager",
            [
                "--config.file=\(folder.path)/alertmanager.yml", "--storage.path=\(folder.path)/am",
                "--web.listen-address=127.0.0.1:\(alertmanagerPort)", "--cluster.listen-address=",
                "--log.level=warn",
            ])
        try await waitReady(alertmanagerPort)
    }

    func reloadAlertmanager(config: String) throws {
        try config.write(to: folder.appendingPathComponent("alertmanager.yml"), atomically: true, encoding: .utf8)
        kill(processes[2].processIdentifier, SIGHUP)
    }

    private func start(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        processes.append(process)
    }

    /// Polls `/-/ready`, sleeping without holding one of the few threads the tests share.
    private func waitReady(_ port: Int) async throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if PrometheusServer.get(port: port, path: "/-/ready")?.hasPrefix("HTTP/1.1 200") == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("nothing ready on 127.0.0.1:\(port) within 30 s")
        throw CancellationError()
    }

    /// The JSON answer of `path` on a server of the stack, nil when nothing (or no JSON) answers.
    func json(port: Int, path: String) -> Any? {
        guard let response = PrometheusServer.get(port: port, path: path, version: "1.0"),
            let start = response.range(of: "\r\n\r\n")
        else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(response[start.upperBound...].utf8))
    }

    /// The series an instant PromQL query returns now: labels and value.
    func query(_ promql: String) -> [(labels: [String: String], value: Double)] {
        let encoded = promql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let answer = json(port: prometheusPort, path: "/api/v1/query?query=\(encoded)") as? [String: Any]
        let result = (answer?["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        return result.map { series in
            let value = (series["value"] as? [Any])?.last as? String
            return (series["metric"] as? [String: String] ?? [:], value.flatMap(Double.init) ?? .nan)
        }
    }

    /// Waits (sleeping a second between looks) until `done` holds; false after `seconds`.
    func wait(upTo seconds: Double, until done: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !done() {
            if Date() > deadline { return false }
            try await Task.sleep(for: .seconds(1))
        }
        return true
    }

    /// Runs `slo doctor` (every `pause` seconds) until `done` accepts its outcome or `seconds`
    /// pass; the last outcome.
    func doctor(
        _ arguments: [String], within seconds: Double = 30, every pause: Double = 1,
        until done: (LiveTools.Outcome) -> Bool
    ) async throws -> LiveTools.Outcome {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let outcome = try await LiveTools.run(LiveTools.slo, ["doctor", "--prometheus", prometheusURL] + arguments)
            if done(outcome) || Date() > deadline { return outcome }
            try await Task.sleep(for: .seconds(pause))
        }
    }
}
