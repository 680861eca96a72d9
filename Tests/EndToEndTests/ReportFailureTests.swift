import Foundation
import Testing

/// `slo report` against a fake Prometheus on 127.0.0.1 that stalls, fails, floods or babbles, and
/// against one that wants TLS or credentials: every failure is a clear message and exit 2 without
/// hanging, with nothing written; credentials never show up anywhere.
///
/// Time and memory limits only catch hangs and explosions, with ten times the headroom: a server
/// that never answers is cut off at the 2 s timeout (`bench/hostile.sh`: 2.06 s; the limit is
/// 30 s, since 20 s would be only 9.7 times that; without a total deadline the byte-a-second body
/// would take 80 s, a stall an hour), and memory stays under ten times the `bench/hostile.sh`
/// figure. That attempts share one deadline is `PrometheusClientTests`' job.
@Suite struct ReportFailureTests {
    /// A running fake_prometheus.py; killed when released.
    final class FakePrometheus {
        let process: RunningChild
        let port: Int
        let portFile: String
        var url: String { "\(scheme)://127.0.0.1:\(port)" }
        let scheme: String

        init(_ mode: String, folder: TemporaryFolder, extra: [String] = []) async throws {
            portFile = folder.path + "/fake-\(mode)-\(UUID().uuidString).port"
            scheme = extra.contains("--tls") ? "https" : "http"
            let script = Fixtures.repository.appendingPathComponent(
                "Tests/EndToEndTests/Fixtures/tools/fake_prometheus.py")
            process = try RunningChild(["/usr/bin/python3", script.path, mode, portFile] + extra)
            let deadline = Date().addingTimeInterval(10)
            while !FileManager.default.fileExists(atPath: portFile), Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            port = Int((try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "") ?? 0
            #expect(port > 0, "the fake Prometheus did not start")
        }

        var requests: [String] {
            ((try? String(contentsOfFile: portFile + ".requests", encoding: .utf8)) ?? "").split(separator: "\n")
                .map(String.init)
        }
    }

    static let spec = ReportTests.spec
    static let memoryLimitMB = 1_000.0

    static func report(_ url: String, output: String, _ extra: [String] = [], environment: [String: String] = [:])
        async throws -> SLOProcess.Outcome
    {
        try await SLOProcess.run(
            ["report", "--prometheus", url, spec, "--at", "2026-03-03T00:00:00Z", "-o", output] + extra,
            environment: environment)
    }

    @Test(arguments: [
        ("stall", "did not answer within 2 s"),
        ("slow", "did not answer within 2 s"),
        ("error500", "answered HTTP 500: storage is on fire"),
        ("huge", "larger than the limit of 67108864 bytes"),
        ("garbage", "did not answer with Prometheus API JSON"),
    ])
    func misbehavingServerFailsCleanlyWithinTheTimeout(mode: String, message: String) async throws {
        let folder = try TemporaryFolder()
        let fake = try await FakePrometheus(mode, folder: folder)
        let output = folder.path + "/reports"
        try folder.write("reports/keep.md", "an earlier report\n")
        let run = try await Self.report(fake.url, output: output, ["--timeout", "2s"])
        #expect(run.status == 2, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("no report written"))
        #expect(run.seconds < 30, "took \(run.seconds) s with a 2 s timeout")
        #expect(run.peakMB < Self.memoryLimitMB, "the size limit keeps memory bounded (\(run.peakMB) MB)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["keep.md"])
        #expect(try String(contentsOfFile: output + "/keep.md", encoding: .utf8) == "an earlier report\n")
        if mode == "error500" { #expect(fake.requests.count >= 3, "5xx answers are retried: \(fake.requests.count)") }
        if mode == "garbage" { #expect(fake.requests.count >= 1) }
    }

    /// One query fails at once while the others stall: they are cancelled, not waited out.
    @Test func aFailureCancelsTheOtherQueries() async throws {
        let folder = try TemporaryFolder()
        let fake = try await FakePrometheus("first400", folder: folder)
        let run = try await Self.report(fake.url, output: folder.path + "/reports", ["--timeout", "120s"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("answered HTTP 400: no such function"), "stderr: \(run.stderr)")
        #expect(run.seconds < 30, "the stalled queries were waited out: \(run.seconds) s with a 120 s timeout")
    }

    @Test func nothingListeningFailsWithinTheTimeout() async throws {
        let folder = try TemporaryFolder()
        let port = PrometheusServer.freePort()
        let run = try await Self.report(
            "http://127.0.0.1:\(port)", output: folder.path + "/reports", ["--timeout", "2s"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot reach 127.0.0.1:\(port)"), "stderr: \(run.stderr)")
        #expect(run.seconds < 30, "took \(run.seconds) s with a 2 s timeout")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/reports"))
    }

    @Test func tlsIsVerifiedAndCAFileTrusted() async throws {
        let folder = try TemporaryFolder()
        let cert = folder.path + "/cert.pem"
        let key = folder.path + "/key.pem"
        let openssl = try await ChildProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ])
        try #require(openssl.status == 0, "openssl failed: \(openssl.stderr)")
        let fake = try await FakePrometheus("ok", folder: folder, extra: ["--tls", cert, key])
        let refused = try await Self.report(fake.url, output: folder.path + "/refused", ["--timeout", "5s"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("TLS with 127.0.0.1:\(fake.port) failed"), "stderr: \(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/refused"))
        let trusted = try await Self.report(fake.url, output: folder.path + "/trusted", ["--ca-file", cert])
        #expect(trusted.status == 0, "stderr: \(trusted.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/trusted/checkout.json"))
    }

    /// Mimir/Cortex and VictoriaMetrics cluster: the API behind a path prefix, a tenant header on
    /// every request, and the warning a partial answer carries shown instead of swallowed.
    @Test func tenantHeaderPathPrefixAndPartialResponseWarning() async throws {
        let folder = try TemporaryFolder()
        let fake = try await FakePrometheus("tenant", folder: folder)
        let noTenant = try await Self.report(fake.url + "/prometheus", output: folder.path + "/a")
        #expect(noTenant.status == 2 && noTenant.stderr.contains("answered HTTP 401"), "stderr: \(noTenant.stderr)")
        let badHeader = try await Self.report(fake.url, output: folder.path + "/b", ["--header", "X-Scope-OrgID"])
        #expect(badHeader.status == 64, "stderr: \(badHeader.stderr)")
        let tenant = ["--header", "X-Scope-OrgID: team-a"]
        let run = try await Self.report(fake.url + "/prometheus/", output: folder.path + "/c", tenant)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("SLO911"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("store 10.0.0.7:10901 did not answer"), "stderr: \(run.stderr)")
        #expect(fake.requests.allSatisfy { $0.hasPrefix("/prometheus/api/v1/") }, "\(fake.requests)")
        let strict = try await Self.report(
            fake.url + "/prometheus", output: folder.path + "/d", tenant + ["--warnings-as-errors"])
        #expect(strict.status == 1, "a partial answer fails under --warnings-as-errors: \(strict.stderr)")
    }

    @Test func credentialsComeFromEnvironmentOrFileAndNeverShow() async throws {
        let folder = try TemporaryFolder()
        let token = "tok-\(UUID().uuidString)"
        let fake = try await FakePrometheus("ok", folder: folder, extra: ["--bearer", token])
        let output = folder.path + "/reports"
        let missing = try await Self.report(fake.url, output: output)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("answered HTTP 401: authentication required"), "stderr: \(missing.stderr)")
        let unset = try await Self.report(fake.url, output: output, ["--bearer-token-env", "SLO_TEST_UNSET_TOKEN"])
        #expect(unset.status == 2)
        #expect(unset.stderr.contains("environment variable SLO_TEST_UNSET_TOKEN is not set"))
        let fromEnvironment = try await Self.report(
            fake.url, output: output, ["--bearer-token-env", "SLO_TEST_TOKEN"], environment: ["SLO_TEST_TOKEN": token])
        #expect(fromEnvironment.status == 0, "stderr: \(fromEnvironment.stderr)")
        let tokenFile = try folder.write("token", token + "\n")
        let fromFile = try await Self.report(fake.url, output: output, ["--bearer-token-file", tokenFile])
        #expect(fromFile.status == 0, "stderr: \(fromFile.stderr)")

        let password = "pw-\(UUID().uuidString)"
        let basicFake = try await FakePrometheus("ok", folder: folder, extra: ["--basic", "reporter:\(password)"])
        let basicFile = try folder.write("basic", "reporter:\(password)\n")
        let basic = try await Self.report(basicFake.url, output: output, ["--basic-auth-file", basicFile])
        #expect(basic.status == 0, "stderr: \(basic.stderr)")
        let wrong = try await Self.report(
            basicFake.url, output: output, ["--basic-auth-env", "SLO_TEST_BASIC"],
            environment: ["SLO_TEST_BASIC": "reporter:wrong-\(password)"])
        #expect(wrong.status == 2)

        // Secrets never on the command line, never in a message or a report.
        let inURL = try await Self.report("http://reporter:\(password)@127.0.0.1:\(basicFake.port)", output: output)
        #expect(inURL.status == 64)
        for run in [missing, unset, fromEnvironment, fromFile, basic, wrong] {
            #expect(!run.stdout.contains(token) && !run.stderr.contains(token))
            #expect(!run.stdout.contains(password) && !run.stderr.contains(password))
        }
        #expect(!inURL.stderr.contains(password))
        let cleartext = try await Self.report(
            "http://prom.example:9090", output: output, ["--bearer-token-env", "SLO_TEST_TOKEN"],
            environment: ["SLO_TEST_TOKEN": token])
        #expect(cleartext.status == 64)
        #expect(cleartext.stderr.contains("credentials are only sent over https://"))
        let withQuery = try await Self.report("http://127.0.0.1:\(basicFake.port)/?token=x", output: output)
        #expect(withQuery.status == 64)
        for file in try FileManager.default.contentsOfDirectory(atPath: output) {
            let text = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
            #expect(!text.contains(token) && !text.contains(password), "\(file) holds a credential")
        }
    }
}
