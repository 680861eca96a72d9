import Foundation
import Testing

@_spi(Fuzzing) @testable import SLOKit

/// Every input the fuzzers (`scripts/fuzz.sh`) ever failed on, kept under `Fixtures/fuzz/TARGET/`,
/// runs through the same entry point and must now pass its checks; the fuzzers also start from them.
@Suite struct FuzzRegressionTests {
    static let findings: [String] = FuzzEntryPoints.Target.allCases.flatMap { target in
        let folder = Fixtures.root.appendingPathComponent("fuzz/\(target.rawValue)").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { "\(target.rawValue)/\($0)" }
    }

    @Test(arguments: findings) func findingPasses(_ finding: String) throws {
        let target = try #require(FuzzEntryPoints.Target(rawValue: String(finding.prefix { $0 != "/" })))
        let bytes = [UInt8](try Data(contentsOf: Fixtures.root.appendingPathComponent("fuzz/\(finding)")))
        #expect(FuzzEntryPoints.run(target, bytes) == nil)
    }

    /// libyaml counts a lone CR, NEL, U+2028 and U+2029 as line breaks (YAML 1.1); the line a
    /// diagnostic names must be the one the renderer quotes.
    @Test(arguments: ["\r", "\u{85}", "\u{2028}", "\u{2029}", "\r\n"])
    func lineBreaksCountLikeLibYAML(_ lineBreak: String) throws {
        let text = ["version: slo/v1", "service: Orders", "slos: []", ""].joined(separator: lineBreak)
        let file = SourceFile(path: "spec.yaml", text: text)
        let result = SpecFrontEnd().check([file])
        let invalid = try #require(result.diagnostics.first { $0.code == .invalidName })
        #expect(invalid.location.line == 2 && invalid.location.column == 10)
        #expect(file.line(2) == "service: Orders")
        #expect(DiagnosticRenderer(sources: [file]).text([invalid]).contains("    service: Orders\n"))
    }

    /// libyaml reports an error at the end of a file without a final line break on a line after
    /// the file; it is moved to the end of the last line, which can be quoted.
    @Test func errorAtTheEndOfAFileWithoutLineBreak() throws {
        let file = SourceFile(path: "spec.yaml", text: "version: slo/v1\nlabels: [a, b")
        let result = SpecFrontEnd().check([file])
        let syntax = try #require(result.diagnostics.first { $0.code == .yamlSyntax })
        #expect(syntax.location.line <= 2)
        for note in syntax.notes { #expect(note.location.map { $0.line <= 2 } ?? true) }
        #expect(file.line(syntax.location.line) != nil)
    }

    /// A PromQL error at the end of a literal block value (which ends in a line break) points at
    /// the end of its last line, not past it.
    @Test func promQLErrorAtTheEndOfABlockScalarStaysOnItsLine() throws {
        let text = """
            version: slo/v1
            service: search
            slos:
              - name: errors
                objective: 98
                sli:
                  errorRatio: |
                    sum(rate(failed_total[{{.window}}])) / sum(rate(total[{{.window}}])

            """
        let file = SourceFile(path: "spec.yaml", text: text)
        let syntax = try #require(SpecFrontEnd().check([file]).diagnostics.first { $0.code == .promqlSyntax })
        let line = try #require(file.line(syntax.location.line))
        #expect(syntax.location.line == 8 && syntax.location.column == line.unicodeScalars.count + 1)
    }
}
