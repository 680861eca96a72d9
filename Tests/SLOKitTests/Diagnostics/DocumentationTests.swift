import Foundation
import Testing

@testable import SLOKit

/// The README is the reference users read: it must list every code and every generated series.
@Suite struct DocumentationTests {
    static let readme =
        (try? String(contentsOf: Fixtures.repository.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test func everyDiagnosticCodeIsDocumentedWithItsName() {
        for code in DiagnosticCode.allCases {
            #expect(
                Self.readme.contains("| \(code.rawValue) | \(code.name) |"),
                "README lacks \(code.rawValue) \(code.name)")
        }
    }

    /// The other direction: every row of the README's code table is a code the tool has, under
    /// its own name, so the table cannot keep a code that was renamed or never existed.
    @Test func everyDocumentedCodeExists() {
        let rows = Self.readme.split(separator: "\n").filter {
            $0.hasPrefix("| SLO") && $0.dropFirst(5).first?.isNumber == true
        }
        #expect(rows.count == DiagnosticCode.allCases.count)
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let code = DiagnosticCode(rawValue: cells[0])
            #expect(code != nil, "README documents \(cells[0]), which no diagnostic has")
            if let code { #expect(cells[1] == code.name, "README names \(cells[0]) `\(cells[1])`, not `\(code.name)`") }
        }
    }

    /// Every code the README documents is one the tool emits: each case is used somewhere in the
    /// sources besides its declaration (no reserved codes, no exemptions).
    @Test func everyCodeIsInUse() throws {
        var sources = ""
        for folder in ["Sources/SLOKit", "Sources/slo"] {
            let root = Fixtures.repository.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                guard url.pathExtension == "swift", url.lastPathComponent != "DiagnosticCode.swift" else { continue }
                sources += try String(contentsOf: url, encoding: .utf8)
            }
        }
        for code in DiagnosticCode.allCases {
            #expect(sources.contains(".\(code)"), "\(code.rawValue) (\(code)) is documented but never emitted")
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

/// README excerpts of the project's own specs and outputs must match the files they quote.
@Suite struct ReadmeExcerptTests {
    @Test func excerptsAreVerbatimCopies() throws {
        let lines = DocumentationTests.readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var checked = 0
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("<!-- excerpt: "), line.hasSuffix(" -->") else {
                index += 1
                continue
            }
            let path = String(line.dropFirst("<!-- excerpt: ".count).dropLast(" -->".count))
            let file = try String(contentsOf: Fixtures.repository.appendingPathComponent(path), encoding: .utf8)
            var body: [String] = []
            index += 2  // the opening fence
            while index < lines.count, !lines[index].hasPrefix("```") {
                body.append(lines[index])
                index += 1
            }
            #expect(file.contains(body.joined(separator: "\n")), "README excerpt of \(path) is stale; copy it again")
            checked += 1
        }
        #expect(checked >= 5)
    }
}
