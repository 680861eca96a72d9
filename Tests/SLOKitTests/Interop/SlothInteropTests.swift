import Foundation
import Testing

@testable import SLOKit

/// Sloth's own inputs compile and alert on the same windows and thresholds as the rules Sloth
/// generated for them (`../shared/anchors/sloth`); IntegrationTests' `InteropPromtoolTests` runs
/// promtool on what they compile to.
@Suite struct SlothInteropTests {
    /// Each Sloth input and the rules Sloth generated from it with default options.
    static let pairs: [(input: String, expected: String)] = [
        ("sloth/testdata/in-base.yaml", "sloth/testdata/out-base.yaml.tpl"),
        ("sloth/testdata/in-base-k8s.yaml", "sloth/testdata/out-base-k8s.yaml.tpl"),
        ("sloth/testdata/in-multifile.yaml", "sloth/testdata/out-multifile.yaml.tpl"),
        ("sloth/testdata/in-openslo.yaml", "sloth/testdata/out-openslo.yaml.tpl"),
        ("sloth/examples/getting-started.yml", "sloth/examples/_gen/getting-started.yml"),
        ("sloth/examples/k8s-getting-started.yml", "sloth/examples/_gen/k8s-getting-started.yml"),
        ("sloth/examples/no-alerts.yml", "sloth/examples/_gen/no-alerts.yml"),
        ("sloth/examples/openslo-getting-started.yml", "sloth/examples/_gen/openslo-getting-started.yml"),
    ]

    static func compile(_ path: String) throws -> Compiler.Result {
        var options = Compiler.Options()
        options.formats = [.prometheus]
        return Compiler(options: options).compile([try Fixtures.anchor(path)])
    }

    @Test(.needsAnchors) func everySlothInputIsCovered() {
        let inputs = Set(
            (Fixtures.anchorFiles(in: "sloth/testdata") + Fixtures.anchorFiles(in: "sloth/examples"))
                .filter { !$0.hasSuffix(".tpl") && !$0.contains("/out-") })
        #expect(inputs == Set(Self.pairs.map(\.input) + ["sloth/testdata/in-invalid-version.yaml"]))
    }

    @Test(.needsAnchors, arguments: pairs.map(\.input))
    func compilesWithoutErrorsOrWarnings(_ input: String) throws {
        let result = try Self.compile(input)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.location): \($0.message)" })")
        #expect(result.files.contains { $0.path.hasSuffix("/rules.yml") })
    }

    /// Every page and ticket alert uses the same (window, factor × budget) conditions as Sloth's,
    /// parsed as numbers from both files.
    @Test(.needsAnchors, arguments: pairs.map(\.input))
    func alertTiersMatchSloth(_ input: String) throws {
        let pair = try #require(Self.pairs.first { $0.input == input })
        let expectedText = String(
            decoding: try Data(contentsOf: Fixtures.anchors.appendingPathComponent(pair.expected)), as: UTF8.self)
        let expected = BurnConditions.parse(expectedText)
        var ours = BurnConditions()
        for file in try Self.compile(pair.input).files where file.path.hasSuffix("/rules.yml") {
            ours.merge(BurnConditions.parse(file.contents))
        }
        #expect(ours.tiers.keys.sorted() == expected.tiers.keys.sorted())
        for (key, conditions) in expected.tiers {
            let mine = ours.tiers[key] ?? []
            #expect(mine.count == conditions.count, "\(key)")
            for (a, b) in zip(mine.sorted(), conditions.sorted()) {
                #expect(a.window == b.window, "\(key)")
                #expect(abs(a.threshold - b.threshold) <= 1e-9 * b.threshold, "\(key): \(a) vs \(b)")
            }
        }
        // Sloth writes no burn-rate alerts for disabled tiers and for OpenSLO v1alpha (no alerting there).
        let quiet = pair.input.hasSuffix("no-alerts.yml") || pair.input.contains("openslo")
        #expect(expected.tiers.isEmpty == quiet)
    }

    @Test(.needsAnchors) func invalidVersionIsRejectedAtTheVersion() throws {
        let result = try Self.compile("sloth/testdata/in-invalid-version.yaml")
        #expect(result.diagnostics.map(\.code) == [.unknownVersion])
        #expect(result.diagnostics.first?.location.line == 1)
    }

    /// Sloth's own verdicts, except one stale fixture: `bad-openslo.yaml` is bad only for its 28-day
    /// window, which Sloth 0.16 rejected and which is valid here (and in newer Sloth, which ships a
    /// 28-day window catalog, `windows/google-28d.yaml`).
    static let stale: Set<String> = ["sloth/validate/bad/bad-openslo.yaml"]

    @Test(.needsAnchors, arguments: Fixtures.anchorFiles(in: "sloth/validate/good"))
    func goodSpecIsAccepted(_ path: String) throws {
        let result = SpecFrontEnd().check([try Fixtures.anchor(path)])
        #expect(!result.hasErrors, "\(result.diagnostics.map { "\($0.location): \($0.message)" })")
    }

    @Test(.needsAnchors, arguments: Fixtures.anchorFiles(in: "sloth/validate/bad"))
    func badSpecIsRejected(_ path: String) throws {
        let result = SpecFrontEnd().check([try Fixtures.anchor(path)])
        #expect(result.hasErrors == !Self.stale.contains(path))
    }

    /// Sloth specs share the native decoder's SLO list: past the limit is an error, never a
    /// silent cut (they once kept the first SLOs and dropped the rest without a word).
    @Test func tooManySLOsIsAnError() throws {
        let slo = """
              - name: s{{n}}
                objective: 99.9
                sli: {events: {error_query: 'sum(rate(e[{{.window}}]))', total_query: 'sum(rate(t[{{.window}}]))'}}
            """
        let text =
            "version: prometheus/v1\nservice: svc\nslos:\n"
            + (1...3).map { slo.replacingOccurrences(of: "{{n}}", with: "\($0)") }.joined(separator: "\n") + "\n"
        var frontEnd = SpecFrontEnd()
        frontEnd.limits.maxSLOsPerService = 2
        let result = frontEnd.check([SourceFile(path: "sloth.yaml", text: text)])
        #expect(result.diagnostics.contains { $0.code == .tooManyItems }, "\(result.diagnostics)")
    }

    @Test(.needsAnchors, arguments: ["k8s", "openslo", "prom"])
    func duplicateSLOsAcrossFilesAreRejected(_ folder: String) throws {
        let files = try Fixtures.anchorFiles(in: "sloth/validate/validate_with_duplicates/\(folder)").map {
            try Fixtures.anchor($0)
        }
        let result = SpecFrontEnd().check(files)
        #expect(result.hasErrors)
    }

    @Test(.needsAnchors) func duplicateServicesInOneFileAreRejected() throws {
        let path = "sloth/validate/validate_with_duplicates/bad-prom-multi-duplicates.yaml"
        #expect(SpecFrontEnd().check([try Fixtures.anchor(path)]).hasErrors)
    }

    @Test func pluginsAreAClearError() {
        let source = SourceFile(
            path: "plugin.yaml",
            bytes: Array(
                """
                version: prometheus/v1
                service: svc
                slos:
                  - name: avail
                    objective: 99
                    sli:
                      plugin:
                        id: sloth-common/availability
                """.utf8))
        let diagnostics = SpecFrontEnd().check([source]).diagnostics
        #expect(diagnostics.map(\.code) == [.unsupportedPlugin])
        #expect(diagnostics.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (7, 7))
    }

    @Test(.needsAnchors) func aPrometheusServiceLevelAlsoGetsAPrometheusRuleWithItsMetadata() throws {
        let result = Compiler().compile([try Fixtures.anchor("sloth/examples/k8s-getting-started.yml")])
        #expect(
            result.files.map(\.path).sorted() == [
                "ALERTS.md", "index.md", "myservice/BUDGET.md", "myservice/prometheusrule.yml",
                "myservice/rules.test.yml", "myservice/rules.yml",
            ])
        let rule = try #require(result.files.first { $0.path.hasSuffix("prometheusrule.yml") }).contents
        #expect(rule.contains("  name: sloth-slo-my-service\n  namespace: monitoring\n"))
        let plain = Compiler().compile([try Fixtures.anchor("sloth/examples/getting-started.yml")])
        #expect(!plain.files.contains { $0.path.hasSuffix("prometheusrule.yml") })
    }

    @Test(.needsAnchors) func windowOptionSetsTheSlothWindow() throws {
        var options = Compiler.Options()
        options.frontEnd.defaults.window = .days(28)
        let result = Compiler(options: options).compile([try Fixtures.anchor("sloth/examples/getting-started.yml")])
        let rules = try #require(result.files.first { $0.path.hasSuffix("/rules.yml") }).contents
        #expect(rules.contains("(13.44 * 0.001)"))
        #expect(rules.contains("slo:sli_error:ratio_rate28d"))
    }
}

/// Burn-rate alert conditions in a rules file, by service, SLO and severity: `(window, threshold)`.
struct BurnConditions {
    struct Condition: Comparable, CustomStringConvertible {
        var window: String
        var threshold: Double

        static func < (a: Condition, b: Condition) -> Bool { (a.window, a.threshold) < (b.window, b.threshold) }
        var description: String { "\(window) > \(threshold)" }
    }

    var tiers: [String: [Condition]] = [:]

    mutating func merge(_ other: BurnConditions) { tiers.merge(other.tiers) { $0 + $1 } }

    /// Reads `slo:sli_error:ratio_rate<W>{…} > (F * B)` in each `alert:` of Sloth's or our format.
    static func parse(_ text: String) -> BurnConditions {
        var result = BurnConditions()
        let blocks = text.components(separatedBy: "alert: ").dropFirst()
        let condition = /ratio_rate(\w+)\{([^}]*)\} > \(([0-9.e+-]+) \* ([0-9.e+-]+)\)/
        let severity = /(?:sloth|slo)_severity: (\w+)/
        for block in blocks {
            let body = block.components(separatedBy: "record: ").first ?? block
            guard let tier = body.firstMatch(of: severity)?.1, tier == "page" || tier == "ticket" else { continue }
            for match in body.matches(of: condition) {
                let labels = String(match.2)
                let service = labels.firstMatch(of: /(?:sloth_service|slo_service)="([^"]+)"/)?.1 ?? "?"
                let slo = labels.firstMatch(of: /(?:sloth_slo|slo_name)="([^"]+)"/)?.1 ?? "?"
                guard let factor = Double(match.3), let budget = Double(match.4) else { continue }
                result.tiers["\(service)/\(slo)/\(tier)", default: []].append(
                    Condition(window: String(match.1), threshold: factor * budget))
            }
        }
        return result
    }
}
