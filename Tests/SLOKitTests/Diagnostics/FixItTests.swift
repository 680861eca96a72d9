import Foundation
import Testing

@testable import SLOKit

/// Every suggested fix, applied literally: a diagnostic that suggests a replacement carries it as
/// a fix-it (a range and the text), and this harness writes that text into the file, checks the
/// file again and requires the diagnostic to be gone. One case (at least) per code in
/// `DiagnosticCode.withFixIts`; the invalid fixtures are run through the same harness.
@Suite struct FixItTests {
    /// A file with one mistake. `clean` says the fixed file has no diagnostic at all; otherwise
    /// only the fixed diagnostic must be gone (a fix may uncover the next mistake).
    struct Case: CustomStringConvertible, Sendable {
        var code: DiagnosticCode
        var name: String
        var files: [(String, String)]
        var replacement: String
        var clean = true

        var description: String { "\(code.rawValue) \(name)" }
    }

    static let slo = """
        version: slo/v1
        service: orders-api
        slos:
          - name: availability
            objective: OBJECTIVE
            sli:
              errors: ERRORS
              total: http_requests_total{job="api"}

        """

    static func spec(objective: String = "99.9", errors: String = #"http_requests_total{job="api",code=~"5.."}"#)
        -> String
    {
        slo.replacingOccurrences(of: "OBJECTIVE", with: objective).replacingOccurrences(of: "ERRORS", with: errors)
    }

    /// A spec whose `errors` is the PromQL template `errors` (and `total` a template too).
    static func template(_ errors: String) -> String {
        spec(errors: errors).replacingOccurrences(
            of: #"total: http_requests_total{job="api"}"#,
            with: #"total: 'sum(rate(http_requests_total{job="api"}[{{.window}}]))'"#)
    }

    static let latency = """
        version: slo/v1
        service: orders-api
        slos:
          - name: latency
            objective: 99
            sli:
              latency: {metric: http_request_duration_seconds, selector: '{job="api"}', threshold: 400}

        """

    static let openSLO = """
        apiVersion: openslo/v1
        kind: KIND
        metadata: {name: availability}
        spec:
          service: checkout
          indicatorRef: REF
          timeWindow: [{duration: 4w, isRolling: true}]
          budgetingMethod: Occurrences
          objectives: [{target: 0.999}]
        ---
        apiVersion: openslo/v1
        kind: SLI
        metadata: {name: checkout-errors}
        spec:
          ratioMetric:
            counter: true
            bad: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{job="checkout",code=~"5.."}'}}}
            total: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{job="checkout"}'}}}

        """

    static func openSLO(kind: String = "SLO", ref: String = "checkout-errors") -> String {
        openSLO.replacingOccurrences(of: "KIND", with: kind).replacingOccurrences(of: "REF", with: ref)
    }

    static let cases: [Case] = [
        // The spec traps of issue 15.
        Case(
            code: .objectiveAsFraction, name: "objective 0.999", files: [("a.yaml", spec(objective: "0.999"))],
            replacement: "99.9"),
        Case(
            code: .wrongType, name: "objective \"99.95%\"", files: [("a.yaml", spec(objective: #""99.95%""#))],
            replacement: "99.95"),
        Case(
            code: .wrongType, name: "objective 99.95% unquoted", files: [("a.yaml", spec(objective: "99.95%"))],
            replacement: "99.95"),
        Case(
            code: .wrongType, name: "objective '99.9' quoted", files: [("a.yaml", spec(objective: "'99.9'"))],
            replacement: "99.9"),
        Case(code: .thresholdWithoutUnit, name: "threshold: 400", files: [("a.yaml", latency)], replacement: "400ms"),
        Case(
            code: .thresholdWithoutUnit, name: "threshold: 2",
            files: [("a.yaml", latency.replacingOccurrences(of: "threshold: 400", with: "threshold: 2"))],
            replacement: "2s"),
        // Did-you-mean and e.g. suggestions.
        Case(
            code: .unknownKey, name: "misspelt key",
            files: [("a.yaml", spec().replacingOccurrences(of: "objective:", with: "objectiv:"))],
            replacement: "objective"),
        Case(
            code: .unknownVersion, name: "slo/v2",
            files: [("a.yaml", spec().replacingOccurrences(of: "slo/v1", with: "slo/v2"))], replacement: "slo/v1"),
        Case(
            code: .invalidName, name: "service name with spaces",
            files: [("a.yaml", spec().replacingOccurrences(of: "orders-api", with: "Orders API"))],
            replacement: "orders-api"),
        Case(
            code: .invalidName, name: "a name that reads as null",
            files: [("a.yaml", spec().replacingOccurrences(of: "orders-api", with: "NULL!"))],
            replacement: #""null""#),
        Case(
            code: .invalidLabelName, name: "label with a hyphen",
            files: [("a.yaml", spec().replacingOccurrences(of: "slos:", with: "labels: {team-name: orders}\nslos:"))],
            replacement: "team_name"),
        Case(
            code: .invalidAlertName, name: "alert name with spaces",
            files: [
                (
                    "a.yaml",
                    spec().replacingOccurrences(
                        of: "    sli:", with: "    alerting: {name: orders budget-burn}\n    sli:")
                )
            ],
            replacement: "OrdersBudgetBurn"),
        Case(
            code: .slaUnknownSLO, name: "SLA names a misspelt SLO",
            files: [
                (
                    "a.yaml",
                    spec()
                        + """
                        sla:
                          title: Orders
                          commitments: [{slo: availabilty, objective: 99.5}]
                          credits: [{below: 99.5, credit: 10%}]
                          exclusions: [Maintenance.]

                        """
                )
            ],
            replacement: "availability"),
        Case(
            code: .promqlSyntax, name: "misspelt function",
            files: [("a.yaml", template(#"sum(ratte(http_requests_total{job="api",code=~"5.."}[{{.window}}]))"#))],
            replacement: "rate"),
        Case(
            code: .promqlSyntax, name: "! for !=",
            files: [("a.yaml", template(#"sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}])) !0"#))],
            replacement: "!="),
        Case(
            code: .promqlSyntax, name: "trailing comma",
            files: [
                (
                    "a.yaml",
                    template(#"clamp_min(sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}])), 0,)"#)
                )
            ],
            replacement: ""),
        Case(
            code: .unsupportedKind, name: "OpenSLO kind in the wrong case",
            files: [("o.yaml", openSLO(kind: "Slo"))], replacement: "SLO"),
        Case(
            code: .unknownReference, name: "OpenSLO reference misspelt",
            files: [("o.yaml", openSLO(ref: "checkout-error"))], replacement: "checkout-errors"),
        Case(
            code: .invalidPercentage, name: "the config's report.minCoverage as a fraction",
            files: [("slo.yaml", "version: slo-project/v1\nreport:\n  minCoverage: 0.95\n")], replacement: "95"),
    ]

    /// The specs' diagnostics, or the project config's for a lone `slo.yaml`.
    static func check(_ files: [SourceFile]) -> [Diagnostic] {
        guard files.count == 1, files[0].path == ProjectConfig.fileName else {
            return SpecFrontEnd().check(files).diagnostics
        }
        let collector = DiagnosticCollector()
        _ = ProjectConfig.decode(files[0], diagnostics: collector)
        return collector.sorted
    }

    /// Applies the first fix-it of `code` and returns the fixed files with their diagnostics.
    static func applyFix(
        of code: DiagnosticCode, in files: [SourceFile], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> (fixIt: Diagnostic.FixIt, before: [Diagnostic], after: [Diagnostic], files: [SourceFile]) {
        let before = check(files)
        let diagnostic = try #require(
            before.first { $0.code == code && $0.fixIt != nil },
            "no \(code.rawValue) with a fix-it among \(before.map { "\($0.code.rawValue) \($0.message)" })",
            sourceLocation: sourceLocation)
        let fixIt = diagnostic.fixIt!
        var fixed = files
        let index = try #require(fixed.firstIndex { $0.path == fixIt.start.file }, sourceLocation: sourceLocation)
        fixed[index] = try #require(
            fixed[index].applying(fixIt), "the fix-it's range is not in the file", sourceLocation: sourceLocation)
        return (fixIt, before, check(fixed), fixed)
    }

    @Test(arguments: cases)
    func applyingTheFixRemovesTheDiagnostic(_ example: Case) throws {
        let files = example.files.map { SourceFile(path: $0.0, text: $0.1) }
        let (fixIt, before, after, fixed) = try Self.applyFix(of: example.code, in: files)
        #expect(fixIt.replacement == example.replacement)
        let code = example.code
        let remaining = after.filter { $0.code == code }.count
        let found = before.filter { $0.code == code }.count
        let messages: [String] = after.map { "\($0.code.rawValue) \($0.message)" }
        #expect(remaining < found, "\(code.rawValue) is still there after the fix: \(messages)")
        if example.clean {
            let text = String(decoding: fixed[0].bytes, as: UTF8.self)
            #expect(after.isEmpty, "the fixed file still has \(messages):\n\(text)")
        }
    }

    /// Every code that may carry a fix-it has a case here, so none ships without its test.
    @Test func everyCodeWithFixItsHasACase() {
        let covered = Set(Self.cases.map { $0.code })
        #expect(
            DiagnosticCode.withFixIts.subtracting(covered).isEmpty, "\(DiagnosticCode.withFixIts.subtracting(covered))")
    }

    /// The invalid fixtures too: whatever fix-it their diagnostic carries makes it go away.
    @Test func fixItsOfTheInvalidFixturesWork() throws {
        var applied = 0
        for path in Fixtures.files(in: "invalid") {
            let file = try Fixtures.source(path)
            let before = Self.check([file])
            for diagnostic in before {
                guard let fixIt = diagnostic.fixIt, let fixed = file.applying(fixIt) else { continue }
                let after = Self.check([fixed])
                #expect(
                    !after.contains { $0.code == diagnostic.code && $0.location == diagnostic.location },
                    "\(path): \(diagnostic.code.rawValue) survives its fix `\(fixIt.replacement)`")
                applied += 1
            }
        }
        #expect(applied >= 10, "only \(applied) fixtures have fix-its")
    }

    /// The three traps of issue 15, end to end: each fixed file validates with nothing to say.
    @Test func theTrapsValidateOnceFixed() throws {
        for (text, code) in [
            (Self.spec(objective: "0.999"), DiagnosticCode.objectiveAsFraction),
            (Self.spec(objective: #""99.95%""#), .wrongType), (Self.latency, .thresholdWithoutUnit),
        ] {
            let (_, before, after, _) = try Self.applyFix(of: code, in: [SourceFile(path: "a.yaml", text: text)])
            #expect(before.count == 1)
            let messages: [String] = after.map { $0.message }
            #expect(after.isEmpty, "\(messages)")
        }
        let fraction = Self.check([SourceFile(path: "a.yaml", text: Self.spec(objective: "0.999"))])
        #expect(fraction.first?.message.contains("write 99.9 for 99.9%") == true, "\(fraction.map { $0.message })")
        #expect(fraction.first?.severity == .error)
        let threshold = Self.check([SourceFile(path: "a.yaml", text: Self.latency)])
        #expect(threshold.first?.severity == .warning)
        #expect(
            threshold.first?.message.contains("`400ms`") == true && threshold.first?.message.contains("`0.4`") == true)
        // An objective of 1 has no percentage to suggest below 100: an error without a fix-it.
        let one = Self.check([SourceFile(path: "a.yaml", text: Self.spec(objective: "1"))])
        #expect(one.map { $0.code } == [.objectiveAsFraction] && one.first?.fixIt == nil)
        // Decimals are seconds as written: no warning.
        let decimal = Self.latency.replacingOccurrences(of: "threshold: 400", with: "threshold: 0.4")
        #expect(Self.check([SourceFile(path: "a.yaml", text: decimal)]).isEmpty)
    }

    /// JSON diagnostics carry the fix-it for tools.
    @Test func jsonShowsTheFixIt() {
        let file = SourceFile(path: "a.yaml", text: Self.spec(objective: "0.999"))
        let json = DiagnosticRenderer(sources: [file]).json(Self.check([file]))
        #expect(json.contains(#""fixIt""#) && json.contains(#""replacement": "99.9""#), "\(json)")
        #expect(json.contains(#""endLine": 5"#) && json.contains(#""endColumn": 21"#), "\(json)")
    }
}
