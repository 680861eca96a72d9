import Foundation
import Testing

@testable import SLOKit

/// The README is the reference users read: it must list every code and every generated series.
@Suite struct DocumentationTests {
    static let readme =
        (try? String(contentsOf: Fixtures.repository.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test func everyDiagnosticCodeIsDocumentedWithItsName() {
        for code in DiagnosticCode.allCases where !code.rawValue.hasPrefix("SLO5") {
            #expect(
                Self.readme.contains("| \(code.rawValue) | \(code.name) |"),
                "README lacks \(code.rawValue) \(code.name)")
        }
    }

    @Test func everyGeneratedSeriesIsDocumented() {
        let names = [
            SeriesNames.totalRate, SeriesNames.errorsRate, SeriesNames.objective, SeriesNames.errorBudget,
            SeriesNames.windowSeconds, SeriesNames.currentBurnRate, SeriesNames.periodBurnRate,
            SeriesNames.budgetRemaining,
        ]
        for name in names { #expect(Self.readme.contains("`\(name)`"), "README lacks \(name)") }
        #expect(Self.readme.contains("`slo:sli_error:ratio_rate<W>`"))
    }

    @Test func codesAreUniqueAndNamesReadable() {
        #expect(Set(DiagnosticCode.allCases.map(\.rawValue)).count == DiagnosticCode.allCases.count)
        #expect(DiagnosticCode.invalidUTF8.name == "invalid-utf8")
        #expect(DiagnosticCode.slaStricterThanSLO.name == "sla-stricter-than-slo")
    }
}
