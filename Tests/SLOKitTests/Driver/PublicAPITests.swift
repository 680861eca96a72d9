import Foundation
import Testing

@testable import SLOKit

/// The public API is what the CLI, the fuzzers and an embedding user call (issue 19): the drivers
/// and what crosses their boundary. Everything else is internal and tests use `@testable`.
///
/// The list below is the API: a new public type fails this test until it is added here on
/// purpose, and the total may not pass 40.
@Suite struct PublicAPITests {
    static let expected: Set<String> = [
        // Drivers and their options and results.
        "Compiler", "Compiler.RuleFormat", "Compiler.Options", "Compiler.Result", "Compiler.Checked",
        "FireTestStats", "OutputFile", "Converter", "Converter.Result", "Converter.FileOutcome", "SpecFrontEnd",
        "ProjectConfig", "InputLimits",
        // The live drivers (`slo report`, `slo doctor`): one options type and one format type for both.
        "LiveOptions", "OutputFormat", "Reporter", "Reporter.Result", "ReportPeriodMode", "Doctor", "Doctor.Result",
        "PrometheusClient", "PrometheusError", "HTTPTransport", "HTTPRequest", "HTTPResponse", "TransportFailure",
        // Files in, diagnostics out.
        "SourceFile", "Diagnostic", "Diagnostic.Severity", "Diagnostic.Note", "Diagnostic.FixIt", "DiagnosticCode",
        "DiagnosticCollector", "DiagnosticRenderer", "SourceLocation",
        // Values the command line parses.
        "DurationValue", "UTCTime",
        // SPI for the fuzzer and the benchmark scripts.
        "FuzzEntryPoints", "FuzzEntryPoints.Target", "PromQLBenchmark",
    ]

    /// A public type declaration: its name (nested as `Outer.Inner`), file and whether a `///`
    /// comment stands right above it.
    struct Declaration: Hashable {
        var name: String
        var file: String
        var documented: Bool
    }

    static func publicTypes() throws -> [Declaration] {
        let root = Fixtures.repository.appendingPathComponent("Sources/SLOKit")
        let pattern =
            /^(?<indent> *)(?:@_spi\(\w+\) )?public (?:final )?(?:struct|enum|class|protocol|actor|typealias) (?<name>\w+)/
        var found: [Declaration] = []
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let lines = try String(contentsOf: url, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            // Open type declarations by indentation, to name nested types `Outer.Inner`.
            var outer: [(indent: Int, name: String)] = []
            let typeLine =
                /^(?<indent> *)(?:@_spi\(\w+\) )?(?:public |internal |private |fileprivate )?(?:final )?(?:struct|enum|class|protocol|actor|extension) (?<name>\w+)/
            for (index, line) in lines.enumerated() {
                if let match = line.firstMatch(of: typeLine) {
                    let indent = match.output.indent.count
                    outer.removeAll { $0.indent >= indent }
                    outer.append((indent, String(match.output.name)))
                }
                guard let match = line.firstMatch(of: pattern) else { continue }
                let indent = match.output.indent.count
                let path = outer.filter { $0.indent < indent }.map(\.name) + [String(match.output.name)]
                let above = index > 0 ? lines[index - 1].trimmingCharacters(in: .whitespaces) : ""
                found.append(
                    Declaration(
                        name: path.joined(separator: "."), file: url.lastPathComponent,
                        documented: above.hasPrefix("///")))
            }
        }
        return found
    }

    @Test func publicTypesAreTheListedOnes() throws {
        let names = Set(try Self.publicTypes().map(\.name))
        #expect(
            names.subtracting(Self.expected).isEmpty, "new public types: \(names.subtracting(Self.expected).sorted())")
        #expect(
            Self.expected.subtracting(names).isEmpty, "no longer public: \(Self.expected.subtracting(names).sorted())")
        // Issue 19's bound. When a new driver needs types, fold before adding: `slo doctor` shares
        // `LiveOptions` and `OutputFormat` with `slo report`, both limits are one `InputLimits`.
        #expect(names.count <= 40)
    }

    @Test func everyPublicTypeHasADocComment() throws {
        let undocumented = try Self.publicTypes().filter { !$0.documented }.map { "\($0.name) (\($0.file))" }
        #expect(undocumented.isEmpty, "public types without a /// comment: \(undocumented)")
    }
}
