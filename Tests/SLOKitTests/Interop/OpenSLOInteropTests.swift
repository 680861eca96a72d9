import Foundation
import Testing

@testable import SLOKit

/// OpenSLO's own examples and schema fixtures (`../shared/anchors/openslo`), and v1 specs that
/// compile (promtool checks their rules in IntegrationTests' `InteropPromtoolTests`).
@Suite struct OpenSLOInteropTests {
    static func errors(_ paths: [String]) throws -> [Diagnostic] {
        SpecFrontEnd().check(try paths.map { try Fixtures.anchor($0) }).diagnostics.filter { $0.severity == .error }
    }

    @Test(.needsAnchors) func everyV1ExampleLoadsTogether() throws {
        let errors = try Self.errors(Fixtures.anchorFiles(in: "openslo/v1-examples"))
        #expect(errors.isEmpty, "\(errors.map { "\($0.location): \($0.message)" })")
    }

    @Test(.needsAnchors) func everyV1AlphaExampleLoads() throws {
        let errors = try Self.errors(Fixtures.anchorFiles(in: "openslo/v1alpha-examples"))
        #expect(errors.isEmpty, "\(errors.map { "\($0.location): \($0.message)" })")
    }

    /// Fixtures whose names say "missing" or "malformed" are invalid, the rest valid. Each file is a
    /// schema test on its own, so references to objects defined elsewhere (SLO403) do not count.
    /// One is mislabelled: `sli-description-ratio-inline-metricsource.yaml` has both `good` and `bad`
    /// although its own comment says exactly one must be given (as `sli-ratio-good-and-bad.yaml` tests).
    static let invalidMarkers = [
        "no-condition", "no-sev", "no-target", "malformed", "no-cond", "no-notification", "good-and-bad",
        "invalid-apiversion",
    ]
    static let mislabelled: Set<String> = ["openslo/schema-test-v1/sli/sli-description-ratio-inline-metricsource.yaml"]

    static var schemaFixtures: [String] {
        ["openslo/schema-test-v1"]
            + ["alert-condition", "alert-notification-target", "alert-policy", "data-source", "service", "sli", "slo"]
            .map { "openslo/schema-test-v1/\($0)" }
    }

    @Test(.needsAnchors) func schemaFixturesGetTheVerdictTheirNamesImply() throws {
        let paths = Self.schemaFixtures.flatMap { Fixtures.anchorFiles(in: $0) }
        #expect(paths.count == 42)
        for path in paths {
            let name = String(path.split(separator: "/").last!)
            let invalid = Self.invalidMarkers.contains { name.contains($0) } != Self.mislabelled.contains(path)
            let errors = try Self.errors([path]).filter { $0.code != .unknownReference }
            #expect(errors.isEmpty != invalid, "\(path): \(errors.map(\.message))")
        }
    }

    @Test func referencesResolveAcrossFilesAndCompile() throws {
        let sources = [
            SourceFile(path: "slos.yaml", bytes: Array(OpenSLOV1Example.service.utf8)),
            SourceFile(path: "shared.yaml", bytes: Array(OpenSLOV1Example.shared.utf8)),
        ]
        var options = Compiler.Options()
        options.formats = [.prometheus]
        let result = Compiler(options: options).compile(sources)
        #expect(!result.hasErrors, "\(result.diagnostics.map { "\($0.location): \($0.message)" })")
        let rules = try #require(result.files.first { $0.path == "checkout/rules.yml" }).contents
        #expect(rules.contains(#"sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m]))"#))
        #expect(rules.contains("slo:sli_error:ratio_rate28d"))
        #expect(rules.contains("notification_target: oncall"))
        #expect(rules.contains("histogram_quantile(0.99"))
    }

    @Test func queriesAreCheckedInTheSLIsFile() throws {
        let broken = OpenSLOV1Example.shared.replacingOccurrences(
            of: "'http_requests_total{job=\"checkout\"}'", with: "'http_requests_total{job=}'")
        let sources = [
            SourceFile(path: "slos.yaml", bytes: Array(OpenSLOV1Example.service.utf8)),
            SourceFile(path: "shared.yaml", bytes: Array(broken.utf8)),
        ]
        let errors = SpecFrontEnd().check(sources).diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.promqlSyntax])
        #expect(errors.first?.location.file == "shared.yaml")
        #expect(errors.first?.location.line == 8)
    }

    @Test func aMissingReferenceIsReportedAtTheReference() throws {
        let source = SourceFile(path: "slos.yaml", bytes: Array(OpenSLOV1Example.service.utf8))
        let diagnostics = SpecFrontEnd().check([source]).diagnostics.filter { $0.code == .unknownReference }
        #expect(diagnostics.map(\.location.line) == [10, 14])
        #expect(diagnostics.first?.location.column == 19)
        #expect(diagnostics.first?.message.contains("no SLI named `checkout-errors`") == true)
    }
}
