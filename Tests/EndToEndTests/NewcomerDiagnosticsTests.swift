import Foundation
import Testing

/// The rough edges a first user hits, through the binary: an empty file, a key in the wrong place,
/// warnings only compile used to give, a mistyped command, the summary line, colour.
@Suite struct NewcomerDiagnosticsTests {
    @Test func anEmptyFileIsSLO102NotAnUnreadableInput() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/empty.yaml", "")
        for command in ["validate", "compile"] {
            let outcome = try await SLOProcess.run([command], in: folder.path)
            #expect(outcome.status == 1, "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix("slo/empty.yaml:1:1: error: file is empty"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("[SLO102]"))
            #expect(!outcome.stderr.contains("cannot read"))
        }
    }

    @Test func aKnownKeyInTheWrongPlaceSaysWhereItBelongs() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "slo/orders.yaml",
            """
            version: slo/v1
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                groupBy: [region]
                sli:
                  errors: http_requests_total{code=~"5.."}
                  total: http_requests_total
                  page: {disabled: true}

            """)
        let outcome = try await SLOProcess.run(["validate"], in: folder.path)
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.contains(
                "slo/orders.yaml:6:5: error: `groupBy` does not belong in an SLO; move it under `sli` [SLO203]"),
            "\(outcome.stderr)")
        #expect(
            outcome.stderr.contains(
                "slo/orders.yaml:10:7: error: `page` does not belong in `sli`; move it under `alerting` [SLO203]"))
        // Applying the fix literally makes both go away.
        try folder.write(
            "slo/orders.yaml",
            """
            version: slo/v1
            service: orders-api
            slos:
              - name: availability
                objective: 99.9
                sli:
                  groupBy: [region]
                  errors: http_requests_total{code=~"5.."}
                  total: http_requests_total
                alerting:
                  page: {disabled: true}

            """)
        let fixed = try await SLOProcess.run(["validate"], in: folder.path)
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test func validateReportsWhatCompileWouldIncludingWindowWarnings() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "slo/short.yaml",
            """
            version: slo/v1
            service: batch
            window: 2h
            slos:
              - name: runs
                objective: 99
                sli:
                  errors: job_failures_total
                  total: job_runs_total

            """)
        let validated = try await SLOProcess.run(["validate"], in: folder.path)
        let compiled = try await SLOProcess.run(["compile", "--check"], in: folder.path)
        #expect(validated.status == 0)
        #expect(validated.stderr.contains("warning:") && validated.stderr.contains("[SLO701]"), "\(validated.stderr)")
        let warnings = { (text: String) in text.split(separator: "\n").filter { $0.contains(": warning:") } }
        #expect(warnings(validated.stderr) == warnings(compiled.stderr), "the same warnings as compile")
        #expect(validated.stdout.hasPrefix("1 file, 1 SLO: "))
        #expect(validated.stdout.hasSuffix(" warnings\n") || validated.stdout.hasSuffix(" warning\n"))
        #expect(try await SLOProcess.run(["validate", "--warnings-as-errors"], in: folder.path).status == 1)
    }

    @Test func validateEndsWithASummaryLine() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/a.yaml", ValidateCommandTests.good)
        try folder.write("slo/b.yaml", ValidateCommandTests.good.replacingOccurrences(of: "orders-api", with: "b-api"))
        let clean = try await SLOProcess.run(["validate"], in: folder.path)
        #expect(clean.stdout == "2 files, 2 SLOs: no problems\n")
        try folder.write("slo/c.yaml", "version: slo/v1\nservice: c\nslos: []\n")
        try folder.write("slo/d.yaml", ValidateCommandTests.good.replacingOccurrences(of: "\n", with: "\r\n"))
        let problems = try await SLOProcess.run(["validate"], in: folder.path)
        #expect(problems.status == 1)
        #expect(problems.stdout.hasPrefix("4 files, "))
        #expect(problems.stdout.hasSuffix(": 2 errors, 1 warning\n"), "\(problems.stdout) \(problems.stderr)")
    }

    @Test func aMistypedCommandGetsADidYouMean() async throws {
        let outcome = try await SLOProcess.run(["compil"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.hasPrefix("error: unknown command `compil`; did you mean `compile`?"))
        let json = try await SLOProcess.run(["valdate", "--diagnostics-format", "json"])
        #expect(json.status == 64)
        #expect(json.stderr.contains("\"code\": \"SLO909\""), "\(json.stderr)")
        #expect(json.stderr.contains("did you mean `validate`?"))
        let unrelated = try await SLOProcess.run(["frobnicate"])
        #expect(unrelated.status == 64)
        #expect(unrelated.stderr.contains("the commands are `init`, `validate`, `compile`"))
    }

    @Test func colourOnlyWhereAsked() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "slo/orders.yaml", ValidateCommandTests.good.replacingOccurrences(of: "objective", with: "objectiv"))
        let escape = "\u{1B}["
        // Test pipes are no terminal: auto means plain text.
        let piped = try await SLOProcess.run(["validate"], in: folder.path)
        #expect(piped.status == 1)
        #expect(!piped.stderr.contains(escape))
        let forced = try await SLOProcess.run(["validate", "--color", "always"], in: folder.path)
        #expect(forced.stderr.contains("\(escape)1;31merror:\(escape)0m"), "\(forced.stderr)")
        #expect(forced.stderr.contains("\(escape)1;32m^\(escape)0m"))
        #expect(try await SLOProcess.run(["validate", "--color", "never"], in: folder.path).stderr == piped.stderr)
        #expect(try await SLOProcess.run(["validate", "--color", "sometimes"], in: folder.path).status == 64)
        // On a terminal (a pseudo-terminal from util-linux `script`) auto colours, unless NO_COLOR is set.
        let terminal = "cd \"$0\" && exec \"$1\" validate 2>&1"
        let tty = try await ChildProcess.run(
            "/usr/bin/env",
            [
                "-u", "NO_COLOR", "TERM=xterm", "/usr/bin/script", "-qec",
                "sh -c '\(terminal)' \(folder.path) \(SLOProcess.executable)", "/dev/null",
            ], combineOutput: true)
        #expect(tty.stdout.contains("\(escape)1;31merror:"), "\(tty.stdout)")
        let noColor = try await ChildProcess.run(
            "/usr/bin/env",
            [
                "NO_COLOR=1", "TERM=xterm", "/usr/bin/script", "-qec",
                "sh -c '\(terminal)' \(folder.path) \(SLOProcess.executable)",
                "/dev/null",
            ], combineOutput: true)
        #expect(noColor.stdout.contains("error: unknown key"), "\(noColor.stdout)")
        #expect(!noColor.stdout.contains(escape))
    }

    @Test func shellCompletionScriptsKnowTheCommands() async throws {
        for shell in ["bash", "zsh", "fish"] {
            let outcome = try await SLOProcess.run(["--generate-completion-script", shell])
            #expect(outcome.status == 0, "\(shell): \(outcome.stderr)")
            for command in ["init", "validate", "compile", "report", "convert"] {
                #expect(outcome.stdout.contains(command), "\(shell) completion lacks \(command)")
            }
        }
    }
}
