import Foundation
import Testing

/// The project config (`slo.yaml`) through the binary: plain `slo compile --check` reproduces
/// this repository's `generated/` from any spelling of the spec folder, `slo init` starts a
/// project that compiles, and `--check`'s advice is a command that fixes what it reports.
@Suite struct ProjectConfigTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A copy of the repository's specs, config and committed output, as a user's checkout has them.
    static func repositoryCopy() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for entry in ["slo", "generated", "slo.yaml"] {
            try FileManager.default.copyItem(
                atPath: repository.appendingPathComponent(entry).path,
                toPath: (folder.path as NSString).appendingPathComponent(entry))
        }
        return folder
    }

    @Test func plainCheckReproducesTheCommittedOutput() async throws {
        let copy = try Self.repositoryCopy()
        for arguments in [[], ["slo"], ["./slo/"], [copy.path + "/slo"]] {
            let outcome = try await SLOProcess.run(["compile", "--check"] + arguments, in: copy.path)
            #expect(outcome.status == 0, "slo compile --check \(arguments): \(outcome.stderr)")
            #expect(outcome.stdout.hasPrefix("generated is up to date ("), "\(outcome.stdout)")
        }
        // From a folder below the project the config is still found, and paths stay relative to it.
        let below = try await SLOProcess.run(["compile", "--check"], in: copy.path + "/slo")
        #expect(below.status == 0, "\(below.stderr)")
        #expect(below.stdout.hasPrefix("../generated is up to date ("), "\(below.stdout)")
    }

    @Test func generatedFilesNameSpecsRelativeToTheProject() async throws {
        let copy = try Self.repositoryCopy()
        let outcome = try await SLOProcess.run(
            ["compile", copy.path + "/slo", "-o", copy.path + "/out"], in: copy.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let budget = try String(contentsOfFile: copy.path + "/out/orders-api/BUDGET.md", encoding: .utf8)
        #expect(budget.contains("from `slo/orders-api.yaml`"))
        let grep = try await ChildProcess.run("/bin/grep", ["-rl", copy.path, copy.path + "/out"])
        #expect(grep.status == 1, "no generated file holds the machine's path: \(grep.stdout)")
    }

    @Test func checkAdviceIsTheCommandThatFixesIt() async throws {
        let copy = try Self.repositoryCopy()
        try FileManager.default.removeItem(atPath: copy.path + "/generated/nats/BUDGET.md")
        let arguments = ["compile", "./slo/", "--check", "-o", "generated", "--format", "prometheus-operator"]
        let stale = try await SLOProcess.run(arguments, in: copy.path)
        #expect(stale.status == 1)
        let advice = try #require(
            stale.stderr.firstMatch(of: /run `slo (?<command>[^`]+)` and commit/)?.output.command,
            "\(stale.stderr)")
        #expect(advice == "compile ./slo/ -o generated --format prometheus-operator")
        #expect(try await SLOProcess.run(advice.split(separator: " ").map(String.init), in: copy.path).status == 0)
        #expect(
            try await SLOProcess.run(arguments, in: copy.path).status == 0, "the advice fixed what --check reported")
        // The plain check now fails the other way (the formats differ), with plain advice.
        let plain = try await SLOProcess.run(["compile", "--check"], in: copy.path)
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("run `slo compile` and commit"))
    }

    @Test func initStartsAProjectThatCompiles() async throws {
        let folder = try TemporaryFolder()
        let initialized = try await SLOProcess.run(["init"], in: folder.path)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.hasPrefix("wrote slo.yaml and slo/example.yaml"))
        let validated = try await SLOProcess.run(["validate"], in: folder.path)
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stderr.isEmpty, "the starter files have no warnings: \(validated.stderr)")
        #expect(validated.stdout == "1 file, 2 SLOs: no problems\n")
        let compiled = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let operatorRule = try String(
            contentsOfFile: folder.path + "/generated/example-api/prometheusrule.yml", encoding: .utf8)
        #expect(operatorRule.contains("namespace: monitoring"), "the starter config's formats and metadata apply")
        #expect(try await SLOProcess.run(["compile", "--check"], in: folder.path).status == 0)
        // A second init overwrites nothing.
        let config = try String(contentsOfFile: folder.path + "/slo.yaml", encoding: .utf8)
        try folder.write("slo.yaml", config + "# edited\n")
        let again = try await SLOProcess.run(["init"], in: folder.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("slo.yaml already exists"))
        #expect(try String(contentsOfFile: folder.path + "/slo.yaml", encoding: .utf8).hasSuffix("# edited\n"))
    }

    @Test func configSettingsReachTheOutput() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "slo.yaml",
            """
            version: slo-project/v1
            specs: specs
            output: out
            formats: [prometheus-operator]
            labels: {environment: production}
            runbookBaseURL: https://runbooks.example.com/
            alerting:
              severity: {page: pager, ticket: queue}
            prometheusOperator:
              namespace: observability
              labels: {release: kube-prometheus-stack}

            """)
        try folder.write("specs/orders.yaml", ValidateCommandTests.good)
        let outcome = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let rule = try String(contentsOfFile: folder.path + "/out/orders-api/prometheusrule.yml", encoding: .utf8)
        #expect(rule.contains("namespace: observability"))
        #expect(rule.contains("release: kube-prometheus-stack"))
        #expect(rule.contains("environment: production"))
        #expect(rule.contains("severity: pager"))
        #expect(rule.contains("severity: queue"))
        #expect(rule.contains("runbook_url: https://runbooks.example.com/orders-api"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/orders-api/rules.yml"), "formats apply")
        // Flags win over the config.
        let flagged = try await SLOProcess.run(
            ["compile", "--format", "prometheus", "-o", "elsewhere"], in: folder.path)
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/elsewhere/orders-api/rules.yml"))
        // --no-config ignores it: slo/ is then the default and does not exist here.
        #expect(try await SLOProcess.run(["compile", "--no-config"], in: folder.path).status == 64)
    }

    @Test func configErrorsArePositionedWithFixes() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", ValidateCommandTests.good)
        try folder.write(
            "slo.yaml",
            """
            version: slo-project/v1
            ouput: generated
            namespace: monitoring
            victoriametrics: {}
            formats: [prometheus, promethues-operator]

            """)
        let outcome = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.contains(
                "slo.yaml:2:1: error: unknown key `ouput` in the project config; did you mean `output`? [SLO203]"))
        #expect(
            outcome.stderr.contains(
                "slo.yaml:3:1: error: `namespace` does not belong in the project config; move it under `prometheusOperator` [SLO203]"
            ))
        #expect(
            outcome.stderr.contains(
                "slo.yaml:4:1: error: `victoriametrics` (vmalert settings) is not supported by this version of slo yet; remove the section [SLO209]"
            ))
        #expect(
            outcome.stderr.contains(
                "slo.yaml:5:23: error: unknown format `promethues-operator`; did you mean `prometheus-operator`?"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/generated"), "a broken config writes nothing")
        #expect(try await SLOProcess.run(["compile", "--config", "missing.yaml"], in: folder.path).status == 64)
    }

    @Test func walkingTheProjectSkipsTheConfigAndTheOutput() async throws {
        let copy = try Self.repositoryCopy()
        let outcome = try await SLOProcess.run(["validate", "."], in: copy.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("3 files, "), "only the specs: \(outcome.stdout)")
    }
}
