import Foundation
import Testing

@Suite struct ValidateCommandTests {
    static let good = """
        version: slo/v1
        service: orders-api
        slos:
          - name: availability
            objective: 99.9
            sli:
              errors: http_requests_total{code=~"5.."}
              total: http_requests_total

        """

    @Test func cleanSpecExitsZeroAndPrintsNothing() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.good)
        let outcome = try await SLOProcess.run(["validate"], in: folder.path)
        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty)
        #expect(outcome.stdout.isEmpty)
    }

    @Test func errorsGoToStderrWithSourceLineAndCaret() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.good.replacingOccurrences(of: "objective:", with: "objectve:"))
        let outcome = try await SLOProcess.run(["validate", "slo"], in: folder.path)
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.hasPrefix(
                "slo/orders.yaml:5:5: error: unknown key `objectve` in an SLO; did you mean `objective`? [SLO203]\n        objectve: 99.9\n        ^\n"
            ))
    }

    @Test func jsonDiagnostics() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.yaml", "version: slo/v2\n")
        let outcome = try await SLOProcess.run(["validate", path, "--diagnostics-format", "json"])
        #expect(outcome.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stderr.utf8)) as? [String: Any]
        let first = (json?["diagnostics"] as? [[String: Any]])?.first
        #expect(first?["code"] as? String == "SLO202")
        #expect(first?["line"] as? Int == 1)
        #expect(first?["column"] as? Int == 10)
    }

    @Test func warningsAsErrors() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("crlf.yaml", Self.good.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try await SLOProcess.run(["validate", path]).status == 0)
        let strict = try await SLOProcess.run(["validate", path, "--warnings-as-errors"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: file uses CRLF line ends"))
    }

    @Test func usageErrorsExit64() async throws {
        #expect(try await SLOProcess.run(["validate", "--no-such-flag"]).status == 64)
        #expect(try await SLOProcess.run(["validate", "/no/such/path.yaml"]).status == 64)
    }

    @Test func directoriesAreWalkedForYAMLFilesInOrder() async throws {
        let folder = try TemporaryFolder()
        try folder.write("specs/b/two.yml", "version: slo/v3\n")
        try folder.write("specs/a.yaml", "version: slo/v3\n")
        try folder.write("specs/notes.txt", "not a spec")
        let outcome = try await SLOProcess.run(["validate", "specs"], in: folder.path)
        let files = outcome.stderr.split(separator: "\n").filter { $0.contains(": error:") }.map {
            $0.split(separator: ":")[0]
        }
        #expect(files == ["specs/a.yaml", "specs/b/two.yml"])
    }
}
