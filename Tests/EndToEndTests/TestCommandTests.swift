import Foundation
import Testing

/// `slo test`: compile to a temporary folder, then the real promtool checks the rules and runs
/// the fire-tests of every service.
@Suite struct TestCommandTests {
    static let spec = """
        version: slo/v1
        service: tiny
        window: 7d
        slos:
          - name: availability
            objective: 99.5
            sli:
              errors: http_requests_total{job="tiny",code=~"5.."}
              total: http_requests_total{job="tiny"}
        """

    @Test func passesWithTheRealPromtool() async throws {
        _ = try PrometheusServer.tool("promtool")
        let folder = try TemporaryFolder()
        let spec = try folder.write("slo/tiny.yaml", Self.spec)
        let run = try await SLOProcess.run(["test", spec], in: folder.path)
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stdout.contains("ok      tiny ("))
        #expect(run.stdout.hasSuffix("1 of 1 services passed (1 SLOs)\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["slo"], "nothing left behind")
    }

    @Test func reportsFailuresWithPromtoolsOutput() async throws {
        let folder = try TemporaryFolder()
        let spec = try folder.write("tiny.yaml", Self.spec)
        // A promtool whose rule tests fail, to see how failures are told.
        let fake = try folder.write(
            "promtool", "#!/bin/sh\nif [ \"$1\" = test ]; then echo 'FAILED: alertname: X, time: 1h'; exit 1; fi\n")
        chmod(fake, 0o755)
        // A child another test forks at the moment the script is written inherits its open file,
        // and exec then fails with "Text file busy" until that child execs: wait it out.
        var run = try await SLOProcess.run(["test", spec, "--promtool", fake])
        for _ in 0..<10 where run.stdout.contains("Text file busy") {
            try await Task.sleep(for: .milliseconds(200))
            run = try await SLOProcess.run(["test", spec, "--promtool", fake])
        }
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAILED  tiny ("))
        #expect(run.stdout.contains("  FAILED: alertname: X, time: 1h"))
        #expect(run.stdout.contains("0 of 1 services passed"))
    }

    @Test func missingPromtoolIsExitTwo() async throws {
        let folder = try TemporaryFolder()
        let spec = try folder.write("tiny.yaml", Self.spec)
        let run = try await SLOProcess.run(["test", spec, "--promtool", folder.path + "/none"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("promtool not found at"))
    }
}
