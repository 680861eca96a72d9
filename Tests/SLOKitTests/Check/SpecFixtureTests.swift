import Foundation
import Testing

@testable import SLOKit

/// One mistake per invalid spec, pinned by its first line: `# expect: SLO203 6:5`
/// (and optionally `# warnings: SLO603,SLO604`). Valid specs must produce no diagnostic at all.
@Suite struct SpecFixtureTests {
    struct Expectation {
        var error: String
        var warnings: [String]
    }

    static func expectation(in file: SourceFile) -> Expectation? {
        var text = String(decoding: file.bytes.prefix(400), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(whereSeparator: \.isNewline)
        guard let first = lines.first, first.hasPrefix("# expect: ") else { return nil }
        let parts = first.dropFirst("# expect: ".count).split(separator: " ")
        guard parts.count == 2 else { return nil }
        var warnings: [String] = []
        if lines.count > 1, lines[1].hasPrefix("# warnings: ") {
            warnings = lines[1].dropFirst("# warnings: ".count).split(separator: ",").map {
                String($0.trimmingCharacters(in: .whitespaces))
            }
        }
        return Expectation(error: "\(parts[0])@\(parts[1])", warnings: warnings)
    }

    @Test func thereAreEnoughFixtures() {
        #expect(Fixtures.files(in: "invalid").count >= 40)
        #expect(Fixtures.files(in: "valid").count >= 10)
    }

    @Test(arguments: Fixtures.files(in: "invalid"))
    func invalidSpecGetsExactlyItsDiagnostic(path: String) throws {
        let file = try Fixtures.source(path)
        let expected = try #require(Self.expectation(in: file), "\(path) has no `# expect: CODE line:column` header")
        let diagnostics = SpecFrontEnd().check([file]).diagnostics
        #expect(diagnostics.errors.summary == [expected.error], "\(diagnostics.map(\.message))")
        #expect(diagnostics.filter { $0.severity == .warning }.map(\.code.rawValue) == expected.warnings)
    }

    @Test(arguments: Fixtures.files(in: "valid"))
    func validSpecHasNoDiagnostics(path: String) throws {
        let diagnostics = SpecFrontEnd().check([try Fixtures.source(path)]).diagnostics
        #expect(
            diagnostics.isEmpty,
            "\(diagnostics.map { "\($0.code.rawValue)@\($0.location.line):\($0.location.column) \($0.message)" })")
    }

    @Test func everyDiagnosticMessageSaysWhatToWrite() throws {
        for path in Fixtures.files(in: "invalid") {
            for diagnostic in SpecFrontEnd().check([try Fixtures.source(path)]).diagnostics {
                #expect(diagnostic.message.count > 20, "\(path): terse message `\(diagnostic.message)`")
            }
        }
    }
}
