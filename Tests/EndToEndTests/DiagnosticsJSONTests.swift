import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--diagnostics-format json` covers every error the CLI can print: each exit path of each
/// command leaves exactly one JSON document on stderr, holding the error with its code, and the
/// exit code the text mode has.
@Suite struct DiagnosticsJSONTests {
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

    /// stderr as one JSON document; the codes of its diagnostics (empty when stderr is not JSON).
    static func codes(_ outcome: SLOProcess.Outcome) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(outcome.stderr.utf8)) as? [String: Any],
            object["version"] as? Int == 1, let items = object["diagnostics"] as? [[String: Any]]
        else { return [] }
        return items.compactMap { $0["code"] as? String }
    }

    /// Runs `slo` with JSON diagnostics and checks the exit code and the one error expected.
    @discardableResult
    static func expectJSON(
        _ arguments: [String], in folder: TemporaryFolder, status: Int32, code: String,
        environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any]? {
        let outcome = try await SLOProcess.run(
            arguments + ["--diagnostics-format", "json"], in: folder.path, environment: environment)
        #expect(outcome.status == status, "stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(
            codes(outcome) == [code], "stderr is not one JSON document with \(code): \(outcome.stderr)",
            sourceLocation: sourceLocation)
        let object = try? JSONSerialization.jsonObject(with: Data(outcome.stderr.utf8)) as? [String: Any]
        return (object?["diagnostics"] as? [[String: Any]])?.first
    }

    @Test func aCleanRunPrintsAnEmptyList() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec)
        let outcome = try await SLOProcess.run(["validate", "--diagnostics-format", "json"], in: folder.path)
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "{\n  \"version\": 1,\n  \"diagnostics\": []\n}\n")
    }

    @Test func specErrorsExitOne() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec.replacingOccurrences(of: "99.5", with: "100"))
        let first = try await Self.expectJSON(["validate"], in: folder, status: 1, code: "SLO301")
        #expect(first?["line"] as? Int == 6)
    }

    @Test func missingInputIsAUsageError() async throws {
        let folder = try TemporaryFolder()
        let first = try await Self.expectJSON(["validate", "nowhere.yaml"], in: folder, status: 64, code: "SLO901")
        #expect(first?["file"] as? String == "nowhere.yaml")
        #expect(first?["line"] == nil, "a whole-file diagnostic has no line")
    }

    @Test func aFolderWithoutSpecsIsAUsageError() async throws {
        let folder = try TemporaryFolder()
        try folder.write("empty/README.md", "no specs here\n")
        try await Self.expectJSON(["compile", "empty"], in: folder, status: 64, code: "SLO902")
    }

    @Test func anUnreadableInputIsAUsageError() async throws {
        // A Unix socket exists but cannot be opened as a file (even by root).
        let folder = try TemporaryFolder()
        let socketPath = folder.path + "/spec.yaml"
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in socketPath.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "cannot create a socket at \(socketPath)")
        try await Self.expectJSON(["validate", socketPath], in: folder, status: 64, code: "SLO117")
    }

    @Test func anOutputFolderThatCannotBeWrittenExitsOne() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec)
        try folder.write("taken", "a file where the output folder belongs\n")
        try await Self.expectJSON(["compile", "-o", "taken"], in: folder, status: 1, code: "SLO903")
        try await Self.expectJSON(["convert", "-o", "taken"], in: folder, status: 1, code: "SLO903")
    }

    @Test func staleOutputUnderCheckExitsOneWithEachFileAsANote() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec)
        let first = try await Self.expectJSON(["compile", "--check"], in: folder, status: 1, code: "SLO904")
        let notes = (first?["notes"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
        #expect(notes.contains("new:     tiny/rules.yml"), "\(notes)")
    }

    @Test func aFailingPrometheusExitsTwo() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec)
        // Nothing listens on port 1 of the loopback: the connection is refused at once.
        let first = try await Self.expectJSON(
            ["report", "--prometheus", "http://127.0.0.1:1", "--retries", "0", "--timeout", "5s", "-o", "out"],
            in: folder, status: 2, code: "SLO905")
        #expect(first?["file"] == nil, "a failed query is no file's problem")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test func aMissingCredentialExitsTwo() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec)
        try await Self.expectJSON(
            ["report", "--prometheus", "http://127.0.0.1:1", "--bearer-token-env", "SLO_TEST_NO_SUCH_VARIABLE"],
            in: folder, status: 2, code: "SLO906")
    }

    @Test func aMissingPromtoolExitsTwo() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec)
        try await Self.expectJSON(["test", "--promtool", folder.path + "/none"], in: folder, status: 2, code: "SLO907")
    }

    @Test func failedFireTestsExitOne() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec)
        let fake = try folder.write("promtool", "#!/bin/sh\necho 'FAILED: alertname: X'\nexit 1\n")
        chmod(fake, 0o755)
        try await Self.expectJSON(["test", "--promtool", fake], in: folder, status: 1, code: "SLO908")
    }

    @Test func usageErrorsExitSixtyFour() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/tiny.yaml", Self.spec)
        // Rejected while parsing, and rejected by a command's validate().
        try await Self.expectJSON(["validate", "--no-such-flag"], in: folder, status: 64, code: "SLO909")
        try await Self.expectJSON(["validate", "--window", "2x"], in: folder, status: 64, code: "SLO909")
        try await Self.expectJSON(
            ["report", "--prometheus", "ftp://127.0.0.1:1"], in: folder, status: 64, code: "SLO909")
    }

    @Test func textModeKeepsArgumentParsersUsageMessage() async throws {
        let outcome = try await SLOProcess.run(["validate", "--no-such-flag"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.hasPrefix("Error: Unknown option '--no-such-flag'"), "\(outcome.stderr)")
    }
}
