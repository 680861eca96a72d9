import Foundation
import Testing

@testable import SLOKit

/// `slo convert` output compiles to byte-identical rules: rule files name the service, not the
/// spec file they came from.
@Suite struct ConvertTests {
    static func rules(_ sources: [SourceFile]) -> [String: String] {
        var options = Compiler.Options()
        options.formats = [.prometheus]
        let result = Compiler(options: options).compile(sources)
        var rules: [String: String] = [:]
        for file in result.files where file.path.hasSuffix("/rules.yml") {
            rules[file.path] = file.contents
        }
        return rules
    }

    static func check(_ sources: [SourceFile]) {
        let converted = Converter().convert(sources)
        #expect(!converted.hasErrors, "\(converted.diagnostics.map(\.message))")
        let native = converted.files.map { SourceFile(path: "converted/\($0.path)", bytes: Array($0.contents.utf8)) }
        let reread = SpecFrontEnd().check(native)
        #expect(reread.diagnostics.isEmpty, "\(reread.diagnostics.map { "\($0.location): \($0.message)" })")
        let original = rules(sources)
        #expect(rules(native) == original)
        #expect(original.count == converted.files.count)
    }

    static var inputs: [String] {
        SlothInteropTests.pairs.map(\.input) + Fixtures.anchorFiles(in: "sloth/validate/good")
    }

    @Test(.needsAnchors, arguments: inputs)
    func slothSpecConvertsToTheSameRules(_ path: String) throws {
        Self.check([try Fixtures.anchor(path)])
    }

    @Test(.needsAnchors, arguments: ["openslo/v1-examples", "openslo/v1alpha-examples"])
    func openSLOExamplesConvertToTheSameRules(_ folder: String) throws {
        Self.check(try Fixtures.anchorFiles(in: folder).map { try Fixtures.anchor($0) })
    }

    @Test func openSLOV1SpecConvertsToTheSameRules() throws {
        let sources = [
            SourceFile(path: "slos.yaml", bytes: Array(OpenSLOV1Example.service.utf8)),
            SourceFile(path: "shared.yaml", bytes: Array(OpenSLOV1Example.shared.utf8)),
        ]
        Self.check(sources)
        let text = try #require(Converter().convert(sources).files.first).contents
        #expect(text.contains("# Not carried over: OpenSLO alert conditions"))
        #expect(text.contains("window: month"))
    }

    @Test(.needsAnchors) func unsupportedPartsBecomeComments() throws {
        let converted = Converter().convert(
            try Fixtures.anchorFiles(in: "openslo/v1alpha-examples").map {
                try Fixtures.anchor($0)
            })
        #expect(converted.files.isEmpty)
        let result = Converter().convert([try Fixtures.anchor("sloth/validate/good/good-aa.yaml")])
        let text = try #require(result.files.first).contents
        #expect(text.contains("# Not carried over (line 21): unknown key `pageAlert`"))
    }
}
